/**
 * Event contracts between services. Payloads carry ids and enums only: a consumer that
 * needs more asks through federation, so no personal data travels through the outbox.
 */
import type { OrgUnitKind, MeetingKind } from './enums';
import type { HigherDocumentRegistered, MeetingContentChanged, MeetingRuleSetPublished, MeetingStatusChanged, YearlyThemeSet } from './meetings';

export interface EventEnvelope<T extends DomainEvent = DomainEvent> {
  id: string;
  tenantId: string;
  type: T['type'];
  source: string;
  occurredAt: string;
  payload: T['payload'];
}

export interface TenantCreated {
  type: 'TenantCreated';
  payload: { tenantId: string; rootOrgUnitId: string };
}

export interface OrgUnitCreated {
  type: 'OrgUnitCreated';
  payload: { orgUnitId: string; parentId: string | null; kind: OrgUnitKind };
}

/** A unit moved under another parent (T-2); its whole subtree moved with it. */
export interface OrgUnitMoved {
  type: 'OrgUnitMoved';
  payload: { orgUnitId: string; fromParentId: string | null; toParentId: string; effectiveOn: string };
}

/** A unit was dissolved (T-2); it stays queryable, and inspection and discipline still apply. */
export interface OrgUnitDissolved {
  type: 'OrgUnitDissolved';
  payload: { orgUnitId: string; effectiveOn: string };
}

/**
 * A unit was merged into another (sáp nhập, T-2): its members and child units now belong to
 * `intoOrgUnitId` from `effectiveOn` (each member's move is told by its own `MemberTransferred`);
 * the merged unit is closed, not deleted, and stays queryable.
 */
export interface OrgUnitMerged {
  type: 'OrgUnitMerged';
  payload: { orgUnitId: string; intoOrgUnitId: string; effectiveOn: string };
}

/** A unit took a new name from a date (T-2); its history keeps the old one. */
export interface OrgUnitRenamed {
  type: 'OrgUnitRenamed';
  payload: { orgUnitId: string; effectiveOn: string };
}

export interface MeetingRecorded {
  type: 'MeetingRecorded';
  payload: { meetingId: string; cellId: string; kind: MeetingKind; heldAt: string };
}

export interface InspectionOpened {
  type: 'InspectionOpened';
  payload: { inspectionId: string; orgUnitId: string | null };
}

/** Membership statuses as other services need them (DOMAIN.md M-10). */
export type MemberStatusValue = 'PROBATIONARY' | 'OFFICIAL' | 'EXEMPT' | 'REMOVED' | 'EXPELLED' | 'DECEASED' | 'TRANSFERRED_OUT';

/** A member joined a cell's roll (admission, or arrival by transfer from another tenant). */
export interface MemberAdmitted {
  type: 'MemberAdmitted';
  payload: { memberId: string; cellId: string; status: MemberStatusValue; effectiveOn: string };
}

/** A member's status changed from a date (recognised, exempted, removed, expelled, deceased …). */
export interface MemberStatusChanged {
  type: 'MemberStatusChanged';
  payload: { memberId: string; cellId: string; status: MemberStatusValue; effectiveOn: string };
}

/**
 * A member moved between cells (M-8). `toCellId` is null when the member left the tenant.
 * A TEMPORARY transfer keeps the member on the home roll and out of the host's counts.
 */
export interface MemberTransferred {
  type: 'MemberTransferred';
  payload: { memberId: string; fromCellId: string; toCellId: string | null; kind: 'OFFICIAL' | 'TEMPORARY'; effectiveOn: string; until?: string | null };
}

/**
 * A transfer letter between two tenants (giấy giới thiệu sinh hoạt đảng, M-8) was issued,
 * accepted, rejected or withdrawn; each side's outbox gets its own copy, `memberId` being that side's member
 * (null on the receiving side until it accepts).
 */
export interface TransferLetterChanged {
  type: 'TransferLetterChanged';
  payload: { letterId: string; direction: 'OUTGOING' | 'INCOMING'; status: 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN'; memberId: string | null };
}

/** A discipline decision took effect, or was annulled on complaint (D-7, D-8). */
/**
 * Something of a member's record changed that is not their status or cell: identity, a post, a
 * yearly rating, a badge, the residence liaison of Regulation 213 (M-3, M-5, M-7, M-9). Ids only:
 * whoever needs the new values reads them, with the rights of its own principal.
 */
export interface MemberRecordChanged {
  type: 'MemberRecordChanged';
  payload: { memberId: string; aspect: 'IDENTITY' | 'POSITION' | 'RATING' | 'BADGE' | 'RESIDENCE' };
}

export interface DisciplineDecided {
  type: 'DisciplineDecided';
  payload: {
    caseId: string;
    subjectKind: 'MEMBER' | 'ORG_UNIT';
    memberId: string | null;
    orgUnitId: string | null;
    form: string;
    effectiveOn: string;
    annulled: boolean;
  };
}

export type DomainEvent =
  | TenantCreated
  | OrgUnitCreated
  | OrgUnitMoved
  | OrgUnitDissolved
  | OrgUnitMerged
  | OrgUnitRenamed
  | MeetingRecorded
  | InspectionOpened
  | MemberAdmitted
  | MemberStatusChanged
  | MemberTransferred
  | TransferLetterChanged
  | MemberRecordChanged
  | DisciplineDecided
  | MeetingStatusChanged
  | MeetingContentChanged
  | HigherDocumentRegistered
  | MeetingRuleSetPublished
  | YearlyThemeSet;
export type DomainEventType = DomainEvent['type'];
