import type { CardAction } from 'botframework-schema';
import type { HandoffInitiateValue, HandoffStatusValue, WireActivity } from '../protocol/index.js';
import { EVENT } from '../protocol/index.js';
import type { Finding, Urgency } from '../../dialogs/safety/finding.js';
import type { StoredActivity } from '../store/types.js';
import type { StoredLiveItem } from './types.js';

/**
 * Builders for the activities the conversation service stores and sends. The store assigns `seq`;
 * {@link toWire} adds it (and an id) to `channelData` when an activity leaves for a client.
 */

/**
 * The bot's identity on the wire. Frozen, and shared by every activity the bot sends rather than
 * copied into each (a stored activity is kept as long as its conversation): nothing writes to it.
 */
export const BOT = Object.freeze({ id: 'harbour', name: 'Harbour', role: 'bot' } as const);
/** The child's identity on the wire (no name: Harbour never asks for one); frozen and shared too. */
export const CHILD = Object.freeze({ id: 'child', name: '', role: 'user' } as const);

/**
 * The child's message as committed: exact words, the client's id. It is also the ack. A class of
 * its own, frozen, so that {@link wireJson} knows one at a glance and writes its JSON around the
 * words and the id: every other key and value, and their order, are the same for every message.
 * Fields are set in the order a plain object literal would have them (what JSON writes follows it).
 */
class ChildMessage implements WireActivity {
  readonly type: 'message';
  readonly id: string;
  readonly from: typeof CHILD;
  readonly text: string;
  readonly channelData: { readonly sender: 'child'; readonly clientActivityID: string };

  constructor(text: string, clientActivityId: string) {
    this.type = 'message';
    this.id = clientActivityId;
    this.from = CHILD;
    this.text = text;
    this.channelData = Object.freeze({ sender: 'child', clientActivityID: clientActivityId });
    Object.freeze(this);
  }
}

/** The child's message as committed (see {@link ChildMessage}). */
export function childMessageActivity(text: string, clientActivityId: string): WireActivity {
  return new ChildMessage(text, clientActivityId);
}

/** What a child's message's wire JSON holds between its id and its words. */
const CHILD_FROM_TEXT = `,"from":${JSON.stringify(CHILD)},"text":`;

/**
 * A child's message's wire JSON, the very text {@link wireJson}'s general path writes for it
 * (`Object.assign({}, activity, { id, timestamp, channelData })` stringified: the activity's keys in
 * order, `timestamp` added last), without copying the activity and its channelData first.
 */
function childMessageJson(message: ChildMessage, stored: StoredActivity): string {
  const id = JSON.stringify(message.id);
  return `{"type":"message","id":${id}${CHILD_FROM_TEXT}${JSON.stringify(message.text)},"channelData":{"sender":"child","clientActivityID":${id},"seq":${holeText(HOLE_SEQ, stored)}},"timestamp":${holeText(HOLE_TIME, stored)}}`;
}

/**
 * Quick replies go to everyone in the conversation. One frozen empty list shared by every activity;
 * the actions themselves are the rendered ones, already frozen and shared by content's renderer.
 */
const NO_RECIPIENTS = Object.freeze([]) as unknown as string[];

type Rendered = { readonly text: string; readonly suggestedActions: readonly CardAction[] };

/**
 * Bot messages made from a frozen rendering (content renders a message without facts once and
 * shares it) are the same for every conversation, so they are made once per rendering and key,
 * frozen, and shared: a stored conversation then holds a reference to its opening lines, not a
 * copy of each. Renderings with facts are fresh objects and get fresh activities.
 */
const sharedBotMessages = new WeakMap<Rendered, Map<string, WireActivity>>();

/** A bot message rendered from a content key. The key travels in channelData, never instead of text. */
export function botMessageActivity(rendered: Rendered, key: string): WireActivity {
  if (!Object.isFrozen(rendered)) return makeBotMessage(rendered, key);
  let byKey = sharedBotMessages.get(rendered);
  if (byKey === undefined) {
    byKey = new Map();
    sharedBotMessages.set(rendered, byKey);
  }
  let shared = byKey.get(key);
  if (shared === undefined) {
    const made = makeBotMessage(rendered, key);
    Object.freeze(made.channelData);
    if (made.suggestedActions) Object.freeze(made.suggestedActions);
    shared = Object.freeze(made);
    byKey.set(key, shared);
    // Frozen all through (the rendering and its actions are frozen by content), so its JSON is too.
    const template = wireTemplateOf(shared);
    if (template !== null) wireTemplates.set(shared, template);
  }
  return shared;
}

function makeBotMessage(rendered: Rendered, key: string): WireActivity {
  return {
    type: 'message',
    from: BOT,
    text: rendered.text,
    ...(rendered.suggestedActions.length > 0
      ? { suggestedActions: { to: NO_RECIPIENTS, actions: rendered.suggestedActions as CardAction[] } }
      : {}),
    channelData: { sender: 'bot', key },
  };
}

/** A counsellor's message into the child's stream. First name only. */
export function counsellorMessageActivity(
  input: { counsellorId: string; counsellorName: string; text: string; clientActivityId: string },
): WireActivity {
  return {
    type: 'message',
    from: { id: `counsellor:${input.counsellorId}`, name: input.counsellorName, role: 'bot' },
    text: input.text,
    channelData: { sender: 'counsellor', clientActivityID: input.clientActivityId },
  };
}

/** `handoff.initiate`: ONLY urgency and categories reach the child's device, never evidence. */
export function handoffInitiateActivity(urgency: Urgency, findings: readonly Finding[]): WireActivity {
  const categories = [...new Set(findings.map((finding) => finding.category))];
  const value: HandoffInitiateValue = { urgency, findings: categories.map((category) => ({ category })) };
  return { type: 'event', name: EVENT.handoffInitiate, from: BOT, value };
}

/** `handoff.status`: where the request for a person stands. */
export function handoffStatusActivity(value: HandoffStatusValue): WireActivity {
  return { type: 'event', name: EVENT.handoffStatus, from: BOT, value: { ...value } };
}

/** `conversation.ended`: the conversation is over; the client should not resume it. */
export function conversationEndedActivity(reason: string): WireActivity {
  return { type: 'event', name: EVENT.conversationEnded, from: BOT, value: { reason } };
}

/** A committed activity as sent to clients: `channelData.seq` set, an id if it had none. */
export function toWire(stored: StoredActivity): WireActivity {
  const activity = stored.activity;
  return {
    ...activity,
    id: activity.id ?? `${stored.conversationId}.${stored.seq}`,
    timestamp: stored.createdAt,
    channelData: { ...activity.channelData, seq: stored.seq },
  };
}

/**
 * The JSON text of a committed live item as sent to clients ({@link toWire}), made once per item:
 * every subscriber that sends the same published item (the child's socket, a console, a Direct
 * Line stream) shares the one string.
 */
export function wireJson(item: StoredLiveItem): string {
  if (item.json !== undefined) return item.json;
  const { stored } = item;
  const activity = stored.activity;
  if (activity instanceof ChildMessage) return (item.json = childMessageJson(activity, stored));
  const template = wireTemplates.get(activity);
  if (template !== undefined) return (item.json = fillTemplate(template, stored));
  // toWire's fields, with the timestamp's text made once per commit time. Object.assign, not
  // object spread: on these many-shaped activities V8's spread was twice as slow (bench/turn-profile.ts).
  const wire = Object.assign({}, activity, {
    id: activity.id ?? `${stored.conversationId}.${stored.seq}`,
    timestamp: isoOf(stored.createdAt),
    channelData: Object.assign({}, activity.channelData, { seq: stored.seq }),
  });
  return (item.json = JSON.stringify(wire));
}

/** Where a template takes a commit's own values: the id (for an activity without one), the time, the seq. */
export const HOLE_ID = 0;
export const HOLE_TIME = 1;
export const HOLE_SEQ = 2;
export type Hole = typeof HOLE_ID | typeof HOLE_TIME | typeof HOLE_SEQ;

/**
 * A shared activity's wire JSON in pieces: JSON text, then holes for what each commit adds. The
 * same text as {@link wireJson}'s general path gives, key for key and in the same order, without
 * writing the (unchanging) message text and quick replies again for every conversation.
 */
export type WireTemplate = readonly (string | Hole)[];

/** Templates of the shared, deeply frozen bot messages ({@link botMessageActivity}). */
const wireTemplates = new WeakMap<WireActivity, WireTemplate>();

/**
 * The template of a deeply frozen activity, or null for a shape it does not cover (a toJSON, a
 * `seq` already in channelData), which then takes the general path.
 */
function wireTemplateOf(activity: WireActivity): WireTemplate | null {
  const record = activity as Record<string, unknown>;
  const channelData = record['channelData'];
  if ('toJSON' in record || (channelData !== undefined && (typeof channelData !== 'object' || channelData === null))) return null;
  const channel = (channelData ?? {}) as Record<string, unknown>;
  if ('toJSON' in channel || Object.hasOwn(channel, 'seq')) return null;
  // The keys of Object.assign({}, activity, { id, timestamp, channelData }), in its order.
  const keys = Object.keys(record);
  for (const key of ['id', 'timestamp', 'channelData']) if (!keys.includes(key)) keys.push(key);
  const pieces: (string | Hole)[] = [];
  let text = '{';
  let isFirst = true;
  const member = (key: string): void => {
    text += `${isFirst ? '' : ','}${JSON.stringify(key)}:`;
    isFirst = false;
  };
  const hole = (which: Hole): void => {
    pieces.push(text, which);
    text = '';
  };
  for (const key of keys) {
    if (key === 'id' && record['id'] == null) {
      member(key);
      hole(HOLE_ID);
    } else if (key === 'timestamp') {
      member(key);
      hole(HOLE_TIME);
    } else if (key === 'channelData') {
      member(key);
      text += '{';
      for (const name of Object.keys(channel)) {
        const json = JSON.stringify(channel[name]) as string | undefined;
        if (json !== undefined) text += `${JSON.stringify(name)}:${json},`;
      }
      text += '"seq":';
      hole(HOLE_SEQ);
      text += '}';
    } else {
      const json = JSON.stringify(record[key]) as string | undefined;
      if (json === undefined) continue;
      member(key);
      text += json;
    }
  }
  pieces.push(`${text}}`);
  return pieces;
}

function fillTemplate(template: WireTemplate, stored: StoredActivity): string {
  let json = '';
  for (const piece of template) json += typeof piece === 'string' ? piece : holeText(piece, stored);
  return json;
}

/**
 * The JSON text a commit puts in one hole of a template. The time's is the one string every
 * activity of the commit shares (see {@link quotedIsoOf}); the seq's is `String(seq)`, JSON's text
 * for a finite number, which V8 keeps in its number-to-string cache rather than making anew.
 */
export function holeText(hole: Hole, stored: StoredActivity): string {
  if (hole === HOLE_SEQ) return Number.isFinite(stored.seq) ? String(stored.seq) : 'null';
  if (hole === HOLE_ID) return JSON.stringify(`${stored.conversationId}.${stored.seq}`);
  return quotedIsoOf(stored.createdAt);
}

/**
 * The template of a live item's wire JSON when it has one (a shared bot line, whose JSON no
 * subscriber has made yet): its pieces joined, with {@link holeText} in each hole, are exactly
 * {@link wireJson}'s text. A socket can then write the unchanging pieces as bytes encoded once.
 */
export function templateOfItem(item: StoredLiveItem): WireTemplate | undefined {
  return item.json === undefined ? wireTemplates.get(item.stored.activity) : undefined;
}

/**
 * One turn's activities share one commit time, so its ISO text is made once, not per activity; and
 * turns committed in the same second share the text up to the milliseconds (toISOString cost about
 * 0.8 µs a call, the cached part about 0.04).
 */
let lastTime = Number.NaN;
let lastIso: string | null = null;
/** `lastIso` as JSON (in quotes; `null` for an invalid Date), made at most once per commit time. */
let lastQuoted: string | null = null;
let lastSecond = Number.NaN;
/** `lastSecond`'s ISO text up to and including the decimal point. */
let secondPrefix = '';
function isoOf(date: Date): string | null {
  const time = date.getTime();
  if (time !== lastTime) {
    lastTime = time;
    if (Number.isNaN(time)) {
      // JSON.stringify writes an invalid Date as null; so does this.
      lastIso = null;
    } else {
      const second = Math.floor(time / 1000);
      if (second !== lastSecond) {
        const iso = date.toISOString();
        lastSecond = second;
        secondPrefix = iso.slice(0, iso.length - 4);
      }
      const ms = time - second * 1000;
      lastIso = `${secondPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
    }
    lastQuoted = null;
  }
  return lastIso;
}

/** `JSON.stringify(date)`: the ISO text of {@link isoOf} in quotes, or `null`; one string per commit time. */
function quotedIsoOf(date: Date): string {
  const iso = isoOf(date);
  if (iso === null) return 'null';
  // A flat string, not a rope: a frame's byte length and write would otherwise flatten it every time.
  return (lastQuoted ??= JSON.stringify(iso));
}
