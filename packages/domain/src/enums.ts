/** Roles a principal can hold (DESIGN.md §2). */
export enum Role {
  PLATFORM_ADMIN = 'platform_admin',
  CITY_ADMIN = 'city_admin',
  COMMITTEE_STAFF = 'committee_staff',
  CELL_SECRETARY = 'cell_secretary',
  MEMBER = 'member',
  INSPECTOR = 'inspector',
  INTEGRATOR = 'integrator',
}

/** Kinds of party organization in the tree (DOMAIN.md T-2). */
export enum OrgUnitKind {
  /** Đảng bộ — city, ward/commune, grassroots or sub-committee. */
  COMMITTEE = 'COMMITTEE',
  /** Chi bộ cơ sở — a grassroots organization with fewer than 30 members. */
  BASE_CELL = 'BASE_CELL',
  /** Chi bộ trực thuộc — a cell under a grassroots committee. */
  CELL = 'CELL',
  /** Tổ đảng — a party group inside a cell. */
  PARTY_GROUP = 'PARTY_GROUP',
}

/** Org unit kinds that hold cell meetings (sinh hoạt chi bộ). */
export const MEETING_HOLDING_KINDS: readonly OrgUnitKind[] = [OrgUnitKind.BASE_CELL, OrgUnitKind.CELL];

/** Kinds of meeting (DOMAIN.md G-1). */
export enum MeetingKind {
  REGULAR = 'REGULAR',
  THEMATIC = 'THEMATIC',
  CELL_COMMITTEE = 'CELL_COMMITTEE',
  EXTRAORDINARY = 'EXTRAORDINARY',
  SEMINAR = 'SEMINAR',
}

/** Meeting lifecycle (DOMAIN.md G-2). */
export enum MeetingStatus {
  PLANNED = 'PLANNED',
  PREPARED = 'PREPARED',
  HELD = 'HELD',
  MINUTES_APPROVED = 'MINUTES_APPROVED',
  CANCELLED = 'CANCELLED',
}

/** Kinds of inspection (DOMAIN.md D-2). */
export enum InspectionKind {
  SIGNS_OF_VIOLATION = 'SIGNS_OF_VIOLATION',
  PLANNED = 'PLANNED',
  DISCIPLINE_ENFORCEMENT = 'DISCIPLINE_ENFORCEMENT',
  FINANCE = 'FINANCE',
  ASSET_DECLARATION = 'ASSET_DECLARATION',
}

/** Steps of an inspection (DOMAIN.md D-2). */
export enum InspectionStatus {
  DECIDED = 'DECIDED',
  SUBJECT_NOTIFIED = 'SUBJECT_NOTIFIED',
  SELF_REPORTED = 'SELF_REPORTED',
  VERIFIED = 'VERIFIED',
  CONCLUDED = 'CONCLUDED',
}

/** What an inspection looks at: an org unit or a member. */
export enum InspectionSubjectKind {
  ORG_UNIT = 'ORG_UNIT',
  MEMBER = 'MEMBER',
}
