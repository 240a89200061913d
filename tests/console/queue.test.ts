import { describe, expect, it } from 'vitest';
import type { Urgency } from '../../dialogs/safety/finding.js';
import { WaitEstimator } from '../../server/handoff/estimate.js';
import { HandoffQueue, type QueueEntry } from '../../server/handoff/queue.js';
import { summaryLine } from '../../server/handoff/service.js';

function entry(id: string, urgency: Urgency, waitingSince: string, returnedAt: string | null = null): QueueEntry {
  return {
    conversationId: id,
    urgency,
    reason: 'red_flag',
    findings: [],
    summary: {},
    waitingSince: new Date(waitingSince),
    returnedAt: returnedAt === null ? null : new Date(returnedAt),
  };
}

describe('the queue', () => {
  it('orders by urgency, then by the longest wait', () => {
    const q = new HandoffQueue();
    q.put(entry('normal-old', 'normal', '2026-01-01T10:00:00Z'));
    q.put(entry('high-new', 'high', '2026-01-01T10:05:00Z'));
    q.put(entry('immediate-new', 'immediate', '2026-01-01T10:09:00Z'));
    q.put(entry('high-old', 'high', '2026-01-01T10:01:00Z'));
    q.put(entry('immediate-old', 'immediate', '2026-01-01T10:08:00Z'));
    expect(q.ordered().map((e) => e.conversationId)).toEqual(['immediate-old', 'immediate-new', 'high-old', 'high-new', 'normal-old']);
    expect(q.position('high-new')).toBe(4);
    expect(q.position('missing')).toBeUndefined();
  });

  it('puts a chat whose counsellor dropped back at the top, even above a new immediate chat', () => {
    const q = new HandoffQueue();
    q.put(entry('immediate', 'immediate', '2026-01-01T10:00:00Z'));
    q.put(entry('returned-normal', 'normal', '2026-01-01T09:00:00Z', '2026-01-01T10:10:00Z'));
    expect(q.ordered().map((e) => e.conversationId)).toEqual(['returned-normal', 'immediate']);
  });
});

describe('the wait estimate', () => {
  const now = new Date('2026-01-01T12:00:00Z');

  it('is honestly unknown with too few recent accepts', () => {
    const est = new WaitEstimator({ minSamples: 3 });
    expect(est.estimateSeconds(1, now)).toBeUndefined();
    est.record(60_000, new Date('2026-01-01T11:50:00Z'));
    est.record(120_000, new Date('2026-01-01T11:55:00Z'));
    expect(est.estimateSeconds(1, now)).toBeUndefined();
  });

  it('uses the median of recent waits, times the place in the queue', () => {
    const est = new WaitEstimator({ minSamples: 3 });
    est.record(60_000, new Date('2026-01-01T11:50:00Z'));
    est.record(600_000, new Date('2026-01-01T11:52:00Z')); // one long wait does not drag the median
    est.record(120_000, new Date('2026-01-01T11:55:00Z'));
    expect(est.estimateSeconds(1, now)).toBe(120);
    expect(est.estimateSeconds(3, now)).toBe(360);
  });

  it('forgets accepts older than the window', () => {
    const est = new WaitEstimator({ minSamples: 3, windowMs: 60 * 60 * 1000 });
    est.record(60_000, new Date('2026-01-01T10:00:00Z'));
    est.record(60_000, new Date('2026-01-01T11:30:00Z'));
    est.record(60_000, new Date('2026-01-01T11:40:00Z'));
    expect(est.sampleCount(now)).toBe(2);
    expect(est.estimateSeconds(1, now)).toBeUndefined();
  });

  it('refuses nonsense options', () => {
    expect(() => new WaitEstimator({ minSamples: 0 })).toThrow(RangeError);
  });
});

describe("the queue's one-line summary", () => {
  it('says who it is when the child said: someone at home first, else a grown-up they know in person', () => {
    const base = entry('a', 'high', '2026-01-01T10:00:00Z');
    expect(summaryLine({ ...base, summary: { audience: 'young_person', ageBand: '11-13', knownAdult: true } })).toBe('Young person · age 11-13 · a grown-up they know, in person');
    expect(summaryLine({ ...base, summary: { audience: 'young_person', homeIsUnsafe: true, knownAdult: true } })).toBe('Young person · someone at home');
    expect(summaryLine({ ...base, summary: { audience: 'parent_carer' } })).toBe('Parent or carer');
    expect(summaryLine({ ...base, summary: { audience: 'young_person', accountHacked: true } })).toBe('Young person · account hacked or copied');
  });
});
