import { DomainError, isIsoDate } from '@chibo/domain';

/**
 * Báo cáo — reporting periods of D-9: a month, a quarter, the first 6 or 9 months of a year
 * (sơ kết 6 tháng, 9 tháng), the year and the term (nhiệm kỳ: five years, from the congress that
 * opened it to the day before the next one).
 */
export enum ReportPeriodKind {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  SIX_MONTHS = 'SIX_MONTHS',
  NINE_MONTHS = 'NINE_MONTHS',
  YEAR = 'YEAR',
  TERM = 'TERM',
}

/** Nhiệm kỳ — a party congress term lasts five years. */
export const TERM_YEARS = 5;

export interface ReportPeriod {
  kind: ReportPeriodKind;
  year: number;
  /** Month 1–12 or quarter 1–4; ignored for the other kinds. */
  index?: number | null;
  /**
   * TERM only: the date of the congress that opened the term (in `year`). Without it the term
   * is the five calendar years from 1 January of `year`.
   */
  termStartsOn?: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** First and last day (inclusive, YYYY-MM-DD) of a reporting period. */
export function reportRange(p: ReportPeriod): { from: string; to: string } {
  const bad = (field: string) => new DomainError('BAD_USER_INPUT', { vi: 'Kỳ báo cáo không hợp lệ', en: 'Invalid reporting period' }, { rule: 'D-9', field });
  if (!Number.isInteger(p.year) || p.year < 1930 || p.year > 2100) throw bad('year');
  const months = (first: number, last: number) => ({ from: `${p.year}-${pad(first)}-01`, to: `${p.year}-${pad(last)}-${pad(lastDay(p.year, last))}` });
  switch (p.kind) {
    case ReportPeriodKind.MONTH:
      if (!Number.isInteger(p.index) || p.index! < 1 || p.index! > 12) throw bad('index');
      return months(p.index!, p.index!);
    case ReportPeriodKind.QUARTER:
      if (!Number.isInteger(p.index) || p.index! < 1 || p.index! > 4) throw bad('index');
      return months(p.index! * 3 - 2, p.index! * 3);
    case ReportPeriodKind.SIX_MONTHS:
      return months(1, 6);
    case ReportPeriodKind.NINE_MONTHS:
      return months(1, 9);
    case ReportPeriodKind.YEAR:
      return months(1, 12);
    case ReportPeriodKind.TERM: {
      const start = p.termStartsOn ?? `${p.year}-01-01`;
      if (!isIsoDate(start) || !start.startsWith(`${p.year}-`)) throw bad('termStartsOn');
      // The day before the same date five years on: consecutive terms neither overlap nor leave a gap.
      const next = new Date(`${p.year + TERM_YEARS}${start.slice(4)}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() - 1);
      return { from: start, to: next.toISOString().slice(0, 10) };
    }
    default:
      throw bad('kind');
  }
}
