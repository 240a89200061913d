import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Content } from '../content/types.js';
import type { DialogEvent, DialogInput } from '../../dialogs/types.js';
import type { HandoffDecision, HandoffService } from '../handoff/types.js';
import type { HandoffStatusValue } from '../protocol/index.js';
import { EVENT } from '../protocol/index.js';
import type { NewActivity, SnapshotRecord, StoredActivity, Store } from '../store/types.js';
import { FRAME_ERRORS } from '../errors.js';
import type { Limits } from '../config.js';
import {
  childMessageActivity,
  conversationEndedActivity,
  counsellorMessageActivity,
  handoffStatusActivity,
  botMessageActivity,
  BOT,
} from './activities.js';
import { DialogHost, type DialogDefinition } from './dialog-host.js';
import { LiveHub } from './live-hub.js';
import { RateLimiter } from './rate-limiter.js';
import { checkChildText } from './text.js';
import { DELETION_KEYS, isDeleteRequest } from './deletion.js';
import { hashToken, looksLikeToken, newToken } from './tokens.js';
import { effectsOf, readerOf, sayFactsOf, type HandoffAsk } from './turn-effects.js';
import { TurnQueue } from './turn-queue.js';
import type {
  ChildMessageResult,
  ChildPresence,
  ConversationService,
  LiveItem,
  StartedConversation,
} from './types.js';

/** What the conversation service needs; everything injectable for tests (clock included). */
export interface ConversationServiceDeps {
  readonly store: Store;
  readonly content: Content;
  readonly dialog: DialogDefinition;
  readonly handoff: HandoffService;
  readonly limits: Pick<Limits, 'maxTextChars' | 'messagesPerMinute' | 'tokenOfflineTtlMs'>;
  readonly tokenKey: Buffer;
  readonly log: FastifyBaseLogger;
  /** Milliseconds since the epoch; defaults to Date.now. */
  readonly now?: () => number;
  readonly defaultLocale?: string;
  /**
   * Content key said first when a stored dialog cannot be restored (a new version, a damaged
   * snapshot), before a fresh, safe start. It should tell the child how to get help now.
   */
  readonly recoveryKey?: string;
}

interface LiveConversation {
  readonly id: string;
  readonly locale: string;
  host: DialogHost;
  rate: RateLimiter;
  /** Recent acks by client id, so a re-sent message is re-acked without a store round trip (made on the first). */
  recentAcks: Map<string, StoredActivity> | null;
  tokenHash: string | null;
  lastTouch: number;
  lastActive: number;
  /**
   * The newest seq this process has committed or loaded for the conversation. A larger `last_seq`
   * in the store means another instance has written to it since (the child's socket moved there
   * and back), so this copy of the dialog is stale and is loaded again.
   */
  lastSeq: number;
}

const RECENT_ACKS = 64;

/** A turn's lead when it has none: one frozen empty list, only read. */
const NO_ACTIVITIES: readonly NewActivity[] = Object.freeze([]);

/** The conversation service behind `/chat`, Direct Line and the console (see ./types.ts). */
export class HarbourConversationService implements ConversationService {
  readonly hub: LiveHub;
  readonly queue = new TurnQueue();
  private readonly lives = new Map<string, LiveConversation>();
  private readonly presence = new Map<string, { value: ChildPresence; at: number }>();
  private readonly now: () => number;
  private closing = false;

  constructor(private readonly deps: ConversationServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.hub = new LiveHub((conversationId, error) =>
      deps.log.error({ err: error, conversationId }, 'live subscriber failed'),
    );
  }

  async start(input: { locale?: string; now?: Date }): Promise<StartedConversation> {
    const at = input.now ?? new Date(this.now());
    const locale = input.locale ?? this.deps.defaultLocale ?? this.deps.content.defaultLocale;
    const conversationId = randomUUID();
    const token = newToken();
    const tokenHash = hashToken(this.deps.tokenKey, token);
    await this.deps.store.conversations.create({ id: conversationId, locale, now: at });
    await this.deps.store.tokens.issue({
      tokenHash,
      conversationId,
      now: at,
      expiresAt: new Date(at.getTime() + this.deps.limits.tokenOfflineTtlMs),
    });
    await this.queue.run(conversationId, async () => {
      const host = new DialogHost(this.deps.dialog, await this.dialogInput(at));
      const live = this.adopt(conversationId, locale, host, 0);
      live.tokenHash = tokenHash;
      live.lastTouch = at.getTime();
      await this.runTurn(live, {});
    });
    this.deps.log.info({ conversationId }, 'conversation started');
    return { conversationId, token };
  }

  async resume(token: string): Promise<{ conversationId: string } | null> {
    if (!looksLikeToken(token)) return null;
    // A token touched as its socket closed must be settled before it is checked.
    await Promise.all([...this.touches]);
    const tokenHash = hashToken(this.deps.tokenKey, token);
    const now = this.now();
    const found = await this.deps.store.tokens.resolve(tokenHash, new Date(now));
    if (!found) return null;
    const record = await this.deps.store.conversations.get(found.conversationId);
    if (!record || record.endedAt !== null) return null;
    await this.deps.store.tokens.touch(tokenHash, new Date(now + this.deps.limits.tokenOfflineTtlMs));
    // Load the dialog now: a snapshot that no longer fits is replaced (and the child told how to get
    // help) before the socket replays, so the child sees it at once.
    const live = await this.queue.run(found.conversationId, () => {
      const cached = this.lives.get(found.conversationId);
      if (cached && record.lastSeq > cached.lastSeq) this.drop(found.conversationId);
      return this.live(found.conversationId);
    });
    if (!live) return null;
    live.tokenHash = tokenHash;
    live.lastTouch = now;
    return { conversationId: found.conversationId };
  }

  private readonly touches = new Set<Promise<void>>();

  /** Not async: the queue's promise is returned as it is, not wrapped in another (two microtask turns fewer). */
  childMessage(
    conversationId: string,
    input: { clientActivityId: string; text: string },
  ): Promise<ChildMessageResult> {
    const problem = checkChildText(input.text, this.deps.limits.maxTextChars);
    if (problem !== null) return Promise.resolve(refused(problem));
    return this.queue.run(conversationId, async () => {
      // Usually in memory already: no extra await for the common case.
      const live = this.liveInMemory(conversationId) ?? (await this.live(conversationId));
      if (!live) return refused('conversationEnded');
      const known = live.recentAcks?.get(input.clientActivityId);
      if (known) return { outcome: 'committed', ack: known, duplicate: true };
      const now = this.now();
      const retryAfterMs = live.rate.retryAfter(now);
      if (retryAfterMs > 0) return { ...refused('rateLimited'), retryAfterMs };
      const lead: NewActivity = {
        clientActivityId: input.clientActivityId,
        activity: childMessageActivity(input.text, input.clientActivityId),
      };
      if (isDeleteRequest(input.text)) return this.deleteAtChildsRequest(live, lead, now);
      const result = await this.runTurn(live, {
        lead: [lead],
        event: { type: 'user.message', text: input.text },
        // A message from the child cancels a pending check-in unless the dialog asks again.
        defaultCheckIn: null,
      });
      const ack = result.ack;
      if (!ack) return refused('internal');
      if (!result.duplicate) {
        live.rate.record(now);
        this.rememberAck(live, ack);
        if (this.isTouchDue(live, now)) await this.touchToken(live, now);
      }
      return { outcome: 'committed', ack, duplicate: result.duplicate };
    });
  }

  /**
   * "delete my chat" (runs inside the conversation's turn queue). Under a safeguarding hold the
   * chat is kept and the child is told so plainly, with their words stored as usual. Otherwise the
   * dialog stops, the chat leaves the queue, and the conversation goes with everything derived
   * from it (activities, snapshots, tokens, notes: ON DELETE CASCADE); subscribers get a
   * `conversation.deleted` event that is itself never stored, and the child's socket closes.
   */
  private async deleteAtChildsRequest(live: LiveConversation, lead: NewActivity, now: number): Promise<ChildMessageResult> {
    const conversationId = live.id;
    const keep = async (): Promise<ChildMessageResult> => {
      const rendered = this.deps.content.render(DELETION_KEYS.held, {}, live.locale);
      const result = await this.deps.store.conversations.append(
        conversationId,
        [lead, { activity: botMessageActivity(rendered, DELETION_KEYS.held) }],
        { snapshot: this.snapshotOf(live), now: new Date(now) },
      );
      if (!result.duplicate) {
        this.publishAll(conversationId, result.activities);
        live.rate.record(now);
      }
      const ack = firstOf(result.activities);
      this.rememberAck(live, ack);
      this.deps.log.info({ conversationId }, 'deletion asked for; kept under a safeguarding hold');
      return { outcome: 'committed', ack, duplicate: result.duplicate };
    };
    if ((await this.deps.store.retention.activeHolds(conversationId)).length > 0) return keep();
    // Words first: once the chat is gone there is nothing to fall back on.
    const message = this.deps.content.render(DELETION_KEYS.deleted, {}, live.locale).text;
    const outcome = await this.deps.store.retention.deleteConversation(conversationId);
    // A hold placed in the moment between the check and the delete still wins.
    if (outcome.held) return keep();
    this.drop(conversationId);
    this.presence.set(conversationId, { value: 'ended', at: now });
    try {
      await this.deps.handoff.withdraw(conversationId, 'ended');
    } catch (error) {
      this.deps.log.error({ err: error, conversationId }, 'handoff withdraw failed after deletion');
    }
    this.hub.publish(conversationId, {
      kind: 'ephemeral',
      activity: { type: 'event', name: EVENT.conversationDeleted, from: BOT, value: { message } },
    });
    this.deps.log.info({ conversationId }, 'conversation deleted at the child\'s request');
    return refused('conversationDeleted');
  }

  async childLeft(conversationId: string, how: 'quick_exit' | 'ended'): Promise<void> {
    this.presence.set(conversationId, { value: how === 'quick_exit' ? 'left_quickly' : 'ended', at: this.now() });
    await this.queue.run(conversationId, async () => {
      const now = new Date(this.now());
      const live = await this.live(conversationId, { quiet: true });
      if (live) {
        try {
          if (how === 'quick_exit') live.host.send({ type: 'user.quickExit' });
        } catch (error) {
          this.deps.log.error({ err: error, conversationId }, 'dialog failed on leave');
        }
        live.host.drain(); // Quick exit is silent: nothing more is said to the child.
        await this.deps.store.conversations.append(conversationId, [{ activity: conversationEndedActivity(how) }], {
          snapshot: this.snapshotOf(live),
          checkInDueAt: null,
          now,
        });
        this.drop(conversationId);
      }
      await this.deps.store.tokens.revokeForConversation(conversationId, now);
      await this.deps.store.conversations.end(conversationId, how, now);
      await this.deps.handoff.withdraw(conversationId, how);
      this.deps.log.info({ conversationId, how }, 'child left');
    });
  }

  setChildPresence(conversationId: string, presence: ChildPresence): void {
    const before = this.presence.get(conversationId)?.value;
    if (before === 'left_quickly' || before === 'ended') return;
    this.presence.set(conversationId, { value: presence, at: this.now() });
    const live = this.lives.get(conversationId);
    if (presence === 'offline' && live) {
      // The offline clock starts now: the token dies TOKEN_OFFLINE_TTL after the child went away.
      const touch = this.touchToken(live, this.now(), true).catch((error: unknown) =>
        this.deps.log.error({ err: error, conversationId }, 'token touch failed'),
      );
      this.touches.add(touch);
      void touch.finally(() => this.touches.delete(touch));
    }
  }

  childPresence(conversationId: string): ChildPresence {
    return this.presence.get(conversationId)?.value ?? 'offline';
  }

  typing(conversationId: string, from: 'child' | 'counsellor', name?: string): void {
    this.hub.publish(conversationId, {
      kind: 'ephemeral',
      activity: {
        type: 'typing',
        from: from === 'child' ? { id: 'child', name: '', role: 'user' } : { id: 'counsellor', name: name ?? '', role: 'bot' },
        channelData: { sender: from === 'child' ? 'child' : 'counsellor' },
      },
    });
  }

  async counsellorMessage(
    conversationId: string,
    input: { counsellorId: string; counsellorName: string; text: string; clientActivityId: string },
  ): Promise<StoredActivity> {
    return this.queue.run(conversationId, async () => {
      const result = await this.deps.store.conversations.append(
        conversationId,
        [{ clientActivityId: input.clientActivityId, activity: counsellorMessageActivity(input) }],
        { now: new Date(this.now()) },
      );
      if (!result.duplicate) this.publishAll(conversationId, result.activities);
      return firstOf(result.activities);
    });
  }

  async handoffStatus(conversationId: string, value: HandoffStatusValue): Promise<StoredActivity> {
    return this.queue.run(conversationId, async () => {
      const result = await this.deps.store.conversations.append(conversationId, [{ activity: handoffStatusActivity(value) }], {
        now: new Date(this.now()),
      });
      this.publishAll(conversationId, result.activities);
      return firstOf(result.activities);
    });
  }

  async dispatch(conversationId: string, event: DialogEvent): Promise<void> {
    await this.queue.run(conversationId, async () => {
      const live = await this.live(conversationId, { quiet: true });
      if (!live) return;
      await this.runTurn(live, { event, defaultCheckIn: event.type === 'session.timeout' ? null : undefined });
    });
  }

  history(conversationId: string, afterSeq: number, limit?: number): Promise<readonly StoredActivity[]> {
    return this.deps.store.conversations.after(conversationId, afterSeq, limit);
  }

  subscribe(conversationId: string, listener: (item: LiveItem) => void): () => void {
    return this.hub.subscribe(conversationId, listener);
  }

  /** Sends `session.timeout` to every conversation whose check-in is due (the sweeper calls this). */
  async sweepCheckIns(limit = 100): Promise<number> {
    if (this.closing) return 0;
    const due = await this.deps.store.conversations.dueCheckIns(new Date(this.now()), limit);
    for (const { id } of due) {
      if (this.queue.isBusy(id)) continue; // It is being handled; the next sweep sees it if still due.
      void this.queue
        .run(id, async () => {
          const record = await this.deps.store.conversations.get(id);
          if (!record?.checkInDueAt || record.checkInDueAt.getTime() > this.now()) return;
          const live = await this.live(id, { quiet: true });
          if (!live) {
            await this.deps.store.conversations.setCheckIn(id, null);
            return;
          }
          await this.runTurn(live, { event: { type: 'session.timeout' }, defaultCheckIn: null });
        })
        .catch((error: unknown) => this.deps.log.error({ err: error, conversationId: id }, 'check-in failed'));
    }
    return due.length;
  }

  /** Forgets idle conversations with no subscribers (they restore from the store when needed). */
  evictIdle(idleMs: number): number {
    const now = this.now();
    let evicted = 0;
    for (const [id, live] of this.lives) {
      if (now - live.lastActive < idleMs || this.hub.count(id) > 0 || this.queue.isBusy(id)) continue;
      this.drop(id);
      evicted += 1;
    }
    // Presence of children long gone is forgotten too (unknown reads as offline).
    for (const [id, entry] of this.presence) {
      if (entry.value !== 'online' && now - entry.at >= idleMs && !this.lives.has(id)) this.presence.delete(id);
    }
    return evicted;
  }

  /** Conversations with a dialog actor in memory. */
  get liveCount(): number {
    return this.lives.size;
  }

  /** Stops taking new sweeps and waits for every queued turn to finish (graceful shutdown). */
  async drain(): Promise<void> {
    this.closing = true;
    await this.queue.idle();
    for (const id of [...this.lives.keys()]) this.drop(id);
  }

  // ---- internals -------------------------------------------------------------------------

  /** The live conversation if it is in memory (marked active), else undefined. Call inside the queue. */
  private liveInMemory(conversationId: string): LiveConversation | undefined {
    const existing = this.lives.get(conversationId);
    if (existing) existing.lastActive = this.now();
    return existing;
  }

  /** The live conversation, restored from the store if needed; null if unknown or ended. Call inside the queue. */
  private async live(conversationId: string, options: { quiet?: boolean } = {}): Promise<LiveConversation | null> {
    const existing = this.lives.get(conversationId);
    if (existing) {
      existing.lastActive = this.now();
      return existing;
    }
    const record = await this.deps.store.conversations.get(conversationId);
    if (!record || record.endedAt !== null) return null;
    const now = this.now();
    const input = await this.dialogInput(new Date(now));
    const saved = await this.deps.store.conversations.latestSnapshot(conversationId);
    let host: DialogHost | null = null;
    if (saved && saved.machineVersion === this.deps.dialog.version && saved.contentVersion === this.deps.content.version) {
      try {
        host = new DialogHost(this.deps.dialog, input, saved.snapshot);
      } catch (error) {
        this.deps.log.warn({ err: error, conversationId }, 'dialog snapshot did not restore; starting fresh');
      }
    } else if (saved) {
      this.deps.log.warn(
        { conversationId, machineVersion: saved.machineVersion, contentVersion: saved.contentVersion },
        'dialog snapshot is from another version; starting fresh',
      );
    }
    const live = this.adopt(conversationId, record.locale, host ?? new DialogHost(this.deps.dialog, input), record.lastSeq);
    if (!host) await this.runTurn(live, { recovering: true });
    else if (!options.quiet && live.host.hasPending) await this.runTurn(live, {});
    return live;
  }

  private adopt(conversationId: string, locale: string, host: DialogHost, lastSeq: number): LiveConversation {
    const now = this.now();
    const live: LiveConversation = {
      id: conversationId,
      locale,
      host,
      rate: new RateLimiter(this.deps.limits.messagesPerMinute),
      recentAcks: null,
      tokenHash: null,
      lastTouch: now,
      lastActive: now,
      lastSeq,
    };
    this.watchLateEmits(live);
    this.lives.set(conversationId, live);
    return live;
  }

  /**
   * Carries out what the dialog says outside a turn. Only a dialog on a real actor can (a pure one
   * says everything inside the turn), so the callback is made only once the host runs on one:
   * call this whenever the host may have moved to an actor (after it was made or sent an event).
   */
  private watchLateEmits(live: LiveConversation): void {
    if (!live.host.usesActor || live.host.onLateEmit !== null) return;
    live.host.onLateEmit = () => {
      void this.queue
        .run(live.id, async () => {
          if (this.lives.get(live.id) === live && live.host.hasPending) await this.runTurn(live, {});
        })
        .catch((error: unknown) => this.deps.log.error({ err: error, conversationId: live.id }, 'late dialog output failed'));
    };
  }

  private drop(conversationId: string): void {
    const live = this.lives.get(conversationId);
    if (!live) return;
    this.lives.delete(conversationId);
    live.host.onLateEmit = null;
    try {
      live.host.stop();
    } catch (error) {
      this.deps.log.error({ err: error, conversationId }, 'dialog stop failed');
    }
  }

  /**
   * One turn: send the event, render what the dialog emitted, commit lead + replies + snapshot in
   * ONE append, then deliver, then carry out handoffs (whose answers are further turns).
   * If the commit fails or finds a duplicate, the actor is reloaded from the stored snapshot so
   * nothing the store does not have is remembered. `turn.lead` is the turn's own list: the turn's
   * activities are added to it.
   */
  private async runTurn(
    live: LiveConversation,
    turn: { lead?: NewActivity[]; event?: DialogEvent; defaultCheckIn?: Date | null; recovering?: boolean; alreadySaid?: readonly string[] },
  ): Promise<{ ack: StoredActivity | null; duplicate: boolean }> {
    const now = this.now();
    const lead = turn.lead ?? NO_ACTIVITIES;
    // Made only for a recovery (most turns have none).
    let recovery: NewActivity[] | null = null;
    if (turn.recovering && this.deps.recoveryKey) {
      const rendered = this.deps.content.render(this.deps.recoveryKey, undefined, live.locale);
      recovery = [{ activity: botMessageActivity(rendered, this.deps.recoveryKey) }];
    }
    live.host.inTurn = true;
    try {
      if (turn.event) live.host.send(turn.event);
      this.watchLateEmits(live);
    } catch (error) {
      // A fault in the dialog is a bug: log it with the conversation id, keep the child's message,
      // and carry on from a fresh, safe start that tells the child how to get help.
      this.deps.log.error({ err: error, conversationId: live.id, event: turn.event?.type }, 'dialog failed; starting fresh');
      live.host.inTurn = false;
      live.host.onLateEmit = null;
      live.host = new DialogHost(this.deps.dialog, await this.dialogInput(new Date(now)));
      this.watchLateEmits(live);
      if (this.deps.recoveryKey && !turn.recovering) {
        const rendered = this.deps.content.render(this.deps.recoveryKey, undefined, live.locale);
        (recovery ??= []).push({ activity: botMessageActivity(rendered, this.deps.recoveryKey) });
      }
    } finally {
      live.host.inTurn = false;
    }
    const hasLead = lead.length > 0;
    // Lead, recovery, then what the dialog said: one list, the turn's own lead list in the usual case
    // (the caller made it for this turn), which effectsOf adds to.
    const first = recovery === null ? (turn.lead !== undefined && hasLead ? turn.lead : []) : [...lead, ...recovery];
    const context = live.host.context();
    const effects = effectsOf(live.host.drain(), this.deps.content, live.locale, now, turn.defaultCheckIn, turn.alreadySaid, sayFactsOf(context), readerOf(context), first);
    const activities = effects.activities;
    if (effects.closed !== null) activities.push({ activity: conversationEndedActivity(effects.closed) });
    const options: { snapshot: SnapshotRecord; checkInDueAt?: Date | null; now: Date } = { snapshot: this.snapshotOf(live), now: new Date(now) };
    if (effects.checkInDueAt !== undefined) options.checkInDueAt = effects.checkInDueAt;
    let result;
    try {
      result = await this.deps.store.conversations.append(live.id, activities, options);
    } catch (error) {
      await this.reload(live);
      throw error;
    }
    if (result.duplicate) {
      await this.reload(live);
      return { ack: result.activities[0] ?? null, duplicate: true };
    }
    this.publishAll(live.id, result.activities);
    const ack = hasLead ? (result.activities[0] ?? null) : null;
    if (effects.closed !== null) {
      await this.close(live, effects.closed, new Date(now));
      return { ack, duplicate: false };
    }
    for (const ask of effects.handoffs) await this.requestHandoff(live, ask, effects.said);
    return { ack, duplicate: false };
  }

  /** `alreadySaid`: what the turn that asked said, so the answer that follows at once does not repeat it. */
  private async requestHandoff(live: LiveConversation, ask: HandoffAsk, alreadySaid: readonly string[]): Promise<void> {
    let decision: HandoffDecision;
    try {
      decision = await this.deps.handoff.request({
        conversationId: live.id,
        urgency: ask.urgency,
        findings: ask.findings,
        reason: ask.reason,
        summary: (live.host.context()['summary'] ?? {}) as never,
        requestedAt: new Date(this.now()),
      });
    } catch (error) {
      // Fail towards help: the dialog hears nobody can come, and says how to get help now.
      this.deps.log.error({ err: error, conversationId: live.id }, 'handoff request failed');
      decision = { outcome: 'unavailable', reason: 'none_available' };
    }
    const status: HandoffStatusValue =
      decision.outcome === 'queued'
        ? {
            state: 'queued',
            position: decision.position,
            ...(decision.estimatedWaitSeconds !== undefined ? { estimatedWaitSeconds: decision.estimatedWaitSeconds } : {}),
          }
        : decision.position !== undefined
          ? { state: 'queued', position: decision.position }
          : { state: 'failed' };
    const event: DialogEvent =
      decision.outcome === 'queued'
        ? { type: 'handoff.queued', position: decision.position }
        : { type: 'handoff.unavailable', reason: decision.reason };
    if (this.lives.get(live.id) !== live) return;
    await this.runTurn(live, { lead: [{ activity: handoffStatusActivity(status) }], event, alreadySaid });
  }

  private async close(live: LiveConversation, reason: string, now: Date): Promise<void> {
    this.drop(live.id);
    this.presence.set(live.id, { value: 'ended', at: this.now() });
    await this.deps.store.conversations.end(live.id, reason, now);
    await this.deps.store.tokens.revokeForConversation(live.id, now);
    this.deps.log.info({ conversationId: live.id, reason }, 'conversation ended');
  }

  private async reload(live: LiveConversation): Promise<void> {
    this.drop(live.id);
    const fresh = await this.live(live.id, { quiet: true });
    if (fresh) {
      fresh.tokenHash = live.tokenHash;
      if (live.recentAcks !== null) fresh.recentAcks = new Map(live.recentAcks);
      // The limiter's history carries over, so a reload never resets the child's rate window.
      fresh.rate = live.rate;
    }
  }

  private snapshotOf(live: LiveConversation): SnapshotRecord {
    return {
      snapshot: live.host.persisted(),
      machineVersion: this.deps.dialog.version,
      contentVersion: this.deps.content.version,
    };
  }

  /** Delivers newly committed activities, and notes their seqs on the live copy. */
  private publishAll(conversationId: string, activities: readonly StoredActivity[]): void {
    const live = this.lives.get(conversationId);
    for (const stored of activities) {
      if (live && stored.seq > live.lastSeq) live.lastSeq = stored.seq;
      this.hub.publish(conversationId, { kind: 'stored', stored });
    }
  }

  private rememberAck(live: LiveConversation, ack: StoredActivity): void {
    if (ack.clientActivityId === null) return;
    const acks = (live.recentAcks ??= new Map<string, StoredActivity>());
    acks.set(ack.clientActivityId, ack);
    if (acks.size > RECENT_ACKS) {
      const oldest = acks.keys().next().value;
      if (oldest !== undefined) acks.delete(oldest);
    }
  }

  /** Whether the token's expiry should move on (at most every quarter of its time to live). */
  private isTouchDue(live: LiveConversation, now: number): boolean {
    return live.tokenHash !== null && now - live.lastTouch >= this.deps.limits.tokenOfflineTtlMs / 4;
  }

  private async touchToken(live: LiveConversation, now: number, force = false): Promise<void> {
    if (live.tokenHash === null) return;
    const ttl = this.deps.limits.tokenOfflineTtlMs;
    if (!force && !this.isTouchDue(live, now)) return;
    live.lastTouch = now;
    await this.deps.store.tokens.touch(live.tokenHash, new Date(now + ttl));
  }

  private async dialogInput(now: Date): Promise<DialogInput> {
    let counsellorOnShift = false;
    try {
      counsellorOnShift = await this.deps.handoff.isCounsellorOnShift(now);
    } catch (error) {
      this.deps.log.error({ err: error }, 'could not ask whether a counsellor is on shift');
    }
    return { counsellorOnShift };
  }
}

function refused(name: keyof typeof FRAME_ERRORS): Extract<ChildMessageResult, { outcome: 'refused' }> {
  const { code, message } = FRAME_ERRORS[name];
  return { outcome: 'refused', code, message };
}

function firstOf(activities: readonly StoredActivity[]): StoredActivity {
  const first = activities[0];
  if (!first) throw new Error('store returned no activity for an append');
  return first;
}

/** Whether a stored activity is the `conversation.ended` event. */
export function isEndedEvent(stored: StoredActivity): boolean {
  return stored.activity.type === 'event' && stored.activity.name === EVENT.conversationEnded;
}
