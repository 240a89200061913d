import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../server/content/load.js';
import { botMessageActivity, childMessageActivity, toWire, wireJson } from '../../../server/sessions/activities.js';
import type { WireActivity } from '../../../server/protocol/index.js';
import type { StoredActivity } from '../../../server/store/types.js';

describe('bot messages', async () => {
  const content = await loadContent('content');

  it('a line without facts is one frozen activity shared by every conversation, and still goes out whole', () => {
    const first = botMessageActivity(content.render('opening.welcome', {}, 'en-GB'), 'opening.welcome');
    const second = botMessageActivity(content.render('opening.welcome', {}, 'en-GB'), 'opening.welcome');
    expect(second).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.channelData)).toBe(true);
    const wire = JSON.parse(
      wireJson({ kind: 'stored', stored: { conversationId: 'c1', seq: 7, clientActivityId: null, activity: first, createdAt: new Date(0) } }),
    ) as Record<string, unknown>;
    expect(wire).toMatchObject({ type: 'message', id: 'c1.7', text: first.text, channelData: { sender: 'bot', key: 'opening.welcome', seq: 7 } });
    // Sending it never changed the shared activity.
    expect(first.channelData).toEqual({ sender: 'bot', key: 'opening.welcome' });
  });

  it('a line with facts is made afresh each time', () => {
    const render = () => content.render('handoff.queued', { position: 2 }, 'en-GB');
    const a = botMessageActivity(render(), 'handoff.queued');
    const b = botMessageActivity(render(), 'handoff.queued');
    expect(a).not.toBe(b);
    expect(a.text).toContain('2');
  });
});

describe('wire JSON', async () => {
  const content = await loadContent('content');
  const stored = (activity: WireActivity, seq: number, createdAt = new Date('2026-03-04T05:06:07.089Z')): StoredActivity => ({
    conversationId: 'conv-1',
    seq,
    clientActivityId: null,
    activity,
    createdAt,
  });
  const sent = (item: StoredActivity): string => wireJson({ kind: 'stored', stored: item });

  it('is, for a shared bot line, the very text of its wire activity, commit after commit', () => {
    const lines = [
      botMessageActivity(content.render('opening.who', {}, 'en-GB', ['qr.who.young-person', 'qr.who.parent']), 'opening.who'),
      botMessageActivity(content.render('opening.welcome', {}, 'cy-GB'), 'opening.welcome'),
    ];
    for (const line of lines) {
      expect(Object.isFrozen(line)).toBe(true);
      const times = [0, 1, 999, 1000, -1, -1001, Date.UTC(2026, 11, 2, 10, 0, 0, 123), Date.UTC(2026, 11, 2, 10, 0, 0, 5), Date.UTC(2026, 11, 2, 10, 0, 1, 50)];
      // Far years (ISO's six-digit form) and an invalid date (null), among ordinary times, in any order.
      const dates = [...times, 8.64e15, -8.64e15, Date.UTC(-50, 0, 1, 0, 0, 0, 7), Number.NaN, ...times.reverse()].map((time) => new Date(time));
      for (const [seq, at] of dates.map((date, index) => [index + 1, date] as const)) {
        const item = stored(line, seq, at);
        expect(sent(item)).toBe(JSON.stringify(toWire(item)));
      }
    }
    const parsed = JSON.parse(sent(stored(lines[0]!, 3))) as WireActivity;
    expect(parsed).toMatchObject({ id: 'conv-1.3', timestamp: '2026-03-04T05:06:07.089Z', channelData: { sender: 'bot', key: 'opening.who', seq: 3 } });
    expect(parsed.suggestedActions?.actions.map((action) => action.title)).toEqual(["I'm a young person", "I'm a parent or carer"]);
  });

  it('is the same text as toWire gives for activities made per turn (the child\'s words, a line with facts)', () => {
    const words = 'he said "don\'t tell" \\ 😢 \u2028';
    const child = stored(childMessageActivity(words, 'client-1'), 5);
    expect(sent(child)).toBe(JSON.stringify(toWire(child)));
    expect((JSON.parse(sent(child)) as WireActivity).text).toBe(words);
    const withFacts = stored(botMessageActivity(content.render('handoff.queued', { position: 2 }, 'en-GB'), 'handoff.queued'), 6);
    expect(sent(withFacts)).toBe(JSON.stringify(toWire(withFacts)));
  });
});
