/**
 * Shapes the counsellor console's API sends about a conversation (server/routes/console/ builds
 * them; widget/console/ renders them). One definition here, since the console app may import the
 * server only through server/protocol.
 */
import type { Urgency } from '../../dialogs/safety/finding.js';

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

/** What a console shows for one waiting chat (no evidence, no message text). */
export interface QueueItemView {
  readonly conversationId: string;
  readonly position: number;
  readonly urgency: Urgency;
  readonly categories: readonly string[];
  readonly waitingSince: string;
  readonly waitingSeconds: number;
  readonly returned: boolean;
  readonly summaryLine: string;
}

/** What a supervisor sees of one live chat. */
export interface LiveChatView {
  readonly conversationId: string;
  readonly counsellorId: string;
  readonly counsellorName: string;
  readonly urgency: Urgency;
  readonly acceptedAt: string;
  readonly summaryLine: string;
}

/** Whether the child is here: the console shows it beside each chat. */
export type ChildPresence = 'online' | 'offline' | 'left_quickly' | 'ended';
