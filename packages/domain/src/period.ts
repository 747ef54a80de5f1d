import { DomainError } from './errors';
/**
 * Reporting periods. Committees count in Vietnam's time (UTC+7, no daylight saving): a meeting
 * held at 06:00 on the 1st belongs to the new month even though it is still the 30th in UTC.
 * Month periods look like `2026-11` (`isPeriod`, `periodRange` take only months); dashboards take
 * any reporting period below.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export function monthPeriod(date: Date): string {
  const local = new Date(date.getTime() + VN_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** Start (inclusive) and end (exclusive) instants of a period, or null when not a period. */
export function periodRange(period: string): { from: Date; to: Date } | null {
  const m = MONTH.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  return {
    from: new Date(Date.UTC(year, month, 1) - VN_OFFSET_MS),
    to: new Date(Date.UTC(year, month + 1, 1) - VN_OFFSET_MS),
  };
}

/**
 * Kỳ báo cáo of a dashboard: a month (`2026-11`), a quarter (`2026-Q4`), a year (`2026`) or a
 * term (nhiệm kỳ, `2025-2030`: five years). Every figure is kept per month, so any period is the
 * list of its months; a term is taken as the calendar years from its first year to the year
 * before its last (2025-01 … 2029-12), since congresses open terms on different days per unit.
 */
export enum PeriodKind {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
  TERM = 'TERM',
}

export interface ReportingPeriod {
  kind: PeriodKind;
  /** The canonical text of the period, as clients send it. */
  key: string;
  /** Its months, oldest first, as month periods (`YYYY-MM`). */
  months: string[];
  from: Date;
  to: Date;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const TERM = /^(\d{4})-(\d{4})$/;
const TERM_YEARS = 5;

function monthsOf(year: number, firstMonth: number, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const y = year + Math.floor((firstMonth - 1 + i) / 12);
    const m = ((firstMonth - 1 + i) % 12) + 1;
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

function spanning(kind: PeriodKind, key: string, months: string[]): ReportingPeriod {
  return { kind, key, months, from: periodRange(months[0]!)!.from, to: periodRange(months[months.length - 1]!)!.to };
}

/** Reads a month, quarter, year or term; null when the text is none of them. */
export function parseReportingPeriod(value: unknown): ReportingPeriod | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toUpperCase();
  if (isPeriod(text)) return spanning(PeriodKind.MONTH, text, [text]);
  let m = QUARTER.exec(text);
  if (m) return spanning(PeriodKind.QUARTER, text, monthsOf(Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3));
  m = YEAR.exec(text);
  if (m) return spanning(PeriodKind.YEAR, text, monthsOf(Number(m[1]), 1, 12));
  m = TERM.exec(text);
  if (m && Number(m[2]) - Number(m[1]) === TERM_YEARS) return spanning(PeriodKind.TERM, text, monthsOf(Number(m[1]), 1, 12 * TERM_YEARS));
  return null;
}

export const REPORTING_PERIOD_MESSAGE = {
  vi: 'Kỳ báo cáo phải là tháng (2026-11), quý (2026-Q4), năm (2026) hoặc nhiệm kỳ 5 năm (2025-2030)',
  en: 'A period is a month (2026-11), a quarter (2026-Q4), a year (2026) or a five-year term (2025-2030)',
};

/** The period a dashboard asked for, the current month when none; a typed error otherwise. */
export function requireReportingPeriod(value: string | null | undefined, now: Date = new Date()): ReportingPeriod {
  const period = parseReportingPeriod(value ?? monthPeriod(now));
  if (!period) throw new DomainError('BAD_USER_INPUT', REPORTING_PERIOD_MESSAGE, { field: 'period' });
  return period;
}

/** The quarter (its three months) that contains a month period. */
export function quarterOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthsOf(y, Math.floor((m - 1) / 3) * 3 + 1, 3);
}

/**
 * "This quarter" of a period, for figures such as thematic meetings per quarter (G-1): a month's
 * own quarter, a quarter itself, and for a year or a term the last quarter that has begun by
 * `now` (its last quarter when the period is over, its first when it has not started).
 */
export function currentQuarterOf(period: ReportingPeriod, now: Date = new Date()): string[] {
  if (period.kind === PeriodKind.MONTH || period.kind === PeriodKind.QUARTER) return quarterOfMonth(period.months[0]!);
  const today = monthPeriod(now);
  const last = period.months[period.months.length - 1]!;
  const month = today < period.months[0]! ? period.months[0]! : today > last ? last : today;
  return quarterOfMonth(month);
}

/** Months of the period that have begun by `now` (a regular meeting is due only in those). */
export function elapsedMonths(period: ReportingPeriod, now: Date = new Date()): string[] {
  const today = monthPeriod(now);
  return period.months.filter((m) => m <= today);
}

/**
 * A period as calendar days in Vietnam, for records dated by day (decisions, admissions): its
 * first and last day, and the day its figures stand on — the last day, or today while the period
 * is not over (a stock such as "members" is counted as of that day; before the period begins,
 * as of its first day).
 */
export function periodDays(period: ReportingPeriod, now: Date = new Date()): { from: string; to: string; asOf: string } {
  const day = (t: Date) => new Date(t.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
  const from = day(period.from);
  const to = day(new Date(period.to.getTime() - 1));
  const today = day(now);
  return { from, to, asOf: today < from ? from : today > to ? to : today };
}
