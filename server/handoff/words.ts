import type { Content, Facts } from '../content/types.js';

/**
 * What the child is told in `handoff.status` events, in plain words from content. The dialog says
 * its own lines for the same moments (the counsellor's name and role when they join, that the
 * counsellor had to leave, the closing and helplines), so a status message only adds what the
 * dialog does not: the place in the queue, the confidentiality reminder, that the bot stays.
 * `undefined` means "no message": the widget then shows its own short status line.
 */
export interface HandoffWords {
  /** Waiting: the place in the queue (the estimate travels beside it as a number). */
  queued(position: number, estimatedWaitSeconds: number | undefined): string;
  /** A person joined: a short reminder of confidentiality (the dialog names them and their role). */
  accepted(firstName: string, role: 'counsellor' | 'supervisor'): string;
  /** The counsellor's side dropped; the chat is back at the top of the queue. */
  failed(): string | undefined;
  /** The counsellor ended the chat (the dialog says goodbye with the helplines). */
  completed(): string | undefined;
}

/** The content keys the handoff service renders (content/<locale>/messages.yaml). */
export const HANDOFF_KEYS = {
  queued: 'handoff.queued',
  privacy: 'opening.privacy',
  keepTalking: 'handoff.keep-talking',
  /** Optional: said after the place in the queue when there is an estimate (`{minutes}`). */
  waitMinutes: 'handoff.wait-minutes',
  /** Optional: said after the place in the queue when there are too few recent accepts to estimate. */
  waitUnknown: 'handoff.wait-unknown',
} as const;

/** Renders a key if content has it (optional keys), else undefined. */
function optional(content: Content, key: string, facts: Facts, locale?: string): string | undefined {
  try {
    return content.render(key, facts, locale).text;
  } catch {
    return undefined;
  }
}

/** Words rendered from content, in the conversation's locale. */
export function handoffWordsFromContent(content: Content, locale?: string): HandoffWords {
  return {
    queued: (position, seconds) => {
      const place = content.render(HANDOFF_KEYS.queued, { position }, locale).text;
      const wait =
        seconds === undefined
          ? optional(content, HANDOFF_KEYS.waitUnknown, {}, locale)
          : optional(content, HANDOFF_KEYS.waitMinutes, { minutes: Math.max(1, Math.ceil(seconds / 60)) }, locale);
      return wait === undefined ? place : `${place} ${wait}`;
    },
    accepted: () => content.render(HANDOFF_KEYS.privacy, {}, locale).text,
    failed: () => content.render(HANDOFF_KEYS.keepTalking, {}, locale).text,
    completed: () => undefined,
  };
}

/**
 * Plain English for content that lacks the keys above (test fixtures, an older content folder):
 * failing towards telling the child something true beats failing silently. These carry the whole
 * message, since such a dialog may say nothing itself.
 */
export const FALLBACK_WORDS: HandoffWords = {
  queued: (position, seconds) =>
    seconds === undefined
      ? `You are number ${position} in the line to talk to a person. We don't know yet how long it will take. I'm still here with you while you wait.`
      : `You are number ${position} in the line to talk to a person. It might take about ${Math.max(1, Math.ceil(seconds / 60))} minutes. I'm still here with you while you wait.`,
  accepted: (name, role) =>
    `Hi, I'm ${name}, a ${role === 'supervisor' ? 'senior counsellor' : 'counsellor'}. I'm a real person and I'm here to listen. What you tell me stays private, unless I'm worried that you or someone else is in danger. If that happens, I'll talk with you first.`,
  failed: () =>
    "Sorry, the person you were talking to got cut off. That's not your fault. You're back at the front of the line, and I'm here with you until someone joins.",
  completed: () => 'The person you were talking to has ended the chat.',
};

/** Content words when content has every key used, else {@link FALLBACK_WORDS}. */
export function handoffWords(content: Content | undefined, locale?: string): HandoffWords {
  if (!content) return FALLBACK_WORDS;
  try {
    const words = handoffWordsFromContent(content, locale);
    words.queued(1, undefined);
    words.accepted('Sam', 'counsellor');
    words.failed();
    return words;
  } catch {
    return FALLBACK_WORDS;
  }
}
