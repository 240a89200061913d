import type { Finding } from './finding.js';

/**
 * A small cross-turn summary the detector keeps in the dialog's context (never the transcript):
 * enough to notice a flag that only emerges over several messages. Must stay JSON-serialisable
 * and bounded in size, since it is saved with every snapshot.
 */
export interface DetectorState {
  readonly version: 1;
  /** Recent weak signals per category, newest first, bounded. */
  readonly signals: readonly { readonly feature: string; readonly turn: number; readonly text: string }[];
  readonly turn: number;
}

export const EMPTY_DETECTOR_STATE: DetectorState = { version: 1, signals: [], turn: 0 };

/** What `detect` returns. */
export interface DetectResult {
  readonly findings: readonly Finding[];
  readonly state: DetectorState;
}
