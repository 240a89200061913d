import { createActor } from 'xstate';
import type { AnyActorRef, AnyStateMachine } from 'xstate';
import type { DialogEmitted, DialogInput } from '../../dialogs/types.js';

/**
 * Holds one conversation's dialog actor and collects what it emits. Sessions hold the actor, never
 * a socket. Creating from a persisted snapshot validates it: a snapshot the machine cannot take
 * (or one that puts the actor in an error state) is reported, so the caller starts fresh instead.
 */

/** The dialog machine and the version stored beside its snapshots. */
export interface DialogDefinition {
  readonly machine: AnyStateMachine;
  readonly version: string;
}

/** A running dialog actor plus the events it emitted since the last {@link DialogHost.drain}. */
export class DialogHost {
  readonly actor: AnyActorRef;
  private emitted: DialogEmitted[] = [];
  private fault: unknown = null;
  /** Called when the actor emits outside a turn (an invoked actor finished later). */
  onLateEmit: (() => void) | null = null;
  inTurn = false;

  /** Starts an actor; throws if a given snapshot cannot be restored. */
  constructor(dialog: DialogDefinition, input: DialogInput, snapshot?: unknown) {
    const actor = createActor(dialog.machine, snapshot === undefined ? { input } : { input, snapshot: snapshot as never });
    actor.on('*', (event: unknown) => {
      this.emitted.push(event as DialogEmitted);
      if (!this.inTurn) this.onLateEmit?.();
    });
    // Without an error listener XState rethrows actor errors globally, which would crash the process.
    actor.subscribe({ error: (error: unknown) => (this.fault = error ?? new Error('dialog actor failed')) });
    this.inTurn = true;
    try {
      actor.start();
    } finally {
      this.inTurn = false;
    }
    this.actor = actor;
    this.throwIfFaulted();
  }

  /** Sends an event synchronously (the actor processes it before this returns). */
  send(event: { type: string }): void {
    this.actor.send(event);
    this.throwIfFaulted();
  }

  /** Takes the emitted events collected so far. */
  drain(): DialogEmitted[] {
    const out = this.emitted;
    this.emitted = [];
    return out;
  }

  get hasPending(): boolean {
    return this.emitted.length > 0;
  }

  /** What the store keeps after every turn. */
  persisted(): unknown {
    return this.actor.getPersistedSnapshot();
  }

  /** A small serialisable summary from the dialog's context, if it keeps one (for the console). */
  context(): Record<string, unknown> {
    const snapshot = this.actor.getSnapshot() as { context?: unknown };
    return typeof snapshot.context === 'object' && snapshot.context !== null ? (snapshot.context as Record<string, unknown>) : {};
  }

  stop(): void {
    this.actor.stop();
  }

  private throwIfFaulted(): void {
    const status = (this.actor.getSnapshot() as { status?: string }).status;
    if (this.fault !== null || status === 'error') {
      const error = this.fault instanceof Error ? this.fault : new Error('dialog actor is in an error state');
      this.fault = null;
      throw error;
    }
  }
}
