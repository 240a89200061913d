import type { LiveItem } from './types.js';

/**
 * Live fan-out of one conversation's items to its subscribers (the child's socket, a counsellor's
 * console, a Direct Line stream). One process today; this is the seam where a pub/sub (Redis)
 * routes items between instances later. Only committed activities and ephemeral ones pass here.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<(item: LiveItem) => void>>();

  constructor(private readonly onListenerError: (conversationId: string, error: unknown) => void) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(conversationId: string, listener: (item: LiveItem) => void): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) {
      set = new Set();
      this.listeners.set(conversationId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(conversationId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(conversationId);
    };
  }

  /** Delivers an item to every listener; one listener's failure never stops the others. */
  publish(conversationId: string, item: LiveItem): void {
    const set = this.listeners.get(conversationId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(item);
      } catch (error) {
        this.onListenerError(conversationId, error);
      }
    }
  }

  /** Number of listeners on a conversation. */
  count(conversationId: string): number {
    return this.listeners.get(conversationId)?.size ?? 0;
  }
}
