import {
  and,
  assign,
  cancel,
  emit,
  enqueueActions as xstateEnqueueActions,
  raise,
  sendParent,
  sendTo,
  spawnChild,
  stopChild,
} from 'xstate';

/**
 * XState's `enqueueActions`, with the same signature and the same outcome, made cheaper for what the
 * Harbour machine enqueues: events to emit and plain objects to assign.
 *
 * XState's own builds, on every run, an `enqueue` function with nine helper closures and a `check`
 * closure, then an action object per `enqueue.emit(...)` / `enqueue.assign(...)` call, each resolved
 * in turn (and each assign copies the context and the snapshot, and recomputes its state value).
 * Here one shared `enqueue` collects into a list; then, in order:
 * - an event object to emit goes to the actor scope's action executor at once, exactly as XState's
 *   `emit` action does when it is resolved (type `xstate.emit`, params `{ event }`, the same exec);
 * - plain objects to assign (no function values) are merged into one and assigned once at the end,
 *   as XState's own `assign` resolves one (`Object.assign({}, context, merged)`: the same keys, in
 *   the same order, as one assign after another would give), into a copy of the snapshot with only
 *   the context new (see {@link withContext});
 * - anything else (an expression to emit or assign, `raise`, `sendTo`, a named action…) and everything
 *   after it is handed back to XState as its own actions, resolved on the snapshot with the merged
 *   assign, as XState's `enqueueActions` would have resolved them.
 * Nothing the machine does reads an emit action's `info` (its context is the one the assigns before
 * it in the same run would have made; it is that context here too).
 */

const EMIT = 0;
const ASSIGN = 1;
const OTHER = 2;

/** `emit`'s executor (XState's `executeEmit`), taken from an emit action. */
const executeEmit = (emit({ type: '' }) as unknown as { execute: (...args: unknown[]) => void }).execute;

/**
 * An emit action's `exec` for a scope: what XState's `executeEmit.bind(null, scope, params)` does when
 * called as an actor calls it (`exec(info, params)`, with the action's own params), made once per scope
 * instead of a bound function per emit. The server's DialogHost passes one scope per machine to every
 * transition, so one remembered scope is enough; another scope gets its own.
 */
let execScope: unknown = null;
let execOfScope: (info: unknown, params: unknown) => void = () => {};
function emitExecFor(actorScope: unknown): (info: unknown, params: unknown) => void {
  if (execScope !== actorScope) {
    execScope = actorScope;
    execOfScope = (_info, params) => executeEmit(actorScope, params);
  }
  return execOfScope;
}

/**
 * The snapshot with a new context, as XState's `assign` makes it (`cloneMachineSnapshot(snapshot, { context })`),
 * without working the state value and tags out again from the same state nodes: an assign moves no state, so
 * they are the snapshot's own (shared, as XState shares them between snapshots it does not change).
 */
function withContext<S extends { context: unknown }>(snapshot: S, context: Record<string, unknown>): S {
  return { ...snapshot, context };
}

type Queue = unknown[];
/** The list the running `collect` fills (tag, value pairs); swapped per run, restored after. */
let queue: Queue = [];
/** The snapshot and event of the running `collect`, for `check`. */
let checking: { snapshot: unknown; event: unknown } = { snapshot: undefined, event: undefined };

const other = (action: unknown): void => void queue.push(OTHER, action);
const enqueue = Object.assign((action: unknown) => other(action), {
  assign: (...args: unknown[]) => void queue.push(ASSIGN, args.length === 1 ? args[0] : (assign as (...a: unknown[]) => unknown)(...args)),
  emit: (...args: unknown[]) => void queue.push(EMIT, args.length === 1 ? args[0] : (emit as (...a: unknown[]) => unknown)(...args)),
  cancel: (...args: unknown[]) => other((cancel as (...a: unknown[]) => unknown)(...args)),
  raise: (...args: unknown[]) => other((raise as (...a: unknown[]) => unknown)(...args)),
  sendTo: (...args: unknown[]) => other((sendTo as (...a: unknown[]) => unknown)(...args)),
  sendParent: (...args: unknown[]) => other((sendParent as (...a: unknown[]) => unknown)(...args)),
  spawnChild: (...args: unknown[]) => other((spawnChild as (...a: unknown[]) => unknown)(...args)),
  stopChild: (...args: unknown[]) => other((stopChild as (...a: unknown[]) => unknown)(...args)),
});

/** XState's `check` (evaluateGuard on the run's snapshot), through `and`, which calls it. */
function check(guard: unknown): boolean {
  const { snapshot, event } = checking;
  const one = and([guard as never]) as unknown as { check: (s: unknown, args: unknown, self: unknown) => boolean };
  return one.check(snapshot, { context: (snapshot as { context: unknown }).context, event }, one);
}

/** A plain object to assign whose values are all plain values (XState would call a function value). */
function isPlainPartial(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] === 'function') return false;
  return true;
}

/** The action XState would have made of a queued item. */
function actionOf(tag: unknown, value: unknown): unknown {
  if (tag === EMIT) return typeof value === 'function' && 'resolve' in value ? value : emit(value as never);
  if (tag === ASSIGN) return typeof value === 'function' && 'resolve' in value ? value : assign(value as never);
  return value;
}

interface Scope {
  readonly self: unknown;
  readonly system: unknown;
  actionExecutor(action: unknown): void;
}

function resolveEnqueue(
  actorScope: Scope,
  snapshot: { context: Record<string, unknown> },
  args: { context: unknown; event: unknown },
  actionParams: unknown,
  { collect }: { collect: (args: unknown, params: unknown) => void },
): [unknown, undefined, unknown[] | undefined] {
  const outerQueue = queue;
  const outerChecking = checking;
  const mine: Queue = [];
  queue = mine;
  checking = { snapshot, event: args.event };
  try {
    collect({ context: args.context, event: args.event, enqueue, check, self: actorScope.self, system: actorScope.system }, actionParams);
  } finally {
    queue = outerQueue;
    checking = outerChecking;
  }
  let merged: Record<string, unknown> | null = null;
  let info = args;
  for (let i = 0; i < mine.length; i += 2) {
    const tag = mine[i];
    const value = mine[i + 1];
    if (tag === EMIT && typeof value === 'object' && value !== null) {
      // The context an emit resolved here would see: the run's, with what was assigned before it.
      if (merged !== null && info.context === args.context) info = { context: Object.assign({}, snapshot.context, merged), event: args.event, self: actorScope.self, system: actorScope.system } as typeof args;
      actorScope.actionExecutor({ type: 'xstate.emit', info, params: { event: value }, exec: emitExecFor(actorScope) });
      continue;
    }
    if (tag === ASSIGN && isPlainPartial(value)) {
      merged = merged === null ? Object.assign({}, value) : Object.assign(merged, value);
      if (info !== args) info = args; // a later emit works its context out again
      continue;
    }
    const rest: unknown[] = [];
    for (let j = i; j < mine.length; j += 2) rest.push(actionOf(mine[j], mine[j + 1]));
    return [merged === null ? snapshot : withContext(snapshot, Object.assign({}, snapshot.context, merged)), undefined, rest];
  }
  return [merged === null ? snapshot : withContext(snapshot, Object.assign({}, snapshot.context, merged)), undefined, undefined];
}

/** Drop-in for XState's `enqueueActions` (see above). */
export const enqueueActions: typeof xstateEnqueueActions = ((collect: unknown) => {
  function enqueueActions(_args: unknown, _params: unknown): void {}
  enqueueActions.type = 'xstate.enqueueActions';
  enqueueActions.collect = collect;
  enqueueActions.resolve = resolveEnqueue;
  return enqueueActions;
}) as unknown as typeof xstateEnqueueActions;

type GuardArgs = { readonly context: unknown; readonly event: unknown };
interface Checked {
  (args: GuardArgs, params: unknown): boolean;
  check?: (snapshot: unknown, args: GuardArgs, self: unknown) => boolean;
}

/**
 * XState's `and`, with the same outcome: `guards` are tried in order until one fails. XState's own
 * makes a closure and, per guard, a new `{ context, event }`; here a loop passes its own arguments
 * on. A guard by name or a guard function is evaluated as XState's `evaluateGuard` does; anything
 * else (a guard object with params) goes through XState's `and`, one guard at a time.
 */
export const fastAnd: typeof and = ((guards: readonly unknown[]) => {
  function and(_args: unknown, _params: unknown): boolean {
    return false;
  }
  and.check = checkAll;
  and.guards = guards;
  return and;
}) as unknown as typeof and;

function checkAll(snapshot: { machine: { implementations: { guards: Record<string, unknown> } } }, args: GuardArgs, self: { guards: readonly unknown[] }): boolean {
  for (const guard of self.guards) {
    const resolved = typeof guard === 'function' ? guard : typeof guard === 'string' ? snapshot.machine.implementations.guards[guard] : undefined;
    if (typeof resolved !== 'function') {
      if (!check1(snapshot, args, guard)) return false;
      continue;
    }
    const checked = resolved as Checked;
    const passes = checked.check === undefined ? checked(args, undefined) : checked.check(snapshot, args, checked);
    if (!passes) return false;
  }
  return true;
}

/** One guard through XState's own `and` (evaluateGuard), for the shapes `checkAll` leaves to it. */
function check1(snapshot: unknown, args: GuardArgs, guard: unknown): boolean {
  const one = and([guard as never]) as unknown as { check: (s: unknown, a: GuardArgs, self: unknown) => boolean };
  return one.check(snapshot, args, one);
}
