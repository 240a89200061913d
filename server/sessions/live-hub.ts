import type { LiveItem } from './types.js';

type Listener = (item: LiveItem) => void;

/**
 * Live fan-out of one conversation's items to its subscribers (the child's socket, a counsellor's
 * console, a Direct Line stream). One process today; this is the seam where a pub/sub (Redis)
 * routes items between instances later. Only committed activities and ephemeral ones pass here.
 * A conversation with one subscriber (the usual case: the child's socket) holds just that
 * function; a Set is made only for a second one.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Listener | Set<Listener>>();

  constructor(private readonly onListenerError: (conversationId: string, error: unknown) => void) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(conversationId: string, listener: Listener): () => void {
    const current = this.listeners.get(conversationId);
    if (current === undefined) this.listeners.set(conversationId, listener);
    else if (typeof current === 'function') this.listeners.set(conversationId, new Set([current, listener]));
    else current.add(listener);
    return () => this.unsubscribe(conversationId, listener);
  }

  /** Delivers an item to every listener; one listener's failure never stops the others. */
  publish(conversationId: string, item: LiveItem): void {
    const current = this.listeners.get(conversationId);
    if (current === undefined) return;
    if (typeof current === 'function') {
      this.deliver(conversationId, current, item);
      return;
    }
    // A copy: a listener may unsubscribe (or subscribe another) while being called.
    for (const listener of [...current]) this.deliver(conversationId, listener, item);
  }

  /** Number of listeners on a conversation. */
  count(conversationId: string): number {
    const current = this.listeners.get(conversationId);
    return current === undefined ? 0 : typeof current === 'function' ? 1 : current.size;
  }

  private deliver(conversationId: string, listener: Listener, item: LiveItem): void {
    try {
      listener(item);
    } catch (error) {
      this.onListenerError(conversationId, error);
    }
  }

  private unsubscribe(conversationId: string, listener: Listener): void {
    const current = this.listeners.get(conversationId);
    if (current === undefined) return;
    if (typeof current === 'function') {
      if (current === listener) this.listeners.delete(conversationId);
      return;
    }
    current.delete(listener);
    if (current.size === 1) this.listeners.set(conversationId, current.values().next().value as Listener);
    else if (current.size === 0) this.listeners.delete(conversationId);
  }
}
