import { describe, expect, it } from 'vitest';
import { LiveHub } from '../../../server/sessions/live-hub.js';
import type { LiveItem } from '../../../server/sessions/types.js';

const item = (text: string): LiveItem => ({ kind: 'ephemeral', activity: { type: 'typing', text } });

describe('LiveHub', () => {
  it('delivers to one listener, then to several, then to the one left, per conversation', () => {
    const failures: unknown[] = [];
    const hub = new LiveHub((_id, error) => failures.push(error));
    const got: string[] = [];
    const offA = hub.subscribe('c1', (i) => got.push(`a:${i.kind === 'ephemeral' ? i.activity.text : ''}`));
    hub.subscribe('c2', () => got.push('other conversation'));
    hub.publish('c1', item('1'));
    const offB = hub.subscribe('c1', (i) => got.push(`b:${i.kind === 'ephemeral' ? i.activity.text : ''}`));
    expect(hub.count('c1')).toBe(2);
    hub.publish('c1', item('2'));
    offA();
    offA(); // twice is harmless
    expect(hub.count('c1')).toBe(1);
    hub.publish('c1', item('3'));
    offB();
    expect(hub.count('c1')).toBe(0);
    hub.publish('c1', item('4'));
    expect(got).toEqual(['a:1', 'a:2', 'b:2', 'b:3']);
    expect(failures).toEqual([]);
  });

  it("keeps delivering when one listener throws, and lets a listener leave while it is called", () => {
    const failures: unknown[] = [];
    const hub = new LiveHub((_id, error) => failures.push(error));
    const got: string[] = [];
    hub.subscribe('c1', () => {
      throw new Error('broken console');
    });
    const off = hub.subscribe('c1', () => {
      got.push('leaving');
      off();
    });
    hub.subscribe('c1', () => got.push('stays'));
    hub.publish('c1', item('x'));
    hub.publish('c1', item('y'));
    expect(got).toEqual(['leaving', 'stays', 'stays']);
    expect(failures).toHaveLength(2);
    expect(hub.count('c1')).toBe(2);
  });
});
