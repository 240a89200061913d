import { describe, expect, it } from 'vitest';
import { botMessageActivity, wireJson } from '../../../../server/sessions/activities.js';
import { textFrame, wireFrame } from '../../../../server/routes/chat/frame-writer.js';
import type { StoredLiveItem } from '../../../../server/sessions/types.js';

/**
 * A shared bot line's frame is written with its commit's id, seq and time as bytes (session 33). Whatever the
 * conversation id, seq and time, and in whatever order conversations and times come, the bytes must be the text
 * frame of the line's wire JSON, as the child's device would otherwise have received it.
 */
describe('a shared bot line on the wire', () => {
  const line = botMessageActivity(Object.freeze({ text: 'You did the right thing telling me.', suggestedActions: Object.freeze([]) }), 'test.holes');
  const item = (conversationId: string, seq: number, time: number): StoredLiveItem => ({
    kind: 'stored',
    stored: { conversationId, seq, clientActivityId: null, activity: line, createdAt: new Date(time) },
  });
  const CONVERSATIONS = ['6f1c2d3e-0000-4000-8000-000000000001', 'c-1', 'quote"and\\slash', 'ŵŷ😢', 'lone\ud83d', '', 'c-1'];
  const SEQS = [0, 1, 9, 10, 99, 100, 12_345, 2 ** 53 - 1, -0];
  const TIMES = [0, 999, Date.UTC(2026, 11, 6, 13, 0, 0, 7), Date.UTC(2026, 11, 6, 13, 0, 0, 7), -1, 8.64e15, Number.NaN];

  it('is the text frame of its wire JSON, for any conversation, seq and time', () => {
    let checked = 0;
    for (const [c, conversationId] of CONVERSATIONS.entries()) {
      for (const [s, seq] of SEQS.entries()) {
        const time = TIMES[(c + s) % TIMES.length]!;
        const made = wireFrame(item(conversationId, seq, time));
        const json = wireJson(item(conversationId, seq, time));
        expect(made.equals(textFrame(json))).toBe(true);
        expect(JSON.parse(made.subarray(made[1]! < 126 ? 2 : 4).toString('utf8'))).toMatchObject({ id: `${conversationId}.${seq}`, text: 'You did the right thing telling me.', channelData: { seq: seq + 0 } });
        checked++;
      }
    }
    expect(checked).toBe(CONVERSATIONS.length * SEQS.length);
  });

  it('takes the general path for a seq that is not a whole number, and still sends the same bytes', () => {
    for (const seq of [1.5, -3, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53 + 2, 1e21]) {
      expect(wireFrame(item('c-2', seq, 5)).equals(textFrame(wireJson(item('c-2', seq, 5))))).toBe(true);
    }
  });
});
