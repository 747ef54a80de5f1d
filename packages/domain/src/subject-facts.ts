import type { OrgUnitKind } from './enums';
import type { MemberStatus, PositionKind } from './membership';

/**
 * The contract of membership's internal `subject-facts` call: what inspection needs to know of a
 * member or an org unit it examines, as of a date, instead of having it typed in.
 */
export interface MemberFacts {
  id: string;
  fullName: string;
  status: MemberStatus;
  cellId: string;
  admittedOn: string | null;
  /** Whole years since the admission decision (M-2), on the date asked. */
  partyAgeYears: number | null;
  /** Posts held on the date asked (M-3); D-3 allows REMOVAL_FROM_POST only to a holder. */
  posts: { kind: PositionKind; orgUnitId: string; startsOn: string }[];
}

export interface UnitFacts {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
  validFrom: string;
  /** Set once dissolved (T-2); such a unit is still inspected and disciplined. */
  validTo: string | null;
}

export interface SubjectFactsAnswer {
  members: MemberFacts[];
  units: UnitFacts[];
}
