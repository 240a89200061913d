import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../../server/sessions/turn-queue.js';

/** Session 40: a key's line is kept when it empties and reused; empty lines are removed together. */
describe('TurnQueue lines', () => {
  it('runs a key in order again after its line emptied, and says it is busy only while a job is queued', async () => {
    const queue = new TurnQueue();
    const seen: string[] = [];
    await queue.run('c1', async () => void seen.push('one'));
    expect(queue.isBusy('c1')).toBe(false);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('c1', async () => {
      await held;
      seen.push('two');
    });
    const second = queue.run('c1', async () => void seen.push('three'));
    expect(queue.isBusy('c1')).toBe(true);
    expect(queue.size).toBe(2);
    release();
    await Promise.all([first, second]);
    expect(seen).toEqual(['one', 'two', 'three']);
    expect(queue.isBusy('c1')).toBe(false);
    expect(queue.size).toBe(0);
  });

  it('keeps the order of keys with queued jobs while empty lines of many others are removed', async () => {
    const queue = new TurnQueue();
    const seen: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('busy', async () => {
      await held;
      seen.push('busy first');
    });
    const second = queue.run('busy', async () => void seen.push('busy second'));
    // Enough keys run once and empty to remove empty lines (more than 1,024, and half of all lines) while 'busy' waits.
    const others: Promise<void>[] = [];
    for (let i = 0; i < 3000; i += 1) others.push(queue.run(`k${i}`, async () => void seen.push(`k${i}`)));
    await Promise.all(others);
    expect(queue.isBusy('busy')).toBe(true);
    expect(queue.isBusy('k0')).toBe(false);
    const third = queue.run('busy', async () => void seen.push('busy third'));
    release();
    await Promise.all([first, second, third]);
    expect(seen.slice(-3)).toEqual(['busy first', 'busy second', 'busy third']);
    expect(seen.filter((s) => s.startsWith('k'))).toHaveLength(3000);
    // A removed key starts a new line and still runs one job at a time.
    const order: string[] = [];
    const a = queue.run('k0', async () => {
      await Promise.resolve();
      order.push('k0 a');
    });
    const b = queue.run('k0', async () => void order.push('k0 b'));
    await Promise.all([a, b]);
    expect(order).toEqual(['k0 a', 'k0 b']);
    await queue.idle();
    expect(queue.size).toBe(0);
  });
});
