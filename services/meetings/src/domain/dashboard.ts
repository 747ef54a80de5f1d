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
