import { MemberStatus as S, Role, hasRole, isInScope, type Principal } from '@chibo/domain';
import { canReadMember, deriveState, type LifecycleFact, type MemberState } from './member-rules';

/**
 * Đảng viên trên bảng theo dõi — the member figures of a dashboard (DOMAIN.md, "What the
 * dashboards show"): members by status on a day, those registered under Regulation 213 with the
 * subtree's cells (M-5), and admissions (M-1) in the year and in the period.
 */
export enum DashboardMemberCategory {
  /** Đảng viên chính thức */
  OFFICIAL = 'OFFICIAL',
  /** Đảng viên dự bị */
  PROBATIONARY = 'PROBATIONARY',
  /** Miễn công tác và sinh hoạt (M-4) */
  EXEMPT = 'EXEMPT',
  /** Đăng ký theo Quy định 213 với chi bộ nơi cư trú trong phạm vi (M-5) */
  REGULATION_213 = 'REGULATION_213',
  /** Kết nạp từ đầu năm */
  ADMITTED_THIS_YEAR = 'ADMITTED_THIS_YEAR',
  /** Kết nạp trong kỳ */
  ADMITTED_IN_PERIOD = 'ADMITTED_IN_PERIOD',
}

/** The days the figures cover: the period's first and last day, and the day they stand on. */
export interface MemberDashboardDays {
  from: string;
  to: string;
  asOf: string;
}

export interface MemberFigures {
  officialMembers: number;
  probationaryMembers: number;
  exemptMembers: number;
  regulation213Members: number;
  membersAdmittedThisYear: number;
  membersAdmittedInPeriod: number;
}

export const FIGURE_OF: Record<DashboardMemberCategory, keyof MemberFigures> = {
  OFFICIAL: 'officialMembers',
  PROBATIONARY: 'probationaryMembers',
  EXEMPT: 'exemptMembers',
  REGULATION_213: 'regulation213Members',
  ADMITTED_THIS_YEAR: 'membersAdmittedThisYear',
  ADMITTED_IN_PERIOD: 'membersAdmittedInPeriod',
};

export const NO_MEMBERS: MemberFigures = {
  officialMembers: 0,
  probationaryMembers: 0,
  exemptMembers: 0,
  regulation213Members: 0,
  membersAdmittedThisYear: 0,
  membersAdmittedInPeriod: 0,
};

/** The first day of the year the figures stand in: "admitted this year" runs from it to the as-of day. */
export function yearStartOf(days: MemberDashboardDays): string {
  return `${days.asOf.slice(0, 4)}-01-01`;
}

/**
 * The categories a member falls in on the as-of day, from their state then (M-10): status
 * categories only while on the rolls; admissions whatever became of the member since.
 * Regulation 213 is not a status and is counted from the residence records, not here.
 */
export function categoriesOf(state: Pick<MemberState, 'status' | 'admittedOn'>, days: MemberDashboardDays): DashboardMemberCategory[] {
  const out: DashboardMemberCategory[] = [];
  if (state.status === S.OFFICIAL) out.push(DashboardMemberCategory.OFFICIAL);
  if (state.status === S.PROBATIONARY) out.push(DashboardMemberCategory.PROBATIONARY);
  if (state.status === S.EXEMPT) out.push(DashboardMemberCategory.EXEMPT);
  const admitted = state.admittedOn;
  if (state.status && admitted && admitted <= days.asOf) {
    if (admitted >= yearStartOf(days)) out.push(DashboardMemberCategory.ADMITTED_THIS_YEAR);
    if (admitted >= days.from && admitted <= days.to) out.push(DashboardMemberCategory.ADMITTED_IN_PERIOD);
  }
  return out;
}

/** A member's lifecycle, with whether each event's cell lies in the dashboard's subtree. */
export interface PlacedFact extends LifecycleFact {
  memberId: string;
  inSubtree: boolean;
}

/**
 * Members whose history changed after the as-of day are judged by replaying their events up to
 * that day (the same fold as everywhere, M-10): those whose cell then lay in the subtree, by
 * category. The others are counted by the store from their current record.
 */
export function replayed(facts: readonly PlacedFact[], days: MemberDashboardDays): Map<DashboardMemberCategory, string[]> {
  const byMember = new Map<string, PlacedFact[]>();
  for (const f of facts) {
    const list = byMember.get(f.memberId) ?? [];
    list.push(f);
    byMember.set(f.memberId, list);
  }
  const out = new Map<DashboardMemberCategory, string[]>();
  for (const [memberId, history] of byMember) {
    const state = deriveState(history, days.asOf);
    const last = history.filter((f) => f.effectiveOn <= days.asOf).sort((a, b) => b.sequence - a.sequence)[0];
    if (!last?.inSubtree) continue;
    for (const c of categoriesOf(state, days)) out.set(c, [...(out.get(c) ?? []), memberId]);
  }
  return out;
}

/**
 * Who sees the member counts of a unit: anyone whose scope holds it (a member sees their own
 * cell's), except an integrator key not granted `membership:read`.
 */
export function canSeeMemberCounts(principal: Principal, lineage: readonly string[]): boolean {
  if (hasRole(principal, Role.INTEGRATOR) && !(principal.scopes ?? []).includes('membership:read')) return false;
  return isInScope(principal, lineage);
}

/** Who sees the members behind the counts: those who read the records of the unit's members. */
export function canListDashboardMembers(principal: Principal, lineage: readonly string[]): boolean {
  return canReadMember(principal, lineage, '');
}
