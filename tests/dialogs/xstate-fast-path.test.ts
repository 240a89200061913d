import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, assign, createActor, emit, enqueueActions, fromCallback, initialTransition, not, or, setup, transition } from 'xstate';
import { createHarbourMachine, type DialogEvent, type DialogInput } from '../../dialogs/index.js';
import { CHILD_SCRIPT } from '../../bench/lib/load.js';
import type { Content } from '../../server/content/types.js';
import { fastAnd, fastTransition, SNAPSHOT_FIELDS, withContext } from '../../dialogs/xstate-lite.js';
import { loadDataset } from '../fixtures/flags/dataset.js';
import { msg, offShift, onShift, realContent } from './harness.js';

/**
 * The shortcut past XState's macrostep (`fastTransition` in dialogs/xstate-lite.ts) reads XState's internals.
 * Here the real machine is built twice, with and without it, and both are driven through the same
 * conversations side by side as actors (as the server's fallback runs them): after every event the two
 * must be in the same state with the same context, tags, active state nodes, status and persisted
 * snapshot, and must have emitted the same events (what the child sees) and reported the same actions
 * and microsteps to an inspector.
 */

/** The XState version the shortcut was written against. */
const WRITTEN_FOR = '5.33.3';

type Machine = ReturnType<typeof createHarbourMachine>;

let content: Content;
let fast: Machine;
let slow: Machine;
beforeAll(async () => {
  content = (await realContent()).content;
  fast = createHarbourMachine(content.dialogDeps);
  slow = createHarbourMachine(content.dialogDeps, { fastPath: false });
});

/** Counts the events that take XState's own path (each asks the machine's getTransitionData once; the shortcut does not). */
function countXStatePath(machine: { getTransitionData: (snapshot: never, event: never) => unknown }): () => number {
  let count = 0;
  const own = machine.getTransitionData.bind(machine);
  machine.getTransitionData = (snapshot: never, event: never) => {
    count += 1;
    return own(snapshot, event);
  };
  return () => count;
}

/** One conversation on one machine, as an actor; what it showed after each event, as comparable text. */
function run(machine: Machine, input: DialogInput, events: readonly DialogEvent[]): string[] {
  let seen: string[] = [];
  const actor = createActor(machine, {
    input,
    inspect: (e) => {
      if (e.type === '@xstate.microstep') {
        const step = e as unknown as { event: { type: string }; snapshot: { value: unknown }; _transitions: unknown[] };
        seen.push(`microstep ${step.event.type} ${JSON.stringify(step.snapshot.value)} ${step._transitions.length}`);
      } else if (e.type === '@xstate.action') {
        seen.push(`action ${(e as unknown as { action: { type: string } }).action.type}`);
      }
    },
  });
  actor.on('*', (e) => void seen.push(`emitted ${JSON.stringify(e)}`));
  const after: string[] = [];
  const record = (): void => {
    const s = actor.getSnapshot();
    after.push(
      [
        ...seen,
        `status ${s.status}`,
        `value ${JSON.stringify(s.value)}`,
        // In XState's order (its toJSON keeps it), and the active state nodes in theirs.
        `tags ${JSON.stringify([...s.tags])}`,
        `nodes ${(s as unknown as { _nodes: { id: string }[] })._nodes.map((node) => node.id).join(' ')}`,
        `persisted ${JSON.stringify(actor.getPersistedSnapshot())}`,
      ].join('\n'),
    );
    seen = [];
  };
  actor.start();
  record();
  for (const event of events) {
    if (actor.getSnapshot().status !== 'active') break;
    actor.send(event);
    record();
  }
  actor.stop();
  return after;
}

/**
 * The conversations of the tuning fixtures (never the reporting ones), every second one (with the detector
 * run twice a message, all of them take minutes on a loaded machine), and their single messages.
 */
function tuningConversations(): { conversations: string[][]; singles: string[] } {
  const items = loadDataset().filter((item) => item.file.endsWith('.tuning.txt'));
  return {
    conversations: items.filter((item) => item.conversation).filter((_, i) => i % 2 === 0).map((item) => item.turns.map((t) => t.text)),
    singles: items.filter((item) => !item.conversation).map((item) => item.turns[0]!.text),
  };
}

/** Every difference between the two machines over a set of conversations (the first few, in full). */
function differences(input: DialogInput, conversations: readonly (readonly DialogEvent[])[]): { turns: number; differ: string[] } {
  const differ: string[] = [];
  let turns = 0;
  conversations.forEach((events, n) => {
    const a = run(fast, input, events);
    const b = run(slow, input, events);
    turns += b.length;
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      if (a[i] !== b[i] && differ.length < 3) differ.push(`conversation ${n}, after event ${i}:\nwith the shortcut:\n${a[i]}\nwithout:\n${b[i]}`);
    }
  });
  return { turns, differ };
}

describe('the shortcut past XState’s macrostep', () => {
  it(`is checked against the XState it was written for (${WRITTEN_FOR})`, () => {
    const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('xstate/package.json'), 'utf8')) as { version: string };
    // A new XState: before changing WRITTEN_FOR, re-read in its dist/raise-*.esm.js `macrostep`, `microstep`,
    // `selectEventlessTransitions`, `resolveAndExecuteActionsWithContext` (fastTransition and resolveActions copy
    // what they do for a transition without a target), the `@xstate.microstep` inspection event, and StateNode's
    // `always` and `next`; then run this file and the equivalence dump (bench/HISTORY.md, session 31).
    expect(pkg.version, 'XState changed: re-check fastTransition in dialogs/xstate-lite.ts against its macrostep (see this test)').toBe(WRITTEN_FOR);
  });

  it('gives what XState gives over the bench script and the tuning conversations, off shift and on', () => {
    const { conversations } = tuningConversations();
    const script = [...CHILD_SCRIPT, ...CHILD_SCRIPT.slice(1)].map(msg);
    const young = conversations.map((texts) => ['im 13', ...texts].map(msg));
    // A parent's path on shift, with the events the server also sends (a counsellor's queue, silence).
    const parent = conversations.map((texts, n): DialogEvent[] => [
      msg('my son'),
      ...texts.map(msg),
      ...(n % 3 === 0 ? [{ type: 'handoff.queued', position: 1 } as DialogEvent] : []),
      { type: 'session.timeout' } as DialogEvent,
      msg('ok'),
    ]);
    const offYoung = differences(offShift, [script, ...young.filter((_, n) => n % 2 === 0)]);
    const onParent = differences(onShift, [script, ...parent.filter((_, n) => n % 2 === 1)]);
    expect(offYoung.differ).toEqual([]);
    expect(onParent.differ).toEqual([]);
    // Enough turns for the comparison to mean something.
    expect(offYoung.turns + onParent.turns).toBeGreaterThan(5_000);
  }, 240_000);

  it('gives what XState gives to single tuning messages after "im 13" (escalations from the first story)', () => {
    const { singles } = tuningConversations();
    const { differ, turns } = differences(offShift, singles.filter((_, i) => i % 12 === 0).map((text) => [msg('im 13'), msg(text), msg('ok')]));
    expect(differ).toEqual([]);
    expect(turns).toBeGreaterThan(2_000);
  }, 240_000);

  it('is taken by every message of the bench script, the first one that names who is chatting included', () => {
    // Every event XState's own path takes asks the machine's getTransitionData once; the shortcut does not.
    const texts = [...CHILD_SCRIPT, ...CHILD_SCRIPT.slice(1), ...CHILD_SCRIPT.slice(1)];
    const throughXStateWith = (options: { fastPath?: boolean }): number => {
      const machine = createHarbourMachine(content.dialogDeps, options);
      const throughXState = countXStatePath(machine);
      const actor = createActor(machine, { input: offShift }).start();
      for (const text of texts) actor.send(msg(text));
      actor.stop();
      return throughXState();
    };
    // (The count sees XState's path: without the shortcut every message takes it.)
    expect(throughXStateWith({ fastPath: false })).toBeGreaterThanOrEqual(texts.length);
    // choosingAudience → talking (a compound target, then routing's eventless step to young) since session 34.
    expect(throughXStateWith({})).toBe(0);
  });

  it('copies a snapshot with a new context as a spread would (XState makes every snapshot with the same fields)', () => {
    // XState's own snapshots (the slow machine's, its first and after messages) have exactly the fields withContext writes.
    const actor = createActor(slow, { input: offShift }).start();
    const snapshots = [actor.getSnapshot()];
    for (const text of CHILD_SCRIPT.slice(0, 4)) {
      actor.send(msg(text));
      snapshots.push(actor.getSnapshot());
    }
    actor.stop();
    for (const snapshot of snapshots) {
      expect(Object.keys(snapshot)).toEqual(SNAPSHOT_FIELDS);
      const context = { ...snapshot.context, notUnderstood: 7 };
      const copy = withContext(snapshot, context);
      const spread = { ...snapshot, context };
      expect(Object.keys(copy)).toEqual(Object.keys(spread));
      const field = (object: object, key: string): unknown => (object as Record<string, unknown>)[key];
      for (const key of SNAPSHOT_FIELDS) expect(field(copy, key)).toBe(field(spread, key));
    }
  });

  it('chooses the transition XState chooses: nested and/or/not, guard params, inline guards, the parent’s, wildcards, a guard that throws', () => {
    // A small machine with the guard shapes the shortcut evaluates itself and the ones it leaves to XState, built twice.
    type Ev = { type: 'go' | 'other'; n: number };
    const make = () =>
      setup({
        types: { context: {} as { log: string[] }, events: {} as Ev },
        guards: {
          isBig: ({ event }) => event.n > 5,
          isEven: ({ event }) => event.n % 2 === 0,
          above: ({ event }, params: { min: number }) => event.n > params.min,
          explodes: ({ event }) => {
            if (event.n === 7) throw new Error('unlucky');
            return false;
          },
        },
      }).createMachine({
        context: { log: [] },
        initial: 'a',
        states: {
          a: {
            initial: 'one',
            states: {
              one: {
                on: {
                  go: [
                    { guard: and(['isBig', not('isEven'), or([{ type: 'above', params: { min: 8 } }, 'isEven'])]), actions: assign(({ context }) => ({ log: [...context.log, 'big, odd, over 8'] })) },
                    { guard: fastAnd([or([{ type: 'above', params: { min: 100 } }, 'isEven']), not('isBig')] as never), actions: assign(({ context }) => ({ log: [...context.log, 'small and even'] })) },
                    { guard: 'explodes', actions: assign(({ context }) => ({ log: [...context.log, 'never'] })) },
                    { guard: ({ event }) => event.n === 3, target: 'two' },
                  ],
                },
              },
              two: { on: { '*': { guard: ({ event }) => event.n !== 4, actions: assign(({ context }) => ({ log: [...context.log, `wild ${context.log.length}`] })) } } },
            },
            on: { go: { guard: ({ event }) => event.n < 5, actions: assign(({ context }) => ({ log: [...context.log, 'parent'] })) } },
          },
        },
      });
    const withShortcut = make();
    withShortcut.transition = fastTransition(withShortcut);
    const ns = [1, 2, 9, 10, 6, 4, 5, 11, 7];
    const runOn = (machine: ReturnType<typeof make>, from: number[]): string[] => {
      const seen: string[] = [];
      const actor = createActor(machine);
      // (A guard that throws stops the actor with an error: its snapshot says which.)
      actor.subscribe({ error: () => undefined });
      actor.start();
      for (const n of from) {
        for (const type of ['go', 'other'] as const) if (actor.getSnapshot().status === 'active') actor.send({ type, n });
        const s = actor.getSnapshot();
        seen.push(`${n} ${s.status} ${JSON.stringify(s.value)} ${s.context.log.join('; ')} ${(s.error as Error | undefined)?.message ?? ''}`);
      }
      return seen;
    };
    for (const start of [[], [3], [3, 4]]) {
      const a = runOn(withShortcut, [...start, ...ns]);
      expect(a).toEqual(runOn(make(), [...start, ...ns]));
      // Each kind of answer was seen (or the comparison proves little): a step's own, the parent's, none, XState's error.
      const all = a.join('\n');
      expect(all).toContain(start.length === 0 ? 'small and even' : 'wild');
      if (start.length === 0) expect(all).toContain('unlucky');
    }
    expect(runOn(make(), ns).join('\n')).toContain('big, odd, over 8');
    expect(runOn(make(), ns).join('\n')).toContain('parent');
  });

  it('asks the guards XState asks, in its order, each machine its own (params worked out from the event, a machine given other guards)', () => {
    // Every guard and params call is written down, so the shortcut's guards (worked out once per machine and kept)
    // must call the same implementations, as often and in the same order, as XState's evaluateGuard does.
    type Ev = { type: 'go'; n: number };
    const calls: string[] = [];
    const make = () =>
      setup({
        types: { context: {} as { log: string[] }, events: {} as Ev },
        guards: {
          isBig: ({ event }) => (calls.push(`isBig ${event.n}`), event.n > 5),
          isEven: ({ event }) => (calls.push(`isEven ${event.n}`), event.n % 2 === 0),
          above: ({ event }, params: { min: number }) => (calls.push(`above ${event.n} ${params.min}`), event.n > params.min),
        },
      }).createMachine({
        context: { log: [] },
        initial: 'one',
        states: {
          one: {
            on: {
              go: [
                {
                  guard: and([not('isEven'), { type: 'above', params: ({ event }: { event: Ev }) => (calls.push(`params ${event.n}`), { min: event.n - 1 }) }, 'isBig'] as never),
                  actions: assign(({ context }) => ({ log: [...context.log, 'odd, big'] })),
                },
                { guard: or(['isBig', not('isEven')]), actions: assign(({ context }) => ({ log: [...context.log, 'big or odd'] })) },
                { guard: 'isEven', actions: assign(({ context }) => ({ log: [...context.log, 'small, even'] })) },
              ],
            },
          },
        },
      });
    const runOn = (machine: ReturnType<typeof make>): string[] => {
      calls.length = 0;
      const actor = createActor(machine).start();
      for (const n of [1, 2, 7, 8, 3, 12]) actor.send({ type: 'go', n });
      return [...actor.getSnapshot().context.log, ...calls];
    };
    const withShortcut = (machine: ReturnType<typeof make>) => {
      machine.transition = fastTransition(machine);
      return machine;
    };
    const xstate = runOn(make());
    expect(xstate).toContain('params 7');
    expect(runOn(withShortcut(make()))).toEqual(xstate);
    // Given other guards (XState's `provide`), the same guard names are this machine's own, with or without the shortcut.
    const flipped = { isBig: () => (calls.push('flipped isBig'), false), isEven: () => (calls.push('flipped isEven'), true) };
    const shortcutFirst = withShortcut(make());
    runOn(shortcutFirst);
    const provided = runOn(withShortcut(shortcutFirst.provide({ guards: flipped }) as ReturnType<typeof make>));
    expect(provided).toEqual(runOn(make().provide({ guards: flipped }) as ReturnType<typeof make>));
    expect(provided).toContain('flipped isEven');
    expect(runOn(shortcutFirst)).toEqual(xstate);
  });

  it('gives a moved snapshot the tags XState gives it, in its order', () => {
    // The Harbour machine has no tags; a small one with tags on a parent and on the steps it moves between.
    const make = () =>
      setup({ types: { events: {} as { type: 'next' } | { type: 'back' } } }).createMachine({
        initial: 'asking',
        states: {
          asking: {
            tags: ['busy', 'asking'],
            initial: 'first',
            states: {
              first: { tags: ['first', 'busy'], on: { next: 'second' } },
              second: { tags: ['second'], on: { next: 'third', back: 'first' } },
              third: { on: { back: 'second' } },
            },
          },
        },
      });
    const withShortcut = make();
    withShortcut.transition = fastTransition(withShortcut);
    const runOn = (machine: ReturnType<typeof make>): string[] => {
      const actor = createActor(machine).start();
      const seen: string[] = [];
      for (const type of ['next', 'next', 'back', 'back', 'next'] as const) {
        actor.send({ type });
        const s = actor.getSnapshot();
        seen.push(`${JSON.stringify(s.value)} [${[...s.tags].join(', ')}] ${s.hasTag('busy')} ${s.hasTag('second')}`);
      }
      return seen;
    };
    const xstate = runOn(make());
    expect(xstate).toContain('{"asking":"second"} [busy, asking, second] true true');
    expect(runOn(withShortcut)).toEqual(xstate);
  });

  it('moves across compound states as XState does: exits deepest first, entries top down, initial states, an eventless step on', () => {
    // Every exit, transition and entry action writes itself down; the same moves with and without the shortcut.
    type Ev = { type: 'deep' | 'up' | 'over' | 'home' | 'route'; to?: string };
    const log: string[] = [];
    const note = (what: string) => () => void log.push(what);
    const make = () =>
      setup({ types: { events: {} as Ev } }).createMachine({
        id: 'm',
        initial: 'a',
        on: { home: { target: '.a', actions: note('home') } },
        states: {
          a: {
            entry: note('enter a'),
            exit: note('exit a'),
            initial: 'one',
            states: {
              one: { entry: note('enter a.one'), exit: note('exit a.one'), on: { deep: { target: '#m.b.c.e', actions: note('deep') }, over: '#m.b', route: '#m.r' } },
            },
          },
          b: {
            entry: note('enter b'),
            exit: note('exit b'),
            initial: 'c',
            states: {
              c: {
                entry: note('enter b.c'),
                exit: note('exit b.c'),
                initial: { target: 'd', actions: note('initial of b.c') },
                states: {
                  d: { entry: note('enter b.c.d'), exit: note('exit b.c.d'), on: { up: { target: '#m.a', actions: note('up') } } },
                  e: { entry: note('enter b.c.e'), exit: note('exit b.c.e') },
                },
              },
            },
          },
          r: { entry: note('enter r'), exit: note('exit r'), always: [{ guard: ({ event }) => event.to === 'b', target: 'b', actions: note('routed') }, { target: 'a' }] },
        },
      });
    const run = (machine: ReturnType<typeof make>): string[] => {
      log.length = 0;
      const actor = createActor(machine).start();
      const seen: string[] = [];
      for (const event of [{ type: 'deep' }, { type: 'home' }, { type: 'over' }, { type: 'up' }, { type: 'route', to: 'b' }, { type: 'home' }, { type: 'route' }] as Ev[]) {
        actor.send(event);
        seen.push(`${event.type}: ${JSON.stringify(actor.getSnapshot().value)} ${log.splice(0).join(', ')}`);
      }
      return seen;
    };
    const withShortcut = make();
    withShortcut.transition = fastTransition(withShortcut);
    const throughXState = countXStatePath(withShortcut);
    const xstate = run(make());
    expect(xstate).toContain('over: {"b":{"c":"d"}} exit a.one, exit a, enter b, enter b.c, initial of b.c, enter b.c.d');
    expect(xstate).toContain('route: {"b":{"c":"d"}} exit a.one, exit a, enter r, exit r, routed, enter b, enter b.c, initial of b.c, enter b.c.d');
    expect(run(withShortcut)).toEqual(xstate);
    expect(throughXState()).toBe(0);
  });

  it('gives each send its own actions when another send runs while it resolves them (one running inside an assign)', () => {
    // The shortcut holds a send's actions in a list it saves and restores around the send; a send made by an assignment
    // of another send (here through XState's pure `transition`, as the server's DialogHost sends) must leave the outer
    // send's later actions to the outer send, and its own to itself.
    type Ev = { type: 'outer' } | { type: 'inner' } | { type: 'again' };
    let during: (() => string[]) | null = null;
    const innerSeen: string[][] = [];
    const make = () =>
      setup({ types: { context: {} as { n: number }, events: {} as Ev } }).createMachine({
        context: { n: 0 },
        initial: 'idle',
        states: {
          idle: {
            on: {
              outer: {
                target: 'busy',
                actions: [
                  emit({ type: 'before' }),
                  assign(({ context }) => {
                    if (during !== null) innerSeen.push(during());
                    return { n: context.n + 1 };
                  }),
                  emit({ type: 'after' }),
                ],
              },
              inner: { actions: [emit({ type: 'nested' }), assign(({ context }) => ({ n: context.n + 10 }))] },
            },
          },
          busy: { entry: emit({ type: 'entered busy' }), on: { again: { target: 'idle', actions: emit({ type: 'back' }) } } },
        },
      });
    const typesOf = (actions: readonly { type: string; params?: unknown }[]): string[] =>
      actions.map((a) => (a.type === 'xstate.emit' ? `emit ${(a.params as { event: { type: string } }).event.type}` : a.type));
    const runOn = (machine: ReturnType<typeof make>): string[] => {
      innerSeen.length = 0;
      const [start] = initialTransition(machine);
      during = () => {
        const [after, actions] = transition(machine, start, { type: 'inner' });
        return [...typesOf(actions), `n ${after.context.n}`];
      };
      const [busy, outerActions] = transition(machine, start, { type: 'outer' });
      during = null;
      const [idle, againActions] = transition(machine, busy, { type: 'again' });
      return [
        `outer: ${typesOf(outerActions).join(', ')}; n ${busy.context.n} ${JSON.stringify(busy.value)}`,
        `inner: ${innerSeen.map((seen) => seen.join(', ')).join(' | ')}`,
        `again: ${typesOf(againActions).join(', ')}; ${JSON.stringify(idle.value)}`,
      ];
    };
    const xstate = runOn(make());
    expect(xstate).toEqual(['outer: emit before, emit after, emit entered busy; n 1 "busy"', 'inner: emit nested, n 10', 'again: emit back; "idle"']);
    const withShortcut = make();
    withShortcut.transition = fastTransition(withShortcut);
    const throughXState = countXStatePath(withShortcut);
    expect(runOn(withShortcut)).toEqual(xstate);
    expect(throughXState()).toBe(0);
  });
});

describe('the shortcut’s own assign', () => {
  it('assigns as XState does: a function or one value a key, params, an enqueued assign; a spawn goes through XState', () => {
    // Every shape of assign the shortcut resolves itself, and one it leaves to XState (an assignment that spawns), on a
    // small machine built twice; each context after each event, the children's ids and the key order of the context.
    type Ev = { type: 'count' | 'named' | 'keys' | 'queued' | 'spawn' | 'back'; by: number };
    const make = () =>
      setup({
        types: { context: {} as { n: number; seen: string[]; kid?: unknown; last?: string }, events: {} as Ev },
        actors: { quiet: fromCallback(() => () => undefined) },
        actions: {
          add: assign(({ context, event }, params: { times: number }) => ({ n: context.n + event.by * params.times, seen: [...context.seen, `add ${params.times}`] })),
          setLast: assign({ last: ({ event }) => event.type, seen: ({ context }, params: { tag: string }) => [...context.seen, params.tag] }),
        },
      }).createMachine({
        context: { n: 0, seen: [] },
        initial: 'idle',
        states: {
          idle: {
            on: {
              count: { actions: assign(({ context, event }) => ({ n: context.n + event.by })) },
              named: { actions: [{ type: 'add', params: ({ event }) => ({ times: event.by + 1 }) }, { type: 'add', params: { times: 10 } }] },
              keys: { target: 'other', actions: [{ type: 'setLast', params: { tag: 'keys' } }, assign({ n: 100 })] },
              queued: { actions: enqueueActions(({ enqueue }) => void enqueue.assign(({ context }) => ({ seen: [...context.seen, `queued ${context.n}`] }))) },
              spawn: { actions: assign({ kid: ({ spawn }) => spawn('quiet', { id: 'kid' }) }) },
            },
          },
          other: { on: { back: { target: 'idle', actions: assign(({ context }) => ({ seen: [...context.seen, 'back'] })) } } },
        },
      });
    const events: Ev[] = [
      { type: 'count', by: 2 },
      { type: 'named', by: 1 },
      { type: 'queued', by: 0 },
      { type: 'keys', by: 0 },
      { type: 'back', by: 0 },
      { type: 'spawn', by: 0 },
      { type: 'count', by: 5 },
    ];
    const runOn = (machine: ReturnType<typeof make>): string[] => {
      const actor = createActor(machine).start();
      const seen: string[] = [];
      for (const event of events) {
        actor.send(event);
        const s = actor.getSnapshot();
        const { kid, ...rest } = s.context;
        seen.push(`${event.type}: ${JSON.stringify(s.value)} ${JSON.stringify(rest)} ${Object.keys(s.context).join(',')} kid ${kid === undefined ? 'none' : 'yes'} children ${Object.keys(s.children).join(',')}`);
      }
      actor.stop();
      return seen;
    };
    const xstate = runOn(make());
    // (The shapes were exercised: params from a function and an object, keys, the queued assign, the spawned child.)
    expect(xstate).toContain('named: "idle" {"n":14,"seen":["add 2","add 10"]} n,seen kid none children ');
    expect(xstate.join('\n')).toContain('"seen":["add 2","add 10","queued 14","keys"],"last":"keys"');
    expect(xstate.at(-2)).toContain('kid yes children kid');
    const withShortcut = make();
    withShortcut.transition = fastTransition(withShortcut);
    const throughXState = countXStatePath(withShortcut);
    expect(runOn(withShortcut)).toEqual(xstate);
    // Only the event whose assignment spawns went XState's way.
    expect(throughXState()).toBe(1);
  });
});
