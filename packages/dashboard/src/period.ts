/**
 * Kỳ báo cáo as the dashboard's API takes it: a month `2026-11`, a quarter `2026-Q4`, a year
 * `2026` or a five-year term (nhiệm kỳ) `2025-2030` (packages/domain/src/period.ts is the rule;
 * the browser bundle keeps its own few lines rather than pull the domain package in).
 */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'term';
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year', 'term'];

/** Terms run 2020–2025, 2025–2030, …: the first year of each is a multiple of five. */
const TERM_YEARS = 5;

/** This month (YYYY-MM) in Vietnam's time, like the services (`monthPeriod`). */
export function currentMonth(now: number = Date.now()): string {
  const d = new Date(now + 7 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function kindOfPeriod(period: string): PeriodKind | null {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}$/.test(period)) return 'year';
  const term = /^(\d{4})-(\d{4})$/.exec(period);
  if (term && Number(term[2]) - Number(term[1]) === TERM_YEARS) return 'term';
  return null;
}

/** The first year and (for a month or quarter) the month the period starts with. */
function startOf(period: string): { year: number; month: number } {
  const year = Number(period.slice(0, 4));
  const kind = kindOfPeriod(period);
  if (kind === 'month') return { year, month: Number(period.slice(5, 7)) };
  if (kind === 'quarter') return { year, month: (Number(period.slice(6)) - 1) * 3 + 1 };
  return { year, month: 1 };
}

export function termOf(year: number): string {
  const first = year - (((year % TERM_YEARS) + TERM_YEARS) % TERM_YEARS);
  return `${first}-${first + TERM_YEARS}`;
}

/**
 * The same moment as another kind of period, so switching kind keeps the user where they were:
 * November 2026 → 2026-Q4 → 2026 → 2025-2030. From a longer period to a shorter one, the
 * current month (or quarter) when it lies inside, else the period's first.
 */
export function convertPeriod(period: string, to: PeriodKind, now: number = Date.now()): string {
  const today = currentMonth(now);
  const from = kindOfPeriod(period) ?? 'month';
  let { year, month } = startOf(period);
  const todayYear = Number(today.slice(0, 4));
  const inside = from === 'year' ? todayYear === year : from === 'term' ? todayYear >= year && todayYear < year + TERM_YEARS : from === 'quarter' ? todayYear === year && Math.ceil(Number(today.slice(5)) / 3) === Math.ceil(month / 3) : false;
  if (inside) {
    year = todayYear;
    month = Number(today.slice(5));
  }
  switch (to) {
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return String(year);
    case 'term':
      return termOf(year);
  }
}

/** The years a picker offers: from the term before the current one to next year. */
export function selectableYears(now: number = Date.now()): number[] {
  const year = Number(currentMonth(now).slice(0, 4));
  const first = Number(termOf(year).slice(0, 4)) - TERM_YEARS;
  return Array.from({ length: year + 1 - first + 1 }, (_, i) => first + i);
}

export function selectableTerms(now: number = Date.now()): string[] {
  const year = Number(currentMonth(now).slice(0, 4));
  const first = Number(termOf(year).slice(0, 4));
  return [first - TERM_YEARS, first, first + TERM_YEARS].map((y) => termOf(y));
}

/** "Quý 4/2026", "Q4 2026", …: the period as a person reads it. */
export function periodLabel(period: string, lang: 'vi' | 'en'): string {
  const kind = kindOfPeriod(period);
  const { year, month } = startOf(period);
  if (kind === 'month') return lang === 'vi' ? `Tháng ${month}/${year}` : new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  if (kind === 'quarter') return lang === 'vi' ? `Quý ${Math.ceil(month / 3)}/${year}` : `Q${Math.ceil(month / 3)} ${year}`;
  if (kind === 'year') return lang === 'vi' ? `Năm ${year}` : `Year ${year}`;
  if (kind === 'term') return `${lang === 'vi' ? 'Nhiệm kỳ' : 'Term'} ${year}–${year + TERM_YEARS}`;
  return period;
}

/** What the address bar keeps, so that a link opens the same view: the unit and the period. */
export interface ViewState {
  unit: string | null;
  period: string;
}

export function readViewState(search: string = location.search): ViewState {
  const q = new URLSearchParams(search);
  const period = (q.get('period') ?? '').toUpperCase();
  return { unit: q.get('unit') || null, period: kindOfPeriod(period) ? period : currentMonth() };
}

export function writeViewState(v: ViewState): void {
  const q = new URLSearchParams(location.search);
  if (v.unit) q.set('unit', v.unit);
  else q.delete('unit');
  q.set('period', v.period);
  const url = `${location.pathname}?${q.toString()}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
}
