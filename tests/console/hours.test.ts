import { describe, expect, it } from 'vitest';
import { isOpenAt, validateOpeningHours, type OpeningHours } from '../../server/handoff/hours.js';

const LONDON: OpeningHours = {
  timeZone: 'Europe/London',
  weekly: {
    mon: [{ open: '09:00', close: '21:00' }],
    tue: [{ open: '09:00', close: '21:00' }],
    wed: [{ open: '09:00', close: '21:00' }],
    thu: [{ open: '09:00', close: '21:00' }],
    fri: [{ open: '09:00', close: '21:00' }],
    sat: [{ open: '09:00', close: '21:00' }],
    // Sunday night line: 22:00 until 02:00 on Monday, and a short span inside the lost hour.
    sun: [
      { open: '01:00', close: '03:00' },
      { open: '22:00', close: '02:00' },
    ],
  },
  closedDates: ['2026-12-25'],
};

const at = (iso: string): Date => new Date(iso);

describe('opening hours in the helpline time zone', () => {
  it('opens at 09:00 on the clock both before and after the spring daylight-saving change', () => {
    // Saturday 28 March 2026: GMT, so 09:00 local is 09:00 UTC.
    expect(isOpenAt(LONDON, at('2026-03-28T08:59:00Z'))).toBe(false);
    expect(isOpenAt(LONDON, at('2026-03-28T09:00:00Z'))).toBe(true);
    expect(isOpenAt(LONDON, at('2026-03-28T20:59:00Z'))).toBe(true);
    expect(isOpenAt(LONDON, at('2026-03-28T21:00:00Z'))).toBe(false);
    // Monday 30 March 2026: BST, so 09:00 local is 08:00 UTC and 21:00 local is 20:00 UTC.
    expect(isOpenAt(LONDON, at('2026-03-30T07:59:00Z'))).toBe(false);
    expect(isOpenAt(LONDON, at('2026-03-30T08:00:00Z'))).toBe(true);
    expect(isOpenAt(LONDON, at('2026-03-30T19:59:00Z'))).toBe(true);
    expect(isOpenAt(LONDON, at('2026-03-30T20:00:00Z'))).toBe(false);
  });

  it('handles the hour that does not exist on the night the clocks go forward', () => {
    // 29 March 2026, 01:00 UTC: the clocks jump from 01:00 GMT to 02:00 BST.
    expect(isOpenAt(LONDON, at('2026-03-29T00:59:00Z'))).toBe(false); // 00:59 GMT
    expect(isOpenAt(LONDON, at('2026-03-29T01:00:00Z'))).toBe(true); // 02:00 BST
    expect(isOpenAt(LONDON, at('2026-03-29T01:59:00Z'))).toBe(true); // 02:59 BST
    expect(isOpenAt(LONDON, at('2026-03-29T02:00:00Z'))).toBe(false); // 03:00 BST
  });

  it('follows the autumn change back to GMT', () => {
    // Saturday 24 October 2026 is BST; Monday 26 October is GMT.
    expect(isOpenAt(LONDON, at('2026-10-24T08:00:00Z'))).toBe(true);
    expect(isOpenAt(LONDON, at('2026-10-26T08:00:00Z'))).toBe(false);
    expect(isOpenAt(LONDON, at('2026-10-26T09:00:00Z'))).toBe(true);
  });

  it('keeps a span that runs past midnight open into the next morning', () => {
    // Sunday 22:00 BST (21:00 UTC) to Monday 02:00 BST (01:00 UTC), in summer.
    expect(isOpenAt(LONDON, at('2026-06-14T20:59:00Z'))).toBe(false);
    expect(isOpenAt(LONDON, at('2026-06-14T21:00:00Z'))).toBe(true);
    expect(isOpenAt(LONDON, at('2026-06-15T00:59:00Z'))).toBe(true);
    expect(isOpenAt(LONDON, at('2026-06-15T01:00:00Z'))).toBe(false);
  });

  it('is closed all day on a closed date', () => {
    expect(isOpenAt(LONDON, at('2026-12-25T12:00:00Z'))).toBe(false);
    expect(isOpenAt(LONDON, at('2026-12-24T12:00:00Z'))).toBe(true);
  });

  it('refuses an unknown time zone or a malformed time at boot', () => {
    expect(() => validateOpeningHours({ ...LONDON, timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
    expect(() => validateOpeningHours({ timeZone: 'UTC', weekly: { mon: [{ open: '9am', close: '17:00' }] } })).toThrow(/HH:MM/);
    expect(() => validateOpeningHours(LONDON)).not.toThrow();
  });
});
