import { DomainError, MEETING_HOLDING_KINDS, ON_ROLL_STATUSES, TransferKind, type MemberStatus, type Principal } from '@chibo/domain';
import { addDays, parseDate, todayVn } from './dates';
import { canReadMember, deriveState, PROBATION_NOTICE_DAYS, searchKey } from './member-rules';
import type { Member, MemberPorts } from './members';
import type { OrgUnit } from './org-units';
import type { TransferPorts } from './transfers';

const unitNotFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id });

/**
 * The unit whose subtree a member list covers: the one asked for, or the principal's scope, or
 * the tenant's root. Out of scope looks like absent; in scope without a reading role is refused.
 */
export async function listScope(principal: Principal, orgUnitId: string | null, rootOrgUnitId: () => Promise<string | null>, ports: Pick<MemberPorts, 'findOrgUnit'>): Promise<OrgUnit> {
  const id = orgUnitId ?? principal.scopeOrgUnitId ?? (await rootOrgUnitId());
  const unit = id ? await ports.findOrgUnit(id) : null;
  if (!unit) throw unitNotFound(id ?? '');
  if (!canReadMember(principal, unit.lineage, '')) {
    if (principal.scopeOrgUnitId && !unit.lineage.includes(principal.scopeOrgUnitId)) throw unitNotFound(unit.id);
    throw new DomainError('FORBIDDEN');
  }
  return unit;
}

export interface MemberFilter {
  name?: string | null;
  statuses?: MemberStatus[] | null;
  /** M-2: only probationary members whose probation ends within the next 60 days (or is over). */
  probationEndingSoon?: boolean | null;
  /** M-5: only members in these Regulation 213 categories. */
  residenceCategories?: string[] | null;
}

/** The search a filter means, in the terms the store understands. */
export function searchOf(unit: OrgUnit, filter: MemberFilter, now = new Date()) {
  const nameKey = filter.name ? searchKey(filter.name) : null;
  return {
    subtreePath: `/${unit.lineage.join('/')}/`,
    nameKey: nameKey || null,
    statuses: filter.statuses ?? null,
    probationEndsBy: filter.probationEndingSoon ? addDays(todayVn(now), PROBATION_NOTICE_DAYS) : null,
    residenceCategories: filter.residenceCategories?.length ? filter.residenceCategories : null,
  };
}

export interface RollEntry {
  member: Member;
  status: MemberStatus;
  /** On a TEMPORARY transfer elsewhere that day (M-8): on this roll, out of its attendance denominator (G-4). */
  temporarilyAway: boolean;
}

export interface RollPorts extends Pick<MemberPorts, 'findOrgUnit' | 'findMembers' | 'memberEvents'>, Pick<TransferPorts, 'transfersOf'> {
  memberIdsEverIn(cellId: string): Promise<string[]>;
}

const collator = new Intl.Collator('vi', { sensitivity: 'variant' });

/**
 * The roll of a cell on a date (danh sách đảng viên của chi bộ): every member whose events up to
 * that date leave them in this cell, probationary, official or exempt (M-10). Meetings uses it
 * for attendance (G-4); exempt members are listed with their status so they can be left out of
 * the denominator.
 */
export async function cellRoll(principal: Principal, cellId: string, date: string, ports: RollPorts): Promise<RollEntry[]> {
  const on = parseDate(date, 'date');
  const cell = await ports.findOrgUnit(cellId);
  if (!cell || !canReadMember(principal, cell.lineage, '')) throw unitNotFound(cellId);
  if (!MEETING_HOLDING_KINDS.includes(cell.kind)) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Chỉ chi bộ mới có danh sách đảng viên', en: 'Only cells have a roll' }, { rule: 'T-2', field: 'cellId' });
  }
  const ids = await ports.memberIdsEverIn(cellId);
  const [members, events, transfers] = await Promise.all([ports.findMembers(ids), ports.memberEvents(ids), ports.transfersOf(ids)]);
  const roll: RollEntry[] = [];
  for (const member of members) {
    const state = deriveState(events.filter((e) => e.memberId === member.id), on);
    if (state.cellId !== cellId || !state.status || !ON_ROLL_STATUSES.includes(state.status)) continue;
    const temporarilyAway = transfers.some(
      (t) => t.memberId === member.id && t.kind === TransferKind.TEMPORARY && t.fromCellId === cellId && t.startsOn <= on && (!t.until || t.until > on),
    );
    roll.push({ member, status: state.status, temporarilyAway });
  }
  return roll.sort((a, b) => collator.compare(a.member.fullName, b.member.fullName) || (a.member.id < b.member.id ? -1 : 1));
}
