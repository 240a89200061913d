import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../server/routes/chat/frames.js';
import { TurnQueue } from '../../../server/sessions/turn-queue.js';

/** The turn's path made cheaper in session 33: the same frames accepted and refused, the same order of turns. */
describe('the turn path', () => {
  it('takes a child message with only its checked fields, and refuses a bad one naming its id', () => {
    expect(parseFrame(JSON.stringify({ type: 'message', id: 'm1', text: 'hi', from: { id: 'child' }, extra: 1 }))).toEqual({ kind: 'message', type: 'message', id: 'm1', text: 'hi' });
    expect(parseFrame(JSON.stringify({ type: 'message', id: 'm2' }))).toEqual({ kind: 'refused', error: 'invalid', detail: 'A message needs "text".', replyToId: 'm2' });
    expect(parseFrame(JSON.stringify({ type: 'message', text: 'no id' }))).toEqual({ kind: 'refused', error: 'invalid', detail: 'A message needs an "id" chosen by the client.' });
    expect(parseFrame(JSON.stringify({ type: 'message', id: 'x'.repeat(129), text: 'long id' }))).toEqual({ kind: 'refused', error: 'invalid', detail: 'A message id may have at most 128 characters.' });
  });

  it('starts a job on an idle conversation after the caller goes on, and runs each conversation in order', async () => {
    const queue = new TurnQueue();
    const seen: string[] = [];
    const first = queue.run('c1', async () => void seen.push('c1 first'));
    seen.push('caller');
    const second = queue.run('c1', async () => void seen.push('c1 second'));
    const other = queue.run('c2', async () => void seen.push('c2'));
    expect(queue.isBusy('c1')).toBe(true);
    await Promise.all([first, second, other]);
    expect(seen).toEqual(['caller', 'c1 first', 'c2', 'c1 second']);
    await queue.idle();
    expect(queue.isBusy('c1')).toBe(false);
    // A failed job does not stop the next one, and its caller hears the failure.
    const failed = queue.run('c1', async () => { throw new Error('store down'); });
    const after = queue.run('c1', async () => 'ok');
    await expect(failed).rejects.toThrow('store down');
    await expect(after).resolves.toBe('ok');
  });
});
