import { AgendaCategory, MeetingKind, PeriodKind, periodRange, quarterOfMonth, type ReportingPeriod } from '@chibo/domain';
import { contentBalance, type CategoryShare } from './agenda';
import { QualityLevel } from './quality';

/** Per held meeting of a subtree: what the dashboard adds up. */
export interface HeldFigures {
  kind: string;
  /** The G-4 denominator; null when attendance was not recorded. */
  expected: number | null;
  present: number;
  /** Distinct speakers other than the chair (G-5). */
  speakers: number;
  /** G-6: actual minutes per agenda category (items without actual minutes count nothing). */
  minutes?: Partial<Record<AgendaCategory, number>>;
  /** G-7: the meeting's quality level, once it is scored. */
  level?: QualityLevel | null;
}

/** The meetings figures of an org unit's dashboard for a month (rolled up over its subtree). */
export interface MeetingDashboard {
  regularMeetingsHeld: number;
  /** G-4 over the subtree: Σ present ÷ Σ expected over meetings with attendance. */
  attendanceRate: number | null;
  /** G-5 over the subtree: Σ distinct speakers besides the chair ÷ Σ present. */
  participationRate: number | null;
}

export function rollUp(rows: HeldFigures[]): MeetingDashboard {
  const withAttendance = rows.filter((r) => r.expected !== null);
  const expected = withAttendance.reduce((a, r) => a + r.expected!, 0);
  const present = withAttendance.reduce((a, r) => a + r.present, 0);
  const speakers = withAttendance.reduce((a, r) => a + r.speakers, 0);
  return {
    regularMeetingsHeld: rows.filter((r) => r.kind === MeetingKind.REGULAR).length,
    attendanceRate: expected > 0 ? present / expected : null,
    participationRate: present > 0 ? speakers / present : null,
  };
}

/** The quarter a month period (YYYY-MM) lies in, as a range of instants (Vietnam time). */
export function quarterRange(period: string): { from: Date; to: Date } | null {
  const months = periodRange(period) ? quarterOfMonth(period) : null;
  return months ? monthsRange(months) : null;
}

/** The instants from the first of `months` (oldest first) to the end of the last. */
export function monthsRange(months: string[]): { from: Date; to: Date } {
  return { from: periodRange(months[0]!)!.from, to: periodRange(months[months.length - 1]!)!.to };
}

/**
 * What a unit's meetings of one month add to the dashboard, kept as sums so that a subtree's
 * figures are the plain sum of its units' and the rates are taken only at the end (G-4, G-5).
 */
export interface MonthFigures {
  meetingsHeld: number;
  regularHeld: number;
  thematicHeld: number;
  /** Over meetings with attendance recorded only. */
  expected: number;
  present: number;
  speakers: number;
  /** G-6: actual minutes per agenda category, over every held meeting. */
  minutes: Record<AgendaCategory, number>;
  /** G-7: scored held meetings per quality level. */
  levels: Record<QualityLevel, number>;
}

const zeros = <K extends string>(keys: K[]) => Object.freeze(Object.fromEntries(keys.map((k) => [k, 0]))) as Record<K, number>;
const CATEGORIES = Object.values(AgendaCategory);
const LEVELS = Object.values(QualityLevel);

export const NO_FIGURES: MonthFigures = Object.freeze({ meetingsHeld: 0, regularHeld: 0, thematicHeld: 0, expected: 0, present: 0, speakers: 0, minutes: zeros(CATEGORIES), levels: zeros(LEVELS) });

const addEach = <K extends string>(keys: K[], a: Record<K, number>, b: Partial<Record<K, number>>) => Object.fromEntries(keys.map((k) => [k, a[k] + (b[k] ?? 0)])) as Record<K, number>;

export function monthFiguresOf(rows: HeldFigures[]): MonthFigures {
  return rows.reduce<MonthFigures>(
    (f, r) => ({
      meetingsHeld: f.meetingsHeld + 1,
      regularHeld: f.regularHeld + (r.kind === MeetingKind.REGULAR ? 1 : 0),
      thematicHeld: f.thematicHeld + (r.kind === MeetingKind.THEMATIC ? 1 : 0),
      expected: f.expected + (r.expected ?? 0),
      present: f.present + (r.expected === null ? 0 : r.present),
      speakers: f.speakers + (r.expected === null ? 0 : r.speakers),
      minutes: addEach(CATEGORIES, f.minutes, r.minutes ?? {}),
      levels: r.level ? addEach(LEVELS, f.levels, { [r.level]: 1 } as Partial<Record<QualityLevel, number>>) : f.levels,
    }),
    NO_FIGURES,
  );
}

/** Month figures of held meetings whose G-6 minutes and G-7 levels were summed apart (one aggregate each, not one per meeting). */
export function monthFiguresWith(rows: HeldFigures[], minutes: Partial<Record<AgendaCategory, number>>, levels: Partial<Record<QualityLevel, number>>): MonthFigures {
  const f = monthFiguresOf(rows);
  return { ...f, minutes: addEach(CATEGORIES, f.minutes, minutes), levels: addEach(LEVELS, f.levels, levels) };
}

export function addFigures(a: MonthFigures, b: MonthFigures): MonthFigures {
  return {
    meetingsHeld: a.meetingsHeld + b.meetingsHeld,
    regularHeld: a.regularHeld + b.regularHeld,
    thematicHeld: a.thematicHeld + b.thematicHeld,
    expected: a.expected + b.expected,
    present: a.present + b.present,
    speakers: a.speakers + b.speakers,
    minutes: addEach(CATEGORIES, a.minutes, b.minutes),
    levels: addEach(LEVELS, a.levels, b.levels),
  };
}

/** The dashboard's meetings figures from summed month figures: the same as rolling up every meeting. */
export function dashboardOf(f: MonthFigures): MeetingDashboard {
  return {
    regularMeetingsHeld: f.regularHeld,
    attendanceRate: f.expected > 0 ? f.present / f.expected : null,
    participationRate: f.present > 0 ? f.speakers / f.present : null,
  };
}

/** G-6 over summed figures: share of actual minutes per category, only the categories that had time. */
export function contentSharesOf(f: MonthFigures): CategoryShare[] {
  return contentBalance(CATEGORIES.filter((c) => f.minutes[c] > 0).map((category) => ({ category, plannedMinutes: 0, actualMinutes: f.minutes[category] }))).categories;
}

/** G-7 over summed figures: every level, best first, with how many scored meetings reached it. */
export function qualityLevelsOf(f: MonthFigures): { level: QualityLevel; count: number }[] {
  return LEVELS.map((level) => ({ level, count: f.levels[level] }));
}

/** G-1: cell-months with a regular meeting ÷ cell-months due; null when nothing was due yet. */
export function regularMeetingRate(due: number, met: number): number | null {
  return due > 0 ? met / due : null;
}

/** Nhiệm kỳ: five-year terms open in 2020, 2025, 2030 … (the city congresses' calendar). */
const TERM_ANCHOR = 2025;
const TERM_YEARS = 5;

/**
 * "This term" of a period, as months: the term that holds the period's last month, from its
 * first month up to that one — a figure for a past month is judged as it stood then. A term
 * period is its own term.
 */
export function termMonthsOf(period: ReportingPeriod): string[] {
  if (period.kind === PeriodKind.TERM) return period.months;
  const last = period.months[period.months.length - 1]!;
  const year = Number(last.slice(0, 4));
  const first = TERM_ANCHOR + Math.floor((year - TERM_ANCHOR) / TERM_YEARS) * TERM_YEARS;
  const out: string[] = [];
  for (let y = first; y <= year; y++) for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
  return out.filter((m) => m <= last);
}
