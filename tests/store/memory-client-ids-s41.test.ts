import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/store/index.js';
import type { WireActivity } from '../../server/protocol/index.js';

function message(text: string): WireActivity {
  return { type: 'message', text, from: { id: 'child', name: '', role: 'user' } };
}

/**
 * Session 41: the memory store looks the first activity's client id up once (a duplicate returns the original), and
 * its check of the append's other ids no longer asks about that one again. Every other id is still asked about.
 */
describe('memory store client ids (session 41: the first id looked up once)', () => {
  it('still finds a duplicate first id, a stored later id and an id repeated within the append', async () => {
    const store = createMemoryStore();
    const id = 'conversation-1';
    await store.conversations.create({ id, locale: 'en-GB', now: new Date(0) });
    await store.conversations.append(id, [{ clientActivityId: 'a', activity: message('one') }]);

    const again = await store.conversations.append(id, [{ clientActivityId: 'a', activity: message('re-sent') }]);
    expect(again.duplicate).toBe(true);
    expect(again.activities[0]?.activity.text).toBe('one');

    // A new first id, a stored one after it; and a first activity with no id, a stored one after it.
    await expect(
      store.conversations.append(id, [{ clientActivityId: 'b', activity: message('two') }, { clientActivityId: 'a', activity: message('x') }]),
    ).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });
    await expect(store.conversations.append(id, [{ activity: message('two') }, { clientActivityId: 'a', activity: message('x') }])).rejects.toMatchObject({
      code: 'HARBOUR_ERR_STORE_INPUT',
    });
    // The new first id repeated later in the same append.
    await expect(
      store.conversations.append(id, [{ clientActivityId: 'c', activity: message('three') }, { clientActivityId: 'c', activity: message('y') }]),
    ).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });

    // Nothing of the refused appends was written; a new id is taken.
    const next = await store.conversations.append(id, [{ clientActivityId: 'b', activity: message('two') }, { activity: message('reply') }]);
    expect(next.duplicate).toBe(false);
    expect((await store.conversations.after(id, 0)).map((a) => [a.seq, a.clientActivityId, a.activity.text])).toEqual([
      [1, 'a', 'one'],
      [2, 'b', 'two'],
      [3, null, 'reply'],
    ]);
    await store.close();
  });
});
