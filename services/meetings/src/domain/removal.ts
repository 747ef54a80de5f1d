import { AttendanceStatus, Role, hasRole, requireRole, type Principal } from '@chibo/domain';

/** A month (YYYY-MM, Vietnam time) in which a member missed a cell meeting without reason. */
export interface UnexcusedMonth {
  memberId: string;
  cellId: string;
  month: string;
}

/** Đề nghị xóa tên — a member the cell should consider removing from the rolls (M-6, first ground). */
export interface RemovalCandidate {
  memberId: string;
  cellId: string;
  months: string[];
}

/** G-10: absent without reason in this many distinct months of a year (*configurable*). */
export const UNEXCUSED_MONTHS_FOR_REMOVAL = 3;

/**
 * G-10 / M-6: members absent without reason in at least three distinct months of the year.
 * Only proposed: removal is the cell's decision, recorded by membership.
 */
export function removalCandidates(rows: UnexcusedMonth[], minMonths = UNEXCUSED_MONTHS_FOR_REMOVAL): RemovalCandidate[] {
  const byMember = new Map<string, RemovalCandidate>();
  for (const r of rows) {
    const key = `${r.memberId}@${r.cellId}`;
    const c = byMember.get(key) ?? { memberId: r.memberId, cellId: r.cellId, months: [] };
    if (!c.months.includes(r.month)) c.months.push(r.month);
    byMember.set(key, c);
  }
  return [...byMember.values()]
    .filter((c) => c.months.length >= minMonths)
    .map((c) => ({ ...c, months: c.months.sort() }))
    .sort((a, b) => b.months.length - a.months.length || a.memberId.localeCompare(b.memberId));
}

/** Who may see removal candidates: those who act on a cell's roll, not its members (nor integrators). */
const REMOVAL_READERS = [Role.CELL_SECRETARY, Role.COMMITTEE_STAFF, Role.CITY_ADMIN, Role.INSPECTOR];

export function requireRemovalReader(principal: Principal): void {
  requireRole(principal, ...REMOVAL_READERS);
}

/** The same door as a yes/no, for figures that are null to those who may not see them (the dashboard). */
export function canReadRemovalCandidates(principal: Principal): boolean {
  return hasRole(principal, ...REMOVAL_READERS);
}

/** A member absent with reason more than three meetings in a row in the year (G-10, G-7). */
export interface ExcusedStreak {
  memberId: string;
  cellId: string;
  longest: number;
}

export const EXCUSED_STREAK_MAX = 3;

/** G-10: from a cell's attendance in meeting order, the members whose run of excused absences exceeds the limit. */
export function excusedStreaks(rows: { memberId: string; cellId: string; status: AttendanceStatus }[], max = EXCUSED_STREAK_MAX): ExcusedStreak[] {
  const run = new Map<string, ExcusedStreak & { current: number }>();
  for (const r of rows) {
    const key = `${r.memberId}@${r.cellId}`;
    const s = run.get(key) ?? { memberId: r.memberId, cellId: r.cellId, longest: 0, current: 0 };
    s.current = r.status === AttendanceStatus.ABSENT_EXCUSED ? s.current + 1 : 0;
    s.longest = Math.max(s.longest, s.current);
    run.set(key, s);
  }
  return [...run.values()]
    .filter((s) => s.longest > max)
    .map(({ memberId, cellId, longest }) => ({ memberId, cellId, longest }))
    .sort((a, b) => b.longest - a.longest || a.memberId.localeCompare(b.memberId));
}
