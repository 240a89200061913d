/**
 * Every open `/chat` socket in this process: totals and per-address counts (held in memory only,
 * never logged or stored), and which socket currently holds each conversation (the newest wins).
 */

/** What the registry needs from a socket. */
export interface RegisteredSocket {
  readonly address: string;
  /** Ends the socket with a close code. */
  closeWith(code: number, reason: string): void;
  /** One heartbeat tick: ping, or end the socket if the last ping went unanswered. */
  heartbeat(): void;
}

export type Admission = 'ok' | 'address_full' | 'server_full';

/**
 * Heartbeat slots: each tick of the heartbeat (every heartbeatMs / HEARTBEAT_SLOTS) handles one
 * slot, so a full round still reaches every socket once per heartbeatMs, but the pings of a
 * thousand sockets go out in thirty small batches instead of one burst that stalls every chat.
 */
export const HEARTBEAT_SLOTS = 30;

export class SocketRegistry<S extends RegisteredSocket = RegisteredSocket> {
  private readonly sockets = new Set<S>();
  private readonly perAddress = new Map<string, number>();
  private readonly owners = new Map<string, S>();
  /** Sockets by heartbeat slot, filled in turn as they are added; the slot of each socket. */
  private readonly slots: Set<S>[] = Array.from({ length: HEARTBEAT_SLOTS }, () => new Set<S>());
  private readonly slotOf = new Map<S, number>();
  private nextSlotToFill = 0;
  private nextSlotToBeat = 0;

  constructor(private readonly limits: { maxSockets: number; maxConnectionsPerAddress: number }) {}

  /** Whether one more socket from `address` may stay open. */
  admission(address: string): Admission {
    if (this.sockets.size >= this.limits.maxSockets) return 'server_full';
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxConnectionsPerAddress) return 'address_full';
    return 'ok';
  }

  add(socket: S): void {
    if (this.sockets.has(socket)) return;
    this.sockets.add(socket);
    this.perAddress.set(socket.address, (this.perAddress.get(socket.address) ?? 0) + 1);
    const slot = this.nextSlotToFill;
    this.nextSlotToFill = (slot + 1) % HEARTBEAT_SLOTS;
    this.slots[slot]?.add(socket);
    this.slotOf.set(socket, slot);
  }

  /** Removes a socket (idempotent). Returns true if it held its conversation. */
  remove(socket: S, conversationId: string | null): boolean {
    if (this.sockets.delete(socket)) {
      const slot = this.slotOf.get(socket);
      if (slot !== undefined) this.slots[slot]?.delete(socket);
      this.slotOf.delete(socket);
      const left = (this.perAddress.get(socket.address) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(socket.address);
      else this.perAddress.set(socket.address, left);
    }
    if (conversationId !== null && this.owners.get(conversationId) === socket) {
      this.owners.delete(conversationId);
      return true;
    }
    return false;
  }

  /** Makes `socket` the holder of a conversation; returns the socket it replaced, if any. */
  claim(conversationId: string, socket: S): S | undefined {
    const previous = this.owners.get(conversationId);
    this.owners.set(conversationId, socket);
    return previous === socket ? undefined : previous;
  }

  release(conversationId: string, socket: S): void {
    if (this.owners.get(conversationId) === socket) this.owners.delete(conversationId);
  }

  owner(conversationId: string): S | undefined {
    return this.owners.get(conversationId);
  }

  get size(): number {
    return this.sockets.size;
  }

  /** A snapshot of every socket (safe to close them while iterating). */
  all(): S[] {
    return [...this.sockets];
  }

  /**
   * The sockets of the next heartbeat slot (a snapshot, safe to close them while iterating). Called
   * HEARTBEAT_SLOTS times, it returns every socket registered throughout exactly once.
   */
  nextHeartbeatSlot(): S[] {
    const slot = this.nextSlotToBeat;
    this.nextSlotToBeat = (slot + 1) % HEARTBEAT_SLOTS;
    return [...(this.slots[slot] ?? [])];
  }
}
