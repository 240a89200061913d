import type { PublicFinding, Urgency } from '../../dialogs/safety/finding.js';

/**
 * Value of the `handoff.initiate` event activity in the child's stream: the dialogs escalated.
 * Only urgency and categories: evidence and the bot's summary go to the counsellor console.
 */
export interface HandoffInitiateValue {
  readonly urgency: Urgency;
  readonly findings: readonly PublicFinding[];
}

export const HANDOFF_STATES = ['queued', 'accepted', 'failed', 'completed'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** Value of the `handoff.status` event activity: where the child's request for a person stands. */
export interface HandoffStatusValue {
  readonly state: HandoffState;
  /** 1-based place in the queue, while `queued`. */
  readonly position?: number;
  /** Omitted when there are too few recent accepts to estimate honestly. */
  readonly estimatedWaitSeconds?: number;
  /** First name only, when `accepted`. */
  readonly counsellorName?: string;
  /** Plain words for the child, already localised. */
  readonly message?: string;
}
