/**
 * The shared shape of a red-flag finding. The detector produces findings, the dialogs escalate on
 * them, the server stores them for the counsellor console, and only `{ category }` ever reaches the
 * child's device (see docs/protocol.md, `handoff.initiate`).
 */

/** Every red-flag category the detector knows, in the order the console lists them. */
export const CATEGORIES = [
  'immediate_danger',
  'self_harm',
  'threat_blackmail',
  'sexual',
  'meet_or_secrecy',
  'personal_info',
  'financial',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** How fast a person must act: `immediate` also gives 999 in the same turn. */
export const URGENCIES = ['immediate', 'high', 'normal'] as const;

export type Urgency = (typeof URGENCIES)[number];

/** Higher number, more urgent. Use {@link moreUrgent} rather than comparing strings. */
export const URGENCY_RANK: Readonly<Record<Urgency, number>> = { normal: 1, high: 2, immediate: 3 };

/** The more urgent of two urgencies (`undefined` counts as none). */
export function moreUrgent(a: Urgency | undefined, b: Urgency): Urgency {
  return a !== undefined && URGENCY_RANK[a] >= URGENCY_RANK[b] ? a : b;
}

/**
 * Where a finding came from, in the child's exact words. `start`/`end` are UTF-16 offsets into
 * the original message text (never the normalised copy); `turnsAgo` is 0 for the current message,
 * 1 for the one before, and so on, for flags that only emerge across several messages.
 */
export interface EvidenceSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly turnsAgo: number;
}

/** One red flag noticed in a message (or across recent messages). */
export interface Finding {
  readonly category: Category;
  readonly urgency: Urgency;
  /** 0..1: how sure the detector is. */
  readonly confidence: number;
  /**
   * The stable id of the rule or model feature that fired, e.g. `lex:sexual.image-request` or
   * `model:sexual`. Counsellors' false-alarm and miss marks are traced back through it, so ids
   * never change meaning once released.
   */
  readonly rule: string;
  /** The detector (lexicon + model) version that produced this finding. */
  readonly detectorVersion: string;
  readonly evidence: readonly EvidenceSpan[];
}

/** The only part of a finding that may reach the child's device. */
export interface PublicFinding {
  readonly category: Category;
}
