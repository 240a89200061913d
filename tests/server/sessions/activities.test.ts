import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../server/content/load.js';
import { botMessageActivity, wireJson } from '../../../server/sessions/activities.js';

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
