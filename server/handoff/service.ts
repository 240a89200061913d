import { EventEmitter } from 'node:events';
import type { Urgency } from '../../dialogs/safety/finding.js';
import { moreUrgent } from '../../dialogs/safety/finding.js';
import type { ConversationService } from '../sessions/types.js';
import type { HandoffCaseRepository, HandoffCaseState } from '../store/console-cases.js';
import type { AuditRepository, ParticipantRepository } from '../store/console-types.js';
import type { ConsoleEvent, ReturnReason } from './console-events.js';
import { WaitEstimator } from './estimate.js';
import { isOpenAt, type OpeningHours } from './hours.js';
import { HandoffQueue, type AnchoredFinding, type QueueEntry } from './queue.js';
import { Roster } from './roster.js';
import type { HandoffDecision, HandoffRequest, HandoffService } from './types.js';
import type { HandoffWords } from './words.js';
import type { LiveChatView, QueueItemView } from '../protocol/index.js';

/** What the live handoff service needs. */
export interface LiveHandoffOptions {
  readonly now?: () => Date;
  readonly hours: OpeningHours;
  /** Above this estimated wait (seconds) the chat counts as unavailable and the child gets the routes. */
  readonly maxWaitSeconds: number;
  readonly estimator?: WaitEstimator;
  /** Plain words for the child, in the conversation's locale. */
  readonly words: (conversationId: string) => HandoffWords | Promise<HandoffWords>;
  readonly audit: AuditRepository;
  readonly participants: ParticipantRepository;
  /** Where cases are kept for reading after the chat (optional: memory only without it). */
  readonly cases?: HandoffCaseRepository;
  readonly log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** A chat a counsellor has taken. */
export interface ActiveChat {
  readonly conversationId: string;
  counsellorId: string;
  counsellorName: string;
  readonly entry: QueueEntry;
  readonly acceptedAt: Date;
  /** Supervisors who joined to read along. */
  readonly joined: Set<string>;
}

export type { QueueItemView, LiveChatView } from '../protocol/index.js';

/** Why an accept, transfer or end was refused. */
export type ChatActionRefusal = 'not_waiting' | 'not_available' | 'not_yours' | 'no_such_chat' | 'target_not_available';

/**
 * The handoff service: the risk-ranked queue, the counsellors on shift and the chats they hold.
 * The sessions layer calls `request`, `withdraw` and `isCounsellorOnShift`; the console calls the
 * rest. It tells the child through the ConversationService (attached after construction, since
 * each needs the other) and tells consoles through `onConsoleEvent`.
 */
export class LiveHandoffService implements HandoffService {
  readonly queue = new HandoffQueue();
  readonly roster = new Roster();
  readonly #active = new Map<string, ActiveChat>();
  readonly #events = new EventEmitter();
  readonly #notified = new Map<string, number>();
  readonly #now: () => Date;
  readonly #estimator: WaitEstimator;
  #conversations: ConversationService | null = null;

  constructor(readonly options: LiveHandoffOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#estimator = options.estimator ?? new WaitEstimator();
    this.#events.setMaxListeners(0);
  }

  /** Give the service the conversation service it tells children through. */
  attachConversations(conversations: ConversationService): void {
    this.#conversations = conversations;
  }

  /** Listen to console events; returns an unsubscribe function. */
  onConsoleEvent(listener: (event: ConsoleEvent) => void): () => void {
    this.#events.on('event', listener);
    return () => this.#events.off('event', listener);
  }

  now(): Date {
    return this.#now();
  }

  // ── the seam the sessions layer uses ─────────────────────────────────────────────────────────

  async isCounsellorOnShift(now: Date): Promise<boolean> {
    return isOpenAt(this.options.hours, now) && this.roster.available().length > 0;
  }

  async request(input: HandoffRequest): Promise<HandoffDecision> {
    const now = this.#now();
    const id = input.conversationId;
    const anchored: AnchoredFinding[] = input.findings.map((finding) => ({ finding, foundAt: input.requestedAt }));

    const active = this.#active.get(id);
    if (active) {
      // Already with a person: keep the new findings for the console; nothing changes for the child.
      this.#active.set(id, { ...active, entry: mergeEntry(active.entry, input, anchored) });
      await this.#saveCase(this.#active.get(id)!.entry);
      this.#emit({ type: 'queue.changed' });
      return { outcome: 'queued', position: 1 };
    }

    if (!isOpenAt(this.options.hours, now)) {
      if (this.queue.remove(id)) await this.#setState(id, 'closed', null);
      this.#emit({ type: 'queue.changed' });
      return { outcome: 'unavailable', reason: 'closed' };
    }

    const existing = this.queue.get(id);
    const entry: QueueEntry = existing
      ? mergeEntry(existing, input, anchored)
      : {
          conversationId: id,
          urgency: input.urgency,
          reason: input.reason,
          findings: anchored,
          summary: input.summary,
          waitingSince: input.requestedAt,
          returnedAt: null,
        };
    this.queue.put(entry);
    await this.#saveCase(entry);
    const becameImmediate = entry.urgency === 'immediate' && existing?.urgency !== 'immediate';
    const position = this.queue.position(id) ?? 1;
    this.#notified.set(id, position);
    this.#emit({ type: 'queue.changed' });
    if (becameImmediate) this.#alert(id, entry.urgency);
    // Others may have moved down; they are told outside this child's turn.
    if (this.queue.size > 1) this.#scheduleRefresh();

    if (this.roster.available().length === 0) return { outcome: 'unavailable', reason: 'none_available', position };
    const estimate = this.#estimator.estimateSeconds(position, now);
    if (estimate !== undefined && estimate > this.options.maxWaitSeconds) {
      return { outcome: 'unavailable', reason: 'wait_too_long', position };
    }
    return estimate === undefined ? { outcome: 'queued', position } : { outcome: 'queued', position, estimatedWaitSeconds: estimate };
  }

  async withdraw(conversationId: string, reason: 'quick_exit' | 'ended'): Promise<void> {
    const waiting = this.queue.remove(conversationId);
    this.#notified.delete(conversationId);
    const active = this.#active.get(conversationId);
    if (waiting || active) await this.#setState(conversationId, 'closed', null);
    if (active) {
      this.#active.delete(conversationId);
      this.roster.get(active.counsellorId)?.chats.delete(conversationId);
      this.#emit({ type: 'chat.ended', conversationId, by: null, why: 'child_left' });
    }
    if (waiting || active) {
      this.#emit({ type: 'queue.changed' });
      // Not awaited: withdraw runs inside the leaving child's turn, and telling others takes their turns.
      this.#scheduleRefresh();
    }
    void reason;
  }

  /** The status to send the child right after a `queued` decision (place, estimate, plain words). */
  async queuedStatus(conversationId: string): Promise<{ position: number; estimatedWaitSeconds?: number; message: string } | null> {
    const position = this.queue.position(conversationId);
    if (position === undefined) return null;
    const estimate = this.#estimator.estimateSeconds(position, this.#now());
    const message = (await this.options.words(conversationId)).queued(position, estimate);
    return estimate === undefined ? { position, message } : { position, estimatedWaitSeconds: estimate, message };
  }

  // ── the console side ─────────────────────────────────────────────────────────────────────────

  /** A console socket opened for an account. */
  consoleConnected(account: { id: string; firstName: string; role: 'counsellor' | 'supervisor' }, socketId: string): void {
    this.roster.member(account).sockets.add(socketId);
    this.#emit({ type: 'roster.changed' });
  }

  /** A console socket closed. When it was the account's last, its chats go back to the queue. */
  async consoleDisconnected(accountId: string, socketId: string): Promise<void> {
    const m = this.roster.get(accountId);
    if (!m) return;
    m.sockets.delete(socketId);
    if (m.sockets.size === 0) await this.counsellorGone(accountId, 'console_closed');
    this.#emit({ type: 'roster.changed' });
  }

  /** Signed out or session expired: every chat the account holds goes back to the queue. */
  async counsellorGone(accountId: string, why: ReturnReason): Promise<void> {
    const m = this.roster.get(accountId);
    if (!m) return;
    m.available = false;
    for (const conversationId of [...m.chats]) await this.#returnToQueue(conversationId, why);
    for (const chat of this.#active.values()) chat.joined.delete(accountId);
  }

  async setAvailability(account: { id: string; firstName: string; role: 'counsellor' | 'supervisor' }, available: boolean): Promise<void> {
    const m = this.roster.member(account);
    m.available = available;
    await this.options.audit.write({ at: this.#now(), actorId: account.id, action: 'availability', conversationId: null, detail: { available } });
    this.#emit({ type: 'roster.changed' });
    this.#emit({ type: 'queue.changed' });
  }

  isAvailable(accountId: string): boolean {
    return this.roster.get(accountId)?.available ?? false;
  }

  /** Accept the waiting chat. Returns a refusal reason, or null on success. */
  async accept(account: { id: string; firstName: string; role: 'counsellor' | 'supervisor' }, conversationId: string): Promise<ChatActionRefusal | null> {
    if (!this.roster.canTakeChats(account.id)) return 'not_available';
    const entry = this.queue.remove(conversationId);
    if (!entry) return 'not_waiting';
    const now = this.#now();
    this.#notified.delete(conversationId);
    this.#estimator.record(now.getTime() - entry.waitingSince.getTime(), now);
    const chat: ActiveChat = {
      conversationId,
      counsellorId: account.id,
      counsellorName: account.firstName,
      entry: { ...entry, returnedAt: null },
      acceptedAt: now,
      joined: new Set(),
    };
    this.#active.set(conversationId, chat);
    this.roster.member(account).chats.add(conversationId);
    await this.#setState(conversationId, 'live', null);
    await this.options.participants.add({ conversationId, accountId: account.id, how: 'accept', now });
    await this.options.audit.write({ at: now, actorId: account.id, action: 'accept', conversationId, detail: { urgency: entry.urgency } });
    this.#emit({ type: 'chat.assigned', conversationId, counsellorId: account.id });
    this.#emit({ type: 'queue.changed' });
    await this.#tellAccepted(conversationId, account.firstName, account.role);
    this.#scheduleRefresh();
    return null;
  }

  /** Hand a chat to another available counsellor; the child is told who is with them now. */
  async transfer(
    from: { id: string; role: 'counsellor' | 'supervisor' },
    conversationId: string,
    to: { id: string; firstName: string; role: 'counsellor' | 'supervisor' },
  ): Promise<ChatActionRefusal | null> {
    const chat = this.#active.get(conversationId);
    if (!chat) return 'no_such_chat';
    if (chat.counsellorId !== from.id && from.role !== 'supervisor') return 'not_yours';
    if (!this.roster.canTakeChats(to.id) || to.id === chat.counsellorId) return 'target_not_available';
    const now = this.#now();
    this.roster.get(chat.counsellorId)?.chats.delete(conversationId);
    const previous = chat.counsellorId;
    chat.counsellorId = to.id;
    chat.counsellorName = to.firstName;
    this.roster.member(to).chats.add(conversationId);
    await this.options.participants.add({ conversationId, accountId: to.id, how: 'transfer', now });
    await this.options.audit.write({ at: now, actorId: from.id, action: 'transfer', conversationId, detail: { from: previous, to: to.id } });
    this.#emit({ type: 'chat.assigned', conversationId, counsellorId: to.id });
    this.#emit({ type: 'queue.changed' });
    await this.#tellAccepted(conversationId, to.firstName, to.role);
    return null;
  }

  /** A supervisor joins a live chat to read along (and may write). */
  async join(supervisor: { id: string; role: 'counsellor' | 'supervisor' }, conversationId: string): Promise<ChatActionRefusal | null> {
    if (supervisor.role !== 'supervisor') return 'not_yours';
    const chat = this.#active.get(conversationId);
    if (!chat) return 'no_such_chat';
    const now = this.#now();
    chat.joined.add(supervisor.id);
    await this.options.participants.add({ conversationId, accountId: supervisor.id, how: 'join', now });
    await this.options.audit.write({ at: now, actorId: supervisor.id, action: 'join', conversationId, detail: {} });
    this.#emit({ type: 'queue.changed' });
    return null;
  }

  /** The counsellor ends the chat: the child gets a kind closing and the helplines (from the dialog). */
  async end(account: { id: string; role: 'counsellor' | 'supervisor' }, conversationId: string): Promise<ChatActionRefusal | null> {
    const chat = this.#active.get(conversationId);
    if (!chat) return 'no_such_chat';
    if (chat.counsellorId !== account.id && account.role !== 'supervisor') return 'not_yours';
    this.#active.delete(conversationId);
    this.roster.get(chat.counsellorId)?.chats.delete(conversationId);
    await this.#setState(conversationId, 'closed', null);
    await this.options.audit.write({ at: this.#now(), actorId: account.id, action: 'end', conversationId, detail: {} });
    this.#emit({ type: 'chat.ended', conversationId, by: account.id, why: 'counsellor' });
    this.#emit({ type: 'queue.changed' });
    const conversations = this.#requireConversations();
    const closing = (await this.options.words(conversationId)).completed();
    await conversations.handoffStatus(conversationId, { state: 'completed', ...(closing === undefined ? {} : { message: closing }) });
    await conversations.dispatch(conversationId, { type: 'handoff.completed' });
    return null;
  }

  activeChat(conversationId: string): ActiveChat | undefined {
    return this.#active.get(conversationId);
  }

  /** The queue entry or live chat record (findings, summary) of a conversation; stored cases after the chat. */
  async caseEntry(conversationId: string): Promise<QueueEntry | undefined> {
    const live = this.#active.get(conversationId)?.entry ?? this.queue.get(conversationId);
    if (live) return live;
    const stored = await this.options.cases?.get(conversationId);
    return stored ? { ...stored, returnedAt: null } : undefined;
  }

  /**
   * After a restart: every case still queued or live (and whose conversation has not ended) goes
   * back in the queue. A chat a counsellor had is returned to the top, and its child is told and
   * supported by the bot again, exactly as when a console closes. Returns how many were restored.
   */
  async restore(): Promise<number> {
    const cases = (await this.options.cases?.open()) ?? [];
    const now = this.#now();
    const wasLive: string[] = [];
    for (const c of cases) {
      if (this.queue.has(c.conversationId) || this.#active.has(c.conversationId)) continue;
      const returnedAt = c.state === 'live' ? now : c.returnedAt;
      this.queue.put({ ...c, returnedAt });
      if (c.state === 'live') wasLive.push(c.conversationId);
    }
    for (const id of wasLive) {
      await this.#setState(id, 'queued', now);
      await this.options.audit.write({ at: now, actorId: null, action: 'returned', conversationId: id, detail: { why: 'restart' } });
      try {
        const conversations = this.#requireConversations();
        const message = (await this.options.words(id)).failed();
        await conversations.handoffStatus(id, { state: 'failed', ...(message === undefined ? {} : { message }) });
        await conversations.dispatch(id, { type: 'handoff.failed' });
      } catch (err) {
        this.options.log?.error({ err, conversationId: id }, 'telling a child after a restart failed');
      }
    }
    if (cases.length > 0) {
      this.#emit({ type: 'queue.changed' });
      this.#scheduleRefresh();
    }
    return cases.length;
  }

  async #setState(conversationId: string, state: HandoffCaseState, returnedAt: Date | null): Promise<void> {
    try {
      await this.options.cases?.setState(conversationId, state, returnedAt, this.#now());
    } catch (err) {
      this.options.log?.error({ err, conversationId }, 'saving the handoff state failed');
    }
  }

  async #saveCase(entry: QueueEntry): Promise<void> {
    try {
      await this.options.cases?.save(entry, this.#now());
    } catch (err) {
      // The queue works from memory; a failed save only costs reading the case after the chat.
      this.options.log?.error({ err, conversationId: entry.conversationId }, 'saving the handoff case failed');
    }
  }

  /** Is the account the counsellor of, or a supervisor joined to, this live chat? */
  isInChat(accountId: string, conversationId: string): boolean {
    const chat = this.#active.get(conversationId);
    return chat !== undefined && (chat.counsellorId === accountId || chat.joined.has(accountId));
  }

  queueView(): QueueItemView[] {
    const now = this.#now().getTime();
    return this.queue.ordered().map((e, i) => ({
      conversationId: e.conversationId,
      position: i + 1,
      urgency: e.urgency,
      categories: categoriesOf(e),
      waitingSince: e.waitingSince.toISOString(),
      waitingSeconds: Math.max(0, Math.round((now - e.waitingSince.getTime()) / 1000)),
      returned: e.returnedAt !== null,
      summaryLine: summaryLine(e),
    }));
  }

  liveChats(): LiveChatView[] {
    return [...this.#active.values()].map((c) => ({
      conversationId: c.conversationId,
      counsellorId: c.counsellorId,
      counsellorName: c.counsellorName,
      urgency: c.entry.urgency,
      acceptedAt: c.acceptedAt.toISOString(),
      summaryLine: summaryLine(c.entry),
    }));
  }

  /** Chats an account holds as counsellor. */
  chatsOf(accountId: string): string[] {
    return [...this.#active.values()].filter((c) => c.counsellorId === accountId || c.joined.has(accountId)).map((c) => c.conversationId);
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────

  async #returnToQueue(conversationId: string, why: ReturnReason): Promise<void> {
    const chat = this.#active.get(conversationId);
    if (!chat) return;
    const now = this.#now();
    this.#active.delete(conversationId);
    this.roster.get(chat.counsellorId)?.chats.delete(conversationId);
    this.queue.put({ ...chat.entry, returnedAt: now });
    await this.#setState(conversationId, 'queued', now);
    await this.options.audit.write({ at: now, actorId: chat.counsellorId, action: 'returned', conversationId, detail: { why } });
    this.#emit({ type: 'chat.returned', conversationId, formerCounsellorId: chat.counsellorId, why });
    this.#emit({ type: 'queue.changed' });
    if (chat.entry.urgency === 'immediate') this.#alert(conversationId, chat.entry.urgency);
    try {
      const conversations = this.#requireConversations();
      const message = (await this.options.words(conversationId)).failed();
      await conversations.handoffStatus(conversationId, { state: 'failed', ...(message === undefined ? {} : { message }) });
      await conversations.dispatch(conversationId, { type: 'handoff.failed' });
      this.#notified.delete(conversationId);
      this.#scheduleRefresh();
    } catch (err) {
      this.options.log?.error({ err, conversationId }, 'telling the child the counsellor left failed');
    }
  }

  async #tellAccepted(conversationId: string, firstName: string, role: 'counsellor' | 'supervisor'): Promise<void> {
    const conversations = this.#requireConversations();
    await conversations.handoffStatus(conversationId, {
      state: 'accepted',
      counsellorName: firstName,
      message: (await this.options.words(conversationId)).accepted(firstName, role),
    });
    await conversations.dispatch(conversationId, { type: 'handoff.accepted', counsellorName: firstName });
  }

  #refreshing: Promise<void> = Promise.resolve();

  /** Runs a position refresh after the current turn, one at a time. */
  #scheduleRefresh(): void {
    this.#refreshing = this.#refreshing
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.#refreshPositions())
      .catch((err: unknown) => this.options.log?.warn({ err }, 'queue refresh failed'));
  }

  /** Settles when queued position updates have been sent (tests, shutdown). */
  settled(): Promise<void> {
    return this.#refreshing;
  }

  /** Tell each waiting child whose place changed where they are now. */
  async #refreshPositions(): Promise<void> {
    const conversations = this.#conversations;
    if (!conversations) return;
    const ordered = this.queue.ordered();
    for (let i = 0; i < ordered.length; i++) {
      const id = ordered[i]!.conversationId;
      const position = i + 1;
      if (this.#notified.get(id) === position) continue;
      this.#notified.set(id, position);
      const status = await this.queuedStatus(id);
      if (!status) continue;
      try {
        await conversations.handoffStatus(id, { state: 'queued', ...status });
      } catch (err) {
        this.options.log?.warn({ err, conversationId: id }, 'queue position update failed');
      }
    }
  }

  #alert(conversationId: string, urgency: Urgency): void {
    const recipients = this.roster.available().map((m) => m.accountId);
    this.#emit({ type: 'queue.alert', conversationId, urgency, recipients });
  }

  #emit(event: ConsoleEvent): void {
    this.#events.emit('event', event);
  }

  #requireConversations(): ConversationService {
    if (!this.#conversations) throw new Error('LiveHandoffService: attachConversations() was not called');
    return this.#conversations;
  }
}

function mergeEntry(entry: QueueEntry, input: HandoffRequest, anchored: readonly AnchoredFinding[]): QueueEntry {
  return {
    ...entry,
    urgency: moreUrgent(entry.urgency, input.urgency),
    reason: entry.reason === 'red_flag' || input.reason === 'red_flag' ? 'red_flag' : 'asked_for_person',
    findings: [...entry.findings, ...anchored],
    summary: { ...entry.summary, ...input.summary },
  };
}

function categoriesOf(entry: QueueEntry): string[] {
  return [...new Set(entry.findings.map((f) => f.finding.category))];
}

const AUDIENCE: Record<string, string> = {
  young_person: 'Young person',
  parent_carer: 'Parent or carer',
  friend: 'Asking for a friend',
  someone_else: 'Someone else',
};

/** One line for the queue: who, age band, app, how long, what was flagged. Never message text. */
export function summaryLine(entry: QueueEntry): string {
  const s = entry.summary;
  const parts: string[] = [];
  if (s.audience) parts.push(AUDIENCE[s.audience] ?? s.audience);
  if (s.ageBand) parts.push(`age ${s.ageBand}`);
  if (s.app) parts.push(s.app);
  if (s.duration) parts.push(`for ${s.duration}`);
  // Who it is, when the child said: the counsellor must never suggest telling someone at home.
  if (s.homeIsUnsafe) parts.push('someone at home');
  else if (s.knownAdult) parts.push('a grown-up they know, in person');
  if (s.accountHacked) parts.push('account hacked or copied');
  const categories = categoriesOf(entry);
  if (categories.length > 0) parts.push(categories.map((c) => c.replace(/_/g, ' ')).join(', '));
  else if (entry.reason === 'asked_for_person') parts.push('asked for a person');
  return parts.join(' · ');
}
