import type { MemberFacts, UnitFacts } from '@chibo/domain';
import { wholeMonthsBetween } from './dates';
import type { Member } from './members';
import type { OrgUnit } from './org-units';
import { heldOn, type Position } from './positions';

/** Answers membership's internal `subject-facts` call (contract in @chibo/domain), for members who have since left the cell or the tenant too. */
export function memberFacts(member: Member, positions: readonly Position[], on: string): MemberFacts {
  return {
    id: member.id,
    fullName: member.fullName,
    status: member.status,
    cellId: member.cellId,
    admittedOn: member.admittedOn,
    partyAgeYears: member.admittedOn && member.admittedOn <= on ? Math.floor(wholeMonthsBetween(member.admittedOn, on) / 12) : null,
    posts: positions.filter((p) => p.memberId === member.id && heldOn(p, on)).map((p) => ({ kind: p.kind, orgUnitId: p.orgUnitId, startsOn: p.startsOn })),
  };
}

export function unitFacts(unit: OrgUnit): UnitFacts {
  return { id: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId, validFrom: unit.validFrom, validTo: unit.validTo ?? null };
}
