import type { Content } from '../content/types.js';

/**
 * What the child is told about their request for a person, in plain words from content.
 * The handoff service never writes sentences itself: it asks for these by meaning.
 */
export interface HandoffWords {
  /** Waiting: place in the queue, and the estimate when there is one (minutes, rounded up). */
  queued(position: number, estimatedWaitSeconds: number | undefined): string;
  /** A person joined: first name, role, and a short reminder of confidentiality. */
  accepted(firstName: string, role: 'counsellor' | 'supervisor'): string;
  /** The counsellor's side dropped; the chat is back at the top of the queue. */
  failed(): string;
  /** The counsellor ended the chat. */
  completed(): string;
}

/** The content keys the handoff service renders (content/<locale>/messages.yaml). */
export const HANDOFF_KEYS = {
  queuedWithEstimate: 'handoff.status.queued',
  queuedUnknownWait: 'handoff.status.queued-unknown-wait',
  accepted: 'handoff.status.accepted',
  acceptedSupervisor: 'handoff.status.accepted-supervisor',
  failed: 'handoff.status.failed',
  completed: 'handoff.status.completed',
} as const;

/** Words rendered from content, in the conversation's locale. */
export function handoffWordsFromContent(content: Content, locale?: string): HandoffWords {
  return {
    queued: (position, seconds) =>
      seconds === undefined
        ? content.render(HANDOFF_KEYS.queuedUnknownWait, { position }, locale).text
        : content.render(HANDOFF_KEYS.queuedWithEstimate, { position, minutes: Math.max(1, Math.ceil(seconds / 60)) }, locale)
            .text,
    accepted: (firstName, role) =>
      content.render(role === 'supervisor' ? HANDOFF_KEYS.acceptedSupervisor : HANDOFF_KEYS.accepted, { name: firstName }, locale)
        .text,
    failed: () => content.render(HANDOFF_KEYS.failed, {}, locale).text,
    completed: () => content.render(HANDOFF_KEYS.completed, {}, locale).text,
  };
}

/**
 * Plain English used only while content lacks the handoff keys (an older content folder):
 * failing towards telling the child something true beats failing silently.
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

/** Content words when content has every handoff key, else {@link FALLBACK_WORDS}. */
export function handoffWords(content: Content | undefined, locale?: string): HandoffWords {
  if (!content) return FALLBACK_WORDS;
  try {
    const words = handoffWordsFromContent(content, locale);
    words.queued(1, undefined);
    words.queued(1, 60);
    words.accepted('Sam', 'counsellor');
    words.accepted('Sam', 'supervisor');
    words.failed();
    words.completed();
    return words;
  } catch {
    return FALLBACK_WORDS;
  }
}
