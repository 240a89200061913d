import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { EVENT } from '../../protocol/index.js';
import type { FrameErrorName } from '../../errors.js';

/**
 * What a client may send on `/chat`, checked against compiled schemas before anything else looks
 * at it. Each frame is one JSON Bot Framework Activity; unknown extra fields are allowed (the
 * widget may send `from`, `locale`, `channelData`), unknown types and event names are refused.
 */

/** Longest client id the server accepts. */
export const MAX_CLIENT_ID_CHARS = 128;

const MessageFrame = Type.Object({
  type: Type.Literal('message'),
  id: Type.String({ minLength: 1, maxLength: MAX_CLIENT_ID_CHARS }),
  text: Type.String(),
});
const ResumeFrame = Type.Object({
  type: Type.Literal('event'),
  name: Type.Literal(EVENT.resume),
  value: Type.Object({
    token: Type.String({ maxLength: 256 }),
    lastSeq: Type.Integer({ minimum: 0 }),
  }),
});
const SimpleEventFrame = Type.Object({
  type: Type.Literal('event'),
  name: Type.Union([Type.Literal(EVENT.quickExit), Type.Literal(EVENT.end), Type.Literal(EVENT.ping)]),
  value: Type.Optional(Type.Unknown()),
});
const TypingFrame = Type.Object({ type: Type.Literal('typing') });

const checkMessage = TypeCompiler.Compile(MessageFrame);
const checkResume = TypeCompiler.Compile(ResumeFrame);
const checkSimpleEvent = TypeCompiler.Compile(SimpleEventFrame);
const checkTyping = TypeCompiler.Compile(TypingFrame);

/** A frame that passed its schema. */
export type ClientFrame =
  | ({ kind: 'message' } & Static<typeof MessageFrame>)
  | ({ kind: 'resume' } & Static<typeof ResumeFrame>)
  | ({ kind: 'event' } & Static<typeof SimpleEventFrame>)
  | { kind: 'typing' };

/** Why a frame was refused: an error name, a detail for the message, and the client id if one was readable. */
export interface FrameRefusal {
  readonly kind: 'refused';
  readonly error: FrameErrorName;
  readonly detail?: string;
  readonly replyToId?: string;
}

const EVENT_NAMES: readonly string[] = [EVENT.resume, EVENT.quickExit, EVENT.end, EVENT.ping];

/** A JSON string's body with no escape and no control character: its value is exactly what is written. */
const PLAIN = String.raw`[^"\\\u0000-\u001f]*`;
/**
 * A child's message as the widget and the bench write it, and nothing JSON.parse could read otherwise: `type`, `id`
 * and `text` first, as plain strings, then members whose keys are none of those three (a repeated key is the last one
 * in JSON.parse) and whose values are plain strings or flat objects of them (`from`, `channelData`). No whitespace.
 */
const PLAIN_MESSAGE = new RegExp(
  String.raw`^\{"type":"message","id":"(${PLAIN})","text":"(${PLAIN})"` +
    String.raw`(?:,"(?!(?:type|id|text)")${PLAIN}":(?:"${PLAIN}"|\{(?:"${PLAIN}":"${PLAIN}"(?:,"${PLAIN}":"${PLAIN}")*)?\}))*\}$`,
);

/**
 * A copy of `part`, not a slice of the frame it was found in: V8 makes a longer substring a view of the whole
 * string, and the id and text are kept (the store, the recent acks) long after the frame.
 */
function copyOf(part: string): string {
  return (' ' + part).slice(1);
}

/** Parses and checks one text frame. Never throws. */
export function parseFrame(data: string): ClientFrame | FrameRefusal {
  // The usual frame, read without JSON.parse (session 42: ~3,700 instructions a frame against ~8,600). What it
  // accepts, JSON.parse and the message schema would accept with the same id and text; anything else goes on below.
  const plain = PLAIN_MESSAGE.exec(data);
  if (plain !== null) {
    const id = plain[1] as string;
    if (id.length > 0 && id.length <= MAX_CLIENT_ID_CHARS) return { kind: 'message', type: 'message', id: copyOf(id), text: copyOf(plain[2] as string) };
  }
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { kind: 'refused', error: 'malformed' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'refused', error: 'invalid', detail: 'A frame must be one JSON object (an Activity).' };
  }
  const frame = value as Record<string, unknown>;
  // Only the checked fields go on (no spread of what the client sent: cheaper, and nothing unchecked travels).
  if (frame['type'] === 'message' && checkMessage.Check(frame)) return { kind: 'message', type: 'message', id: frame.id, text: frame.text };
  const replyToId =
    typeof frame['id'] === 'string' && frame['id'].length > 0 && frame['id'].length <= MAX_CLIENT_ID_CHARS ? frame['id'] : undefined;
  const base = replyToId === undefined ? {} : { replyToId };
  switch (frame['type']) {
    case 'message':
      return { kind: 'refused', error: 'invalid', detail: messageProblem(frame), ...base };
    case 'event':
      if (typeof frame['name'] !== 'string' || !EVENT_NAMES.includes(frame['name'])) {
        return { kind: 'refused', error: 'unknownType', detail: `Unknown event name.`, ...base };
      }
      if (checkResume.Check(frame)) {
        return { kind: 'resume', type: 'event', name: frame.name, value: { token: frame.value.token, lastSeq: frame.value.lastSeq } };
      }
      if (checkSimpleEvent.Check(frame)) {
        return { kind: 'event', type: 'event', name: frame.name, ...('value' in frame ? { value: frame.value } : {}) };
      }
      return { kind: 'refused', error: 'invalid', detail: 'session.resume needs value { token, lastSeq }.', ...base };
    case 'typing':
      if (checkTyping.Check(frame)) return { kind: 'typing' };
      return { kind: 'refused', error: 'invalid', ...base };
    case undefined:
      return { kind: 'refused', error: 'invalid', detail: 'A frame needs a "type".', ...base };
    default:
      return { kind: 'refused', error: 'unknownType', ...base };
  }
}

function messageProblem(frame: Record<string, unknown>): string {
  if (typeof frame['id'] !== 'string' || frame['id'] === '') return 'A message needs an "id" chosen by the client.';
  if (frame['id'].length > MAX_CLIENT_ID_CHARS) return `A message id may have at most ${MAX_CLIENT_ID_CHARS} characters.`;
  return 'A message needs "text".';
}
