import type { Finding } from './finding.js';

/** One remembered signal: a rule or feature that fired `turn`, with its words from that message. */
export interface DetectorSignal {
  /** `category.rule`, `signal.rule`, `any.category` or `model.category`. */
  readonly feature: string;
  readonly turn: number;
  /** The child's exact words for it (at most 120 characters) and their offsets in that message. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A small cross-turn summary the detector keeps in the dialog's context (never the transcript):
 * enough to notice a flag that only emerges over several messages. Must stay JSON-serialisable
 * and bounded in size (at most 16 signals, none older than 12 turns), since it is saved with
 * every snapshot.
 */
export interface DetectorState {
  readonly version: 1;
  /** Recent signals, newest first, bounded. */
  readonly signals: readonly DetectorSignal[];
  readonly turn: number;
}

export const EMPTY_DETECTOR_STATE: DetectorState = { version: 1, signals: [], turn: 0 };

/** What `detect` returns. */
export interface DetectResult {
  readonly findings: readonly Finding[];
  readonly state: DetectorState;
}
