import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { assign, createActor, emit, fromPromise, setup, type AnyActorRef } from 'xstate';
import { createHarbourMachine, type DialogEmitted, type DialogEvent } from '../../../dialogs/index.js';
import { DialogHost, type DialogDefinition } from '../../../server/sessions/dialog-host.js';
import { CHILD_SCRIPT } from '../../../bench/lib/load.js';
import { realContent, type HarbourMachine } from '../../dialogs/harness.js';

/**
 * DialogHost keeps a conversation as a machine snapshot between turns and takes each event as a
 * pure transition. These tests hold it to what a real XState actor does with the same machine:
 * the same words in the same order, the same saved snapshot, the same restore; and they check the
 * way out to a real actor for machines that need one (delays, invoked actors, custom actions).
 */

const msg = (text: string): DialogEvent => ({ type: 'user.message', text });

/** Everything the server may send the Harbour dialog, including red flags of every urgency. */
const EVENTS: readonly DialogEvent[] = [
  ...CHILD_SCRIPT.map(msg),
  msg("I'm a parent or carer"),
  msg("I'm asking for a friend"),
  msg('Someone else'),
  msg('Yes'),
  msg('No'),
  msg("I'd rather not say"),
  msg('Scared'),
  msg('my teacher'),
  msg('Give me tips'),
  msg('🙂'),
  msg('hi'),
  msg('my name is Jo and I go to Park School'),
  msg('he is outside my house right now'),
  msg('he asked me to send nudes'),
  msg('he asked for my mums card details'),
  msg('I want to talk to a real person'),
  msg('im still here'),
  msg('stop'),
  { type: 'session.timeout' },
  { type: 'counsellor.availability', onShift: true },
  { type: 'handoff.queued', position: 2 },
  { type: 'handoff.unavailable', reason: 'none_available' },
  { type: 'handoff.accepted', counsellorName: 'Sam' },
  { type: 'handoff.failed' },
  { type: 'handoff.completed' },
  { type: 'user.quickExit' },
];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A real actor, as the server ran dialogs before: what it emits per event, and its saved snapshot. */
class ReferenceActor {
  private readonly actor: AnyActorRef;
  private out: DialogEmitted[] = [];
  constructor(machine: HarbourMachine, input: { counsellorOnShift: boolean }, snapshot?: unknown) {
    this.actor = createActor(machine, snapshot === undefined ? { input } : { input, snapshot: snapshot as never });
    this.actor.on('*', (e: unknown) => void this.out.push(e as DialogEmitted));
    this.actor.start();
  }
  send(event: DialogEvent): void {
    this.actor.send(event);
  }
  drain(): DialogEmitted[] {
    const out = this.out;
    this.out = [];
    return out;
  }
  persisted(): unknown {
    return this.actor.getPersistedSnapshot();
  }
}

/** What the store would hold: the snapshot as JSON text, read back. */
const stored = (snapshot: unknown): unknown => JSON.parse(JSON.stringify(snapshot));

describe('DialogHost with the real Harbour dialog', () => {
  let dialog: DialogDefinition;
  let machine: HarbourMachine;
  beforeAll(async () => {
    const { content } = await realContent();
    machine = createHarbourMachine(content.dialogDeps);
    dialog = { machine, version: 'test' };
  });

  it('says exactly what a real actor says and saves the same snapshot, turn by turn, over 120 random conversations', () => {
    const next = random(20261122);
    let turns = 0;
    let restores = 0;
    for (let conversation = 0; conversation < 120; conversation += 1) {
      const input = { counsellorOnShift: conversation % 2 === 0 };
      let host = new DialogHost(dialog, input);
      const reference = new ReferenceActor(machine, input);
      expect(host.drain()).toEqual(reference.drain());
      expect(stored(host.persisted())).toEqual(stored(reference.persisted()));
      for (let step = 0; step < 14; step += 1) {
        // A closed conversation takes no more events (the server drops it).
        if ((reference.persisted() as { status: string }).status !== 'active') break;
        const event = EVENTS[Math.floor(next() * EVENTS.length)] ?? msg('ok');
        host.send(event);
        reference.send(event);
        turns += 1;
        const emitted = host.drain();
        expect(emitted, `conversation ${conversation}, step ${step}, ${JSON.stringify(event)}`).toEqual(reference.drain());
        expect(stored(host.persisted())).toEqual(stored(reference.persisted()));
        expect(host.context()).toEqual((reference.persisted() as { context: unknown }).context);
        // Now and then the server restarts: the conversation comes back from what the store holds.
        if (next() < 0.2) {
          host.stop();
          host = new DialogHost(dialog, input, stored(host.persisted()));
          expect(host.hasPending).toBe(false);
          restores += 1;
        }
      }
    }
    expect(turns).toBeGreaterThan(600);
    expect(restores).toBeGreaterThan(60);
  });

  it('restores a snapshot a real actor saved (what stores hold today) and carries on the same way', () => {
    const input = { counsellorOnShift: false };
    const reference = new ReferenceActor(machine, input);
    for (const text of CHILD_SCRIPT.slice(0, 4)) reference.send(msg(text));
    reference.drain();
    const host = new DialogHost(dialog, input, stored(reference.persisted()));
    expect(host.drain()).toEqual([]);
    for (const event of [msg('not sure'), msg('he asked me to send nudes'), { type: 'session.timeout' } as const, msg('bye')]) {
      host.send(event);
      reference.send(event);
      expect(host.drain()).toEqual(reference.drain());
      expect(stored(host.persisted())).toEqual(stored(reference.persisted()));
    }
  });

  it('opens with the welcome and the question of who is chatting, without an actor', () => {
    const host = new DialogHost(dialog, { counsellorOnShift: true });
    const keys = host.drain().flatMap((e) => (e.type === 'bot.say' ? [e.key] : []));
    expect(keys[0]).toBe('opening.welcome');
    expect(keys).toContain('opening.counsellor-on-shift');
    expect(keys.at(-1)).toBe('opening.who');
    expect(host.hasPending).toBe(false);
  });

  it('refuses a snapshot it cannot take, so the caller starts fresh', () => {
    const good = stored(new DialogHost(dialog, { counsellorOnShift: false }).persisted()) as Record<string, unknown>;
    expect(() => new DialogHost(dialog, { counsellorOnShift: false }, { ...good, value: 'noSuchState' })).toThrow();
    expect(() => new DialogHost(dialog, { counsellorOnShift: false }, { ...good, status: 'error', error: 'broken' })).toThrow();
    expect(() => new DialogHost(dialog, { counsellorOnShift: false }, 'not a snapshot')).toThrow();
  });

  it('after goodbye, further events change nothing and say nothing, as with a stopped actor', () => {
    const host = new DialogHost(dialog, { counsellorOnShift: false });
    host.send(msg('bye'));
    expect(host.drain().some((e) => e.type === 'conversation.closed')).toBe(true);
    const saved = host.persisted();
    host.send(msg('he is outside my house right now'));
    expect(host.drain()).toEqual([]);
    expect(host.persisted()).toBe(saved);
  });

  it('gives the same saved object back while nothing has changed, and a new one after a change', () => {
    const host = new DialogHost(dialog, { counsellorOnShift: false });
    const first = host.persisted();
    expect(host.persisted()).toBe(first);
    host.send(msg('Young person'));
    expect(host.persisted()).not.toBe(first);
  });
});

/** A dialog that starts pure and later needs an actor: a delayed check and an invoked lookup. */
const mixed = setup({
  types: {
    context: {} as { count: number },
    events: {} as { type: 'go' } | { type: 'wait' } | { type: 'count' } | { type: 'break' },
    emitted: {} as DialogEmitted,
  },
  actors: { lookup: fromPromise(async () => 'found') },
  actions: {
    explode: () => {
      throw new Error('custom action broke on purpose');
    },
  },
}).createMachine({
  context: { count: 0 },
  initial: 'idle',
  entry: emit({ type: 'bot.say', key: 'hello' }),
  states: {
    idle: {
      on: {
        count: { actions: [assign({ count: ({ context }) => context.count + 1 }), emit({ type: 'bot.say', key: 'counted' })] },
        go: { target: 'looking', actions: emit({ type: 'bot.say', key: 'looking' }) },
        wait: { target: 'waiting', actions: emit({ type: 'bot.say', key: 'waiting' }) },
        break: { actions: 'explode' },
      },
    },
    looking: {
      invoke: { src: 'lookup', onDone: { target: 'idle', actions: emit({ type: 'bot.say', key: 'lookup.done' }) } },
    },
    waiting: {
      after: { 60_000: { target: 'idle', actions: emit({ type: 'bot.say', key: 'waited' }) } },
    },
  },
});

describe('DialogHost with a dialog that needs an actor', () => {
  const dialog: DialogDefinition = { machine: mixed, version: 'mixed' };
  afterEach(() => void vi.useRealTimers());

  const keys = (emitted: readonly DialogEmitted[]) => emitted.map((e) => (e.type === 'bot.say' ? e.key : e.type));

  it('moves to an actor for an invoked actor, says the turn once, and reports the later answer as a late emit', async () => {
    const host = new DialogHost(dialog, { counsellorOnShift: false });
    expect(keys(host.drain())).toEqual(['hello']);
    host.send({ type: 'count' });
    expect(keys(host.drain())).toEqual(['counted']);
    let late = 0;
    host.onLateEmit = () => (late += 1);
    host.inTurn = true;
    host.send({ type: 'go' });
    host.inTurn = false;
    expect(keys(host.drain())).toEqual(['looking']);
    expect(late).toBe(0);
    await vi.waitFor(() => expect(late).toBe(1));
    expect(keys(host.drain())).toEqual(['lookup.done']);
    // The context from before the move came along.
    expect(host.context()).toEqual({ count: 1 });
  });

  it('moves to an actor for a delayed event, which fires later as a late emit', () => {
    vi.useFakeTimers();
    const host = new DialogHost(dialog, { counsellorOnShift: false });
    host.drain();
    let late = 0;
    host.onLateEmit = () => (late += 1);
    host.inTurn = true;
    host.send({ type: 'wait' });
    host.inTurn = false;
    expect(keys(host.drain())).toEqual(['waiting']);
    vi.advanceTimersByTime(59_999);
    expect(late).toBe(0);
    vi.advanceTimersByTime(1);
    expect(late).toBe(1);
    expect(keys(host.drain())).toEqual(['waited']);
    expect((host.persisted() as { value: unknown }).value).toBe('idle');
  });

  it('restores a snapshot saved while waiting on a delay, on an actor', () => {
    vi.useFakeTimers();
    const first = new DialogHost(dialog, { counsellorOnShift: false });
    first.send({ type: 'wait' });
    const saved = stored(first.persisted());
    first.stop();
    const host = new DialogHost(dialog, { counsellorOnShift: false }, saved);
    expect((host.persisted() as { value: unknown }).value).toBe('waiting');
    host.send({ type: 'count' });
    expect(host.drain()).toEqual([]);
  });

  it('throws when a custom action fails, as the actor did, so the caller starts fresh', () => {
    const host = new DialogHost(dialog, { counsellorOnShift: false });
    host.drain();
    expect(() => host.send({ type: 'break' })).toThrow('custom action broke on purpose');
  });

  it('after stop, events are ignored', () => {
    const host = new DialogHost(dialog, { counsellorOnShift: false });
    host.drain();
    host.stop();
    host.send({ type: 'count' });
    expect(host.drain()).toEqual([]);
    expect(host.context()).toEqual({ count: 0 });
  });
});
