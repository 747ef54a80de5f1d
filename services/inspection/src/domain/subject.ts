import { DomainError, type MemberFacts, type UnitFacts } from '@chibo/domain';

/**
 * The subject of a case, an inspection or a supervision as membership described it on a date:
 * kept on the record, so a later transfer, merger or dissolution does not rewrite it.
 */
export interface SubjectSnapshot {
  asOf: string;
  name: string;
  /** A member's status (M-10); null for an org unit. */
  memberStatus: string | null;
  cellId: string | null;
  partyAgeYears: number | null;
  /** Posts the member held (M-3). */
  posts: string[];
  unitKind: string | null;
  /** The unit's dissolution date, if it was dissolved (T-2). */
  dissolvedOn: string | null;
}

/** Facts of members and units from membership, as of a date; null when membership does not know them. */
export interface SubjectFactsPorts {
  memberFacts(id: string, on: string): Promise<MemberFacts | null>;
  unitFacts(id: string, on: string): Promise<UnitFacts | null>;
}

export const memberSnapshot = (m: MemberFacts, on: string): SubjectSnapshot => ({
  asOf: on,
  name: m.fullName,
  memberStatus: m.status,
  cellId: m.cellId,
  partyAgeYears: m.partyAgeYears,
  posts: m.posts.map((p) => p.kind),
  unitKind: null,
  dissolvedOn: null,
});

export const unitSnapshot = (u: UnitFacts, on: string): SubjectSnapshot => ({
  asOf: on,
  name: u.name,
  memberStatus: null,
  cellId: null,
  partyAgeYears: null,
  posts: [],
  unitKind: u.kind,
  dissolvedOn: u.validTo,
});

/**
 * The subject of an inspection or a supervision, read from membership: a member must be one
 * membership knows (who may since have left the cell or the tenant); a unit may be dissolved.
 */
export async function subjectSnapshot(ports: SubjectFactsPorts, subject: { memberId?: string | null; orgUnitId: string }, on: string): Promise<SubjectSnapshot | null> {
  if (subject.memberId) {
    const m = await ports.memberFacts(subject.memberId, on);
    if (!m) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy đảng viên', en: 'Member not found' }, { field: 'subjectMemberId' });
    return memberSnapshot(m, on);
  }
  const u = await ports.unitFacts(subject.orgUnitId, on);
  return u ? unitSnapshot(u, on) : null;
}
