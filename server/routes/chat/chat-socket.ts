import type { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { Limits } from '../../config.js';
import { FRAME_ERRORS, type FrameErrorName } from '../../errors.js';
import { CLOSE, EVENT, type ErrorValue, type SessionValue, type WireActivity } from '../../protocol/index.js';
import { toWire } from '../../sessions/activities.js';
import { isEndedEvent } from '../../sessions/conversation-service.js';
import type { ConversationService, LiveItem } from '../../sessions/types.js';
import { FrameWriter } from './frame-writer.js';
import { parseFrame, type ClientFrame } from './frames.js';
import type { RegisteredSocket, SocketRegistry } from './socket-registry.js';

/** What a chat socket needs from the app. */
export interface ChatSocketDeps {
  readonly service: ConversationService;
  readonly registry: SocketRegistry<ChatSocket>;
  readonly limits: Limits;
  readonly log: FastifyBaseLogger;
  readonly locale: string;
  /** The conversation's highest seq (for the `session` event). */
  readonly lastSeq: (conversationId: string) => Promise<number>;
}

/** Frames waiting to be handled on one socket; a client that floods past this is closed (1008). */
const MAX_PENDING_FRAMES = 256;
/** Page size when replaying history on resume. */
const REPLAY_PAGE = 500;

/**
 * One child's socket on `/chat`. The server speaks first: after a short wait for `session.resume`
 * it sends the `session` event, then history (the opening, or everything after `lastSeq`), then
 * live activities, de-duplicated by seq. Frames are handled one at a time, in order; each
 * handler catches its own errors (after the upgrade Fastify's error handler no longer applies).
 */
export class ChatSocket implements RegisteredSocket {
  private state: 'waiting' | 'live' | 'closed' = 'waiting';
  private conversationId: string | null = null;
  private resumed = false;
  private hasSentMessage = false;
  private highestSeq = 0;
  private replayBuffer: LiveItem[] | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Jobs (frames, the resume wait's end) queued behind the one being handled; null when none. */
  private waiting: Job[] | null = null;
  /** The job that starts the next run of {@link drainJobs}. */
  private firstJob: Job = null;
  private isRunning = false;
  /** {@link drainJobs}, bound once for the socket's life (not a closure per frame). */
  private readonly drain = (): Promise<void> => this.drainJobs();
  private pending = 0;
  private isAlive = true;
  private resumeTimer: NodeJS.Timeout | null = null;
  private readonly writer: FrameWriter;

  /** `stream`: the TCP socket under `ws`, so a loop turn's frames leave in one write (see FrameWriter). */
  constructor(
    private readonly ws: WebSocket,
    readonly address: string,
    private readonly deps: ChatSocketDeps,
    stream: Writable | null = null,
  ) {
    this.writer = new FrameWriter(ws, stream);
  }

  /** Attaches listeners (synchronously, so no frame is missed) and starts the resume wait. */
  open(): void {
    this.deps.registry.add(this);
    this.ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    this.ws.on('pong', () => (this.isAlive = true));
    this.ws.on('close', () => this.onClose());
    this.ws.on('error', (error: Error & { code?: string }) => {
      // e.g. a frame over maxPayload: ws has already closed the socket with 1009.
      this.deps.log.warn({ code: error.code }, 'chat socket error');
      this.ws.terminate();
    });
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      this.enqueue(RESUME_WAIT_OVER);
    }, this.deps.limits.resumeWaitMs);
  }

  closeWith(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.detach();
    this.state = 'closed';
    this.ws.close(code, reason);
    // A reader too slow to take the close frame is cut off.
    setTimeout(() => this.ws.terminate(), 5000).unref();
  }

  heartbeat(): void {
    if (!this.isAlive) {
      this.deps.log.info({ conversationId: this.conversationId }, 'chat socket missed a heartbeat');
      this.detach();
      this.state = 'closed';
      this.ws.terminate();
      return;
    }
    this.isAlive = false;
    try {
      this.ws.ping();
    } catch {
      // The socket is already closing; its close handler cleans up.
    }
  }

  // ---- frames ------------------------------------------------------------------------------

  private onFrame(data: RawData, isBinary: boolean): void {
    this.isAlive = true;
    if (this.pending >= MAX_PENDING_FRAMES) {
      this.closeWith(CLOSE.policy, 'too many frames');
      return;
    }
    this.enqueue(isBinary ? BINARY_FRAME : rawToString(data));
  }

  /** Runs jobs one at a time, in arrival order; a job that fails closes the socket with 1011. */
  private enqueue(job: Job): void {
    this.pending += 1;
    if (this.isRunning) {
      (this.waiting ??= []).push(job);
      return;
    }
    this.isRunning = true;
    this.firstJob = job;
    // Started in a microtask, as a frame's handling always has been (never inside ws's emit). A
    // settled promise's then, not queueMicrotask, which makes an async resource for every call.
    void STARTED.then(this.drain);
  }

  private async drainJobs(): Promise<void> {
    let job: Job | undefined = this.firstJob;
    this.firstJob = null;
    while (job !== undefined) {
      try {
        await this.runJob(job);
      } catch (error) {
        // A true fault (the store is down, a bug): log with the conversation id, close with 1011.
        this.deps.log.error({ err: error, conversationId: this.conversationId }, 'chat socket fault');
        this.closeWith(CLOSE.serverFault, 'server error');
      }
      this.pending -= 1;
      job = this.waiting?.shift();
      if (this.waiting?.length === 0) this.waiting = null;
    }
    this.isRunning = false;
  }

  private runJob(job: Job): Promise<void> | void {
    if (job === RESUME_WAIT_OVER) return this.state === 'waiting' ? this.startNew() : undefined;
    const frame = job === BINARY_FRAME ? NOT_TEXT : parseFrame(job);
    // The usual frame, a message on a live socket, goes straight to the turn (what handleFrame and
    // handleLiveFrame would do for it, without two async frames and their promises in between).
    const conversationId = this.conversationId;
    if (frame.kind === 'message' && this.state === 'live' && conversationId !== null) return this.childMessage(conversationId, frame);
    return this.handleFrame(frame);
  }

  private async handleFrame(frame: ReturnType<typeof parseFrame>): Promise<void> {
    if (this.state === 'closed') {
      // Quick exit sends its frame and leaves the page at once, so the socket may already be closed
      // when the frame's turn comes: the child's wish to leave is honoured all the same.
      if (frame.kind === 'event' && (frame.name === EVENT.quickExit || frame.name === EVENT.end) && this.conversationId !== null) {
        await this.deps.service.childLeft(this.conversationId, frame.name === EVENT.quickExit ? 'quick_exit' : 'ended');
      }
      // A message that arrived before the close is still committed (its ack comes on resume, or
      // as a re-ack when the widget re-sends it), so a lost signal never loses the child's words.
      if (frame.kind === 'message' && this.conversationId !== null) {
        await this.deps.service.childMessage(this.conversationId, { clientActivityId: frame.id, text: frame.text });
      }
      return;
    }
    if (this.state === 'waiting') {
      if (this.resumeTimer) clearTimeout(this.resumeTimer);
      this.resumeTimer = null;
      if (frame.kind === 'resume') {
        await this.resume(frame.value.token, frame.value.lastSeq);
        return;
      }
      if (frame.kind === 'event' && (frame.name === EVENT.quickExit || frame.name === EVENT.end)) {
        this.closeWith(CLOSE.ended, 'ended');
        return;
      }
      await this.startNew();
    }
    if (this.state !== 'live') return;
    await this.handleLiveFrame(frame);
  }

  private async handleLiveFrame(frame: ReturnType<typeof parseFrame>): Promise<void> {
    const conversationId = this.conversationId;
    if (conversationId === null) return;
    switch (frame.kind) {
      case 'refused':
        this.sendError(frame.error, { ...(frame.replyToId ? { replyToId: frame.replyToId } : {}), ...(frame.detail ? { detail: frame.detail } : {}) });
        return;
      case 'message':
        // Awaited, not returned: an async function that returns a promise takes two more microtask turns.
        await this.childMessage(conversationId, frame);
        return;
      case 'typing':
        this.deps.service.typing(conversationId, 'child');
        return;
      case 'resume':
        if (!this.resumed && !this.hasSentMessage) {
          // The resume came after the wait: leave the new, untouched conversation for the old one.
          const provisional = conversationId;
          this.detach();
          this.state = 'waiting';
          await this.deps.service.childLeft(provisional, 'ended');
          // The client has already seen another conversation's session (and may have cleared its
          // transcript), so replay the resumed conversation from the start; clients de-duplicate by seq.
          await this.resume(frame.value.token, 0);
          return;
        }
        this.sendError('resumeTooLate');
        return;
      case 'event':
        await this.controlEvent(conversationId, frame);
        return;
    }
  }

  private async controlEvent(conversationId: string, frame: Extract<ClientFrame, { kind: 'event' }>): Promise<void> {
    switch (frame.name) {
      case EVENT.ping:
        this.send({ type: 'event', name: EVENT.pong, value: frame.value ?? null });
        return;
      case EVENT.quickExit:
      case EVENT.end: {
        const how = frame.name === EVENT.quickExit ? 'quick_exit' : 'ended';
        this.detach();
        this.state = 'closed';
        try {
          await this.deps.service.childLeft(conversationId, how);
        } finally {
          this.ws.close(CLOSE.ended, how);
        }
        return;
      }
    }
  }

  private async childMessage(conversationId: string, frame: Extract<ClientFrame, { kind: 'message' }>): Promise<void> {
    let result;
    try {
      result = await this.deps.service.childMessage(conversationId, { clientActivityId: frame.id, text: frame.text });
    } catch (error) {
      // Not stored: say so, so the widget marks it failed and the child can send it again.
      this.deps.log.error({ err: error, conversationId }, 'child message failed');
      this.sendError('internal', { replyToId: frame.id });
      return;
    }
    if (result.outcome === 'refused') {
      this.send(errorEvent({ code: result.code, message: result.message, replyToId: frame.id, ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}) }));
      if (result.code === FRAME_ERRORS.conversationEnded.code || result.code === FRAME_ERRORS.conversationDeleted.code) {
        this.closeWith(CLOSE.ended, 'ended');
      }
      return;
    }
    this.hasSentMessage = true;
    // A new message's ack arrives through the subscription (after commit); a re-sent one is re-acked here.
    if (result.duplicate) this.send(toWire(result.ack));
  }

  // ---- attaching to a conversation -----------------------------------------------------------

  private async startNew(): Promise<void> {
    const started = await this.deps.service.start({ locale: this.deps.locale });
    if (this.state === 'closed') {
      // The child went away while the greeting was being written: the conversation waits offline.
      this.deps.service.setChildPresence(started.conversationId, 'offline');
      return;
    }
    await this.attach(started.conversationId, started.token, 0, false);
  }

  private async resume(token: string, lastSeq: number): Promise<void> {
    const found = await this.deps.service.resume(token);
    if (this.state === 'closed') return;
    if (!found) {
      this.sendError('sessionUnknown');
      return this.startNew();
    }
    await this.attach(found.conversationId, token, lastSeq, true);
  }

  /** Subscribe first, then replay after `lastSeq`, then go live, de-duplicating by seq. */
  private async attach(conversationId: string, token: string, lastSeq: number, resumed: boolean): Promise<void> {
    this.conversationId = conversationId;
    this.resumed = resumed;
    this.highestSeq = lastSeq;
    this.state = 'live';
    const previous = this.deps.registry.claim(conversationId, this);
    previous?.closeWith(CLOSE.replaced, 'replaced by a newer connection');
    this.replayBuffer = [];
    this.unsubscribe = this.deps.service.subscribe(conversationId, (item) => this.onLive(item));
    this.deps.service.setChildPresence(conversationId, 'online');
    const session: SessionValue = {
      conversationId,
      token,
      resumed,
      lastSeq: await this.deps.lastSeq(conversationId),
      limits: { maxTextChars: this.deps.limits.maxTextChars, messagesPerMinute: this.deps.limits.messagesPerMinute },
    };
    if (this.state !== 'live') return;
    this.send({ type: 'event', name: EVENT.session, value: session });
    for (let page = 0; page < 10_000; page += 1) {
      const batch = await this.deps.service.history(conversationId, this.highestSeq, REPLAY_PAGE);
      if (this.state !== 'live' || this.conversationId !== conversationId) return;
      for (const stored of batch) this.deliver({ kind: 'stored', stored });
      if (batch.length < REPLAY_PAGE) break;
    }
    const buffered = this.replayBuffer ?? [];
    this.replayBuffer = null;
    for (const item of buffered) this.deliver(item);
  }

  private onLive(item: LiveItem): void {
    if (this.replayBuffer) this.replayBuffer.push(item);
    else this.deliver(item);
  }

  private deliver(item: LiveItem): void {
    if (this.state !== 'live') return;
    if (item.kind === 'ephemeral') {
      // Only a counsellor's typing and the like reach the child; the child's own echo does not.
      if (item.activity.channelData?.sender !== 'child') this.send(item.activity);
      return;
    }
    if (item.stored.seq <= this.highestSeq) return;
    this.highestSeq = item.stored.seq;
    // The frame as `wireJson(item)` gives it (serialised once per activity, however many
    // subscribers send it), or a shared bot line's frame from its pieces, encoded once.
    if (this.writer.sendItem(item)) this.checkBuffered();
    if (isEndedEvent(item.stored)) this.closeWith(CLOSE.ended, 'conversation ended');
  }

  // ---- sending and closing -------------------------------------------------------------------

  private send(activity: WireActivity): void {
    this.sendText(JSON.stringify(activity));
  }

  private sendText(text: string): void {
    if (this.writer.send(text)) this.checkBuffered();
  }

  /** After a frame went out: a reader that lets too much pile up is cut off. */
  private checkBuffered(): void {
    if (this.ws.bufferedAmount > this.deps.limits.maxBufferedBytes) {
      this.deps.log.warn({ conversationId: this.conversationId }, 'chat socket closed: slow reader');
      this.closeWith(CLOSE.overCapacity, 'slow reader');
    }
  }

  private sendError(name: FrameErrorName, extra: { replyToId?: string; detail?: string } = {}): void {
    const { code, message } = FRAME_ERRORS[name];
    this.send(
      errorEvent({
        code,
        message: extra.detail ? `${message} ${extra.detail}` : message,
        ...(extra.replyToId !== undefined ? { replyToId: extra.replyToId } : {}),
      }),
    );
  }

  /** Stops receiving the conversation; if this socket held it, the child counts as offline. */
  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.replayBuffer = null;
    const conversationId = this.conversationId;
    if (conversationId !== null && this.deps.registry.owner(conversationId) === this) {
      this.deps.registry.release(conversationId, this);
      this.deps.service.setChildPresence(conversationId, 'offline');
    }
  }

  private onClose(): void {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    this.detach();
    this.state = 'closed';
    this.deps.registry.remove(this, this.conversationId);
  }
}

/** Settled once: what a socket's first queued job waits on (one microtask). */
const STARTED = Promise.resolve();

/** A queued job: a text frame, a binary frame, or the end of the wait for `session.resume`. */
type Job = string | typeof BINARY_FRAME | typeof RESUME_WAIT_OVER;
const BINARY_FRAME = null;
const RESUME_WAIT_OVER = Symbol('resume wait over');
const NOT_TEXT = { kind: 'refused', error: 'invalid', detail: 'Frames must be text.' } as const;

function errorEvent(value: ErrorValue): WireActivity {
  return { type: 'event', name: EVENT.error, value };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
