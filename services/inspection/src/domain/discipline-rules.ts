import {
  DeferralReason,
  DisciplineForm,
  DisciplineSubjectKind,
  DomainError,
  OrgUnitKind,
  ViolationCategory,
} from '@chibo/domain';
import { addDays, addYears, type WorkingCalendar } from '@chibo/domain';

/**
 * The thresholds of D-5 and D-7 marked *configurable* in DOMAIN.md. A tenant will get a
 * versioned rule set (judged by the version in force on the record's date); until then every
 * tenant uses these defaults.
 */
export interface DisciplineRuleSet {
  /** D-5: years of limitation per form; `null` = no limitation. */
  limitationYears: Record<DisciplineForm, number | null>;
  /** D-7: a state body's notice must reach the party organization within this many days of its decision. */
  stateNoticeDays: number;
  /** D-7: a complaint must be filed within this many working days of receiving the decision. */
  complaintFilingWorkingDays: number;
  /** D-7: a complaint must be resolved within this many working days (central level: the second). */
  complaintResolutionWorkingDays: number;
  complaintResolutionWorkingDaysCentral: number;
}

export const DEFAULT_DISCIPLINE_RULES: DisciplineRuleSet = {
  limitationYears: {
    [DisciplineForm.REPRIMAND]: 5,
    [DisciplineForm.WARNING]: 10,
    [DisciplineForm.REMOVAL_FROM_POST]: 10,
    [DisciplineForm.EXPULSION]: null,
    [DisciplineForm.DISSOLUTION]: null,
  },
  stateNoticeDays: 5,
  complaintFilingWorkingDays: 30,
  complaintResolutionWorkingDays: 90,
  complaintResolutionWorkingDaysCentral: 180,
};

const FORM_VI: Record<DisciplineForm, string> = {
  REPRIMAND: 'khiển trách',
  WARNING: 'cảnh cáo',
  REMOVAL_FROM_POST: 'cách chức',
  EXPULSION: 'khai trừ',
  DISSOLUTION: 'giải tán',
};

const SUBJECT_VI: Record<DisciplineSubjectKind, string> = {
  ORG_UNIT: 'tổ chức đảng',
  OFFICIAL_MEMBER: 'đảng viên chính thức',
  PROBATIONARY_MEMBER: 'đảng viên dự bị',
};

/** Severity order, lightest first: a "heavier" form has a larger rank. */
export const FORM_RANK: Record<DisciplineForm, number> = {
  REPRIMAND: 1,
  WARNING: 2,
  REMOVAL_FROM_POST: 3,
  EXPULSION: 4,
  DISSOLUTION: 4,
};

export interface SubjectFacts {
  kind: DisciplineSubjectKind;
  /** For members: whether they hold a post (secretary, deputy, committee member …). */
  holdsPost: boolean;
}

/** D-3: the forms a subject may receive. */
export function allowedForms(subject: SubjectFacts): DisciplineForm[] {
  switch (subject.kind) {
    case DisciplineSubjectKind.ORG_UNIT:
      return [DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISSOLUTION];
    case DisciplineSubjectKind.OFFICIAL_MEMBER:
      return subject.holdsPost
        ? [DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.REMOVAL_FROM_POST, DisciplineForm.EXPULSION]
        : [DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.EXPULSION];
    case DisciplineSubjectKind.PROBATIONARY_MEMBER:
      return [DisciplineForm.REPRIMAND, DisciplineForm.WARNING];
  }
}

export function requireFormAllowed(subject: SubjectFacts, form: DisciplineForm): void {
  const allowed = allowedForms(subject);
  if (allowed.includes(form)) return;
  const post = form === DisciplineForm.REMOVAL_FROM_POST && subject.kind === DisciplineSubjectKind.OFFICIAL_MEMBER;
  throw new DomainError(
    'RULE_VIOLATION',
    {
      vi: post
        ? 'Chỉ cách chức đảng viên đang giữ chức vụ (D-3)'
        : `Không áp dụng hình thức ${FORM_VI[form]} với ${SUBJECT_VI[subject.kind]} (D-3)`,
      en: post ? 'Removal from post applies only to a member holding a post (D-3)' : `Form ${form} does not apply to ${subject.kind} (D-3)`,
    },
    { rule: 'D-3', field: 'form', form, subjectKind: subject.kind, allowedForms: allowed },
  );
}

/** The body that deliberates and decides: a party organization (cell or committee) or its inspection commission. */
export interface DecidingBody {
  orgUnitId: string;
  orgUnitKind: OrgUnitKind;
  /** Ids from the root down to the deciding unit. */
  lineage: string[];
}

export interface CaseSubjectPlace {
  subjectKind: DisciplineSubjectKind;
  /** The unit disciplined, or the cell the member belongs to. */
  orgUnitId: string;
  /** Lineage of that unit, root first. */
  lineage: string[];
}

const CELL_KINDS: readonly OrgUnitKind[] = [OrgUnitKind.CELL, OrgUnitKind.BASE_CELL, OrgUnitKind.PARTY_GROUP];

/**
 * D-4: whether the body may impose the form itself. A cell (chi bộ) imposes only REPRIMAND or
 * WARNING, only on its own members; anything heavier it proposes upward. A committee or its
 * inspection commission imposes any form on subjects below it (an org unit only from strictly
 * above it). Returns 'IMPOSE' or 'PROPOSE_UPWARD'; throws when the body has no say at all.
 */
export function authorityFor(body: DecidingBody, place: CaseSubjectPlace, form: DisciplineForm): 'IMPOSE' | 'PROPOSE_UPWARD' {
  const refuse = (vi: string, en: string) =>
    new DomainError('RULE_VIOLATION', { vi: `${vi} (D-4)`, en: `${en} (D-4)` }, { rule: 'D-4', field: 'decidingOrgUnitId', form });
  if (!place.lineage.includes(body.orgUnitId)) {
    throw refuse('Tổ chức này không có thẩm quyền với đối tượng', 'This body has no authority over the subject');
  }
  if (CELL_KINDS.includes(body.orgUnitKind)) {
    if (place.subjectKind === DisciplineSubjectKind.ORG_UNIT || place.orgUnitId !== body.orgUnitId) {
      throw refuse('Chi bộ chỉ xem xét kỷ luật đảng viên của chi bộ mình', 'A cell disciplines only its own members');
    }
    return FORM_RANK[form] <= FORM_RANK[DisciplineForm.WARNING] ? 'IMPOSE' : 'PROPOSE_UPWARD';
  }
  if (place.subjectKind === DisciplineSubjectKind.ORG_UNIT && place.orgUnitId === body.orgUnitId) {
    throw refuse('Tổ chức đảng không tự kỷ luật chính mình', 'An org unit is disciplined from above');
  }
  return 'IMPOSE';
}

export interface Violation {
  /** YYYY-MM-DD */
  occurredOn: string;
  category: ViolationCategory;
}

/**
 * D-5: the last day a decision may be taken, or null when there is no limit. Counted from the
 * violation; a new violation committed while the earlier one's limit still runs restarts it
 * from the new date. None for expulsion-level forms and for the listed categories.
 */
export function limitationEnds(violations: Violation[], form: DisciplineForm, rules: DisciplineRuleSet = DEFAULT_DISCIPLINE_RULES): string | null {
  const years = rules.limitationYears[form];
  if (years === null || years === undefined) return null;
  if (violations.some((v) => v.category !== ViolationCategory.ORDINARY)) return null;
  const dates = violations.map((v) => v.occurredOn).sort();
  if (!dates.length) return null;
  let start = dates[0];
  for (const d of dates.slice(1)) {
    if (d < addYears(start, years)) start = d;
  }
  return addDays(addYears(start, years), -1);
}

export function requireWithinLimitation(violations: Violation[], form: DisciplineForm, decidedOn: string, rules: DisciplineRuleSet = DEFAULT_DISCIPLINE_RULES): void {
  const ends = limitationEnds(violations, form, rules);
  if (ends !== null && decidedOn > ends) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Đã hết thời hiệu kỷ luật (hết ngày ${ends}) (D-5)`, en: `The statute of limitations ended on ${ends} (D-5)` },
      { rule: 'D-5', field: 'decidedOn', limitationEndedOn: ends },
    );
  }
}

export interface Deferral {
  reason: DeferralReason;
  from: string;
  /** Inclusive; null while it lasts. */
  until: string | null;
}

/** D-6: the deferral in force on the date, if any. */
export function deferralOn(deferrals: Deferral[], date: string): Deferral | null {
  return deferrals.find((d) => d.from <= date && (d.until === null || date <= d.until)) ?? null;
}

export function requireNotDeferred(deferrals: Deferral[], decidedOn: string): void {
  const d = deferralOn(deferrals, decidedOn);
  if (d) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Chưa xem xét kỷ luật trong thời gian đảng viên mang thai, nghỉ thai sản hoặc điều trị bệnh nặng (D-6)', en: 'No decision while the member is pregnant, on maternity leave or hospitalised (D-6)' },
      { rule: 'D-6', field: 'decidedOn', reason: d.reason, from: d.from, until: d.until },
    );
  }
}

/** D-7: a state body's notice must reach the party organization within the configured days of its decision. */
export function requireTimelyStateNotice(stateDecidedOn: string, receivedOn: string, rules: DisciplineRuleSet = DEFAULT_DISCIPLINE_RULES): void {
  if (receivedOn < stateDecidedOn) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày nhận thông báo trước ngày quyết định của cơ quan nhà nước', en: 'Notice received before the state decision' }, { rule: 'D-7', field: 'receivedOn' });
  }
  const latest = addDays(stateDecidedOn, rules.stateNoticeDays);
  if (receivedOn > latest) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Thông báo của cơ quan nhà nước phải đến trong ${rules.stateNoticeDays} ngày kể từ ngày quyết định (D-7)`, en: `A state body's notice must arrive within ${rules.stateNoticeDays} days of its decision (D-7)` },
      { rule: 'D-7', field: 'receivedOn', latest },
    );
  }
}

/** D-7: the last day to file a complaint against a decision received on `receivedOn`. */
export function complaintFilingDeadline(receivedOn: string, calendar: WorkingCalendar, rules: DisciplineRuleSet = DEFAULT_DISCIPLINE_RULES): string {
  return calendar.addWorkingDays(receivedOn, rules.complaintFilingWorkingDays);
}

/** D-7: the day by which a complaint filed on `filedOn` must be resolved. */
export function complaintResolutionDeadline(filedOn: string, central: boolean, calendar: WorkingCalendar, rules: DisciplineRuleSet = DEFAULT_DISCIPLINE_RULES): string {
  return calendar.addWorkingDays(filedOn, central ? rules.complaintResolutionWorkingDaysCentral : rules.complaintResolutionWorkingDays);
}
