import { describe, expect, it } from 'vitest';
import { botMessageActivity, wireJson } from '../../../../server/sessions/activities.js';
import { textFrame, wireFrame, type IdPrefix } from '../../../../server/routes/chat/frame-writer.js';
import type { StoredLiveItem } from '../../../../server/sessions/types.js';

/**
 * Each socket keeps its own conversation's id prefix for its bot lines (session 39). A socket that moves to another
 * conversation (a resume, a replacement) and sockets whose turns come one after another must each still send the id
 * of the conversation the line was committed in: a prefix left from another conversation would tell the child's
 * device that the line belongs to a chat it is not in.
 */
describe("a bot line's id, with each socket keeping its conversation's prefix", () => {
  const line = botMessageActivity(Object.freeze({ text: 'Thank you for telling me.', suggestedActions: Object.freeze([]) }), 'test.ids');
  const item = (conversationId: string, seq: number): StoredLiveItem => ({
    kind: 'stored',
    stored: { conversationId, seq, clientActivityId: null, activity: line, createdAt: new Date(Date.UTC(2026, 11, 7, 7, 0, 0, 3)) },
  });
  const idOf = (frame: Buffer): unknown => (JSON.parse(frame.subarray(frame[1]! < 126 ? 2 : 4).toString('utf8')) as { id: unknown }).id;

  it('is the id of the conversation each line was committed in, as sockets and their conversations take turns', () => {
    const first: IdPrefix = { conversationId: null, bytes: Buffer.alloc(0) };
    const second: IdPrefix = { conversationId: null, bytes: Buffer.alloc(0) };
    // [socket, conversation, seq]: the first socket resumes another conversation half-way, then comes back.
    const turns: [IdPrefix, string, number][] = [
      [first, 'a1b2c3d4-0000-4000-8000-000000000001', 2],
      [second, 'a1b2c3d4-0000-4000-8000-000000000002', 2],
      [first, 'a1b2c3d4-0000-4000-8000-000000000001', 4],
      [first, 'ŵŷ"\\', 7],
      [second, 'a1b2c3d4-0000-4000-8000-000000000002', 4],
      [first, 'ŵŷ"\\', 9],
      [first, 'a1b2c3d4-0000-4000-8000-000000000001', 6],
      [second, '', 1],
    ];
    for (const [ids, conversationId, seq] of turns) {
      const made = wireFrame(item(conversationId, seq), ids);
      expect(idOf(made)).toBe(`${conversationId}.${seq}`);
      expect(made.equals(textFrame(wireJson(item(conversationId, seq))))).toBe(true);
    }
  });
});
