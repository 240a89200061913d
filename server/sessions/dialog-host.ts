import { createActor } from 'xstate';
import type { AnyActorRef, AnyMachineSnapshot, AnyStateMachine, ExecutableActionObject } from 'xstate';
import type { DialogEmitted, DialogInput } from '../../dialogs/types.js';

/**
 * Holds one conversation's dialog and collects what it emits. Sessions hold the dialog, never a
 * socket. Creating from a persisted snapshot validates it: a snapshot the machine cannot take (or
 * one that puts the dialog in an error state) is reported, so the caller starts fresh instead.
 *
 * Between turns a conversation keeps only its machine snapshot, not a running actor: each event is
 * one pure `machine.transition(snapshot, event, scope)` with a scope shared by every conversation
 * on the same machine, and the actions it asks for are carried out here. Only actions that need no
 * actor are taken this way (emit, raise without a delay, log). The first time a transition asks
 * for anything else (a delayed event, an invoked or spawned actor, sendTo, cancel, a custom action),
 * that transition is thrown away unexecuted and the conversation moves to a real XState actor
 * restored from the snapshot it had before, which then takes the same event; from then on it works
 * as an actor does, including emits that arrive later ({@link DialogHost.onLateEmit}).
 */

/** The dialog machine and the version stored beside its snapshots. */
export interface DialogDefinition {
  readonly machine: AnyStateMachine;
  readonly version: string;
}

/** The actor scope a machine's pure transitions take. */
type Scope = Parameters<AnyStateMachine['transition']>[2];

/** Built-in actions a pure transition may ask for that need no actor to carry out. */
const PURE_ACTIONS = new Set(['xstate.emit', 'xstate.raise', 'xstate.log']);

/** One scope per machine, shared by every conversation on it; actions are collected, never run by XState. */
interface SharedScope {
  readonly scope: Scope;
  /** Where the running transition's actions go; swapped per call. */
  sink: ExecutableActionObject[];
}

const scopes = new WeakMap<AnyStateMachine, SharedScope>();

function sharedScope(machine: AnyStateMachine, input: DialogInput): SharedScope {
  const known = scopes.get(machine);
  if (known) return known;
  // XState's own pure `transition()` builds a scope like this around an unstarted actor on every
  // call; building it once per machine is what makes a turn cheap.
  const self = createActor(machine, { input }) as unknown as Scope['self'];
  const shared: SharedScope = {
    sink: [],
    scope: {
      self,
      id: '',
      sessionId: '',
      logger: (...args: unknown[]) => console.log(...args),
      defer: (fn: () => void) => fn(),
      emit: () => {},
      system: (self as unknown as { system: Scope['system'] }).system,
      stopChild: () => {},
      actionExecutor: (action: ExecutableActionObject) => void shared.sink.push(action),
    },
  };
  scopes.set(machine, shared);
  return shared;
}

/** Runs `step` on the shared scope and returns its result with the actions it asked for. */
function collect<T>(shared: SharedScope, step: (scope: Scope) => T): [T, ExecutableActionObject[]] {
  const outer = shared.sink;
  const sink: ExecutableActionObject[] = [];
  shared.sink = sink;
  try {
    return [step(shared.scope), sink];
  } finally {
    shared.sink = outer;
  }
}

function needsActor(snapshot: AnyMachineSnapshot, actions: readonly ExecutableActionObject[]): boolean {
  // (a for-in, not Object.keys: no array made per turn)
  for (const _ in snapshot.children as object) return true;
  for (const action of actions) {
    if (!PURE_ACTIONS.has(action.type)) return true;
    if (action.type === 'xstate.raise' && (action.params as { delay?: unknown } | undefined)?.delay !== undefined) return true;
  }
  return false;
}

/**
 * `machine.getPersistedSnapshot(snapshot)` for a conversation without an actor, built directly: the
 * same object, without XState's generic walk of the whole context looking for actor references
 * (a pure conversation has no children, so its context holds none). The context is shared, not
 * copied, as XState does too when there is nothing to replace.
 */
function persistedOf(snapshot: AnyMachineSnapshot): unknown {
  return {
    status: snapshot.status,
    output: snapshot.output as unknown,
    error: snapshot.error as unknown,
    value: snapshot.value as unknown,
    historyValue: historyOf(snapshot.historyValue as unknown),
    context: snapshot.context as unknown,
    children: NONE,
  };
}

/**
 * An empty part of a persisted snapshot (no children; usually no history), one frozen object shared
 * by every conversation instead of two new ones per conversation kept between turns. XState's
 * restore builds its own objects from these and never writes to them.
 */
const NONE: Record<string, never> = Object.freeze({});

/** History states by the ids of the state nodes they remember, as XState persists them. */
function historyOf(history: unknown): Record<string, { id: string }[]> {
  if (typeof history !== 'object' || history === null) return NONE;
  let out: Record<string, { id: string }[]> | null = null;
  for (const [key, nodes] of Object.entries(history)) {
    if (Array.isArray(nodes)) (out ??= {})[key] = nodes.map((node: { id: string }) => ({ id: node.id }));
  }
  return out ?? NONE;
}

function faultOf(snapshot: AnyMachineSnapshot): Error | null {
  if (snapshot.status !== 'error') return null;
  return snapshot.error instanceof Error ? snapshot.error : new Error('dialog is in an error state');
}

/** The dialog of one conversation plus the events it emitted since the last {@link DialogHost.drain}. */
export class DialogHost {
  private readonly machine: AnyStateMachine;
  private readonly shared: SharedScope;
  /** The pure state between turns; null once the conversation runs on an actor. */
  private snapshot: AnyMachineSnapshot | null;
  private actor: AnyActorRef | null = null;
  private emitted: DialogEmitted[] = [];
  private fault: unknown = null;
  private stopped = false;
  private persistedOf: AnyMachineSnapshot | null = null;
  private persistedValue: unknown = undefined;
  /** Called when the dialog emits outside a turn (an invoked actor finished later). */
  onLateEmit: (() => void) | null = null;
  inTurn = false;

  /** Starts the dialog (the opening is collected for {@link drain}); throws if a given snapshot cannot be restored. */
  constructor(dialog: DialogDefinition, input: DialogInput, snapshot?: unknown) {
    this.machine = dialog.machine;
    this.shared = sharedScope(dialog.machine, input);
    // No snapshot (or an empty one, which an actor also treats as none) starts a new conversation.
    if (!snapshot) {
      const [initial, actions] = collect(this.shared, (scope) => this.machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot);
      const fault = faultOf(initial);
      if (fault) throw fault;
      if (needsActor(initial, actions)) {
        this.snapshot = null;
        this.startActor(input, undefined);
      } else {
        this.snapshot = initial;
        this.carryOut(actions);
      }
      return;
    }
    const [restored, actions] = collect(this.shared, (scope) => this.machine.restoreSnapshot?.(snapshot as never, scope) as AnyMachineSnapshot | undefined);
    if (restored === undefined) throw new Error('dialog machine cannot restore snapshots');
    const fault = faultOf(restored);
    if (fault) throw fault;
    if (needsActor(restored, actions)) {
      this.snapshot = null;
      this.startActor(input, snapshot);
    } else {
      this.snapshot = restored;
    }
  }

  /** Sends an event synchronously (the dialog takes it before this returns). */
  send(event: { type: string }): void {
    if (this.actor !== null) {
      this.actor.send(event);
      this.throwIfFaulted();
      return;
    }
    const current = this.snapshot;
    // A finished or stopped dialog ignores further events, as a stopped actor does.
    if (this.stopped || current === null || current.status !== 'active') return;
    // collect's steps written out: no closure and no result pair made per send.
    const shared = this.shared;
    const outer = shared.sink;
    const actions: ExecutableActionObject[] = [];
    shared.sink = actions;
    let next: AnyMachineSnapshot;
    try {
      next = this.machine.transition(current, event as never, shared.scope) as AnyMachineSnapshot;
    } finally {
      shared.sink = outer;
    }
    const fault = faultOf(next);
    if (fault) throw fault;
    if (needsActor(next, actions)) {
      // Nothing of this transition has run: replay the event on an actor restored from before it.
      this.snapshot = null;
      this.startActor(undefined, this.machine.getPersistedSnapshot(current));
      this.actor!.send(event);
      this.throwIfFaulted();
      return;
    }
    this.snapshot = next;
    this.carryOut(actions);
  }

  /** Takes the emitted events collected so far. */
  drain(): DialogEmitted[] {
    const out = this.emitted;
    this.emitted = [];
    return out;
  }

  /** Whether the dialog runs on a real XState actor (which may emit outside a turn) rather than as pure transitions. */
  get usesActor(): boolean {
    return this.actor !== null;
  }

  get hasPending(): boolean {
    return this.emitted.length > 0;
  }

  /** What the store keeps after every turn (the same object again while the state has not changed). */
  persisted(): unknown {
    const current = this.current();
    if (this.persistedOf !== current) {
      this.persistedValue = this.actor !== null ? this.actor.getPersistedSnapshot() : persistedOf(current);
      this.persistedOf = current;
    }
    return this.persistedValue;
  }

  /** A small serialisable summary from the dialog's context, if it keeps one (for the console). */
  context(): Record<string, unknown> {
    const context = this.current().context as unknown;
    return typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : {};
  }

  stop(): void {
    this.stopped = true;
    this.actor?.stop();
  }

  private current(): AnyMachineSnapshot {
    return this.actor !== null ? (this.actor.getSnapshot() as AnyMachineSnapshot) : (this.snapshot as AnyMachineSnapshot);
  }

  /** Emits, in order; raise and log need nothing more here (a delayed raise goes to an actor). */
  private carryOut(actions: readonly ExecutableActionObject[]): void {
    for (const action of actions) {
      if (action.type === 'xstate.emit') this.emitted.push((action.params as { event: DialogEmitted }).event);
      else if (action.type === 'xstate.log') action.exec?.(action.info, action.params);
    }
  }

  private startActor(input: DialogInput | undefined, snapshot: unknown): void {
    const actor = createActor(this.machine, { ...(input === undefined ? {} : { input }), ...(snapshot === undefined ? {} : { snapshot: snapshot as never }) });
    actor.on('*', (event: unknown) => {
      this.emitted.push(event as DialogEmitted);
      if (!this.inTurn) this.onLateEmit?.();
    });
    // Without an error listener XState rethrows actor errors globally, which would crash the process.
    actor.subscribe({ error: (error: unknown) => (this.fault = error ?? new Error('dialog actor failed')) });
    const wasInTurn = this.inTurn;
    this.inTurn = true;
    try {
      actor.start();
    } finally {
      this.inTurn = wasInTurn;
    }
    this.actor = actor;
    this.throwIfFaulted();
  }

  private throwIfFaulted(): void {
    const status = (this.actor?.getSnapshot() as { status?: string } | undefined)?.status;
    if (this.fault !== null || status === 'error') {
      const error = this.fault instanceof Error ? this.fault : new Error('dialog actor is in an error state');
      this.fault = null;
      throw error;
    }
  }
}
