import WebSocket from 'ws';
import { LatencySample } from './stats.js';

/**
 * The load generator: N child conversations over `/chat`, each a real `ws` client on loopback.
 * - `echo` mode: any frame back completes a turn (the echo server returns the frame itself).
 * - `chat` mode: Harbour's protocol. A conversation is ready after the `session` event and the
 *   bot's first message; a turn completes when the ack (the child's own id echoed back) AND a bot
 *   message (`channelData.sender: "bot"`) after the send have both arrived.
 * Closed loop: every conversation sends its next message as soon as its turn completes
 * (saturation). Open loop: sends are scheduled at a fixed offered rate across the conversations,
 * and latency counts from the scheduled time, so a slow server cannot hide its queueing delay.
 * Everything is bounded: a deadline per phase and a timeout per turn.
 */

export type LoadMode = 'echo' | 'chat';

/** The child's side of the scripted helpline journey (the botbuilder peer follows the same steps). */
export const CHILD_SCRIPT: readonly string[] = [
  'Young person',
  'someone I met in a game keeps messaging me',
  'it was on Roblox',
  'a few weeks now',
  'not sure',
  'a bit worried and confused',
  'I could talk to my big sister',
  'ok that helps',
  'I think that is all for now',
];

/** After the script's end, conversations go round these steps again (never a goodbye). */
const LOOP_FROM = 1;

const TURN_TIMEOUT_MS = 10_000;

/** Frames received from the server by every conversation (to report frames per turn). */
let framesReceived = 0;

interface Pending {
  readonly id: string;
  /** When the turn started: the actual send (closed loop) or the scheduled time (open loop). */
  readonly startedAt: number;
  isAcked: boolean;
  hasBotReply: boolean;
}

class Conversation {
  turn = 0;
  pending: Pending | null = null;
  isReady = false;
  isDead = false;
  onTurnDone: ((conversation: Conversation, pending: Pending, ok: boolean) => void) | null = null;

  constructor(
    readonly index: number,
    readonly socket: WebSocket,
    readonly mode: LoadMode,
  ) {}

  send(startedAt: number): void {
    const id = `c${this.index}-t${this.turn}`;
    const text = CHILD_SCRIPT[this.turn < CHILD_SCRIPT.length ? this.turn : LOOP_FROM + ((this.turn - LOOP_FROM) % (CHILD_SCRIPT.length - LOOP_FROM))] ?? 'ok';
    this.turn += 1;
    this.pending = { id, startedAt, isAcked: false, hasBotReply: false };
    this.socket.send(JSON.stringify({ type: 'message', id, text, from: { id: 'child', role: 'user' } }));
  }

  finish(ok: boolean): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.onTurnDone?.(this, pending, ok);
  }
}

/** The outcome of opening N conversations. */
export interface OpenResult {
  readonly conversations: Conversation[];
  readonly failed: number;
  readonly ms: number;
}

/**
 * Opens `count` conversations to `ws://127.0.0.1:<port>/chat` with at most `concurrency` opening
 * at once; gives up on the rest at `deadlineMs`.
 */
export async function openConversations(
  port: number,
  mode: LoadMode,
  count: number,
  options: { origin: string; concurrency?: number; deadlineMs?: number },
): Promise<OpenResult> {
  const started = performance.now();
  const deadline = started + (options.deadlineMs ?? 120_000);
  const concurrency = options.concurrency ?? 100;
  const conversations: Conversation[] = [];
  let failed = 0;
  let next = 0;

  const openOne = (index: number): Promise<void> =>
    new Promise((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/chat`, { origin: options.origin, perMessageDeflate: false });
      const conversation = new Conversation(index, socket, mode);
      let settled = false;
      const settle = (ok: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (ok) {
          conversation.isReady = true;
          conversations.push(conversation);
        } else {
          failed += 1;
          conversation.isDead = true;
          socket.terminate();
        }
        resolve();
      };
      const timer = setTimeout(() => settle(false), Math.max(1000, Math.min(30_000, deadline - performance.now())));
      socket.on('error', () => settle(false));
      socket.on('close', () => {
        conversation.isDead = true;
        settle(false);
        conversation.finish(false);
      });
      if (mode === 'echo') {
        socket.on('open', () => settle(true));
        socket.on('message', () => {
          framesReceived += 1;
          conversation.finish(true);
        });
        return;
      }
      socket.on('message', (data) => {
        framesReceived += 1;
        let frame: { type?: string; id?: string; name?: string; from?: { role?: string }; channelData?: { sender?: string }; value?: { replyToId?: string } };
        try {
          frame = JSON.parse((data as Buffer).toString('utf8')) as typeof frame;
        } catch {
          return;
        }
        const isBot = frame.type === 'message' && (frame.channelData?.sender === 'bot' || frame.from?.role === 'bot');
        if (!conversation.isReady) {
          if (isBot) settle(true);
          return;
        }
        const pending = conversation.pending;
        if (!pending) return;
        if (frame.type === 'message' && frame.id === pending.id && frame.from?.role === 'user') pending.isAcked = true;
        else if (isBot) pending.hasBotReply = true;
        else if (frame.type === 'event' && frame.name === 'error') {
          conversation.finish(false);
          return;
        }
        if (pending.isAcked && pending.hasBotReply) conversation.finish(true);
      });
    });

  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count && performance.now() < deadline) {
      const index = next++;
      await openOne(index);
    }
  });
  await Promise.all(workers);
  failed += count - conversations.length - failed;
  return { conversations, failed, ms: performance.now() - started };
}

/** Figures from one load phase. */
export interface PhaseResult {
  readonly turns: number;
  readonly failedTurns: number;
  readonly ms: number;
  readonly latency: LatencySample;
  /** Open loop only: scheduled sends that found every conversation still busy. */
  readonly backlogged: number;
  /** Frames the server sent during the phase (ack, bot messages, events). */
  readonly frames: number;
  /**
   * CPU time of this process, the load generator, during the phase (µs). On a machine with two
   * cores it shares them with the server: when it is near one whole core, turns/s measures the
   * load generator as much as the server.
   */
  readonly loadCpuMicros: number;
}

function sweepTimeouts(conversations: readonly Conversation[], now: number): void {
  for (const conversation of conversations) {
    if (conversation.pending && now - conversation.pending.startedAt > TURN_TIMEOUT_MS) {
      conversation.isDead = true;
      conversation.finish(false);
      conversation.socket.terminate();
    }
  }
}

/** What a closed loop may be asked beyond its duration. */
export interface ClosedLoopOptions {
  /**
   * Keep every conversation sending past `durationMs` until each has completed this many turns in
   * the phase (at most `maxMs` in all). With one whole pass of the script, every server is measured
   * on the same steps: in a fixed time, a fast server at 5,000 conversations reached the script's
   * long advice turn while a slow one measured only its first steps.
   */
  readonly everyConversationTurns?: number;
  readonly maxMs?: number;
}

/**
 * Closed loop for `durationMs` (and, with `everyConversationTurns`, until every conversation has
 * made that many turns): each conversation sends again as soon as its turn completes, so the
 * number in flight stays at the number of conversations to the end.
 */
export async function closedLoop(conversations: readonly Conversation[], durationMs: number, options: ClosedLoopOptions = {}): Promise<PhaseResult> {
  const latency = new LatencySample();
  let turns = 0;
  let failedTurns = 0;
  const framesBefore = framesReceived;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const minTurns = options.everyConversationTurns ?? 0;
  const maxMs = Math.max(durationMs, options.maxMs ?? durationMs);
  const stopSendingAt = started + durationMs;
  const hardStopAt = started + maxMs;
  let inFlight = 0;
  let resolveDrained: (() => void) | null = null;
  const live = conversations.filter((c) => !c.isDead);
  /** Turns each conversation has completed in this phase, and how many are still short of `minTurns`. */
  const done = new Map<Conversation, number>();
  let short = minTurns > 0 ? live.length : 0;

  const onTurnDone = (conversation: Conversation, pending: Pending, ok: boolean): void => {
    inFlight -= 1;
    const now = performance.now();
    if (ok) {
      turns += 1;
      latency.add(now - pending.startedAt);
    } else failedTurns += 1;
    const count = (done.get(conversation) ?? 0) + 1;
    done.set(conversation, count);
    // A conversation that died stops short: the phase does not wait for it.
    if (count === minTurns || (conversation.isDead && count < minTurns)) short -= 1;
    const keepSending = now < stopSendingAt || (short > 0 && now < hardStopAt);
    if (keepSending && !conversation.isDead) {
      inFlight += 1;
      conversation.send(now);
    } else if (inFlight === 0) resolveDrained?.();
  };

  for (const conversation of live) conversation.onTurnDone = onTurnDone;
  const sweeper = setInterval(() => sweepTimeouts(live, performance.now()), 500);
  const drained = new Promise<void>((resolve) => {
    resolveDrained = resolve;
  });
  for (const conversation of live) {
    inFlight += 1;
    conversation.send(performance.now());
  }
  if (live.length === 0) resolveDrained!();
  // Bounded: the drain waits at most one turn timeout past the phase.
  await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, maxMs + TURN_TIMEOUT_MS + 1000))]);
  clearInterval(sweeper);
  for (const conversation of live) conversation.onTurnDone = null;
  const cpu = process.cpuUsage(cpuBefore);
  return { turns, failedTurns, ms: performance.now() - started, latency, backlogged: 0, frames: framesReceived - framesBefore, loadCpuMicros: cpu.user + cpu.system };
}

/**
 * Open loop for `durationMs` at `ratePerSecond` turns across the conversations (round robin over
 * idle ones). Latency counts from each turn's scheduled time.
 */
export async function openLoop(conversations: readonly Conversation[], ratePerSecond: number, durationMs: number): Promise<PhaseResult> {
  const latency = new LatencySample();
  let turns = 0;
  let failedTurns = 0;
  let backlogged = 0;
  let inFlight = 0;
  const framesBefore = framesReceived;
  const cpuBefore = process.cpuUsage();
  const live = conversations.filter((c) => !c.isDead);
  const onTurnDone = (_conversation: Conversation, pending: Pending, ok: boolean): void => {
    inFlight -= 1;
    if (ok) {
      turns += 1;
      latency.add(performance.now() - pending.startedAt);
    } else failedTurns += 1;
  };
  for (const conversation of live) conversation.onTurnDone = onTurnDone;
  const sweeper = setInterval(() => sweepTimeouts(live, performance.now()), 500);

  const started = performance.now();
  const end = started + durationMs;
  const total = Math.floor((durationMs * ratePerSecond) / 1000);
  let scheduled = 0;
  let cursor = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      // Turn k is due at started + k / rate and goes as soon as that time has come (turn 0 at once),
      // never a whole interval later: lateness of the load generator is not the server's latency.
      const due = Math.min(total, Math.floor(((now - started) * ratePerSecond) / 1000) + 1);
      while (scheduled < due) {
        const at = started + (scheduled * 1000) / ratePerSecond;
        scheduled += 1;
        let chosen: Conversation | null = null;
        for (let tries = 0; tries < live.length; tries++) {
          const candidate = live[cursor];
          cursor = (cursor + 1) % live.length;
          if (candidate && !candidate.isDead && !candidate.pending) {
            chosen = candidate;
            break;
          }
        }
        if (chosen) {
          inFlight += 1;
          chosen.send(at);
        } else backlogged += 1;
      }
      if (now < end) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  // Drain, bounded by one turn timeout.
  const drainUntil = performance.now() + TURN_TIMEOUT_MS + 1000;
  while (inFlight > 0 && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(sweeper);
  for (const conversation of live) conversation.onTurnDone = null;
  const cpu = process.cpuUsage(cpuBefore);
  return { turns, failedTurns, ms: performance.now() - started, latency, backlogged, frames: framesReceived - framesBefore, loadCpuMicros: cpu.user + cpu.system };
}

/** Closes every conversation's socket and waits (bounded) for the closes. */
export async function closeAll(conversations: readonly Conversation[]): Promise<void> {
  await Promise.all(
    conversations.map(
      (conversation) =>
        new Promise<void>((resolve) => {
          const socket = conversation.socket;
          if (socket.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 2000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close(1000);
        }),
    ),
  );
}
