import type { Finding, Urgency } from './safety/finding.js';
import type { DetectorState } from './safety/types.js';

/**
 * The contract between the dialogs and the server. The server creates one actor per conversation
 * from `createHarbourMachine(deps)`, sends it `DialogEvent`s, listens for `DialogEmitted` events
 * with `actor.on('*', …)`, and saves `actor.getPersistedSnapshot()` after every turn.
 * Dialogs choose message keys and facts; the server renders them from content.
 */

/** Who the chat is with, once the opening has asked. */
export type Audience = 'young_person' | 'parent_carer' | 'friend' | 'someone_else';

/** Given once when the actor starts; kept in context, so it must stay small and serialisable. */
export interface DialogInput {
  /** Whether a counsellor is on shift right now (the opening says so honestly). */
  readonly counsellorOnShift: boolean;
}

/** Events the server sends to the dialog. */
export type DialogEvent =
  /** The child's message, exact words. The machine runs the detector itself. */
  | { readonly type: 'user.message'; readonly text: string }
  /** Quick exit pressed: the conversation ends at once, silently. */
  | { readonly type: 'user.quickExit' }
  /** The check-in deadline the dialog asked for (`checkin.request`) has passed. */
  | { readonly type: 'session.timeout' }
  /** Counsellor availability changed. */
  | { readonly type: 'counsellor.availability'; readonly onShift: boolean }
  /** The handoff service's answer to `handoff.requested`. */
  | { readonly type: 'handoff.queued'; readonly position: number }
  | { readonly type: 'handoff.unavailable'; readonly reason: 'none_available' | 'closed' | 'wait_too_long' }
  | { readonly type: 'handoff.accepted'; readonly counsellorName: string }
  /** The counsellor side failed (tab closed, signed out): the bot supports the child again. */
  | { readonly type: 'handoff.failed' }
  /** The counsellor ended the chat. */
  | { readonly type: 'handoff.completed' };

/**
 * A value for a message's `{placeholder}`: as it is (an app's name, a number), or `{ words }`, the key
 * of a content message whose words fill it in the reader's language ("your sister", "dy chwaer").
 */
export type FactValue = string | number | { readonly words: string };

/** A message the bot says: a content key plus the facts it needs. */
export interface BotSay {
  readonly type: 'bot.say';
  readonly key: string;
  /** Values substituted into the message's `{placeholders}`. */
  readonly facts?: Readonly<Record<string, FactValue>>;
  /** Content keys of quick replies to show under the message. */
  readonly quickReplies?: readonly string[];
}

/** Events the dialog emits; the server turns them into activities and side effects. */
export type DialogEmitted =
  | BotSay
  /** Escalate: the server sends `handoff.initiate` and queues the chat for a counsellor. */
  | {
      readonly type: 'handoff.requested';
      readonly urgency: Urgency;
      readonly findings: readonly Finding[];
      readonly reason: 'red_flag' | 'asked_for_person';
    }
  /** Ask the server to send `session.timeout` after `afterMs` unless another message arrives. */
  | { readonly type: 'checkin.request'; readonly afterMs: number }
  | { readonly type: 'checkin.cancel' }
  /** The conversation is over. */
  | { readonly type: 'conversation.closed'; readonly reason: 'goodbye' | 'quick_exit' | 'silence' | 'counsellor_ended' };

/** The structured summary the console shows a counsellor; kept in the dialog's context. */
export interface ConversationSummary {
  readonly audience?: Audience;
  readonly ageBand?: string;
  readonly app?: string;
  readonly duration?: string;
  readonly asked?: readonly string[];
  readonly feelings?: readonly string[];
  readonly trustedAdult?: string;
  readonly urgency?: Urgency;
  readonly categories?: readonly string[];
  /** The child said someone at home is the problem: never suggest telling them. */
  readonly homeIsUnsafe?: boolean;
  /** The story is about a grown-up the child knows, in person ("my uncle", "her mums boyfriend"), not a stranger online. */
  readonly knownAdult?: boolean;
  /** Their account was taken over or copied ("someone hacked my insta"): the tips say how to get it back. */
  readonly accountHacked?: boolean;
}

export type { DetectorState };
