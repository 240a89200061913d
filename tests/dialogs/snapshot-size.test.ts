import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createHarbourMachine } from '../../dialogs/index.js';
import { realContent } from './harness.js';

/** Replies a child might give, round and round (none ends the conversation or raises a flag). */
const REPLIES = [
  'someone I met in a game keeps messaging me',
  'it was on Roblox',
  'a few weeks now',
  'not sure',
  'a bit worried and confused',
  'I could talk to my big sister',
  'ok that helps',
  'I think that is all for now',
];

describe('the snapshot saved after every turn', () => {
  it('stays the same size over a long conversation (200 turns): nothing in it grows per turn', async () => {
    const { content } = await realContent();
    const actor = createActor(createHarbourMachine(content.dialogDeps), { input: { counsellorOnShift: false } });
    actor.on('*', () => undefined);
    actor.start();
    actor.send({ type: 'user.message', text: 'Young person' });
    const sizes: number[] = [];
    for (let turn = 0; turn < 200; turn += 1) {
      actor.send({ type: 'user.message', text: REPLIES[turn % REPLIES.length] ?? 'ok' });
      expect(actor.getSnapshot().status).toBe('active');
      sizes.push(JSON.stringify(actor.getPersistedSnapshot()).length);
    }
    actor.stop();
    const early = Math.max(...sizes.slice(0, 40));
    const late = Math.max(...sizes.slice(160));
    // The detector's turn counter gains digits; everything else is bounded by design.
    expect(late).toBeLessThanOrEqual(early + 16);
    expect(late).toBeLessThan(4096);
  });
});
