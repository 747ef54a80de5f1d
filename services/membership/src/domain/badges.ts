import { DomainError, ON_ROLL_STATUSES, type MemberStatus, type Principal } from '@chibo/domain';
import { addMonths, parseDate } from './dates';
import { listScope } from './member-queries';
import type { Member, MemberPorts } from './members';

/** M-9: huy hiệu Đảng at 30, 40, 45, 50 … 90 years of party age. */
export const BADGE_YEARS: readonly number[] = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];

/**
 * The badge a member becomes due for in the award period (since, occasion]: the milestone whose
 * anniversary of admission falls in it, or null. Party age runs from admission (M-2).
 */
export function badgeDue(admittedOn: string, since: string, occasion: string): { years: number; anniversaryOn: string } | null {
  let due: { years: number; anniversaryOn: string } | null = null;
  for (const years of BADGE_YEARS) {
    const anniversaryOn = addMonths(admittedOn, years * 12);
    if (anniversaryOn > since && anniversaryOn <= occasion) due = { years, anniversaryOn };
  }
  return due;
}

/** Admission dates that can make a member due in (since, occasion], one range per milestone. */
export function admissionWindows(since: string, occasion: string): [string, string][] {
  return BADGE_YEARS.map((y) => [addMonths(since, -12 * y), addMonths(occasion, -12 * y)]);
}

export interface BadgeDue {
  member: Member;
  years: number;
  anniversaryOn: string;
}

export interface BadgePorts extends Pick<MemberPorts, 'findOrgUnit'> {
  /** Members of the subtree, on the rolls, admitted in one of the (from, to] windows. */
  membersAdmittedIn(subtreePath: string, windows: [string, string][], statuses: readonly MemberStatus[]): Promise<Member[]>;
}

const collator = new Intl.Collator('vi');

/** M-9: the members of a subtree due for a party badge at an award occasion. */
export async function badgesDue(
  principal: Principal,
  input: { orgUnitId: string | null; occasion: string; since?: string | null },
  rootOrgUnitId: () => Promise<string | null>,
  ports: BadgePorts,
): Promise<BadgeDue[]> {
  const occasion = parseDate(input.occasion, 'occasion');
  const since = input.since ? parseDate(input.since, 'since') : addMonths(occasion, -12);
  if (since >= occasion) throw new DomainError('BAD_USER_INPUT', { vi: 'Kỳ xét phải trước dịp trao', en: 'The period must end at the occasion' }, { field: 'since' });
  const unit = await listScope(principal, input.orgUnitId, rootOrgUnitId, ports);
  const members = await ports.membersAdmittedIn(`/${unit.lineage.join('/')}/`, admissionWindows(since, occasion), ON_ROLL_STATUSES);
  const due: BadgeDue[] = [];
  for (const member of members) {
    const badge = member.admittedOn ? badgeDue(member.admittedOn, since, occasion) : null;
    if (badge) due.push({ member, ...badge });
  }
  return due.sort((a, b) => b.years - a.years || collator.compare(a.member.fullName, b.member.fullName));
}
