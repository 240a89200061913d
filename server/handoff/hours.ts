/**
 * Opening hours of the counsellor service, in the helpline's own time zone (from content's
 * hours.yaml). Local wall-clock times are compared in that zone, so a daylight-saving change
 * moves the opening in UTC and never the opening on the clock.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening span in local time, `HH:MM`–`HH:MM`; `close` may be `24:00`, or before `open` to run past midnight. */
export interface OpeningSpan {
  readonly open: string;
  readonly close: string;
}

export interface OpeningHours {
  /** IANA time zone, e.g. Europe/London. */
  readonly timeZone: string;
  readonly weekly: Readonly<Partial<Record<Weekday, readonly OpeningSpan[]>>>;
  /** Local dates (YYYY-MM-DD) when the service is closed all day. */
  readonly closedDates?: readonly string[];
}

/** Always open: for helplines that staff the chat around the clock, and for tests. */
export const ALWAYS_OPEN: OpeningHours = {
  timeZone: 'UTC',
  weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ open: '00:00', close: '24:00' }]])),
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Throws a RangeError naming the problem when the hours are not usable (checked at boot). */
export function validateOpeningHours(hours: OpeningHours): void {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: hours.timeZone });
  } catch {
    throw new RangeError(`opening hours: unknown time zone "${hours.timeZone}"`);
  }
  for (const [day, spans] of Object.entries(hours.weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) throw new RangeError(`opening hours: unknown day "${day}"`);
    for (const span of spans ?? []) {
      if (!TIME.test(span.open) || !TIME.test(span.close) || span.open === '24:00') {
        throw new RangeError(`opening hours: ${day} "${span.open}–${span.close}" is not HH:MM–HH:MM`);
      }
      if (span.open === span.close) throw new RangeError(`opening hours: ${day} opens and closes at ${span.open}`);
    }
  }
  for (const date of hours.closedDates ?? []) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`opening hours: closed date "${date}" is not YYYY-MM-DD`);
  }
}

interface LocalTime {
  readonly day: Weekday;
  readonly date: string;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTime(now: Date, timeZone: string): LocalTime {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(now).map((p) => [p.type, p.value]));
  const day = String(parts['weekday']).toLowerCase().slice(0, 3) as Weekday;
  return {
    day,
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    minute: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

function previousDay(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;
}

/** Is the counsellor service open at `now`? */
export function isOpenAt(hours: OpeningHours, now: Date): boolean {
  const local = localTime(now, hours.timeZone);
  if (hours.closedDates?.includes(local.date)) return false;
  for (const span of hours.weekly[local.day] ?? []) {
    const open = minutes(span.open);
    const close = minutes(span.close);
    if (close > open ? local.minute >= open && local.minute < close : local.minute >= open) return true;
  }
  // A span that started yesterday evening and runs past midnight.
  for (const span of hours.weekly[previousDay(local.day)] ?? []) {
    const open = minutes(span.open);
    const close = minutes(span.close);
    if (close < open && local.minute < close) return true;
  }
  return false;
}
