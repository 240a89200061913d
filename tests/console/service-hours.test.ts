import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpeningHours } from '../../server/handoff/hours.js';
import { LiveHandoffService } from '../../server/handoff/service.js';
import { FALLBACK_WORDS } from '../../server/handoff/words.js';
import { consoleStore } from '../../server/store/console-repositories.js';
import { sqlDbOf } from '../../server/store/index.js';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { TestClock } from './helpers/console-app.js';

const WEEKDAYS_9_TO_5: OpeningHours = {
  timeZone: 'Europe/London',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '09:00', close: '17:00' }]])),
};

let store: Store;
beforeAll(async () => {
  store = await testStore();
});
afterAll(async () => {
  await store.close();
});

function service(clock: TestClock): LiveHandoffService {
  const repos = consoleStore(sqlDbOf(store));
  const s = new LiveHandoffService({
    now: clock.now,
    hours: WEEKDAYS_9_TO_5,
    maxWaitSeconds: 900,
    words: () => FALLBACK_WORDS,
    audit: repos.audit,
    participants: repos.participants,
  });
  // One counsellor with a console open and available.
  const account = { id: 'acc-1', firstName: 'Sam', role: 'counsellor' as const };
  s.consoleConnected(account, 'socket-1');
  s.roster.member(account).available = true;
  return s;
}

const request = (s: LiveHandoffService, id: string, at: Date) =>
  s.request({ conversationId: id, urgency: 'high', findings: [], reason: 'asked_for_person', summary: {}, requestedAt: at });

describe('the handoff service follows opening hours across a daylight-saving change (injected clock)', () => {
  it('is closed at 08:30 UTC before the clocks go forward, and open at 08:30 UTC after', async () => {
    // Saturday 28 March 2026, 08:30 UTC = 08:30 GMT: before opening.
    const clock = new TestClock(Date.parse('2026-03-28T08:30:00Z'));
    const s = service(clock);
    expect(await s.isCounsellorOnShift(clock.now())).toBe(false);
    expect(await request(s, 'c-before', clock.now())).toEqual({ outcome: 'unavailable', reason: 'closed' });
    expect(s.queue.size).toBe(0);
    // The same UTC time two days later is 09:30 BST: open, and the chat is queued.
    clock.advance(2 * 24 * 3600 * 1000);
    expect(await s.isCounsellorOnShift(clock.now())).toBe(true);
    expect(await request(s, 'c-after', clock.now())).toEqual({ outcome: 'queued', position: 1 });
    // 16:30 UTC is 17:30 BST: closed again, an hour earlier in UTC than in winter.
    clock.advance(8 * 3600 * 1000);
    expect(await s.isCounsellorOnShift(clock.now())).toBe(false);
  });

  it('says nobody is available when the only counsellor switches off, while open', async () => {
    const clock = new TestClock(Date.parse('2026-03-30T10:00:00Z'));
    const s = service(clock);
    s.roster.get('acc-1')!.available = false;
    expect(await s.isCounsellorOnShift(clock.now())).toBe(false);
    expect(await request(s, 'c-nobody', clock.now())).toEqual({ outcome: 'unavailable', reason: 'none_available', position: 1 });
  });
});
