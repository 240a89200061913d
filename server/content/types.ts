import type { CardAction } from 'botframework-schema';
import type { DialogDeps, FactValue } from '../../dialogs/index.js';
import type { OpeningHours } from '../handoff/hours.js';
import type { ServiceInfo } from '../protocol/index.js';

/** The dialog's values for a message's `{placeholders}` (see `FactValue`). */
export type Facts = Readonly<Record<string, FactValue>>;

/** A helpline or emergency service (defined in server/protocol, since the widget carries the same facts). */
export type { ServiceInfo };

/**
 * What the rest of the server sees of `content/` once it is loaded, validated and frozen at boot
 * (server/content/load.ts). The server never reads YAML itself.
 */

/** A bot message ready for the wire. Phone numbers stay in `text` and also become `call` actions. */
export interface RenderedMessage {
  readonly text: string;
  readonly suggestedActions: readonly CardAction[];
}

/** The loaded, validated, frozen content. */
export interface Content {
  /** Hash of every content file: stored beside dialog snapshots and tied to the detector model. */
  readonly version: string;
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  /** Render a message key with facts; quick-reply keys become `imBack` actions. Throws on an unknown key (a bug: keys are checked at boot). */
  render(
    key: string,
    facts?: Facts,
    locale?: string,
    quickReplies?: readonly string[],
    /** Who reads it: an adult gets a message's `adult` words where it has them. Default child. */
    reader?: 'child' | 'adult',
  ): RenderedMessage;
  /** Services shown by "Get help now", emergency first, for a locale. */
  helpNow(locale?: string): readonly ServiceInfo[];
  /** Everything `createHarbourMachine(deps)` needs: the bound red-flag detector, answer words, apps, timing. */
  readonly dialogDeps: DialogDeps;
  /** Counsellor opening hours with their IANA time zone (content/hours.yaml). */
  readonly openingHours: OpeningHours;
  /** Ready-made replies for counsellors (content/<locale>/canned-replies.yaml). */
  cannedReplies(locale?: string): readonly CannedReplyInfo[];
  /** True when the locale has content; otherwise callers fall back to `defaultLocale`. */
  hasLocale(locale: string): boolean;
}

/** A ready-made reply a counsellor can pick in the console. */
export interface CannedReplyInfo {
  readonly id: string;
  /** Short label for the button. */
  readonly title: string;
  readonly text: string;
}
