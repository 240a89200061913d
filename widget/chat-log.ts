import type { CardAction, HandoffStatusValue, HarbourChannelData, WireActivity } from '../server/protocol/index.js';
import { EVENT } from '../server/protocol/index.js';
import { STRINGS } from './strings.js';

/** `channelData`, typed (Bot Framework types it as `any`). */
export function channelOf(activity: WireActivity): HarbourChannelData {
  const data: unknown = activity.channelData;
  return data !== null && typeof data === 'object' ? (data) : {};
}

/** Where a child's message stands. */
export type SendStatus = 'sending' | 'waiting' | 'sent' | 'failed';

/** One line of the transcript, as the widget shows it. */
export type ChatItem =
  | {
      readonly kind: 'message';
      /** Client id for the child's messages, server id (or seq) for the others. */
      readonly id: string;
      readonly seq?: number;
      readonly sender: 'child' | 'bot' | 'counsellor';
      readonly name?: string;
      readonly text: string;
      readonly status?: SendStatus;
      /** Why a message failed, in plain words. */
      readonly reason?: string;
      readonly actions?: readonly CardAction[];
    }
  | { readonly kind: 'notice'; readonly id: string; readonly seq?: number; readonly text: string };

/**
 * The conversation as the widget knows it: ordered items, de-duplicated by `channelData.seq`,
 * and the status of each message the child sent. Pure data, no sockets, no DOM.
 */
export class ChatLog {
  #items: ChatItem[] = [];
  #seen = new Set<number>();
  #lastSeq = 0;

  get items(): readonly ChatItem[] {
    return this.#items;
  }

  /** The highest seq shown; sent in `session.resume`. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The child's own messages not yet acknowledged (to re-send after a reconnect). */
  pending(): readonly Extract<ChatItem, { kind: 'message' }>[] {
    return this.#items.filter(
      (i): i is Extract<ChatItem, { kind: 'message' }> =>
        i.kind === 'message' && i.sender === 'child' && (i.status === 'sending' || i.status === 'waiting'),
    );
  }

  find(id: string): Extract<ChatItem, { kind: 'message' }> | undefined {
    return this.#items.find((i): i is Extract<ChatItem, { kind: 'message' }> => i.kind === 'message' && i.id === id);
  }

  /** The child typed a message: it shows at once as "sending". */
  addOwn(id: string, text: string): void {
    this.#items = [...this.#items, { kind: 'message', id, sender: 'child', text, status: 'sending' }];
  }

  /** Change the status of one of the child's messages. */
  setStatus(id: string, status: SendStatus, reason?: string): void {
    this.#items = this.#items.map((i) =>
      i.kind === 'message' && i.id === id ? { ...i, status, ...(reason === undefined ? { reason: undefined } : { reason }) } : i,
    );
  }

  /** Take a message out (its text went back to the composer). */
  remove(id: string): void {
    this.#items = this.#items.filter((i) => i.id !== id);
  }

  /** Forget everything (quick exit, or the server started a new conversation). */
  clear(): void {
    this.#items = [];
    this.#seen.clear();
    this.#lastSeq = 0;
  }

  /**
   * The server could not resume the old conversation and started a new one: keep what is on
   * screen (the child's context, and messages still waiting to send), mark where the new chat
   * begins, and start counting seqs afresh.
   */
  newConversation(notice: string): void {
    this.#items = [...this.#items.map((i) => ({ ...i, seq: undefined })), { kind: 'notice', id: `new-${this.#items.length}`, text: notice }];
    this.#seen.clear();
    this.#lastSeq = 0;
  }

  /**
   * Take in an activity from the server. Returns true when the transcript changed.
   * Activities with a seq already shown are ignored (a replay after resume may overlap).
   */
  receive(activity: WireActivity): boolean {
    const seq = channelOf(activity).seq;
    if (typeof seq === 'number') {
      if (this.#seen.has(seq)) return false;
      this.#seen.add(seq);
      if (seq > this.#lastSeq) this.#lastSeq = seq;
    }
    const item = toItem(activity, seq);
    if (item === undefined) return false;
    if (item.kind === 'message' && item.sender === 'child') {
      // An ack: the echo of one of our own messages, now committed.
      const own = this.find(item.id);
      if (own !== undefined) {
        this.#items = this.#items.map((i) => (i === own ? { ...own, seq: item.seq, status: 'sent', reason: undefined } : i));
        return true;
      }
    }
    this.#items = [...this.#items, item];
    return true;
  }
}

function toItem(activity: WireActivity, seq: number | undefined): ChatItem | undefined {
  const id = activity.id ?? (seq !== undefined ? `seq-${seq}` : `local-${Math.random()}`);
  if (activity.type === 'message') {
    const text = typeof activity.text === 'string' ? activity.text : '';
    const role = activity.from?.role;
    const sender = channelOf(activity).sender;
    if (role === 'user' || sender === 'child') {
      const clientId = channelOf(activity).clientActivityID ?? id;
      return { kind: 'message', id: clientId, ...(seq !== undefined && { seq }), sender: 'child', text, status: 'sent' };
    }
    const isCounsellor = sender === 'counsellor';
    const actions = activity.suggestedActions?.actions;
    return {
      kind: 'message',
      id,
      ...(seq !== undefined && { seq }),
      sender: isCounsellor ? 'counsellor' : 'bot',
      ...(isCounsellor && typeof activity.from?.name === 'string' && { name: activity.from.name }),
      text,
      ...(actions !== undefined && actions.length > 0 && { actions }),
    };
  }
  if (activity.type === 'event') {
    const text = eventText(activity);
    if (text === undefined) return undefined;
    return { kind: 'notice', id, ...(seq !== undefined && { seq }), text };
  }
  return undefined;
}

/** Plain words for the events the child should see. Categories are never shown. */
function eventText(activity: WireActivity): string | undefined {
  switch (activity.name) {
    case EVENT.handoffInitiate:
      return STRINGS.handoff.initiate;
    case EVENT.handoffStatus:
      return handoffText(activity.value as HandoffStatusValue | undefined);
    case EVENT.conversationEnded:
      return STRINGS.conversationEnded;
    default:
      return undefined;
  }
}

/** The words for a `handoff.status` value; the server's own localised message wins when given. */
export function handoffText(value: HandoffStatusValue | undefined): string | undefined {
  if (value === undefined || typeof value !== 'object') return undefined;
  if (typeof value.message === 'string' && value.message.length > 0) return value.message;
  switch (value.state) {
    case 'queued': {
      const parts = [STRINGS.handoff.queued(value.position)];
      if (typeof value.estimatedWaitSeconds === 'number') parts.push(STRINGS.handoff.wait(Math.ceil(value.estimatedWaitSeconds / 60)));
      return parts.join(' ');
    }
    case 'accepted':
      return STRINGS.handoff.accepted(value.counsellorName);
    case 'failed':
      return STRINGS.handoff.failed;
    case 'completed':
      return STRINGS.handoff.completed;
    default:
      return undefined;
  }
}
