import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffStatusValue, WireActivity } from '../../server/protocol/index.js';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { inject, type ChatClient } from '../helpers/ws-client.js';
import { addAccount, buildConsoleApp, call, openConsole, signIn, type ConsoleTestApp } from './helpers/console-app.js';

let store: Store;
let first: ConsoleTestApp;
const children: ChatClient[] = [];

beforeAll(async () => {
  store = await testStore();
  first = await buildConsoleApp(store);
});
afterAll(async () => {
  for (const c of children) c.close();
  await first.app.close();
  await store.close();
});

const isStatus = (state: string) => (a: WireActivity) =>
  a.type === 'event' && a.name === 'handoff.status' && (a.value as HandoffStatusValue).state === state;

async function childSays(text: string): Promise<{ child: ChatClient; id: string }> {
  const child = await inject(first.app);
  children.push(child);
  const id = ((await child.event('session')).value as { conversationId: string }).conversationId;
  child.say(`r-${children.length}`, text);
  await child.next(isStatus('queued'));
  return { child, id };
}

describe('the queue after a restart', () => {
  it('is rebuilt from the store: a chat a counsellor had returns to the top and its child is told', async () => {
    const sam = await signIn(first.app, await addAccount(store, 'counsellor', 'Sam'));
    const samConsole = await openConsole(first.app, sam);
    await call(first.app, sam, 'PUT', '/console/api/availability', { available: true });
    const live = await childSays('help me now');
    const waiting = await childSays('talk to a person');
    await call(first.app, sam, 'POST', `/console/api/chats/${live.id}/accept`);
    await live.child.next(isStatus('accepted'));

    // A second process starts on the same store while the first is gone without a goodbye
    // (as after kill -9: nothing told the store the counsellor left).
    const second = await buildConsoleApp(store, { clock: first.clock });
    try {
      const ruth = await signIn(second.app, await addAccount(store, 'supervisor', 'Ruth'));
      const items = (await call(second.app, ruth, 'GET', '/console/api/queue')).json<{ items: { conversationId: string; returned: boolean; urgency: string }[] }>().items;
      expect(items.map((i) => [i.conversationId, i.returned, i.urgency])).toEqual([
        [live.id, true, 'immediate'],
        [waiting.id, false, 'normal'],
      ]);
      // The child whose counsellor was lost is told, in the stored conversation.
      const history = await second.app.conversations.history(live.id, 0, 100);
      const states = history.filter((s) => s.activity.name === 'handoff.status').map((s) => (s.activity.value as HandoffStatusValue).state);
      expect(states.lastIndexOf('failed')).toBeGreaterThan(states.lastIndexOf('accepted'));
      expect(states.lastIndexOf('accepted')).toBeGreaterThan(-1);
      // The findings and evidence came back too.
      const view = (await call(second.app, ruth, 'GET', `/console/api/chats/${live.id}`)).json<{ findings: { category: string }[] }>();
      expect(view.findings.map((f) => f.category)).toEqual(['immediate_danger']);
    } finally {
      samConsole.ws.terminate();
      await second.app.close();
    }
  });
});
