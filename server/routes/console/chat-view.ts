import type { Finding } from '../../../dialogs/safety/finding.js';
import type { AnchoredFinding } from '../../handoff/queue.js';
import type { FindingView, HarbourChannelData, Highlight, TranscriptLine } from '../../protocol/index.js';
import type { StoredActivity } from '../../store/types.js';

export type { FindingView, Highlight, TranscriptLine };

function senderOf(stored: StoredActivity): TranscriptLine['sender'] {
  const s = (stored.activity.channelData as HarbourChannelData | undefined)?.sender;
  return s === 'child' || s === 'bot' || s === 'counsellor' ? s : 'system';
}

/**
 * Where a finding's evidence sits: the child message `turnsAgo` before the last one the child had
 * sent when the finding was made, checked against the exact text. When the offsets do not fit
 * (they always should), the evidence is searched for in the nearby child messages instead.
 */
function locate(
  childMessages: readonly StoredActivity[],
  finding: Finding,
  foundAt: Date,
): { seq: number | null; start: number; end: number; text: string }[] {
  const before = childMessages.filter((m) => m.createdAt.getTime() <= foundAt.getTime());
  return finding.evidence.map((span) => {
    const index = before.length - 1 - span.turnsAgo;
    const target = before[index];
    if (target && (target.activity.text ?? '').slice(span.start, span.end) === span.text) {
      return { seq: target.seq, start: span.start, end: span.end, text: span.text };
    }
    for (let i = before.length - 1; i >= Math.max(0, before.length - 10); i--) {
      const m = before[i]!;
      const at = (m.activity.text ?? '').indexOf(span.text);
      if (span.text.length > 0 && at >= 0) return { seq: m.seq, start: at, end: at + span.text.length, text: span.text };
    }
    return { seq: null, start: span.start, end: span.end, text: span.text };
  });
}

/** The transcript with evidence highlighted, and the findings with their places. */
export function buildTranscript(
  activities: readonly StoredActivity[],
  findings: readonly AnchoredFinding[],
): { lines: TranscriptLine[]; findings: FindingView[] } {
  const childMessages = activities.filter((a) => a.activity.type === 'message' && senderOf(a) === 'child');
  const highlights = new Map<number, Highlight[]>();
  const views: FindingView[] = findings.map(({ finding, foundAt }) => {
    const evidence = locate(childMessages, finding, foundAt);
    for (const e of evidence) {
      if (e.seq === null) continue;
      const list = highlights.get(e.seq) ?? [];
      list.push({ start: e.start, end: e.end, category: finding.category });
      highlights.set(e.seq, list);
    }
    return {
      category: finding.category,
      urgency: finding.urgency,
      confidence: finding.confidence,
      rule: finding.rule,
      detectorVersion: finding.detectorVersion,
      foundAt: foundAt.toISOString(),
      evidence,
    };
  });
  const lines: TranscriptLine[] = [];
  for (const a of activities) {
    const act = a.activity;
    if (act.type === 'message') {
      lines.push({
        seq: a.seq,
        at: a.createdAt.toISOString(),
        sender: senderOf(a),
        name: senderOf(a) === 'child' ? 'Child' : (act.from?.name ?? ''),
        text: act.text ?? '',
        highlights: mergeHighlights(highlights.get(a.seq) ?? []),
      });
    } else if (act.type === 'event' && typeof act.name === 'string' && /^(handoff\.|conversation\.)/.test(act.name)) {
      const value = (act.value ?? {}) as { state?: string; urgency?: string; reason?: string; counsellorName?: string };
      const what = [act.name, value.state, value.urgency, value.reason, value.counsellorName].filter(Boolean).join(' · ');
      lines.push({ seq: a.seq, at: a.createdAt.toISOString(), sender: 'system', name: '', text: what, highlights: [] });
    }
  }
  return { lines, findings: views };
}

/** Sorted, non-overlapping highlights (overlaps merge; the first category names the merged span). */
function mergeHighlights(list: readonly Highlight[]): Highlight[] {
  const sorted = [...list].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Highlight[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) {
      out[out.length - 1] = { ...last, end: Math.max(last.end, h.end) };
    } else out.push(h);
  }
  return out;
}

/** A transcript for a referral: the child's exact words, who said what, when. */
export function exportText(input: {
  conversationId: string;
  exportedAt: Date;
  exportedBy: string;
  reason: string;
  lines: readonly TranscriptLine[];
}): string {
  const head = [
    `Harbour transcript export`,
    `Conversation: ${input.conversationId}`,
    `Exported: ${input.exportedAt.toISOString()} by ${input.exportedBy}`,
    `Reason: ${input.reason}`,
    `The child's words below are exactly as typed.`,
    '',
  ];
  const body = input.lines
    .filter((l) => l.sender !== 'system')
    .map((l) => `[${l.at}] #${l.seq} ${l.sender === 'child' ? 'Child' : `${l.sender === 'bot' ? 'Bot' : 'Counsellor'}${l.name ? ` (${l.name})` : ''}`}: ${l.text}`);
  return [...head, ...body, ''].join('\n');
}
