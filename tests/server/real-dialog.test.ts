import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionValue, WireActivity } from '../../server/protocol/index.js';
import { startRealHarbour, type RealHarbour } from '../helpers/app.js';
import { connect, type ChatClient } from '../helpers/ws-client.js';

/** The whole vertical with the real statechart and the real content/, over a real socket. */
let harbour: RealHarbour;

beforeAll(async () => {
  harbour = await startRealHarbour();
});
afterAll(async () => {
  await harbour?.close();
});

/** Sends a message and waits until its ack and the bot's whole turn have arrived. */
async function turn(client: ChatClient, id: string, text: string): Promise<WireActivity[]> {
  const from = client.frames.length;
  client.say(id, text);
  const ack = await client.ack(id, from);
  // The turn is committed as one append and delivered together; a ping round trip marks its end.
  const marker = client.frames.length;
  client.send({ type: 'event', name: 'ping', value: id });
  await client.next((a) => a.type === 'event' && a.name === 'pong' && a.value === id, marker);
  return client.frames.slice(client.frames.indexOf(ack) + 1).filter((a) => a.type !== 'event' || (a.name !== 'pong'));
}

describe('the real Harbour dialog over /chat', () => {
  it('opens honestly before any question, then escalates a red flag with only categories on the wire', async () => {
    const client = await connect(harbour.url);
    client.send({ type: 'event', name: 'ping', value: 'start' });
    const session = (await client.event('session')).value as SessionValue;
    const who = await client.bot('opening.who');
    const keys = client.frames.filter((a) => a.type === 'message').map((a) => a.channelData?.key);
    expect(keys.slice(0, 4)).toEqual(['opening.welcome', 'opening.computer-helper', 'opening.counsellor-off-shift', 'opening.privacy']);
    expect(who.suggestedActions?.actions.length).toBeGreaterThan(1);
    expect(who.suggestedActions?.actions.every((a) => a.type === 'imBack')).toBe(true);

    await turn(client, 'r1', 'a young person');
    const flagged = await turn(client, 'r2', 'someone on roblox keeps asking me to send pics of myself');
    const initiate = flagged.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    expect(initiate).toBeDefined();
    const value = initiate?.value as { urgency: string; findings: { category: string }[] };
    expect(Object.keys(value).sort()).toEqual(['findings', 'urgency']);
    expect(value.findings.every((f) => Object.keys(f).length === 1 && typeof f.category === 'string')).toBe(true);
    expect(value.findings.map((f) => f.category)).toContain('sexual');
    const status = flagged.find((a) => a.type === 'event' && a.name === 'handoff.status');
    expect(status?.value).toEqual({ state: 'failed' });
    // Phone numbers stay in the text and are also tap-to-call actions.
    const numbers = flagged.find((a) => a.type === 'message' && a.text?.includes('0800 1111'));
    expect(numbers?.suggestedActions?.actions.some((a) => a.type === 'call' && a.value === 'tel:08001111')).toBe(true);

    // Off shift, the escalation already gave the helplines; the "nobody can come" answer that follows
    // at once does not repeat them.
    const saidKeys = (frames: typeof flagged) => frames.filter((a) => a.type === 'message' && a.channelData?.sender === 'bot').map((a) => a.channelData?.key);
    expect(saidKeys(flagged).filter((k) => k === 'helplines.now.child')).toHaveLength(1);
    expect(saidKeys(flagged)).toContain('handoff.unavailable.none-available');
    expect(saidKeys(flagged)).toContain('report.ceop');

    const danger = await turn(client, 'r3', 'he is outside my house right now and i am scared');
    const raised = danger.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    expect((raised?.value as { urgency: string }).urgency).toBe('immediate');
    expect(danger.some((a) => a.type === 'message' && a.text?.includes('999'))).toBe(true);
    expect(saidKeys(danger).filter((k) => k === 'safety.immediate')).toHaveLength(1);
    expect(saidKeys(danger)[0]).toBe('safety.immediate');

    expect(client.frames.some((a) => a.type === 'typing')).toBe(false);
    // Everything the child saw is in the store, in order, with the child's exact words.
    const stored = await harbour.store.conversations.after(session.conversationId, 0);
    expect(stored.map((s) => s.seq)).toEqual(client.seqs());
    expect(stored.find((s) => s.clientActivityId === 'r2')?.activity.text).toBe('someone on roblox keeps asking me to send pics of myself');
    client.close();
  });

  it('speaks of "your sister" on the wire to someone worried about their sister, in every later message', async () => {
    const client = await connect(harbour.url);
    await client.bot('opening.who');
    const first = await turn(client, 's1', 'im worried about my little sister');
    const texts = (frames: WireActivity[]) => frames.filter((a) => a.type === 'message').map((a) => a.text ?? '');
    expect(texts(first).join(' ')).toMatch(/Thank you for looking out for your sister\./);
    const flagged = await turn(client, 's2', 'a man on roblox keeps asking her to send pics');
    expect(texts(flagged).join(' ')).toMatch(/Your sister should not send them any pictures/);
    expect(texts([...first, ...flagged]).join(' ')).not.toMatch(/your friend/i);
    client.close();
  });
});

describe('a Welsh page', () => {
  it('speaks to a parent as "chi" over /chat, where a message has adult words, and to a young person as "ti"', async () => {
    const welsh = await startRealHarbour({ LOCALE: 'cy-GB' });
    try {
      const texts = async (who: string, story: string): Promise<string> => {
        const client = await connect(welsh.url);
        await client.bot('opening.who');
        await turn(client, 'w1', who);
        const said = await turn(client, 'w2', story);
        client.close();
        return said.filter((a) => a.type === 'message').map((a) => a.text ?? '').join(' ');
      };
      const parent = await texts('Rhiant neu ofalwr ydw i', 'mae dyn wedi gofyn i fy mab am luniau noeth');
      expect(parent).toMatch(/Mae beth rydych chi wedi'i rannu yn swnio'n ddifrifol/);
      const young = await texts("dw i'n 13", 'mae dyn wedi gofyn i fi am luniau noeth');
      expect(young).toMatch(/Mae beth rwyt ti wedi'i rannu yn swnio'n ddifrifol/);
    } finally {
      await welsh.close();
    }
  });
});
