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
