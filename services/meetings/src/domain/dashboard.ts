import { MeetingKind, periodRange } from '@chibo/domain';

/** Per held meeting of a subtree: what the dashboard adds up. */
export interface HeldFigures {
  kind: string;
  /** The G-4 denominator; null when attendance was not recorded. */
  expected: number | null;
  present: number;
  /** Distinct speakers other than the chair (G-5). */
  speakers: number;
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
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return null;
  const first = Math.floor((Number(m[2]) - 1) / 3) * 3 + 1;
  const start = periodRange(`${m[1]}-${String(first).padStart(2, '0')}`);
  const end = periodRange(`${m[1]}-${String(first + 2).padStart(2, '0')}`);
  return start && end ? { from: start.from, to: end.to } : null;
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
}

export const NO_FIGURES: MonthFigures = Object.freeze({ meetingsHeld: 0, regularHeld: 0, thematicHeld: 0, expected: 0, present: 0, speakers: 0 });

export function monthFiguresOf(rows: HeldFigures[]): MonthFigures {
  return rows.reduce<MonthFigures>(
    (f, r) => ({
      meetingsHeld: f.meetingsHeld + 1,
      regularHeld: f.regularHeld + (r.kind === MeetingKind.REGULAR ? 1 : 0),
      thematicHeld: f.thematicHeld + (r.kind === MeetingKind.THEMATIC ? 1 : 0),
      expected: f.expected + (r.expected ?? 0),
      present: f.present + (r.expected === null ? 0 : r.present),
      speakers: f.speakers + (r.expected === null ? 0 : r.speakers),
    }),
    NO_FIGURES,
  );
}

export function addFigures(a: MonthFigures, b: MonthFigures): MonthFigures {
  return {
    meetingsHeld: a.meetingsHeld + b.meetingsHeld,
    regularHeld: a.regularHeld + b.regularHeld,
    thematicHeld: a.thematicHeld + b.thematicHeld,
    expected: a.expected + b.expected,
    present: a.present + b.present,
    speakers: a.speakers + b.speakers,
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

/** The months (YYYY-MM) of the quarter a month lies in. */
export function quarterMonths(period: string): string[] {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return [];
  const first = Math.floor((Number(m[2]) - 1) / 3) * 3 + 1;
  return [first, first + 1, first + 2].map((n) => `${m[1]}-${String(n).padStart(2, '0')}`);
}
