import {
  and,
  assign,
  not,
  or,
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
 *
 * Written out field by field: every machine snapshot is made by XState's `createMachineSnapshot` (or copied from
 * one, as here), with {@link SNAPSHOT_FIELDS} in that order, so this is the object `{ ...snapshot, context }` makes,
 * for a third of the time (a spread of fifteen keys goes through V8's generic copy, the snapshots' shapes varying).
 */
export function withContext<S extends { context: unknown }>(snapshot: S, context: S['context']): S {
  const s = snapshot as unknown as SnapshotLike;
  return {
    status: s.status,
    output: s.output,
    error: s.error,
    machine: s.machine,
    context,
    _nodes: s._nodes,
    value: s.value,
    tags: s.tags,
    children: s.children,
    historyValue: s.historyValue,
    matches: s.matches,
    hasTag: s.hasTag,
    can: s.can,
    getMeta: s.getMeta,
    toJSON: s.toJSON,
  } as unknown as S;
}

/** A machine snapshot's fields, in the order XState's `createMachineSnapshot` writes them (see {@link withContext}). */
export const SNAPSHOT_FIELDS: readonly string[] = ['status', 'output', 'error', 'machine', 'context', '_nodes', 'value', 'tags', 'children', 'historyValue', 'matches', 'hasTag', 'can', 'getMeta', 'toJSON'];

type Queue = unknown[];
/** The list the running `collect` fills (tag, value pairs); swapped per run, restored after. */
let queue: Queue = [];
/** The snapshot and event of the running `collect`, for `check` (two variables, not an object made per run). */
let checkingSnapshot: unknown = undefined;
let checkingEvent: unknown = undefined;

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
  const snapshot = checkingSnapshot;
  const event = checkingEvent;
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
  const outerSnapshot = checkingSnapshot;
  const outerEvent = checkingEvent;
  const mine: Queue = [];
  queue = mine;
  checkingSnapshot = snapshot;
  checkingEvent = args.event;
  try {
    collect({ context: args.context, event: args.event, enqueue, check, self: actorScope.self, system: actorScope.system }, actionParams);
  } finally {
    queue = outerQueue;
    checkingSnapshot = outerSnapshot;
    checkingEvent = outerEvent;
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
    const resolved = typeof guard === 'function' ? guard : typeof guard === 'string' ? namedGuards.get(snapshot.machine.implementations.guards, guard) : undefined;
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

/** What the fast path reads of a state node, a transition and a snapshot (XState's internals, as of 5.33). */
interface NodeLike {
  readonly type: string;
  readonly key: string;
  readonly parent?: NodeLike;
  /** Its eventless transitions (XState formats them as it does `on`'s). */
  readonly always?: readonly TransitionLike[];
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly invoke: readonly unknown[];
  readonly tags: readonly string[];
  /** Event descriptor → the transitions declared for it, in order (XState's `formatTransitions`). */
  readonly transitions: ReadonlyMap<string, readonly TransitionLike[]>;
}
interface TransitionLike {
  readonly source: NodeLike;
  readonly target?: readonly NodeLike[];
  readonly reenter?: boolean;
  readonly actions: readonly unknown[];
  readonly guard?: unknown;
}
interface SnapshotLike {
  readonly status: string;
  readonly output?: unknown;
  readonly error?: unknown;
  readonly context: unknown;
  readonly value: unknown;
  readonly tags: ReadonlySet<string>;
  readonly children: unknown;
  readonly historyValue: unknown;
  readonly matches: unknown;
  readonly hasTag: unknown;
  readonly can: unknown;
  readonly getMeta: unknown;
  readonly toJSON: unknown;
  readonly _nodes: readonly NodeLike[];
  readonly machine: {
    readonly options?: { readonly maxIterations?: number };
    readonly implementations: { readonly actions: Record<string, unknown>; readonly guards: Record<string, unknown> };
  };
}
type EventLike = { readonly type: string };
type ActionObject = { type: string; info: unknown; params: unknown; exec: unknown };
interface FastScope {
  readonly self: unknown;
  readonly system: { _sendInspectionEvent(event: unknown): void };
  actionExecutor: (action: ActionObject) => void;
}
interface Resolvable {
  readonly type: string;
  resolve(scope: FastScope, snapshot: SnapshotLike, info: unknown, params: unknown, action: unknown, extra: unknown): [SnapshotLike, unknown, unknown[] | undefined];
  execute?: (scope: FastScope, params: unknown) => void;
  retryResolve?: (scope: FastScope, snapshot: SnapshotLike, params: unknown) => void;
}
interface MachineLike {
  transition(snapshot: never, event: never, scope: never): unknown;
  getTransitionData(snapshot: never, event: never): unknown;
}

const hasEventless = (node: NodeLike): boolean => node.always !== undefined && node.always.length > 0;

/**
 * The one active atomic state node, when the active states are one chain (no parallel state) and none of
 * them has eventless (`always`) transitions, which XState selects after every microstep; otherwise null.
 */
function activeLeaf(nodes: readonly NodeLike[]): NodeLike | null {
  let leaf: NodeLike | null = null;
  for (const node of nodes) {
    if (hasEventless(node) || node.type === 'parallel') return null;
    if (node.type === 'atomic') {
      if (leaf !== null) return null;
      leaf = node;
    }
  }
  return leaf;
}


/** A move the shortcut makes as XState's microstep would: the states it exits (deepest first), enters (top down), and the new atomic state. */
interface Move {
  readonly exit: readonly NodeLike[];
  readonly enter: readonly NodeLike[];
  /**
   * The actions each entered state runs, in `enter`'s order: its entry actions, and for a state XState enters by default
   * (the target and the initial states below it) its initial transition's actions after them. Worked out with the move
   * (a state node's `entry` and `initial` never change), not on every turn through XState's `initial` getter.
   */
  readonly enterActions: readonly (readonly unknown[])[];
  readonly leaf: NodeLike;
}

interface StateNodeLike extends NodeLike {
  readonly order: number;
  readonly states: Readonly<Record<string, NodeLike>>;
  readonly initial?: { readonly target: readonly NodeLike[]; readonly actions: readonly unknown[] };
}

/** Whether `node` is a proper descendant of `of` (XState's `isDescendant`). */
function isDescendantOf(node: NodeLike, of: NodeLike): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) if (n === of) return true;
  return false;
}

/** A state the shortcut may exit or enter: compound or atomic, with no invoked actors and no history state of its own. */
function isPlain(node: NodeLike): boolean {
  if ((node.type !== 'compound' && node.type !== 'atomic') || node.invoke.length > 0) return false;
  for (const key in (node as StateNodeLike).states) if ((node as StateNodeLike).states[key]!.type === 'history') return false;
  return true;
}

/**
 * The move a transition with one target makes from the active chain ending in `leaf`, worked out as XState's microstep works
 * it out (`getTransitionDomain`, `computeExitSet`, `computeEntrySet`): the domain is the source when the target is inside it,
 * else the least common ancestor of both; every active state inside the domain is exited, deepest first; the target's
 * ancestors inside the domain, the target, and (for a compound target) its initial states down to an atomic one are entered,
 * top down. Null for anything else: a re-entering transition, more than one target, a source off the chain, a parallel,
 * final or history state, invoked actors, or nothing exited or entered.
 */
function planMove(transition: TransitionLike, leaf: NodeLike): Move | null {
  const targets = transition.target;
  if (targets === undefined || targets.length !== 1 || transition.reenter) return null;
  const target = targets[0]!;
  const source = transition.source;
  if (source !== leaf && !isDescendantOf(leaf, source)) return null;
  let domain: NodeLike | undefined;
  if (target === source || isDescendantOf(target, source)) domain = source;
  else for (let n = target.parent; n !== undefined && domain === undefined; n = n.parent) if (isDescendantOf(source, n)) domain = n;
  if (domain === undefined) return null;
  const exit: NodeLike[] = [];
  for (let n: NodeLike | undefined = leaf; n !== domain; n = n.parent) {
    if (n === undefined || !isPlain(n)) return null;
    exit.push(n);
  }
  const enter: NodeLike[] = [];
  for (let n = target.parent; n !== domain; n = n.parent) {
    if (n === undefined) return null;
    enter.unshift(n);
  }
  enter.push(target);
  const defaults = new Set<NodeLike>([target]);
  let bottom = target as StateNodeLike;
  while (bottom.type === 'compound') {
    const initial = bottom.initial?.target[0] as StateNodeLike | undefined;
    if (initial === undefined) return null;
    enter.push(initial);
    defaults.add(initial);
    bottom = initial;
  }
  if (exit.length === 0 || bottom.type !== 'atomic') return null;
  for (let i = 0; i < enter.length; i++) {
    if (!isPlain(enter[i]!) || (i > 0 && (enter[i] as StateNodeLike).order <= (enter[i - 1] as StateNodeLike).order)) return null;
  }
  const enterActions = enter.map((node) => {
    const initialActions = defaults.has(node) ? (node as StateNodeLike).initial?.actions : undefined;
    return initialActions === undefined || initialActions.length === 0 ? node.entry : [...node.entry, ...initialActions];
  });
  return { exit, enter, enterActions, leaf: bottom };
}

/** The keys of the chain from the machine's root down to `leaf`, as XState's state value gives a single chain. */
function chainValue(leaf: NodeLike): unknown {
  let value: unknown = leaf.key;
  for (let n = leaf.parent; n !== undefined && n.parent !== undefined; n = n.parent) value = { [n.key]: value };
  return value;
}

/** Whether a state on the chain ending in `leaf` has eventless transitions. */
function chainHasEventless(leaf: NodeLike): boolean {
  for (let n: NodeLike | undefined = leaf; n !== undefined; n = n.parent) if (hasEventless(n)) return true;
  return false;
}

/**
 * A state node's transitions for an event type, as XState's `getCandidates` lists them, when the node declares no
 * wildcard (`*`, `foo.*`) whose candidates XState would add; `null` when it does.
 */
function candidatesOf(node: NodeLike, type: string): readonly TransitionLike[] | null {
  for (const descriptor of node.transitions.keys()) if (descriptor !== type && (descriptor === '*' || descriptor.endsWith('.*'))) return null;
  return node.transitions.get(type) ?? [];
}

/** What {@link passes} gives for a guard it does not evaluate itself but hands back to XState: a guard named but missing from the machine's guards, or not a function. */
const LEFT_TO_XSTATE: unique symbol = Symbol('left to XState');

/**
 * Whether a transition's guard passes, as `StateNode.next` asks it (no guard passes), through XState's `evaluateGuard`
 * for the guards this machine writes: a guard function, or a guard by name or by object (`{ type, params }`) that names
 * a guard function or a built-in guard (`and`, `or`, `not` and `fastAnd` evaluated here, guard by guard; any other
 * through its `check`). `args` is the `{ context, event }` XState would make for each guard (here one for all the
 * guards of an event: none keeps it or writes to it). {@link LEFT_TO_XSTATE} for a guard it leaves to XState.
 */
function passes(guard: unknown, snapshot: SnapshotLike, args: GuardArgs): unknown {
  return !guard || evaluate(guard, snapshot, args);
}

/** A microstep the shortcut has made: its actions, held back from the executor, and the snapshot it left. */
interface HeldStep {
  readonly held: ActionObject[];
  readonly snapshot: SnapshotLike;
  readonly transitions: TransitionLike[];
}

/** The finished microsteps to XState's executor and inspector: each one's actions, then its inspection event. */
function releaseSteps(steps: readonly HeldStep[], executor: FastScope['actionExecutor'], scope: FastScope, event: EventLike): void {
  for (const done of steps) {
    for (const action of done.held) executor(action);
    scope.system._sendInspectionEvent({ type: '@xstate.microstep', actorRef: scope.self, event, snapshot: done.snapshot, _transitions: done.transitions });
  }
}

/**
 * The first candidate, list by list, whose guard passes ({@link passes}): `undefined` when none does, `null` when a
 * guard is left to XState or throws (the caller then goes XState's own way, which runs it again for its own error).
 */
function firstPassing(lists: Iterable<readonly TransitionLike[]>, snapshot: SnapshotLike, args: GuardArgs): TransitionLike | undefined | null {
  try {
    for (const candidates of lists) {
      for (const candidate of candidates) {
        const passed = passes(candidate.guard, snapshot, args);
        if (passed === LEFT_TO_XSTATE) return null;
        if (passed) return candidate;
      }
    }
  } catch {
    return null;
  }
  return undefined;
}

/** The eventless transitions (`always`) of `leaf` and of each of its ancestors that has some, from the leaf up. */
function* eventlessFrom(leaf: NodeLike): Generator<readonly TransitionLike[]> {
  for (let node: NodeLike | undefined = leaf; node !== undefined; node = node.parent) if (node.always !== undefined) yield node.always;
}

/**
 * A machine's named guards (or actions) by name: the last machine's `implementations.guards` and a Map of the guards looked up in it.
 * `guards[name]` on that object (~150 keys) is a megamorphic keyed load at ~290 instructions each in callgrind, ~14 a
 * turn (session 43); a Map look-up of the same name is a few dozen. Only what the object gives is kept (an own
 * property, or one it inherits), and a name it does not have is looked up on it every time, so the value is the one
 * `guards[name]` gives, as long as nobody changes a machine's guards in place (XState makes a new machine for
 * `provide`; nothing in Harbour writes to them).
 */
class NamedImplementations {
  private table: Readonly<Record<string, unknown>> | null = null;
  private byName = new Map<string, unknown>();

  /** `table[name]`, remembered for the last `table` asked about. */
  get(table: Readonly<Record<string, unknown>>, name: string): unknown {
    if (table !== this.table) {
      this.table = table;
      this.byName = new Map();
    }
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const found = table[name];
    if (found !== undefined) this.byName.set(name, found);
    return found;
  }
}

/** Named guards (see {@link NamedImplementations}). */
const namedGuards = new NamedImplementations();
/** Named actions, the same way (~860 instructions a turn of megamorphic look-ups in session 43). */
const namedActions = new NamedImplementations();

/** XState's `evaluateGuard` (see {@link passes}). */
function evaluate(guard: unknown, snapshot: SnapshotLike, args: GuardArgs): unknown {
  if (!guard) return LEFT_TO_XSTATE;
  const isInline = typeof guard === 'function';
  const named = guard as string | { readonly type: string; readonly params?: unknown };
  const resolved = isInline ? guard : namedGuards.get(snapshot.machine.implementations.guards, typeof named === 'string' ? named : named.type);
  if (typeof resolved !== 'function') return LEFT_TO_XSTATE;
  const params =
    isInline || typeof named === 'string' || !('params' in named)
      ? undefined
      : typeof named.params === 'function'
        ? (named.params as (a: GuardArgs) => unknown)(args)
        : named.params;
  const checked = resolved as Checked & { readonly guards?: readonly unknown[] };
  const check = checked.check;
  if (check === undefined) return checked(args, params);
  // XState's `and`, `or` and `not` (and `fastAnd`), which evaluate their guards as this does, in order, stopping where
  // XState's `every` and `some` stop; here with no closure or `{ context, event }` made per guard.
  if (check === XSTATE_AND || check === checkAll || check === XSTATE_OR) {
    const wanted = check === XSTATE_OR;
    for (const inner of checked.guards!) {
      const passed = evaluate(inner, snapshot, args);
      if (passed === LEFT_TO_XSTATE) return LEFT_TO_XSTATE;
      if (Boolean(passed) === wanted) return wanted;
    }
    return !wanted;
  }
  if (check === XSTATE_NOT) {
    const passed = evaluate(checked.guards![0], snapshot, args);
    return passed === LEFT_TO_XSTATE ? LEFT_TO_XSTATE : !passed;
  }
  return check(snapshot, args, checked);
}

/** The `check` of XState's own `and`, `or` and `not` guards (see {@link passes}). */
const XSTATE_AND = (and([]) as unknown as Checked).check;
const XSTATE_OR = (or([]) as unknown as Checked).check;
const XSTATE_NOT = (not('') as unknown as Checked).check;

/** A state value (one chain of single-key objects, as XState's `getStateValue` makes it) with its atomic state's key replaced. */
function valueWithLeaf(value: unknown, key: string): unknown {
  if (typeof value === 'string') return key;
  const [[outer, inner]] = Object.entries(value as Record<string, unknown>) as [[string, unknown]];
  return { [outer]: valueWithLeaf(inner, key) };
}

/** The active state nodes after a {@link Move}, in the order XState's microstep leaves them in its Set (the old ones without those exited, then those entered), and their tags. */
interface Moved {
  readonly nodes: readonly NodeLike[];
  readonly tags: ReadonlySet<string>;
}

function nodesAfter(nodes: readonly NodeLike[], move: Move): Moved {
  const after = nodes.filter((node) => !move.exit.includes(node));
  for (const node of move.enter) after.push(node);
  return { nodes: after, tags: tagsOf(after) };
}

/**
 * The snapshot XState's microstep makes after a move (`cloneMachineSnapshot` with the new nodes): the nodes and their
 * tags (`moved`), the state value (see `valueOf` in {@link fastTransition}), the other fields as they were, in
 * `createMachineSnapshot`'s order.
 */
function movedSnapshot(snapshot: SnapshotLike, moved: Moved, value: unknown): SnapshotLike {
  return {
    status: snapshot.status,
    output: snapshot.output,
    error: snapshot.error,
    machine: snapshot.machine,
    context: snapshot.context,
    _nodes: moved.nodes,
    value,
    tags: moved.tags,
    children: snapshot.children,
    historyValue: snapshot.historyValue || {},
    matches: snapshot.matches,
    hasTag: snapshot.hasTag,
    can: snapshot.can,
    getMeta: snapshot.getMeta,
    toJSON: snapshot.toJSON,
  };
}

/** The tags of the nodes, in their order (as `new Set(nodes.flatMap((node) => node.tags))`, without the list between). */
function tagsOf(nodes: readonly NodeLike[]): Set<string> {
  const tags = new Set<string>();
  for (const node of nodes) for (const tag of node.tags) tags.add(tag);
  return tags;
}

/** The `resolve` of XState's `assign` actions (its `resolveAssign`), which {@link assigned} stands in for. */
const XSTATE_ASSIGN = (assign({}) as unknown as { readonly resolve: unknown }).resolve;

type Assignment = ((args: unknown, params: unknown) => Record<string, unknown>) | Record<string, unknown>;

/** Thrown by the `spawn` an assignment gets in {@link assigned} (this one error): the event then goes through XState's own path from the start. */
const SPAWNS = new Error('an assignment spawns: the event goes through XState');
function spawnThroughXState(): never {
  throw SPAWNS;
}

/**
 * What XState's `assign` resolves to (`resolveAssign`): the assignment called with `{ context, event, spawn, self, system }`
 * and the action's params (a function for the whole update, or one value or function a key), and the snapshot with
 * `Object.assign({}, context, update)` as its context. XState copies the snapshot with `cloneMachineSnapshot`, working its
 * state value and tags out again from the same state nodes (a new value, a Set of tags and the Sets and Maps that find
 * them, each assign); {@link withContext} shares them, as it does for `enqueueActions`' assigns. An assignment that
 * calls `spawn` would add children: the shortcut leaves that event to XState (it runs the assignments again, as it
 * does when an action raises).
 */
function assigned(snapshot: SnapshotLike, event: EventLike, scope: FastScope, assignment: Assignment, params: unknown): SnapshotLike {
  if (!snapshot.context) throw new Error('Cannot assign to undefined `context`. Ensure that `context` is defined in the machine config.');
  const args = { context: snapshot.context, event, spawn: spawnThroughXState, self: scope.self, system: scope.system };
  let update: Record<string, unknown> = {};
  if (typeof assignment === 'function') update = assignment(args, params);
  else {
    for (const key of Object.keys(assignment)) {
      const value = assignment[key];
      update[key] = typeof value === 'function' ? (value as (a: unknown, p: unknown) => unknown)(args, params) : value;
    }
  }
  return withContext(snapshot, Object.assign({}, snapshot.context, update));
}

/**
 * XState's `resolveAndExecuteActionsWithContext` as a microstep calls it (no actors deferred, so no
 * retries): each action resolved on the snapshot the one before it left, built-in actions through
 * their own `resolve` (XState's `assign` through {@link assigned}), and every action handed to the scope's executor
 * as XState hands it.
 */
function resolveActions(
  snapshot: SnapshotLike,
  event: EventLike,
  scope: FastScope,
  actions: readonly unknown[],
  extra: unknown,
  retries?: [Resolvable, unknown][],
): SnapshotLike {
  const implementations = snapshot.machine.implementations.actions;
  let current = snapshot;
  for (const action of actions) {
    const isInline = typeof action === 'function';
    const named = action as string | { type: string; params?: unknown };
    const resolved = (isInline ? action : namedActions.get(implementations, typeof named === 'string' ? named : named.type)) as Resolvable | ((...args: unknown[]) => void) | undefined;
    const params =
      isInline || typeof named === 'string' || !('params' in named)
        ? undefined
        : typeof named.params === 'function'
          ? (named.params as (args: unknown) => unknown)({ context: current.context, event })
          : named.params;
    if (resolved && 'resolve' in resolved && resolved.resolve === XSTATE_ASSIGN) {
      current = assigned(current, event, scope, (resolved as unknown as { assignment: Assignment }).assignment, params);
      continue;
    }
    const info = { context: current.context, event, self: scope.self, system: scope.system };
    if (!resolved || !('resolve' in resolved)) {
      const type = typeof named === 'string' ? named : typeof named === 'object' ? named.type : (action as { name?: string }).name || '(anonymous)';
      scope.actionExecutor({ type, info, params, exec: resolved });
      continue;
    }
    const [next, resolvedParams, more] = resolved.resolve(scope, current, info, params, resolved, extra);
    current = next;
    if (retries !== undefined && resolved.retryResolve !== undefined) retries.push([resolved, resolvedParams]);
    if (resolved.execute !== undefined) scope.actionExecutor({ type: resolved.type, info, params: resolvedParams, exec: resolved.execute.bind(null, scope, resolvedParams) });
    if (more) current = resolveActions(current, event, scope, more, extra, retries);
  }
  return current;
}

/**
 * `machine.transition` with a shortcut for the commonest turns: the event selects one transition that
 * moves no state (no target), or none, or one whose move {@link planMove} works out (to an atomic state beside
 * the active one, or across compound states: into a compound target and its initial states, up, or from the
 * root), and no active state node has eventless transitions. XState's macrostep would then run one microstep
 * (after building the Sets that find what it exits and enters, a `flatMap` of the actions and a copy of the
 * active nodes), report it to the inspector, and look for eventless transitions. When a state entered has
 * eventless transitions (a state that only decides where to go next, as `toHowLong`, `advice` or `routing`),
 * the one they choose (`firstPassing` over `eventlessFrom`: XState's `selectEventlessTransitions` for one chain)
 * is taken too when planMove works it out: XState's macrostep makes one more microstep of it, and so does the
 * shortcut, each reported in turn after its own actions. The shortcut resolves the same actions as each
 * microstep does, in the same order (the exited states' exit actions, deepest first; the transition's; the
 * entered states' entry actions, top down, with the initial transition's actions of those entered by default),
 * on the same scope (so the same actions reach the same executor, in the same order), makes the same snapshot
 * ({@link movedSnapshot}), reports the same `@xstate.microstep` inspection event, and
 * returns what XState's path returns.
 *
 * The transition is chosen here too ({@link passes}, `choose`): the same candidates in the same order as XState's
 * `getTransitionData` tries them (the active state's, then each ancestor's), the same guards, without its walk down
 * the state value, its per-node memo key and the `{ context, event }` and closures it makes per guard.
 *
 * Everything else goes through XState's own `transition`, with the transitions already chosen handed
 * back to it (its `getTransitionData` on the same snapshot and event) so guards are not run twice: any
 * other target, more than one transition, an active state with `always` or a parallel state, XState's own
 * events (`xstate.*`: init, stop, errors), a machine with `maxIterations` under one, a snapshot not
 * active. If the actions raise an event (XState's internal queue not empty after them), what they
 * asked the executor for is dropped and the event goes through XState's own path from the start, as
 * if the shortcut had not been tried.
 *
 * This reads XState's internals (state nodes' `type`, `parent`, `always`, `entry`, `exit`, `invoke` and
 * `tags`, transitions' `source`, `target`, `reenter` and `actions`, built-in actions' `resolve`, `execute`
 * and `retryResolve`, the internal queue in `resolve`'s last argument, the snapshot's fields, the
 * inspection event's shape) as of the version `tests/dialogs/xstate-fast-path.test.ts` names; that test
 * drives the machine with and without the shortcut and fails when XState's version changes.
 */
export function fastTransition<M extends MachineLike>(machine: M): M['transition'] {
  const slow = machine.transition.bind(machine) as (snapshot: SnapshotLike, event: EventLike, scope: FastScope) => SnapshotLike;
  const select = machine.getTransitionData.bind(machine) as (snapshot: SnapshotLike, event: EventLike) => TransitionLike[];
  // The transitions chosen for the event about to go through XState's path: its first `getTransitionData`
  // (on the same snapshot and event) takes them instead of running every guard again.
  let chosen: { snapshot: SnapshotLike; event: EventLike; transitions: TransitionLike[] } | null = null;
  (machine as { getTransitionData: unknown }).getTransitionData = (snapshot: SnapshotLike, event: EventLike): TransitionLike[] => {
    const known = chosen;
    if (known !== null && known.snapshot === snapshot && known.event === event) {
      chosen = null;
      return known.transitions;
    }
    return select(snapshot, event);
  };
  // For each active atomic state and event type: the candidates of the state and of each of its ancestors, in the
  // order XState's `transitionNode` asks them (the state's own first, the root's last), the nodes with none left out;
  // `null` when a node declares a wildcard.
  type Chain = readonly (readonly TransitionLike[])[];
  const chains = new Map<NodeLike, Map<string, Chain | null>>();
  const chainOf = (leaf: NodeLike, type: string): Chain | null => {
    let byType = chains.get(leaf);
    if (byType === undefined) chains.set(leaf, (byType = new Map<string, Chain | null>()));
    let chain = byType.get(type);
    if (chain === undefined) {
      const found: (readonly TransitionLike[])[] = [];
      for (let node: NodeLike | undefined = leaf; node !== undefined && chain !== null; node = node.parent) {
        const candidates = candidatesOf(node, type);
        if (candidates === null) chain = null;
        else if (candidates.length > 0) found.push(candidates);
      }
      if (chain !== null) chain = found;
      byType.set(type, chain);
    }
    return chain;
  };
  /**
   * XState's `getTransitionData` when the active states are one chain ending in `leaf`: the first candidate, from
   * the leaf up, whose guard passes, as `StateNode.next` picks it (in a new one-element list), or none. Anything
   * this does not take (a wildcard, a guard it leaves to XState, a guard that throws, for XState's own error) goes
   * to XState's `getTransitionData` from the start; the guards are pure, so running some of them again changes nothing.
   */
  const choose = (leaf: NodeLike, snapshot: SnapshotLike, event: EventLike): TransitionLike[] => {
    const chain = chainOf(leaf, event.type);
    const found = chain === null ? null : firstPassing(chain, snapshot, { context: snapshot.context, event });
    return found === null ? select(snapshot, event) : found === undefined ? [] : [found];
  };
  /**
   * The state value of a one-chain snapshot whose atomic state is `target`, moved to from a sibling (`snapshot`
   * is the one before): the chain's keys from the root down, which `target` alone decides. Worked out once per
   * state and shared by every snapshot in it, as XState shares a value between the snapshots of a turn that
   * moves no state: nothing writes to a state value.
   */
  const values = new Map<NodeLike, unknown>();
  const valueOf = (snapshot: SnapshotLike, target: NodeLike): unknown => {
    let value = values.get(target);
    if (value === undefined) values.set(target, (value = valueWithLeaf(snapshot.value, target.key)));
    return value;
  };
  /** {@link chainValue}, once per atomic state, in the same map as `valueOf` (the same value either way). */
  const valueOfChain = (leaf: NodeLike): unknown => {
    let value = values.get(leaf);
    if (value === undefined) values.set(leaf, (value = chainValue(leaf)));
    return value;
  };
  /** {@link planMove}, once per transition and active atomic state. */
  const moves = new Map<TransitionLike, Map<NodeLike, Move | null>>();
  const moveOf = (transition: TransitionLike, leaf: NodeLike): Move | null => {
    let byLeaf = moves.get(transition);
    if (byLeaf === undefined) moves.set(transition, (byLeaf = new Map<NodeLike, Move | null>()));
    let move = byLeaf.get(leaf);
    if (move === undefined) byLeaf.set(leaf, (move = planMove(transition, leaf)));
    return move;
  };
  /**
   * {@link nodesAfter}, once per list of active nodes (the same nodes in the same order) and move: the list and the
   * tags are shared by every snapshot that makes that move from such a list, as XState shares a snapshot's nodes
   * between the snapshots it copies with a new context. Nothing writes to either. Found by walking the list node by
   * node (a Map a level, the move's result at the end), so a new conversation's own first list finds them too.
   */
  type MovesFrom = Map<NodeLike | Move, MovesFrom | Moved>;
  const afterMoves: MovesFrom = new Map();
  const movedFrom = (nodes: readonly NodeLike[], move: Move): Moved => {
    let level = afterMoves;
    for (const node of nodes) {
      let next = level.get(node) as MovesFrom | undefined;
      if (next === undefined) level.set(node, (next = new Map()));
      level = next;
    }
    let moved = level.get(move) as Moved | undefined;
    if (moved === undefined) level.set(move, (moved = nodesAfter(nodes, move)));
    return moved;
  };
  const throughXState = (snapshot: SnapshotLike, event: EventLike, scope: FastScope, transitions: TransitionLike[]): SnapshotLike => {
    const outer = chosen;
    chosen = { snapshot, event, transitions };
    try {
      return slow(snapshot, event, scope);
    } finally {
      chosen = outer;
    }
  };
  /**
   * The list the running shortcut holds its microstep's actions in, and the executor it puts on the scope, which
   * adds to it: one function for every send rather than a closure made per send. Saved and restored around each
   * send, as the scope's executor is.
   */
  let holding: ActionObject[] = [];
  const hold = (action: ActionObject): void => void holding.push(action);
  return ((snapshot: SnapshotLike, event: EventLike, scope: FastScope): SnapshotLike => {
    const maxIterations = snapshot.machine.options?.maxIterations ?? Infinity;
    const leaf = snapshot.status !== 'active' || event.type.startsWith('xstate.') || !(maxIterations >= 1) ? null : activeLeaf(snapshot._nodes);
    if (leaf === null) return slow(snapshot, event, scope);
    const transitions = choose(leaf, snapshot, event);
    const transition = transitions[0];
    const move = transition?.target === undefined ? null : moveOf(transition, leaf);
    if (transitions.length > 1 || (transition?.target !== undefined && move === null)) return throughXState(snapshot, event, scope, transitions);
    if (transition === undefined) {
      scope.system._sendInspectionEvent({ type: '@xstate.microstep', actorRef: scope.self, event, snapshot, _transitions: transitions });
      return snapshot;
    }
    // As XState's microstep does, the actions go to the executor through a wrapper, here one that holds
    // them until it is known that none raised an event. Each microstep's actions, then its inspection event.
    const executor = scope.actionExecutor;
    const outerHolding = holding;
    const steps: HeldStep[] = [];
    let held: ActionObject[] = (holding = []);
    const internalQueue: unknown[] = [];
    // What resolveActions passes on to the actions' `resolve` with no actors deferred: one object for the send (XState
    // makes one per list of actions it resolves; nothing keeps it or writes to it, only to its internalQueue).
    const noneDeferred = { internalQueue, deferredActorIds: undefined };
    scope.actionExecutor = hold;
    let next = snapshot;
    try {
      // A move into a state with eventless transitions (`always`) goes on, as XState's macrostep does, with the one they
      // choose, while it is another such move: a microstep each (at most `maxIterations` after the first).
      let step: TransitionLike = transition;
      let plan = move;
      let stepTransitions = transitions;
      for (;;) {
        if (plan !== null) for (const node of plan.exit) next = resolveActions(next, event, scope, node.exit, noneDeferred);
        next = resolveActions(next, event, scope, step.actions, noneDeferred);
        if (plan !== null) {
          for (const actions of plan.enterActions) {
            // Entering a state, XState resolves with the ids of the actors it invokes (none here) and retries what asks it;
            // a state entered by default (the target, the initial states below it) runs its initial transition's actions too.
            const retries: [Resolvable, unknown][] = [];
            next = resolveActions(next, event, scope, actions, { internalQueue, deferredActorIds: [] }, retries);
            for (const [action, params] of retries) action.retryResolve!(scope, next, params);
          }
          const sibling = plan.exit.length === 1 && plan.enter.length === 1;
          next = movedSnapshot(next, movedFrom(next._nodes, plan), sibling ? valueOf(next, plan.leaf) : valueOfChain(plan.leaf));
        }
        steps.push({ held, snapshot: next, transitions: stepTransitions });
        held = holding = [];
        if (internalQueue.length > 0 || plan === null || !chainHasEventless(plan.leaf)) break;
        const eventless = firstPassing(eventlessFrom(plan.leaf), next, { context: next.context, event });
        const after = eventless === null || eventless === undefined ? null : moveOf(eventless, plan.leaf);
        // (XState's macrostep counts one more round after the last microstep, to find nothing left to do.)
        if (after === null || steps.length + 1 > maxIterations) {
          scope.actionExecutor = executor;
          return throughXState(snapshot, event, scope, transitions);
        }
        step = eventless!;
        plan = after;
        stepTransitions = [step];
      }
    } catch (error) {
      scope.actionExecutor = executor;
      if (error === SPAWNS) return throughXState(snapshot, event, scope, transitions);
      // XState's executor would already have had the actions before the one that threw (and the microsteps before its own).
      releaseSteps(steps, executor, scope, event);
      for (const action of held) executor(action);
      throw error;
    } finally {
      scope.actionExecutor = executor;
      holding = outerHolding;
    }
    if (internalQueue.length > 0) return throughXState(snapshot, event, scope, transitions);
    releaseSteps(steps, executor, scope, event);
    return next;
  }) as unknown as M['transition'];
}
