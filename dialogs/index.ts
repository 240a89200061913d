/**
 * The dialogs' public surface. The server builds one machine per boot from content
 * (`createHarbourMachine(content.dialogDeps)`), starts one actor per conversation with
 * `input: { counsellorOnShift }`, subscribes with `actor.on('*', …)` BEFORE `start()` (the opening
 * is emitted on start), sends `DialogEvent`s and saves `actor.getPersistedSnapshot()` after every
 * turn beside `MACHINE_VERSION` and `content.version`.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { ConversationSummary } from './types.js';

export { createHarbourMachine } from './harbour.machine.js';
export type { HarbourContext, HandoffProgress } from './harbour.types.js';
export type { DialogDeps, Detector, AnswerWords, AppName, DialogTiming, Feeling, TrustedAdult, Duration, Relation } from './deps.js';
export { FEELINGS, TRUSTED_ADULTS, DURATIONS, RELATIONS, ANSWER_LIST_KEYS, ANSWER_LISTS } from './deps.js';
export type { AnswerListName } from './deps.js';
export { MESSAGE_KEYS, QUESTION_KEYS, QUICK_REPLY_KEYS, QR, messageKeysFor } from './message-keys.js';
export { normalise, tokens } from './match.js';
export type * from './types.js';

/**
 * Bump when a change to the machine would make an old snapshot unsafe to restore (renamed
 * states, changed context). The server starts a fresh, safe greeting when versions differ.
 */
export const MACHINE_VERSION = 'harbour-1';

/** The counsellor console's summary, from a snapshot of a Harbour machine. */
export function summaryOf(snapshot: AnyMachineSnapshot): ConversationSummary {
  return (snapshot.context as { summary?: ConversationSummary }).summary ?? {};
}
