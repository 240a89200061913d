import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat } from '../../../../server/routes/chat/index.js';
import { HEARTBEAT_SLOTS, SocketRegistry, type RegisteredSocket } from '../../../../server/routes/chat/socket-registry.js';

/** A socket that answers pings (or not) and records when the heartbeat reached it. */
class FakeSocket implements RegisteredSocket {
  readonly address = '127.0.0.1';
  beats: number[] = [];
  ended = false;
  isAlive = true;

  constructor(
    private readonly registry: SocketRegistry<FakeSocket>,
    readonly answers: boolean,
  ) {}

  closeWith(): void {
    this.ended = true;
    this.registry.remove(this, null);
  }

  heartbeat(): void {
    this.beats.push(Date.now());
    if (!this.isAlive) {
      this.closeWith();
      return;
    }
    this.isAlive = this.answers; // a live peer's pong arrives before the next ping
  }
}

const HEARTBEAT_MS = 30_000;

describe('chat heartbeats are spread over the heartbeat interval', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp(count: number, answers = (i: number) => i >= 0) {
    const registry = new SocketRegistry<FakeSocket>({ maxSockets: 10_000, maxConnectionsPerAddress: 10_000 });
    const sockets = Array.from({ length: count }, (_, i) => new FakeSocket(registry, answers(i)));
    for (const socket of sockets) registry.add(socket);
    return { registry, sockets, heartbeat: startHeartbeat(registry as SocketRegistry<RegisteredSocket>, HEARTBEAT_MS) };
  }

  it('never pings every socket at once, yet reaches each one once per interval', () => {
    const { sockets, heartbeat } = setUp(1000);
    const perTick: number[] = [];
    for (let tick = 0; tick < HEARTBEAT_SLOTS * 2; tick += 1) {
      const before = sockets.reduce((n, s) => n + s.beats.length, 0);
      vi.advanceTimersByTime(HEARTBEAT_MS / HEARTBEAT_SLOTS);
      perTick.push(sockets.reduce((n, s) => n + s.beats.length, 0) - before);
    }
    heartbeat.stop();
    // The largest batch is one slot's share, not the whole thousand.
    expect(Math.max(...perTick)).toBeLessThanOrEqual(Math.ceil(1000 / HEARTBEAT_SLOTS));
    for (const socket of sockets) {
      expect(socket.beats).toHaveLength(2);
      const [first = 0, second = 0] = socket.beats;
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(HEARTBEAT_MS);
      expect(second - first).toBe(HEARTBEAT_MS);
      expect(socket.ended).toBe(false);
    }
  });

  it('ends a socket that did not answer by its next ping, and only that one', () => {
    const { registry, sockets, heartbeat } = setUp(90, (i) => i !== 17);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(sockets.every((s) => !s.ended)).toBe(true);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    heartbeat.stop();
    expect(sockets.filter((s) => s.ended)).toEqual([sockets[17]]);
    expect(registry.size).toBe(89);
  });

  it('reaches sockets added and removed between ticks, each once per round', () => {
    const registry = new SocketRegistry<FakeSocket>({ maxSockets: 100, maxConnectionsPerAddress: 100 });
    const first = Array.from({ length: 40 }, () => new FakeSocket(registry, true));
    for (const s of first) registry.add(s);
    const seen = new Map<FakeSocket, number>();
    const count = (slot: FakeSocket[]) => {
      for (const s of slot) seen.set(s, (seen.get(s) ?? 0) + 1);
    };
    for (let i = 0; i < 10; i += 1) count(registry.nextHeartbeatSlot());
    const later = Array.from({ length: 25 }, () => new FakeSocket(registry, true));
    for (const s of later) registry.add(s);
    const gone = first.slice(0, 5);
    for (const s of gone) registry.remove(s, null);
    seen.clear();
    for (let i = 0; i < HEARTBEAT_SLOTS; i += 1) count(registry.nextHeartbeatSlot());
    for (const s of [...first.slice(5), ...later]) expect(seen.get(s)).toBe(1);
    for (const s of gone) expect(seen.has(s)).toBe(false);
  });
});
