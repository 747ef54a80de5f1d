import type { ClientBase } from 'pg';
import {
  ComplaintOutcome,
  DeferralReason,
  DisciplineCaseStatus as St,
  DisciplineForm as F,
  DisciplineSubjectKind as Subj,
  DisciplineTrigger as Trig,
  InspectionKind,
  InspectionStatus,
  InspectionSubjectKind,
  MemberStatus,
  OrgUnitKind,
  SupervisionKind,
  SupervisionStatus,
  VN_CALENDAR_LENIENT,
  ViolationCategory,
  addDays,
  type GenerateProgress,
  type GeneratedMember,
  type GeneratedOrgUnit,
  type GeneratedTenant,
  SeededRandom,
} from '@chibo/domain';
import { copyRows } from '@chibo/service-kit';
import type { CaseTransition, Complaint, DisciplineCase, SubjectSnapshot } from '../domain/discipline-case';
import { complaintFilingDeadline, complaintResolutionDeadline, DEFAULT_DISCIPLINE_RULES, FORM_RANK, type Deferral, type Violation } from '../domain/discipline-rules';
import type { InspectionStep } from '../domain/inspections';
import { PlanWork, type PlanItem } from '../domain/plans';

/**
 * Demo volumes for inspection (issue 5): about 35 discipline cases a year per 8,400 members and
 * some twenty times as many supervisions and inspections, with every kind, form and state, and
 * dates that obey the rules (D-2 steps in order, D-4 authority, D-5 limitation, D-6 deferral,
 * D-7 workflow and complaint deadlines). Deterministic from `tenant.seed`; written with COPY in
 * the caller's transaction, which has `app.tenant_id` set (row-level security checks every row).
 */
export interface InspectionGenerated {
  orgUnits: number;
  plans: number;
  supervisions: number;
  inspections: number;
  disciplineCases: number;
}

/** Cases a year per member (35 for Hà Tĩnh's 8,400) and supervision/inspection records per case. */
const CASES_PER_MEMBER_YEAR = 35 / 8400;
const SUPERVISIONS_PER_CASE = 12;
const INSPECTIONS_PER_CASE = 8;
const BY = 'generator';

type Random = SeededRandom;

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const max = (a: string, b: string) => (a > b ? a : b);

const SUPERVISION_TITLES = ['Giám sát việc thực hiện nghị quyết của chi bộ', 'Giám sát việc tu dưỡng, rèn luyện đạo đức, lối sống', 'Giám sát công tác phát triển đảng viên', 'Giám sát việc thực hiện Quy định 213', 'Giám sát sinh hoạt chi bộ định kỳ'];
const INSPECTION_TITLES: Record<InspectionKind, string> = {
  SIGNS_OF_VIOLATION: 'Kiểm tra khi có dấu hiệu vi phạm',
  PLANNED: 'Kiểm tra việc chấp hành nghị quyết, chỉ thị của Đảng',
  DISCIPLINE_ENFORCEMENT: 'Kiểm tra việc thi hành kỷ luật trong Đảng',
  FINANCE: 'Kiểm tra tài chính đảng',
  ASSET_DECLARATION: 'Kiểm tra việc kê khai tài sản, thu nhập',
};
const CASE_TITLES = ['Vi phạm quy định về những điều đảng viên không được làm', 'Vi phạm nguyên tắc tập trung dân chủ', 'Vi phạm trong quản lý, sử dụng đất đai', 'Vi phạm chính sách dân số', 'Vi phạm trong thực hiện nhiệm vụ được giao'];

interface Place {
  unit: GeneratedOrgUnit;
  lineage: string[];
  path: string;
}

export async function generateInspection(client: ClientBase, tenant: GeneratedTenant, progress?: GenerateProgress): Promise<InspectionGenerated> {
  const r = new SeededRandom(tenant.seed ^ 0x1a5bec7);
  const t = tenant.tenantId;

  // ── the org tree projection ──────────────────────────────────────────────────────────────
  const byId = new Map(tenant.units.map((u) => [u.id, u]));
  const places = new Map<string, Place>();
  const placeOf = (id: string): Place => {
    const known = places.get(id);
    if (known) return known;
    const unit = byId.get(id)!;
    const lineage = unit.parentId ? [...placeOf(unit.parentId).lineage, id] : [id];
    const p = { unit, lineage, path: `/${lineage.join('/')}/` };
    places.set(id, p);
    return p;
  };
  tenant.units.forEach((u) => placeOf(u.id));
  progress?.('inspection: org tree', 0, tenant.units.length);
  await copyRows(client, 'inspection.org_unit', ['tenant_id', 'id', 'parent_id', 'kind', 'path'], tenant.units.map((u) => [t, u.id, u.parentId, u.kind, placeOf(u.id).path]));
  progress?.('inspection: org tree', tenant.units.length, tenant.units.length);

  const cells = tenant.units.filter((u) => u.kind === OrgUnitKind.CELL || u.kind === OrgUnitKind.BASE_CELL);
  const subjectsOfUnit = tenant.units.filter((u) => u.parentId);
  const members = tenant.members.filter((m) => m.status === MemberStatus.OFFICIAL || m.status === MemberStatus.PROBATIONARY);
  const officials = members.filter((m) => m.status === MemberStatus.OFFICIAL);
  const parentOf = (unitId: string) => byId.get(byId.get(unitId)!.parentId ?? unitId)!;
  /** The nearest committee above (or at) a unit: whose yearly plan covers it. */
  const committeeOf = (unitId: string): GeneratedOrgUnit => {
    const lineage = placeOf(unitId).lineage;
    for (let i = lineage.length - 1; i >= 0; i--) if (byId.get(lineage[i])!.kind === OrgUnitKind.COMMITTEE) return byId.get(lineage[i])!;
    return byId.get(lineage[0])!;
  };
  const dayBetween = (from: string, to: string) => addDays(from, r.int(0, Math.max(0, days(from, to))));

  const years = days(tenant.from, tenant.to) / 365.25;
  const caseCount = Math.max(13, Math.round(tenant.members.length * CASES_PER_MEMBER_YEAR * years));
  const plans = new Map<string, { id: string; orgUnitId: string; year: number; items: PlanItem[] }>();
  const planItem = (unitId: string, on: string, work: PlanWork, kind: SupervisionKind | InspectionKind, title: string): string => {
    const committee = committeeOf(unitId);
    const year = Number(on.slice(0, 4));
    const key = `${committee.id}:${year}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = { id: r.uuid(), orgUnitId: committee.id, year, items: [] }));
    const item: PlanItem = { id: r.uuid(), work, kind, targetOrgUnitId: unitId, title, dueQuarter: Math.min(4, Math.floor((Number(on.slice(5, 7)) - 1) / 3) + 1 + r.int(0, 1)) };
    plan.items.push(item);
    return item.id;
  };

  // ── supervisions (D-1) ───────────────────────────────────────────────────────────────────
  const supervisionRows: unknown[][] = [];
  const addSupervision = (o: { kind?: SupervisionKind; unitId?: string; member?: GeneratedMember | null; startedOn?: string; concluded?: boolean; signs?: boolean }) => {
    const member = o.member !== undefined ? o.member : members.length && r.chance(0.3) ? r.pick(members) : null;
    const unitId = o.unitId ?? member?.cellId ?? r.pick(subjectsOfUnit).id;
    const kind = o.kind ?? r.weighted([[SupervisionKind.REGULAR, 6], [SupervisionKind.THEMATIC, 4]] as const);
    const startedOn = o.startedOn ?? dayBetween(max(tenant.from, byId.get(unitId)!.validFrom), tenant.to);
    const concludedOn = addDays(startedOn, r.int(10, 90));
    const concluded = (o.concluded ?? r.chance(0.8)) && concludedOn <= tenant.to;
    const signs = concluded ? (o.signs ?? r.chance(0.15)) : null;
    const title = r.pick(SUPERVISION_TITLES);
    const planned = r.chance(0.6);
    const id = r.uuid();
    supervisionRows.push([
      t, id, BY, kind, concluded ? SupervisionStatus.CONCLUDED : SupervisionStatus.OPEN, unitId, member?.id ?? null, planned,
      planned ? planItem(unitId, startedOn, PlanWork.SUPERVISION, kind, title) : null, title, startedOn,
      concluded ? (signs ? 'Có dấu hiệu vi phạm, đề nghị kiểm tra' : 'Thực hiện tốt, không có dấu hiệu vi phạm') : null, signs, concluded ? concludedOn : null,
    ]);
    return { id, concludedOn, signs };
  };

  // ── inspections (D-2) ────────────────────────────────────────────────────────────────────
  const inspectionRows: unknown[][] = [];
  const STEPS = [InspectionStatus.DECIDED, InspectionStatus.SUBJECT_NOTIFIED, InspectionStatus.SELF_REPORTED, InspectionStatus.VERIFIED, InspectionStatus.CONCLUDED];
  const addInspection = (o: { kind?: InspectionKind; member?: GeneratedMember | null; unitId?: string; target?: InspectionStatus; concludeBy?: string; violation?: boolean }) => {
    const kind = o.kind ?? r.pick(Object.values(InspectionKind));
    const member = o.member !== undefined ? o.member : members.length && r.chance(0.4) ? r.pick(members) : null;
    const unitId = o.unitId ?? member?.cellId ?? r.pick(subjectsOfUnit).id;
    const target = o.target ?? r.weighted([[InspectionStatus.CONCLUDED, 70], [InspectionStatus.DECIDED, 5], [InspectionStatus.SUBJECT_NOTIFIED, 5], [InspectionStatus.SELF_REPORTED, 10], [InspectionStatus.VERIFIED, 10]] as const);
    const gaps = STEPS.slice(1).map(() => r.int(3, 20));
    const span = gaps.reduce((s, g) => s + g, 0);
    const latest = o.concludeBy ? addDays(o.concludeBy, -span) : addDays(tenant.to, -span);
    const decidedOn = dayBetween(max(tenant.from, byId.get(unitId)!.validFrom), max(latest, tenant.from));
    const history: InspectionStep[] = [{ from: null, to: InspectionStatus.DECIDED, on: decidedOn, by: BY }];
    let on = decidedOn;
    for (let i = 1; i <= STEPS.indexOf(target); i++) {
      on = addDays(on, gaps[i - 1]);
      if (on > tenant.to) break;
      history.push({ from: STEPS[i - 1], to: STEPS[i], on, by: BY });
    }
    const status = history[history.length - 1].to;
    const concluded = status === InspectionStatus.CONCLUDED;
    const violation = concluded ? (o.violation ?? r.chance(0.25)) : null;
    const title = INSPECTION_TITLES[kind];
    const id = r.uuid();
    inspectionRows.push([
      t, id, BY, kind, status, member ? InspectionSubjectKind.MEMBER : InspectionSubjectKind.ORG_UNIT, unitId, member?.id ?? null, title, decidedOn,
      kind === InspectionKind.PLANNED ? planItem(unitId, decidedOn, PlanWork.INSPECTION, kind, title) : null, null, violation,
      concluded ? (violation ? 'Kết luận có vi phạm, đề nghị xem xét kỷ luật' : 'Không có vi phạm') : null, concluded ? on : null, history,
    ]);
    return { id, concluded, concludedOn: concluded ? on : null };
  };

  // ── discipline cases (D-3 … D-7) ─────────────────────────────────────────────────────────
  const cases: DisciplineCase[] = [];
  const CASE_STATES = [St.OPENED, St.SELF_REVIEW, St.VERIFIED, St.DELIBERATED, St.PROPOSED_UPWARD, St.DECIDED, St.ANNOUNCED, St.CLOSED];
  const FORMS = [F.REPRIMAND, F.WARNING, F.REMOVAL_FROM_POST, F.EXPULSION, F.DISSOLUTION];
  const OUTCOMES = [ComplaintOutcome.UPHELD, ComplaintOutcome.REDUCED, ComplaintOutcome.ANNULLED];
  const outcomesSeen = new Set<ComplaintOutcome>();
  let decisions = 0;
  for (let n = 0; n < caseCount; n++) {
    progress?.('inspection: discipline cases', n, caseCount);
    // The first cases walk through every state and every form, so the smallest tenant shows them all.
    const target = n < CASE_STATES.length ? CASE_STATES[n] : r.weighted([[St.CLOSED, 55], [St.ANNOUNCED, 15], [St.DECIDED, 5], [St.OPENED, 5], [St.SELF_REVIEW, 5], [St.VERIFIED, 5], [St.DELIBERATED, 5], [St.PROPOSED_UPWARD, 5]] as const);
    let form: F =
      n >= CASE_STATES.length && n < CASE_STATES.length + FORMS.length
        ? FORMS[n - CASE_STATES.length]
        : r.weighted([[F.REPRIMAND, 40], [F.WARNING, 32], [F.REMOVAL_FROM_POST, 8], [F.EXPULSION, 12], [F.DISSOLUTION, 3]] as const);
    if (target === St.PROPOSED_UPWARD && FORM_RANK[form] <= FORM_RANK[F.WARNING]) form = F.EXPULSION;
    if (form !== F.DISSOLUTION && !officials.length) form = F.DISSOLUTION;
    // D-3: the subject fits the form.
    const heavy = FORM_RANK[form] > FORM_RANK[F.WARNING];
    const unitSubject = form === F.DISSOLUTION || (!heavy && r.chance(0.05)) || !members.length;
    const member = unitSubject ? null : heavy ? r.pick(officials) : r.pick(members);
    const unitPool = subjectsOfUnit.filter((u) => u.kind !== OrgUnitKind.PARTY_GROUP);
    const unit = member ? byId.get(member.cellId)! : r.pick(unitPool.length ? unitPool : subjectsOfUnit);
    const subjectKind = !member ? Subj.ORG_UNIT : member.status === MemberStatus.PROBATIONARY ? Subj.PROBATIONARY_MEMBER : Subj.OFFICIAL_MEMBER;
    // D-4: a cell imposes up to a warning on its own members; heavier forms, and units, are for the committee above.
    const parent = parentOf(unit.id);
    const cellDecides = !!member && !heavy;
    const deliberating = member ? unit.id : parent.id;
    const deciding = cellDecides ? unit.id : parent.id;
    const upward = !!member && heavy;

    const gaps = { self: r.int(1, 7), verify: r.int(7, 25), deliberate: r.int(3, 12), propose: r.int(2, 6), decide: r.int(2, 14), announce: r.int(1, 7), close: r.int(30, 90) };
    const deferred = !!member && target !== St.OPENED && r.chance(0.06);
    const deferral = deferred ? r.int(20, 120) : 0;
    const total = gaps.self + gaps.verify + deferral + gaps.deliberate + gaps.propose + gaps.decide + gaps.announce + gaps.close;
    const openedOn = dayBetween(max(tenant.from, unit.validFrom), max(addDays(tenant.to, -total), max(tenant.from, unit.validFrom)));
    const trigger = r.weighted([[Trig.INSPECTION, 35], [Trig.SUPERVISION, 20], [Trig.DENUNCIATION, 35], [Trig.STATE_NOTICE, member ? 10 : 0]] as const);
    let inspectionId: string | null = null;
    if (trigger === Trig.INSPECTION) {
      // D-2: only an inspection concluded with a violation opens a case.
      const i = addInspection({ kind: InspectionKind.SIGNS_OF_VIOLATION, member, unitId: unit.id, target: InspectionStatus.CONCLUDED, concludeBy: openedOn, violation: true });
      if (i.concluded && i.concludedOn! <= openedOn) inspectionId = i.id;
    } else if (trigger === Trig.SUPERVISION) addSupervision({ unitId: unit.id, member, startedOn: dayBetween(max(tenant.from, addDays(openedOn, -150)), addDays(openedOn, -100)), concluded: true, signs: true });
    // D-5: violations well inside the shortest limitation (5 years), restarted by a later one now and then.
    const first = addDays(openedOn, -r.int(20, 900));
    const violations: Violation[] = [{ occurredOn: first, category: r.chance(0.03) ? ViolationCategory.INTERNAL_POLITICAL_SECURITY : ViolationCategory.ORDINARY }];
    if (r.chance(0.2)) violations.push({ occurredOn: dayBetween(first, addDays(openedOn, -1)), category: ViolationCategory.ORDINARY });

    const history: CaseTransition[] = [{ from: null, to: St.OPENED, on: openedOn, by: BY }];
    const c: DisciplineCase = {
      id: r.uuid(), tenantId: t, status: St.OPENED, trigger: inspectionId || trigger !== Trig.INSPECTION ? trigger : Trig.DENUNCIATION, inspectionId,
      subjectKind, orgUnitId: unit.id, subjectMemberId: member?.id ?? null, holdsPost: form === F.REMOVAL_FROM_POST || (!!member && member.status === MemberStatus.OFFICIAL && r.chance(0.15)),
      title: r.pick(CASE_TITLES), openedOn, stateDecidedOn: trigger === Trig.STATE_NOTICE ? addDays(openedOn, -r.int(0, DEFAULT_DISCIPLINE_RULES.stateNoticeDays)) : null,
      violations, deferrals: [], findings: null, deliberatingOrgUnitId: null, proposedForm: null, ballot: null, deliberatedOn: null, proposedToOrgUnitId: null,
      decidingOrgUnitId: null, form: null, decisionNumber: null, decidedOn: null, announcedOn: null, closedOn: null, complaint: null, history,
      subject: subjectOf(member, unit, tenant, openedOn, form === F.REMOVAL_FROM_POST),
    };
    let on = openedOn;
    const step = (to: St, gap: number): boolean => {
      const next = addDays(on, gap);
      if (next > tenant.to) return false;
      history.push({ from: c.status, to, on: next, by: BY });
      c.status = to;
      on = next;
      return true;
    };
    const reached = (s: St) => CASE_STATES.indexOf(target) >= CASE_STATES.indexOf(s) && !(s === St.PROPOSED_UPWARD && !upward);
    if (reached(St.SELF_REVIEW) && step(St.SELF_REVIEW, gaps.self) && reached(St.VERIFIED) && step(St.VERIFIED, gaps.verify)) {
      c.findings = 'Qua thẩm tra, xác minh: có vi phạm';
      if (deferred) {
        // D-6: no decision during the deferral; the work resumes after it.
        const d: Deferral = { reason: r.pick(Object.values(DeferralReason)), from: addDays(on, 1), until: addDays(on, deferral) };
        c.deferrals = [d];
        on = d.until!;
      }
      if (reached(St.DELIBERATED) && step(St.DELIBERATED, gaps.deliberate)) {
        const eligible = r.int(5, 15);
        const votesFor = Math.min(eligible, Math.floor(eligible / 2) + 1 + r.int(0, 3));
        Object.assign(c, { deliberatingOrgUnitId: deliberating, proposedForm: form, ballot: { eligible, votesFor, votesAgainst: r.int(0, eligible - votesFor) }, deliberatedOn: on });
        const proposed = !upward || (reached(St.PROPOSED_UPWARD) && step(St.PROPOSED_UPWARD, gaps.propose));
        if (upward && proposed) c.proposedToOrgUnitId = parent.id;
        if (proposed && reached(St.DECIDED) && step(St.DECIDED, gaps.decide)) {
          decisions++;
          Object.assign(c, { decidingOrgUnitId: deciding, form, decisionNumber: `${decisions}-QĐ/${cellDecides ? 'CB' : 'ĐU'}`, decidedOn: on });
          if (reached(St.ANNOUNCED) && step(St.ANNOUNCED, gaps.announce)) {
            c.announcedOn = on;
            // Until every outcome has occurred, each announced decision draws a complaint aiming at a missing one.
            const missing = OUTCOMES.find((o) => !outcomesSeen.has(o));
            c.complaint = complaintOf(c, r, tenant.to, missing ?? (r.chance(0.12) ? r.pick(OUTCOMES) : null));
            if (c.complaint?.outcome) outcomesSeen.add(c.complaint.outcome);
            if (reached(St.CLOSED) && step(St.CLOSED, gaps.close)) c.closedOn = on;
          }
        }
      }
    }
    cases.push(c);
  }

  // ── the bulk of supervisions and inspections ─────────────────────────────────────────────
  const supervisionTarget = Math.max(cases.length * SUPERVISIONS_PER_CASE, 4);
  for (let i = 0; supervisionRows.length < supervisionTarget; i++) {
    addSupervision(i < 2 ? { kind: i ? SupervisionKind.THEMATIC : SupervisionKind.REGULAR, concluded: i === 0 } : {});
    if (i % 500 === 0) progress?.('inspection: supervisions', supervisionRows.length, supervisionTarget);
  }
  const inspectionTarget = Math.max(cases.length * INSPECTIONS_PER_CASE, 10);
  const KINDS = Object.values(InspectionKind);
  for (let i = 0; inspectionRows.length < inspectionTarget; i++) {
    addInspection(i < KINDS.length ? { kind: KINDS[i], target: STEPS[i % STEPS.length] } : {});
    if (i % 500 === 0) progress?.('inspection: inspections', inspectionRows.length, inspectionTarget);
  }

  progress?.('inspection: writing', 0, 4);
  await copyRows(client, 'inspection.inspection_plan', ['tenant_id', 'id', 'created_by', 'org_unit_id', 'year', 'title', 'items'], [...plans.values()].map((p) => [t, p.id, BY, p.orgUnitId, p.year, `Kế hoạch kiểm tra, giám sát năm ${p.year}`, p.items]));
  await copyRows(
    client,
    'inspection.supervision',
    ['tenant_id', 'id', 'created_by', 'kind', 'status', 'org_unit_id', 'subject_member_id', 'planned', 'plan_item_id', 'title', 'started_on', 'findings', 'signs_of_violation', 'concluded_on'],
    supervisionRows,
  );
  await copyRows(
    client,
    'inspection.inspection',
    ['tenant_id', 'id', 'created_by', 'kind', 'status', 'subject_kind', 'org_unit_id', 'subject_member_id', 'title', 'decided_on', 'plan_item_id', 'supervision_id', 'violation_found', 'conclusion', 'concluded_on', 'history'],
    inspectionRows,
  );
  const caseColumns = ['tenant_id', 'id', 'created_by', 'status', 'trigger', 'inspection_id', 'subject_kind', 'org_unit_id', 'subject_member_id', 'holds_post', 'title', 'opened_on', 'state_decided_on', 'violations', 'deferrals', 'findings', 'deliberating_org_unit_id', 'proposed_form', 'ballot', 'deliberated_on', 'proposed_to_org_unit_id', 'deciding_org_unit_id', 'form', 'decision_number', 'decided_on', 'announced_on', 'closed_on', 'complaint', 'history', 'subject'];
  await copyRows(
    client,
    'inspection.discipline_case',
    caseColumns,
    cases.map((c) => [
      t, c.id, BY, c.status, c.trigger, c.inspectionId, c.subjectKind, c.orgUnitId, c.subjectMemberId, c.holdsPost, c.title, c.openedOn, c.stateDecidedOn, c.violations, c.deferrals, c.findings,
      c.deliberatingOrgUnitId, c.proposedForm, c.ballot, c.deliberatedOn, c.proposedToOrgUnitId, c.decidingOrgUnitId, c.form, c.decisionNumber, c.decidedOn, c.announcedOn, c.closedOn, c.complaint, c.history, c.subject,
    ]),
  );
  progress?.('inspection: writing', 4, 4);
  return { orgUnits: tenant.units.length, plans: plans.size, supervisions: supervisionRows.length, inspections: inspectionRows.length, disciplineCases: cases.length };
}

function subjectOf(member: GeneratedMember | null, unit: GeneratedOrgUnit, tenant: GeneratedTenant, on: string, holdsPost: boolean): SubjectSnapshot {
  if (!member) return { asOf: on, name: unit.name, memberStatus: null, cellId: null, partyAgeYears: null, posts: [], unitKind: unit.kind, dissolvedOn: null };
  const age = Math.floor(days(member.admittedOn, on) / 365.25);
  return { asOf: on, name: member.fullName, memberStatus: member.status, cellId: member.cellId, partyAgeYears: age >= 0 ? age : null, posts: holdsPost ? ['SECRETARY'] : [], unitKind: null, dissolvedOn: null };
}

/** D-7: a complaint filed within 30 working days of the announcement, resolved (if at all) within its own deadline. */
function complaintOf(c: DisciplineCase, r: Random, to: string, outcome: ComplaintOutcome | null): Complaint | null {
  if (!outcome) return null;
  const calendar = VN_CALENDAR_LENIENT;
  const latest = complaintFilingDeadline(c.announcedOn!, calendar);
  const filedOn = calendar.addWorkingDays(c.announcedOn!, r.int(1, 29));
  if (filedOn > latest || filedOn > to) return null;
  const dueOn = complaintResolutionDeadline(filedOn, false, calendar);
  const resolvedOn = calendar.addWorkingDays(filedOn, r.int(15, 85));
  const lighter = [F.REPRIMAND, F.WARNING].filter((f) => FORM_RANK[f] < FORM_RANK[c.form!]);
  const final = outcome === ComplaintOutcome.REDUCED && !lighter.length ? ComplaintOutcome.UPHELD : outcome;
  if (resolvedOn > to || resolvedOn > dueOn) return { filedOn, central: false, dueOn, outcome: null, resolvedOn: null, reducedForm: null };
  return { filedOn, central: false, dueOn, outcome: final, resolvedOn, reducedForm: final === ComplaintOutcome.REDUCED ? lighter[lighter.length - 1] : null };
}
