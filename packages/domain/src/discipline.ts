/** Vocabulary of discipline cases (DOMAIN.md D-3 … D-8), shared so events and clients agree. */

/** Hình thức kỷ luật — discipline forms (D-3), lightest first. */
export enum DisciplineForm {
  /** Khiển trách. */
  REPRIMAND = 'REPRIMAND',
  /** Cảnh cáo. */
  WARNING = 'WARNING',
  /** Cách chức — a member who holds a post. */
  REMOVAL_FROM_POST = 'REMOVAL_FROM_POST',
  /** Khai trừ — an official member. */
  EXPULSION = 'EXPULSION',
  /** Giải tán — an org unit. */
  DISSOLUTION = 'DISSOLUTION',
}

/** Bước của vụ việc kỷ luật — the workflow of D-7. */
export enum DisciplineCaseStatus {
  OPENED = 'OPENED',
  SELF_REVIEW = 'SELF_REVIEW',
  VERIFIED = 'VERIFIED',
  DELIBERATED = 'DELIBERATED',
  PROPOSED_UPWARD = 'PROPOSED_UPWARD',
  DECIDED = 'DECIDED',
  ANNOUNCED = 'ANNOUNCED',
  CLOSED = 'CLOSED',
}

/** What opened a case (D-7). */
export enum DisciplineTrigger {
  INSPECTION = 'INSPECTION',
  SUPERVISION = 'SUPERVISION',
  DENUNCIATION = 'DENUNCIATION',
  /** A state body's notice (e.g. a court or police decision); must arrive within 5 days of it. */
  STATE_NOTICE = 'STATE_NOTICE',
}

/** Who is disciplined: an org unit, an official member or a probationary member (D-3). */
export enum DisciplineSubjectKind {
  ORG_UNIT = 'ORG_UNIT',
  OFFICIAL_MEMBER = 'OFFICIAL_MEMBER',
  PROBATIONARY_MEMBER = 'PROBATIONARY_MEMBER',
}

/** Violations with no statute of limitations (D-5), besides expulsion-level ones. */
export enum ViolationCategory {
  ORDINARY = 'ORDINARY',
  INTERNAL_POLITICAL_SECURITY = 'INTERNAL_POLITICAL_SECURITY',
  NATIONAL_DEFENCE_FOREIGN_AFFAIRS = 'NATIONAL_DEFENCE_FOREIGN_AFFAIRS',
  FORGED_QUALIFICATIONS = 'FORGED_QUALIFICATIONS',
}

/** Grounds to defer a decision (D-6). */
export enum DeferralReason {
  PREGNANCY = 'PREGNANCY',
  MATERNITY_LEAVE = 'MATERNITY_LEAVE',
  SERIOUS_ILLNESS_HOSPITALISED = 'SERIOUS_ILLNESS_HOSPITALISED',
}

/** Outcome of a complaint against a decision (D-7). */
export enum ComplaintOutcome {
  UPHELD = 'UPHELD',
  REDUCED = 'REDUCED',
  ANNULLED = 'ANNULLED',
}

/** Giám sát — kinds of supervision (D-1). */
export enum SupervisionKind {
  REGULAR = 'REGULAR',
  THEMATIC = 'THEMATIC',
}

export enum SupervisionStatus {
  OPEN = 'OPEN',
  CONCLUDED = 'CONCLUDED',
}
