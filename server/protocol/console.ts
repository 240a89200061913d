/**
 * Shapes the counsellor console's API sends about a conversation (server/routes/console/ builds
 * them; widget/console/ renders them). One definition here, since the console app may import the
 * server only through server/protocol.
 */

/** A highlighted stretch of a child's message: UTF-16 offsets into the exact text. */
export interface Highlight {
  readonly start: number;
  readonly end: number;
  readonly category: string;
}

/** One line of the transcript as the console shows it. */
export interface TranscriptLine {
  readonly seq: number;
  readonly at: string;
  readonly sender: 'child' | 'bot' | 'counsellor' | 'system';
  readonly name: string;
  /** Exact words. The console renders them as text, never HTML. */
  readonly text: string;
  readonly highlights: readonly Highlight[];
}

/** A finding as the console shows it: where its evidence sits in the transcript. */
export interface FindingView {
  readonly category: string;
  readonly urgency: string;
  readonly confidence: number;
  readonly rule: string;
  readonly detectorVersion: string;
  readonly foundAt: string;
  readonly evidence: readonly { readonly seq: number | null; readonly start: number; readonly end: number; readonly text: string }[];
}
