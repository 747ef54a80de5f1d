import { randomUUID } from 'node:crypto';
import {
  ComplaintOutcome,
  DeferralReason,
  DisciplineCaseStatus,
  DisciplineForm,
  DisciplineSubjectKind,
  DisciplineTrigger,
  DomainError,
  MemberStatus,
  OrgUnitKind,
  Role,
  ViolationCategory,
  hasRole,
  isInScope,
  nfc,
  requireInScope,
  requireTenant,
  type DomainEvent,
  type Principal,
} from '@chibo/domain';
import {
  FORM_RANK,
  authorityFor,
  complaintFilingDeadline,
  complaintResolutionDeadline,
  requireFormAllowed,
  requireNotDeferred,
  requireTimelyStateNotice,
  requireWithinLimitation,
  type Deferral,
  type DisciplineRuleSet,
  type Violation,
} from './discipline-rules';
import { isIsoDate, type WorkingCalendar } from '@chibo/domain';
import { memberSnapshot, unitSnapshot, type SubjectFactsPorts, type SubjectSnapshot } from './subject';

/** Bỏ phiếu kín — secret-ballot counts of a deliberation (D-7). */
export interface Ballot {
  eligible: number;
  votesFor: number;
  votesAgainst: number;
}

export interface Complaint {
  filedOn: string;
  central: boolean;
  dueOn: string;
  outcome: ComplaintOutcome | null;
  resolvedOn: string | null;
  reducedForm: DisciplineForm | null;
}

export interface CaseTransition {
  from: DisciplineCaseStatus | null;
  to: DisciplineCaseStatus;
  on: string;
  by: string;
}

/** Vụ việc kỷ luật — a discipline case (DOMAIN.md D-3 … D-8). Confidential. */
export interface DisciplineCase {
  id: string;
  tenantId: string;
  status: DisciplineCaseStatus;
  trigger: DisciplineTrigger;
  inspectionId: string | null;
  subjectKind: DisciplineSubjectKind;
  /** The unit disciplined, or the cell the member belonged to when the case was opened. */
  orgUnitId: string;
  subjectMemberId: string | null;
  holdsPost: boolean;
  title: string;
  openedOn: string;
  stateDecidedOn: string | null;
  violations: Violation[];
  deferrals: Deferral[];
  findings: string | null;
  deliberatingOrgUnitId: string | null;
  proposedForm: DisciplineForm | null;
  ballot: Ballot | null;
  deliberatedOn: string | null;
  proposedToOrgUnitId: string | null;
  decidingOrgUnitId: string | null;
  form: DisciplineForm | null;
  decisionNumber: string | null;
  decidedOn: string | null;
  announcedOn: string | null;
  closedOn: string | null;
  complaint: Complaint | null;
  history: CaseTransition[];
  /** What membership knew of the subject when the case was opened (not typed in). */
  subject: SubjectSnapshot | null;
}

export type { SubjectSnapshot } from './subject';

export interface UnitFacts {
  id: string;
  kind: OrgUnitKind;
  lineage: string[];
}

export interface DisciplinePorts {
  findUnit(id: string): Promise<UnitFacts | null>;
  /** The originating inspection's outcome, for D-2: only one that found a violation opens a case. */
  findInspectionOutcome(id: string): Promise<{ concluded: boolean; violationFound: boolean | null } | null>;
  findCase(id: string): Promise<DisciplineCase | null>;
  insertCase(c: DisciplineCase, createdBy: string): Promise<void>;
  saveCase(c: DisciplineCase): Promise<void>;
  publish(event: DomainEvent): void;
  /** The national working-day calendar with the tenant's own days layered on (D-7 deadlines). */
  calendar(): Promise<WorkingCalendar>;
  /** The tenant's rule set in force on a date (D-5, D-7 thresholds). */
  rulesOn(date: string): Promise<DisciplineRuleSet>;
  /** The subject's facts from membership on a date; null when membership does not know them. */
  memberFacts: SubjectFactsPorts['memberFacts'];
  unitFacts: SubjectFactsPorts['unitFacts'];
}

/** D-7 as an explicit state machine: the states each state may move to. */
export const CASE_TRANSITIONS: Readonly<Record<DisciplineCaseStatus, readonly DisciplineCaseStatus[]>> = {
  OPENED: [DisciplineCaseStatus.SELF_REVIEW],
  SELF_REVIEW: [DisciplineCaseStatus.VERIFIED],
  VERIFIED: [DisciplineCaseStatus.DELIBERATED],
  // A ballot that does not reach a majority ends the case without discipline.
  DELIBERATED: [DisciplineCaseStatus.PROPOSED_UPWARD, DisciplineCaseStatus.DECIDED, DisciplineCaseStatus.CLOSED],
  // The higher body decides, or decides not to discipline.
  PROPOSED_UPWARD: [DisciplineCaseStatus.DECIDED, DisciplineCaseStatus.CLOSED],
  DECIDED: [DisciplineCaseStatus.ANNOUNCED],
  ANNOUNCED: [DisciplineCaseStatus.CLOSED],
  CLOSED: [],
};

/** The typed refusal of a move the workflow does not allow: names the current state and the allowed ones. */
export class InvalidTransitionError extends DomainError {
  constructor(readonly currentState: DisciplineCaseStatus, readonly requested: DisciplineCaseStatus) {
    const allowed = CASE_TRANSITIONS[currentState];
    super(
      'RULE_VIOLATION',
      {
        vi: `Vụ việc đang ở bước ${currentState}, không chuyển sang ${requested} được; được chuyển sang: ${allowed.join(', ') || '(không)'} (D-7)`,
        en: `The case is ${currentState} and cannot move to ${requested}; allowed: ${allowed.join(', ') || '(none)'} (D-7)`,
      },
      { rule: 'D-7', reason: 'INVALID_TRANSITION', currentState, requestedState: requested, allowedStates: [...allowed] },
    );
  }
}

export function transition(c: DisciplineCase, to: DisciplineCaseStatus, on: string, by: string): DisciplineCase {
  if (!CASE_TRANSITIONS[c.status].includes(to)) throw new InvalidTransitionError(c.status, to);
  return { ...c, status: to, history: [...c.history, { from: c.status, to, on, by }] };
}

// ── access ──────────────────────────────────────────────────────────────────────────────────

export { DISCIPLINE_READ_SCOPE, canReadCase, requireAuditReader } from './confidentiality';
export { canSeeCounts as canSeeCaseCounts } from './confidentiality';

/** Only inspectors of the subtree change a case. */
function requireCaseWriter(principal: Principal, unit: UnitFacts): void {
  requireTenant(principal);
  if (!hasRole(principal, Role.INSPECTOR)) {
    throw new DomainError('FORBIDDEN', { vi: 'Chỉ cán bộ kiểm tra được xử lý vụ việc kỷ luật', en: 'Only inspectors handle discipline cases' });
  }
  requireInScope(principal, unit.lineage, unit.id);
}

// ── commands ────────────────────────────────────────────────────────────────────────────────

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function date(value: string | null | undefined, field: string, fallback?: string): string {
  const v = value ?? fallback;
  if (!isIsoDate(v)) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Ngày không hợp lệ (YYYY-MM-DD): ${field}`, en: `Invalid date (YYYY-MM-DD): ${field}` }, { field });
  }
  return v;
}

function text(value: string | null | undefined, field: string, max: number): string {
  const v = nfc(value ?? '');
  if (!v || v.length > max) {
    throw new DomainError('BAD_USER_INPUT', { vi: `${field} phải có từ 1 đến ${max} ký tự`, en: `${field} must be 1 to ${max} characters` }, { field });
  }
  return v;
}

const caseNotFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy vụ việc kỷ luật', en: 'Discipline case not found' }, { caseId: id });
const unitNotFound = (id: string, field: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id, field });

export interface OpenDisciplineCaseCommand {
  trigger: DisciplineTrigger;
  inspectionId?: string | null;
  subjectKind: DisciplineSubjectKind;
  orgUnitId: string;
  subjectMemberId?: string | null;
  holdsPost?: boolean | null;
  title: string;
  openedOn?: string | null;
  violations: { occurredOn: string; category?: ViolationCategory | null }[];
  stateDecidedOn?: string | null;
}

export async function openDisciplineCase(principal: Principal, cmd: OpenDisciplineCaseCommand, ports: DisciplinePorts): Promise<DisciplineCase> {
  const tenantId = requireTenant(principal);
  const unit = await ports.findUnit(cmd.orgUnitId);
  if (!unit) throw unitNotFound(cmd.orgUnitId, 'orgUnitId');
  requireCaseWriter(principal, unit);
  const isMember = cmd.subjectKind !== DisciplineSubjectKind.ORG_UNIT;
  if (isMember !== Boolean(cmd.subjectMemberId)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      { vi: 'Đảng viên bị xem xét phải được chỉ rõ (và chỉ khi đối tượng là đảng viên)', en: 'subjectMemberId is required for a member, and only for a member' },
      { rule: 'D-3', field: 'subjectMemberId' },
    );
  }
  const openedOn = date(cmd.openedOn, 'openedOn', today());
  if (!cmd.violations?.length) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Cần ít nhất một vi phạm có ngày', en: 'At least one dated violation is required' }, { rule: 'D-5', field: 'violations' });
  }
  const violations = cmd.violations.map((v, i) => ({
    occurredOn: date(v.occurredOn, `violations.${i}.occurredOn`),
    category: v.category ?? ViolationCategory.ORDINARY,
  }));
  if (violations.some((v) => v.occurredOn > openedOn)) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày vi phạm sau ngày mở vụ việc', en: 'A violation is dated after the case was opened' }, { field: 'violations' });
  }
  let stateDecidedOn: string | null = null;
  if (cmd.trigger === DisciplineTrigger.STATE_NOTICE) {
    stateDecidedOn = date(cmd.stateDecidedOn, 'stateDecidedOn');
    requireTimelyStateNotice(stateDecidedOn, openedOn, await ports.rulesOn(stateDecidedOn));
  }
  const { subject, holdsPost } = await subjectOf(cmd, unit.id, openedOn, ports);
  let inspectionId: string | null = null;
  if (cmd.trigger === DisciplineTrigger.INSPECTION) {
    const outcome = cmd.inspectionId ? await ports.findInspectionOutcome(cmd.inspectionId) : null;
    if (!outcome) {
      throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc kiểm tra làm căn cứ', en: 'The originating inspection was not found' }, { field: 'inspectionId' });
    }
    if (!outcome.concluded || !outcome.violationFound) {
      throw new DomainError(
        'RULE_VIOLATION',
        { vi: 'Chỉ mở vụ việc kỷ luật từ cuộc kiểm tra đã kết luận có vi phạm (D-2)', en: 'Only an inspection concluded with a violation opens a case (D-2)' },
        { rule: 'D-2', field: 'inspectionId' },
      );
    }
    inspectionId = cmd.inspectionId!;
  }
  const c: DisciplineCase = {
    id: randomUUID(),
    tenantId,
    status: DisciplineCaseStatus.OPENED,
    trigger: cmd.trigger,
    inspectionId,
    subjectKind: cmd.subjectKind,
    orgUnitId: unit.id,
    subjectMemberId: cmd.subjectMemberId ?? null,
    holdsPost,
    title: text(cmd.title, 'title', 300),
    openedOn,
    stateDecidedOn,
    violations,
    deferrals: [],
    findings: null,
    deliberatingOrgUnitId: null,
    proposedForm: null,
    ballot: null,
    deliberatedOn: null,
    proposedToOrgUnitId: null,
    decidingOrgUnitId: null,
    form: null,
    decisionNumber: null,
    decidedOn: null,
    announcedOn: null,
    closedOn: null,
    complaint: null,
    history: [{ from: null, to: DisciplineCaseStatus.OPENED, on: openedOn, by: principal.subject }],
    subject,
  };
  await ports.insertCase(c, principal.subject);
  return c;
}

/** D-3 is judged on membership's record, not on what was typed: official or probationary, post held. */
async function subjectOf(cmd: OpenDisciplineCaseCommand, orgUnitId: string, on: string, ports: DisciplinePorts): Promise<{ subject: SubjectSnapshot | null; holdsPost: boolean }> {
  if (cmd.subjectKind === DisciplineSubjectKind.ORG_UNIT) {
    const u = await ports.unitFacts(orgUnitId, on);
    const subject = u ? unitSnapshot(u, on) : null;
    return { subject, holdsPost: false };
  }
  const m = await ports.memberFacts(cmd.subjectMemberId!, on);
  if (!m) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy đảng viên', en: 'Member not found' }, { field: 'subjectMemberId' });
  const expected =
    m.status === MemberStatus.PROBATIONARY ? DisciplineSubjectKind.PROBATIONARY_MEMBER : m.status === MemberStatus.OFFICIAL || m.status === MemberStatus.EXEMPT ? DisciplineSubjectKind.OFFICIAL_MEMBER : null;
  // A member who has since left (transferred, removed) is judged as they were: the kind given stands.
  if (expected && expected !== cmd.subjectKind) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Theo hồ sơ, đảng viên là ${m.status === MemberStatus.PROBATIONARY ? 'đảng viên dự bị' : 'đảng viên chính thức'} (D-3)`, en: `Membership records the member as ${m.status} (D-3)` },
      { rule: 'D-3', field: 'subjectKind', memberStatus: m.status, expected },
    );
  }
  const subject = memberSnapshot(m, on);
  return { subject, holdsPost: m.posts.length > 0 };
}

/** Whether the member holds a post on the day of a step (D-3: REMOVAL_FROM_POST needs one); the record on the case if membership cannot tell. */
async function holdsPostOn(c: DisciplineCase, on: string, ports: DisciplinePorts): Promise<boolean> {
  if (!c.subjectMemberId) return false;
  const m = await ports.memberFacts(c.subjectMemberId, on);
  return m ? m.posts.length > 0 : c.holdsPost;
}

/** Loads a case the principal may change; anything else is "not found". */
async function loadForWrite(principal: Principal, caseId: string, ports: DisciplinePorts): Promise<{ c: DisciplineCase; unit: UnitFacts }> {
  requireTenant(principal);
  const c = await ports.findCase(caseId);
  const unit = c ? await ports.findUnit(c.orgUnitId) : null;
  if (!c || !unit || !hasRole(principal, Role.INSPECTOR) || !isInScope(principal, unit.lineage)) throw caseNotFound(caseId);
  return { c, unit };
}

const subjectPlace = (c: DisciplineCase, unit: UnitFacts) => ({ subjectKind: c.subjectKind, orgUnitId: c.orgUnitId, lineage: unit.lineage });

export async function startSelfReview(principal: Principal, caseId: string, on: string | null | undefined, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c } = await loadForWrite(principal, caseId, ports);
  const next = transition(c, DisciplineCaseStatus.SELF_REVIEW, date(on, 'on', today()), principal.subject);
  await ports.saveCase(next);
  return next;
}

export async function verifyCase(principal: Principal, caseId: string, findings: string, on: string | null | undefined, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c } = await loadForWrite(principal, caseId, ports);
  const next = { ...transition(c, DisciplineCaseStatus.VERIFIED, date(on, 'on', today()), principal.subject), findings: text(findings, 'findings', 10_000) };
  await ports.saveCase(next);
  return next;
}

export interface DeliberateCommand {
  deliberatingOrgUnitId: string;
  proposedForm: DisciplineForm;
  ballot: Ballot;
  deliberatedOn?: string | null;
}

/** Whether a secret ballot carries: more than half of those entitled to vote (D-7). */
export function ballotCarries(b: Ballot): boolean {
  return b.votesFor * 2 > b.eligible;
}

function requireBallot(b: Ballot): void {
  const ints = [b.eligible, b.votesFor, b.votesAgainst].every((n) => Number.isInteger(n) && n >= 0);
  if (!ints || b.eligible < 1 || b.votesFor + b.votesAgainst > b.eligible) {
    throw new DomainError(
      'BAD_USER_INPUT',
      { vi: 'Số phiếu không hợp lệ: phiếu đồng ý và không đồng ý không vượt quá số người có quyền biểu quyết', en: 'Invalid ballot: votes for and against cannot exceed those entitled to vote' },
      { rule: 'D-7', field: 'ballot' },
    );
  }
}

export async function deliberateCase(principal: Principal, caseId: string, cmd: DeliberateCommand, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c, unit } = await loadForWrite(principal, caseId, ports);
  const on = date(cmd.deliberatedOn, 'deliberatedOn', today());
  const next = transition(c, DisciplineCaseStatus.DELIBERATED, on, principal.subject);
  const holdsPost = await holdsPostOn(c, on, ports);
  requireFormAllowed({ kind: c.subjectKind, holdsPost }, cmd.proposedForm);
  const body = await ports.findUnit(cmd.deliberatingOrgUnitId);
  if (!body || !isInScope(principal, body.lineage)) throw unitNotFound(cmd.deliberatingOrgUnitId, 'deliberatingOrgUnitId');
  authorityFor({ orgUnitId: body.id, orgUnitKind: body.kind, lineage: body.lineage }, subjectPlace(c, unit), cmd.proposedForm);
  requireBallot(cmd.ballot);
  const saved = { ...next, holdsPost, deliberatingOrgUnitId: body.id, proposedForm: cmd.proposedForm, ballot: { ...cmd.ballot }, deliberatedOn: on };
  await ports.saveCase(saved);
  return saved;
}

/** D-4: the deliberating body lacks authority for the form it voted, so it proposes it to a body above. */
export async function proposeUpward(principal: Principal, caseId: string, toOrgUnitId: string, on: string | null | undefined, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c, unit } = await loadForWrite(principal, caseId, ports);
  const next = transition(c, DisciplineCaseStatus.PROPOSED_UPWARD, date(on, 'on', today()), principal.subject);
  requireCarried(c);
  const from = await ports.findUnit(c.deliberatingOrgUnitId!);
  const to = await ports.findUnit(toOrgUnitId);
  if (!to || !isInScope(principal, to.lineage)) throw unitNotFound(toOrgUnitId, 'toOrgUnitId');
  if (!from || to.id === from.id || !from.lineage.includes(to.id)) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Chỉ đề nghị lên cấp ủy hoặc ủy ban kiểm tra cấp trên (D-4)', en: 'A proposal goes to a body above (D-4)' }, { rule: 'D-4', field: 'toOrgUnitId' });
  }
  authorityFor({ orgUnitId: to.id, orgUnitKind: to.kind, lineage: to.lineage }, subjectPlace(c, unit), c.proposedForm!);
  const saved = { ...next, proposedToOrgUnitId: to.id };
  await ports.saveCase(saved);
  return saved;
}

function requireCarried(c: DisciplineCase): void {
  if (c.status === DisciplineCaseStatus.DELIBERATED && c.ballot && !ballotCarries(c.ballot)) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Biểu quyết không quá nửa số người có quyền biểu quyết: không kỷ luật (D-7)', en: 'The ballot did not carry a majority of those entitled: no discipline (D-7)' },
      { rule: 'D-7', field: 'ballot', ballot: c.ballot },
    );
  }
}

export interface DecideCommand {
  decidingOrgUnitId: string;
  form: DisciplineForm;
  decisionNumber: string;
  decidedOn?: string | null;
}

export async function decideCase(principal: Principal, caseId: string, cmd: DecideCommand, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c, unit } = await loadForWrite(principal, caseId, ports);
  const decidedOn = date(cmd.decidedOn, 'decidedOn', today());
  const next = transition(c, DisciplineCaseStatus.DECIDED, decidedOn, principal.subject);
  requireCarried(c);
  const holdsPost = await holdsPostOn(c, decidedOn, ports);
  requireFormAllowed({ kind: c.subjectKind, holdsPost }, cmd.form);
  const body = await ports.findUnit(cmd.decidingOrgUnitId);
  if (!body || !isInScope(principal, body.lineage)) throw unitNotFound(cmd.decidingOrgUnitId, 'decidingOrgUnitId');
  if (authorityFor({ orgUnitId: body.id, orgUnitKind: body.kind, lineage: body.lineage }, subjectPlace(c, unit), cmd.form) === 'PROPOSE_UPWARD') {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Chi bộ chỉ quyết định khiển trách hoặc cảnh cáo; hình thức nặng hơn phải đề nghị lên cấp trên (D-4)', en: 'A cell imposes only REPRIMAND or WARNING; a heavier form is proposed upward (D-4)' },
      { rule: 'D-4', field: 'form', form: cmd.form },
    );
  }
  requireNotDeferred(c.deferrals, decidedOn);
  requireWithinLimitation(c.violations, cmd.form, decidedOn, await ports.rulesOn(decidedOn));
  const saved = { ...next, holdsPost, decidingOrgUnitId: body.id, form: cmd.form, decisionNumber: text(cmd.decisionNumber, 'decisionNumber', 60), decidedOn };
  await ports.saveCase(saved);
  return saved;
}

function decidedEvent(c: DisciplineCase, form: DisciplineForm, effectiveOn: string, annulled: boolean): DomainEvent {
  return {
    type: 'DisciplineDecided',
    payload: {
      caseId: c.id,
      subjectKind: c.subjectKind === DisciplineSubjectKind.ORG_UNIT ? 'ORG_UNIT' : 'MEMBER',
      memberId: c.subjectMemberId,
      orgUnitId: c.orgUnitId,
      form,
      effectiveOn,
      annulled,
    },
  };
}

/** The decision takes effect on announcement (D-7) and its effects travel by event (D-8). */
export async function announceDecision(principal: Principal, caseId: string, on: string | null | undefined, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c } = await loadForWrite(principal, caseId, ports);
  const announcedOn = date(on, 'announcedOn', today());
  const next = transition(c, DisciplineCaseStatus.ANNOUNCED, announcedOn, principal.subject);
  if (announcedOn < c.decidedOn!) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày công bố trước ngày quyết định', en: 'Announced before it was decided' }, { field: 'announcedOn' });
  }
  const saved = { ...next, announcedOn };
  await ports.saveCase(saved);
  ports.publish(decidedEvent(saved, saved.form!, announcedOn, false));
  return saved;
}

export async function closeCase(principal: Principal, caseId: string, on: string | null | undefined, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c } = await loadForWrite(principal, caseId, ports);
  const closedOn = date(on, 'closedOn', today());
  const next = transition(c, DisciplineCaseStatus.CLOSED, closedOn, principal.subject);
  const saved = { ...next, closedOn };
  await ports.saveCase(saved);
  return saved;
}

export async function recordDeferral(principal: Principal, caseId: string, d: { reason: DeferralReason; from: string; until?: string | null }, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c } = await loadForWrite(principal, caseId, ports);
  if (c.subjectKind === DisciplineSubjectKind.ORG_UNIT || c.form !== null || c.status === DisciplineCaseStatus.CLOSED) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Chỉ hoãn xem xét kỷ luật đảng viên chưa có quyết định (D-6)', en: 'Only an undecided case of a member can be deferred (D-6)' }, { rule: 'D-6', currentState: c.status });
  }
  const from = date(d.from, 'from');
  const until = d.until == null ? null : date(d.until, 'until');
  if (until !== null && until < from) throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày kết thúc trước ngày bắt đầu', en: 'Ends before it starts' }, { field: 'until' });
  const saved = { ...c, deferrals: [...c.deferrals, { reason: d.reason, from, until }] };
  await ports.saveCase(saved);
  return saved;
}

export async function fileComplaint(principal: Principal, caseId: string, cmd: { filedOn: string; central?: boolean | null }, ports: DisciplinePorts): Promise<DisciplineCase> {
  const { c } = await loadForWrite(principal, caseId, ports);
  if (!c.announcedOn) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Chỉ khiếu nại quyết định kỷ luật đã công bố (D-7)', en: 'Only an announced decision can be complained about (D-7)' }, { rule: 'D-7', currentState: c.status });
  }
  if (c.complaint) throw new DomainError('CONFLICT', { vi: 'Vụ việc đã có khiếu nại', en: 'A complaint was already filed' }, { rule: 'D-7' });
  // Judged by the rules in force when the decision was announced.
  const rules = await ports.rulesOn(c.announcedOn);
  const filedOn = date(cmd.filedOn, 'filedOn');
  // The subject receives the decision when it is announced to them.
  const calendar = await ports.calendar();
  const latest = complaintFilingDeadline(c.announcedOn, calendar, rules);
  if (filedOn < c.announcedOn || filedOn > latest) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Khiếu nại phải nộp trong ${rules.complaintFilingWorkingDays} ngày làm việc kể từ khi nhận quyết định (hạn cuối ${latest}) (D-7)`, en: `A complaint must be filed within ${rules.complaintFilingWorkingDays} working days of receipt (last day ${latest}) (D-7)` },
      { rule: 'D-7', field: 'filedOn', latest },
    );
  }
  const central = Boolean(cmd.central);
  const saved = { ...c, complaint: { filedOn, central, dueOn: complaintResolutionDeadline(filedOn, central, calendar, rules), outcome: null, resolvedOn: null, reducedForm: null } };
  await ports.saveCase(saved);
  return saved;
}

/** The decision stays in force meanwhile; ANNULLED restores the subject's rights, REDUCED replaces the form (D-7, D-8). */
export async function resolveComplaint(
  principal: Principal,
  caseId: string,
  cmd: { outcome: ComplaintOutcome; resolvedOn: string; reducedForm?: DisciplineForm | null },
  ports: DisciplinePorts,
): Promise<DisciplineCase> {
  const { c } = await loadForWrite(principal, caseId, ports);
  if (!c.complaint || c.complaint.outcome) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Không có khiếu nại đang chờ giải quyết (D-7)', en: 'No complaint is pending (D-7)' }, { rule: 'D-7' });
  }
  const resolvedOn = date(cmd.resolvedOn, 'resolvedOn');
  if (resolvedOn < c.complaint.filedOn) throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày giải quyết trước ngày khiếu nại', en: 'Resolved before filed' }, { field: 'resolvedOn' });
  let reducedForm: DisciplineForm | null = null;
  if (cmd.outcome === ComplaintOutcome.REDUCED) {
    if (!cmd.reducedForm) throw new DomainError('BAD_USER_INPUT', { vi: 'Cần hình thức kỷ luật mới', en: 'reducedForm is required' }, { field: 'reducedForm' });
    requireFormAllowed({ kind: c.subjectKind, holdsPost: c.holdsPost }, cmd.reducedForm);
    if (FORM_RANK[cmd.reducedForm] >= FORM_RANK[c.form!]) {
      throw new DomainError('RULE_VIOLATION', { vi: 'Hình thức mới phải nhẹ hơn hình thức đã quyết định (D-7)', en: 'The reduced form must be lighter (D-7)' }, { rule: 'D-7', field: 'reducedForm' });
    }
    reducedForm = cmd.reducedForm;
  }
  const saved = { ...c, complaint: { ...c.complaint, outcome: cmd.outcome, resolvedOn, reducedForm } };
  await ports.saveCase(saved);
  if (cmd.outcome !== ComplaintOutcome.UPHELD) ports.publish(decidedEvent(c, c.form!, resolvedOn, true));
  if (reducedForm) ports.publish(decidedEvent(c, reducedForm, resolvedOn, false));
  return saved;
}
