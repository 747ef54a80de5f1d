import { DomainError, MemberEventKind as E, MemberStatus as S, Role, hasRole, isInScope, type Principal } from '@chibo/domain';
import { addMonths, wholeMonthsBetween } from './dates';

/** Rules of membership (DOMAIN.md M-1 … M-10) as plain functions, tested as tables. */

const rule = (id: string, vi: string, en: string, details: Record<string, unknown> = {}) =>
  new DomainError('RULE_VIOLATION', { vi, en }, { rule: id, ...details });

export const MIN_AGE_MONTHS = 18 * 12;
/** 60 years inclusive, in whole months: 60 years 11 months is still 60. */
export const MAX_AGE_MONTHS = 60 * 12 + 11;
export const PROBATION_MONTHS = 12;
export const PROBATION_NOTICE_DAYS = 60;

/**
 * M-1: the applicant is 18–60 inclusive, counted in whole months on the day the cell considers
 * them; over 60 only with a recorded decision of the higher committee.
 */
export function assertAdmissionAge(dateOfBirth: string, consideredOn: string, higherCommitteeDecision?: string | null): void {
  const months = wholeMonthsBetween(dateOfBirth, consideredOn);
  if (months < MIN_AGE_MONTHS) {
    throw rule('M-1', 'Người vào Đảng phải đủ 18 tuổi (tính theo tháng) vào ngày chi bộ xét kết nạp', 'The applicant must be 18 (in whole months) on the day the cell considers them', {
      field: 'dateOfBirth',
      ageInMonths: months,
    });
  }
  if (months > MAX_AGE_MONTHS && !higherCommitteeDecision?.trim()) {
    throw rule('M-1', 'Người trên 60 tuổi chỉ được kết nạp khi có quyết định của cấp ủy cấp trên', 'An applicant over 60 needs a decision of the higher committee', {
      field: 'higherCommitteeDecision',
      ageInMonths: months,
    });
  }
}

/** M-1: at least one introducer, each an official member on the day of consideration. */
export function assertIntroducers(introducers: { id: string; status: S | null }[], requested: string[]): void {
  if (!requested.length) {
    throw rule('M-1', 'Phải có ít nhất một đảng viên chính thức giới thiệu', 'At least one official member must introduce the applicant', { field: 'introducerIds' });
  }
  for (const id of requested) {
    const found = introducers.find((i) => i.id === id);
    if (!found || found.status !== S.OFFICIAL) {
      throw rule('M-1', 'Người giới thiệu phải là đảng viên chính thức', 'An introducer must be an official member', { field: 'introducerIds', introducerId: id });
    }
  }
}

/** M-2: probation ends 12 months after the admission ceremony. */
export function probationEndsOn(admittedOn: string): string {
  return addMonths(admittedOn, PROBATION_MONTHS);
}

/** M-2: recognition as official only for a probationary member, and only once 12 months are over. */
export function assertRecognition(status: S | null, admittedOn: string | null, recognisedOn: string): void {
  if (status !== S.PROBATIONARY || !admittedOn) {
    throw rule('M-2', 'Chỉ công nhận chính thức cho đảng viên dự bị', 'Only a probationary member can be recognised as official', { status });
  }
  const ends = probationEndsOn(admittedOn);
  if (recognisedOn < ends) {
    throw rule('M-2', `Chưa hết 12 tháng dự bị (hết ngày ${ends})`, `Probation is not over until ${ends}`, { field: 'recognisedOn', probationEndsOn: ends });
  }
}

/** M-2: a probationary member whose probation ends on or before `today + 60 days` is listed. */
export function probationEndsSoon(status: S | null, admittedOn: string | null, horizon: string): boolean {
  return status === S.PROBATIONARY && !!admittedOn && probationEndsOn(admittedOn) <= horizon;
}

/** M-4: exemption is for official members, decided by the cell with a reason. */
export function assertExemption(status: S | null, reason: string): void {
  if (status !== S.OFFICIAL) {
    throw rule('M-4', 'Chỉ miễn công tác và sinh hoạt cho đảng viên chính thức đang sinh hoạt', 'Only an active official member can be exempted', { status });
  }
  if (!reason.trim()) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Phải ghi lý do miễn công tác và sinh hoạt', en: 'An exemption needs a reason' }, { field: 'reason', rule: 'M-4' });
  }
}

/** M-4: only an exempt member's exemption can end. */
export function assertExemptionEnds(status: S | null): void {
  if (status !== S.EXEMPT) {
    throw rule('M-4', 'Đảng viên không thuộc diện miễn công tác và sinh hoạt', 'The member is not exempt', { status });
  }
}

const ACTIVE: readonly S[] = [S.PROBATIONARY, S.OFFICIAL, S.EXEMPT];

/** M-6 and death: only a member still on the rolls can leave them. */
export function assertOnRolls(status: S | null, ruleId: string): void {
  if (!status || !ACTIVE.includes(status)) {
    throw rule(ruleId, 'Đảng viên không còn trong danh sách sinh hoạt', 'The member is no longer on the rolls', { status });
  }
}

/** A lifecycle event, as the fold needs it (M-10). */
export interface LifecycleFact {
  kind: E;
  effectiveOn: string;
  sequence: number;
  /** The member's home cell after the event. */
  cellId: string;
  /** REGISTERED only: the status the member is registered with, and the dates they hold. */
  registeredStatus?: S | null;
  admittedOn?: string | null;
  officialOn?: string | null;
}

export interface MemberState {
  status: S | null;
  cellId: string | null;
  admittedOn: string | null;
  officialOn: string | null;
}

/**
 * M-10: a member's status is derived from their events in the order they were recorded, as of
 * a date (events effective after it are left out); without a date, from all of them.
 */
export function deriveState(facts: readonly LifecycleFact[], on?: string): MemberState {
  const state: MemberState = { status: null, cellId: null, admittedOn: null, officialOn: null };
  let beforeExpulsion: S | null = null;
  let beforeExemption: S | null = null;
  const ordered = [...facts].sort((a, b) => a.sequence - b.sequence);
  for (const f of ordered) {
    if (on && f.effectiveOn > on) continue;
    state.cellId = f.cellId;
    switch (f.kind) {
      case E.REGISTERED: {
        // Dated on admission: before the official date on file the member was probationary.
        const notYetOfficial = !!on && !!f.officialOn && f.officialOn > on;
        state.status = notYetOfficial ? S.PROBATIONARY : (f.registeredStatus ?? S.OFFICIAL);
        state.admittedOn = f.admittedOn ?? null;
        state.officialOn = notYetOfficial ? null : (f.officialOn ?? null);
        break;
      }
      case E.TRANSFERRED_IN:
        // Arrived from another tenant with the status and dates on the letter (M-8).
        state.status = f.registeredStatus ?? S.OFFICIAL;
        state.admittedOn = f.admittedOn ?? null;
        state.officialOn = f.officialOn ?? null;
        break;
      case E.TRANSFERRED_OUT:
        state.status = S.TRANSFERRED_OUT;
        break;
      case E.ADMITTED:
        state.status = S.PROBATIONARY;
        state.admittedOn = f.effectiveOn;
        break;
      case E.RECOGNISED:
        state.status = S.OFFICIAL;
        state.officialOn = f.effectiveOn;
        break;
      case E.EXEMPTED:
        if (state.status !== S.EXEMPT) beforeExemption = state.status;
        state.status = S.EXEMPT;
        break;
      case E.EXEMPTION_ENDED:
        if (state.status === S.EXEMPT) state.status = beforeExemption ?? S.OFFICIAL;
        break;
      case E.REMOVED:
        state.status = S.REMOVED;
        break;
      case E.EXPELLED:
        if (state.status !== S.EXPELLED) beforeExpulsion = state.status;
        state.status = S.EXPELLED;
        break;
      case E.RESTORED:
        if (state.status === S.EXPELLED) state.status = beforeExpulsion;
        break;
      case E.DECEASED:
        state.status = S.DECEASED;
        break;
      case E.TRANSFERRED:
        break;
    }
  }
  return state;
}

/** M-10: history is written in order; a change cannot be dated before the last one. */
export function assertInOrder(facts: readonly LifecycleFact[], effectiveOn: string): void {
  const last = facts.reduce<string | null>((max, f) => (max === null || f.effectiveOn > max ? f.effectiveOn : max), null);
  if (last && effectiveOn < last) {
    throw rule('M-10', `Ngày hiệu lực không thể trước thay đổi gần nhất (${last})`, `The effective date cannot precede the latest change (${last})`, {
      field: 'effectiveOn',
      latest: last,
    });
  }
}

/** Accent- and case-insensitive key of a name: "Nguyễn Văn Đạt" → "nguyen van dat". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Căn cước công dân: 12 digits. */
export function cleanCitizenId(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const value = raw.replace(/\s+/g, '');
  if (!value) return null;
  if (!/^\d{12}$/.test(value)) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Số căn cước công dân phải gồm 12 chữ số', en: 'A citizen id has 12 digits' }, { field: 'citizenId', rule: 'M-3' });
  }
  return value;
}

/** `038012345612` → `0380******12`. */
export function maskCitizenId(value: string): string {
  if (value.length <= 6) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 6)}${value.slice(-2)}`;
}

/** Who reads member records: the member themself, and the roles that work on the cell's subtree. */
export function canReadMember(principal: Principal, cellLineage: readonly string[], memberId: string): boolean {
  if (principal.memberId && principal.memberId === memberId) return true;
  if (hasRole(principal, Role.INTEGRATOR) && !(principal.scopes ?? []).includes('membership:read')) return false;
  return hasRole(principal, Role.CITY_ADMIN, Role.COMMITTEE_STAFF, Role.CELL_SECRETARY, Role.INSPECTOR, Role.INTEGRATOR) && isInScope(principal, cellLineage);
}

/** M-3: the citizen id in clear only for city administrators, committee staff of the subtree, and the member. */
export function canSeeCitizenId(principal: Principal, cellLineage: readonly string[], memberId: string): boolean {
  if (principal.memberId && principal.memberId === memberId) return true;
  return hasRole(principal, Role.CITY_ADMIN, Role.COMMITTEE_STAFF) && isInScope(principal, cellLineage);
}

/** Who changes member records: city administrators, committee staff of the subtree, the cell's secretary. */
export function canWriteMember(principal: Principal, cellLineage: readonly string[]): boolean {
  return hasRole(principal, Role.CITY_ADMIN, Role.COMMITTEE_STAFF, Role.CELL_SECRETARY) && isInScope(principal, cellLineage);
}
