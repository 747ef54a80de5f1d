import { DomainError, VN_CALENDAR_LENIENT, isIsoDate, type WorkingCalendar } from '@chibo/domain';

export { addDays, isIsoDate } from '@chibo/domain';

/**
 * Calendar dates as the committees write them: `YYYY-MM-DD`, no time, in Vietnam's calendar.
 * Arithmetic is done on UTC midnights so no time zone or daylight saving can shift a day.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Checks a date argument; a bad one is the client's error, naming the field. */
export function parseDate(value: unknown, field: string): string {
  if (!isIsoDate(value)) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Ngày không hợp lệ (YYYY-MM-DD): ${field}`, en: `Invalid date (YYYY-MM-DD): ${field}` }, { field });
  }
  return value;
}

/** Today in Vietnam (UTC+7). */
export function todayVn(now = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Whole months from `from` to `to`. A month is complete on the same day number of a later
 * month, or on that month's last day when it has no such day (31 Jan → 28/29 Feb).
 */
export function wholeMonthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1 && d2 !== lastDayOfMonth(y2, m2)) months -= 1;
  return months;
}

/** The same day `months` later, clamped to the end of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, lastDayOfMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/**
 * The date `n` working days after `date`: weekends and Vietnamese public holidays excluded, from
 * the platform's one calendar; years it does not hold count weekends only.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar = VN_CALENDAR_LENIENT): string {
  return calendar.addWorkingDays(date, n);
}
