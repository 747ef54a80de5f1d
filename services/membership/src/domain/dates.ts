import { DomainError } from '@chibo/domain';

/**
 * Calendar dates as the committees write them: `YYYY-MM-DD`, no time, in Vietnam's calendar.
 * Arithmetic is done on UTC midnights so no time zone or daylight saving can shift a day.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

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

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

const isWeekend = (date: string) => {
  const [y, m, d] = parts(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 || day === 6;
};

/**
 * The date `n` working days after `date` (DOMAIN.md: working days exclude weekends and public
 * holidays). Holidays are data per year; `holidays` holds the ones known (none yet).
 */
export function addWorkingDays(date: string, n: number, holidays: ReadonlySet<string> = new Set()): string {
  let current = date;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (!isWeekend(current) && !holidays.has(current)) left -= 1;
  }
  return current;
}
