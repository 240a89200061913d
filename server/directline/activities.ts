import type { HarbourChannelData, WireActivity } from '../protocol/index.js';
import type { StoredActivity } from '../store/types.js';

/**
 * Harbour's stored activities as Direct Line clients expect them. The activity is the same one the
 * widget gets (text, suggestedActions, handoff events, channelData.seq); Direct Line adds an id of
 * the form `<conversationId>|<seq>`, the conversation, the channel, a timestamp, a `from` with a role
 * on every activity (Web Chat reads `from.role`), and `channelData.clientActivityID` on the child's
 * own messages (Web Chat matches its sent messages by it, or marks them failed).
 */

/** The channel id Harbour gives activities it sends over Direct Line. */
export const DIRECTLINE_CHANNEL = 'directline';

/** A set of activities and the watermark to ask from next time (Direct Line's `ActivitySet`). */
export interface ActivitySet {
  readonly activities: readonly WireActivity[];
  readonly watermark?: string;
}

/** The Direct Line id of a stored activity: unique in the conversation and ordered by seq. */
export function directLineId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** Turns a committed activity into the Direct Line activity clients receive. */
export function toDirectLine(stored: StoredActivity): WireActivity {
  const activity = stored.activity;
  // botframework-schema types channelData as `any`; Harbour's own shape is HarbourChannelData.
  const channelData = activity.channelData as HarbourChannelData | undefined;
  const sender = channelData?.sender;
  const isChild = sender === undefined ? activity.from?.role === 'user' : sender === 'child';
  const clientActivityID = isChild ? (stored.clientActivityId ?? channelData?.clientActivityID) : undefined;
  return {
    ...activity,
    id: directLineId(stored.conversationId, stored.seq),
    channelId: DIRECTLINE_CHANNEL,
    conversation: { id: stored.conversationId } as WireActivity['conversation'] & object,
    timestamp: activity.timestamp ?? stored.createdAt.toISOString(),
    from: withRole(activity.from, isChild ? 'user' : 'bot'),
    channelData: {
      ...channelData,
      seq: stored.seq,
      ...(clientActivityID !== undefined && clientActivityID !== null ? { clientActivityID } : {}),
    },
  } as WireActivity;
}

/** Turns an ephemeral activity (typing) into a Direct Line activity; it has no id in the log. */
export function ephemeralToDirectLine(conversationId: string, activity: WireActivity): WireActivity {
  return {
    ...activity,
    channelId: DIRECTLINE_CHANNEL,
    conversation: { id: conversationId } as WireActivity['conversation'] & object,
    timestamp: activity.timestamp ?? new Date().toISOString(),
    from: withRole(activity.from, activity.from?.role === 'user' ? 'user' : 'bot'),
  } as WireActivity;
}

function withRole(from: WireActivity['from'], role: 'user' | 'bot'): NonNullable<WireActivity['from']> {
  if (from && typeof from.id === 'string' && from.id !== '') return { ...from, role };
  return { ...from, id: role === 'user' ? 'child' : 'harbour', name: from?.name ?? (role === 'user' ? 'You' : 'Harbour'), role };
}

/** The watermark after a set of stored activities (the highest seq), or the one given when there are none. */
export function watermarkAfter(stored: readonly StoredActivity[], previous: string): string {
  const last = stored.at(-1);
  return last === undefined ? previous : String(last.seq);
}

/**
 * Parses a client's watermark ('' or digits) into the seq to replay after; null when it is not one
 * Harbour issued.
 */
export function parseWatermark(watermark: string | undefined): number | null {
  if (watermark === undefined || watermark === '') return 0;
  if (!/^\d{1,15}$/.test(watermark)) return null;
  return Number(watermark);
}
