import { describe, expect, it } from 'vitest';
import { childMessageActivity, toWire, wireJson } from '../../../server/sessions/activities.js';
import type { StoredActivity } from '../../../server/store/types.js';

/**
 * The child's own message comes back to their device as the ack, and to a counsellor's console, as
 * wire JSON written around the words and the id (not by copying the activity and stringifying it).
 * It must be, character for character, what toWire's activity stringifies to, whatever the child typed.
 */

const WORDS = [
  'hi',
  'he said "don\'t tell" \\ and / and \\u0000 as text',
  'I’m scared 😢😢 👨‍👩‍👧‍👦 🇬🇧',
  'line\nbreak\ttab \u2028 \u2029 bell \u0007 escape \u001b',
  'عربي — עברית ‏RTL‎',
  // Refused at the door, but JSON still writes them one way: as escapes.
  'lone \ud83d and \ude00',
  '',
  'x'.repeat(5000),
];
const IDS = ['m1', 'client-1', 'c12-t5', '"quoted"\\id', 'ŵŷ-😢', 'a'.repeat(128)];
const TIMES = [0, 999, -1, Date.UTC(2026, 11, 6, 9, 30, 0, 5), Date.UTC(2026, 11, 6, 9, 30, 0, 123), 8.64e15, -8.64e15, Number.NaN];

describe('the child\'s message on the wire', () => {
  it('is the text toWire gives, for any words, id, seq and commit time', () => {
    let checked = 0;
    for (const [w, words] of WORDS.entries()) {
      for (const [i, id] of IDS.entries()) {
        const activity = childMessageActivity(words, id);
        const time = TIMES[(w + i) % TIMES.length]!;
        for (const seq of [1, 2, 99, 100_000 + w]) {
          const stored: StoredActivity = { conversationId: `conv-${w}`, seq, clientActivityId: id, activity, createdAt: new Date(time) };
          const sent = wireJson({ kind: 'stored', stored });
          expect(sent).toBe(JSON.stringify(toWire(stored)));
          checked++;
        }
      }
    }
    expect(checked).toBe(WORDS.length * IDS.length * 4);
  });

  it('carries the child\'s exact words, their id and the seq, and cannot be changed once made', () => {
    const activity = childMessageActivity('someone keeps messaging me 😢', 'm7');
    const stored: StoredActivity = { conversationId: 'conv-1', seq: 23, clientActivityId: 'm7', activity, createdAt: new Date(Date.UTC(2026, 11, 5, 15, 1, 56)) };
    expect(JSON.parse(wireJson({ kind: 'stored', stored }))).toEqual({
      type: 'message',
      id: 'm7',
      from: { id: 'child', name: '', role: 'user' },
      text: 'someone keeps messaging me 😢',
      channelData: { sender: 'child', clientActivityID: 'm7', seq: 23 },
      timestamp: '2026-12-05T15:01:56.000Z',
    });
    expect(() => Object.assign(activity, { text: 'changed' })).toThrow(TypeError);
    expect(() => Object.assign(activity.channelData as object, { sender: 'bot' })).toThrow(TypeError);
  });
});
