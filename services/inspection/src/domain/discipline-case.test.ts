import {
  ComplaintOutcome,
  DeferralReason,
  DisciplineCaseStatus as St,
  DisciplineForm as F,
  DisciplineSubjectKind as S,
  DisciplineTrigger as T,
  DomainError,
  MemberStatus,
  OrgUnitKind,
  Role,
  type DomainEvent,
  type Principal,
} from '@chibo/domain';
import {
  CASE_TRANSITIONS,
  InvalidTransitionError,
  announceDecision,
  canReadCase,
  closeCase,
  decideCase,
  deliberateCase,
  fileComplaint,
  openDisciplineCase,
  proposeUpward,
  recordDeferral,
  resolveComplaint,
  startSelfReview,
  verifyCase,
  type DisciplineCase,
  type DisciplinePorts,
  type UnitFacts,
} from './discipline-case';
import { DEFAULT_DISCIPLINE_RULES } from './discipline-rules';
import { VN_CALENDAR } from '@chibo/domain';

const units: Record<string, UnitFacts> = {
  city: { id: 'city', kind: OrgUnitKind.COMMITTEE, lineage: ['city'] },
  ward: { id: 'ward', kind: OrgUnitKind.COMMITTEE, lineage: ['city', 'ward'] },
  cell: { id: 'cell', kind: OrgUnitKind.CELL, lineage: ['city', 'ward', 'cell'] },
};

function memoryPorts() {
  const cases = new Map<string, DisciplineCase>();
  const events: DomainEvent[] = [];
  const ports: DisciplinePorts = {
    findUnit: async (id) => units[id] ?? null,
    findInspectionOutcome: async (id) => (id === 'insp-found' ? { concluded: true, violationFound: true } : id === 'insp-clean' ? { concluded: true, violationFound: false } : id === 'insp-open' ? { concluded: false, violationFound: null } : null),
    findCase: async (id) => cases.get(id) ?? null,
    insertCase: async (c) => void cases.set(c.id, c),
    saveCase: async (c) => void cases.set(c.id, c),
    publish: (e) => void events.push(e),
    calendar: async () => VN_CALENDAR,
    rulesOn: async () => DEFAULT_DISCIPLINE_RULES,
    // m1: an official member holding no post, as membership would answer.
    memberFacts: async (id, on) =>
      id === 'm1' ? { id, fullName: 'Nguyễn Văn An', status: MemberStatus.OFFICIAL, cellId: 'cell', admittedOn: '2000-01-01', partyAgeYears: Number(on.slice(0, 4)) - 2000, posts: [] } : null,
    unitFacts: async (id) => (units[id] ? { id, name: 'Chi bộ', kind: units[id].kind, parentId: null, validFrom: '2020-01-01', validTo: null } : null),
  };
  return { ports, cases, events };
}

const inspector: Principal = { tenantId: 't', subject: 'inspector', roles: [Role.INSPECTOR], scopeOrgUnitId: 'city' };
const ballot = { eligible: 9, votesFor: 7, votesAgainst: 2 };

async function caseAt(status: St, ports: DisciplinePorts, over: Partial<Parameters<typeof openDisciplineCase>[1]> = {}) {
  let c = await openDisciplineCase(
    inspector,
    { trigger: T.DENUNCIATION, subjectKind: S.OFFICIAL_MEMBER, subjectMemberId: 'm1', orgUnitId: 'cell', title: 'Vi phạm', openedOn: '2026-01-05', violations: [{ occurredOn: '2025-12-01' }], ...over },
    ports,
  );
  const steps: [St, () => Promise<DisciplineCase>][] = [
    [St.SELF_REVIEW, () => startSelfReview(inspector, c.id, '2026-01-06', ports)],
    [St.VERIFIED, () => verifyCase(inspector, c.id, 'Có vi phạm', '2026-01-07', ports)],
    [St.DELIBERATED, () => deliberateCase(inspector, c.id, { deliberatingOrgUnitId: 'ward', proposedForm: F.EXPULSION, ballot, deliberatedOn: '2026-01-08' }, ports)],
    [St.DECIDED, () => decideCase(inspector, c.id, { decidingOrgUnitId: 'ward', form: F.EXPULSION, decisionNumber: '12-QĐ/UBKT', decidedOn: '2026-01-09' }, ports)],
    [St.ANNOUNCED, () => announceDecision(inspector, c.id, '2026-01-12', ports)],
    [St.CLOSED, () => closeCase(inspector, c.id, '2026-01-13', ports)],
  ];
  for (const [s, step] of steps) {
    if (c.status === status) break;
    c = await step();
    expect(c.status).toBe(s);
  }
  return c;
}

describe('D-7: the discipline case state machine', () => {
  const all = Object.values(St);
  const moves = {
    [St.SELF_REVIEW]: (p: DisciplinePorts, id: string) => startSelfReview(inspector, id, '2026-02-01', p),
    [St.VERIFIED]: (p: DisciplinePorts, id: string) => verifyCase(inspector, id, 'x', '2026-02-01', p),
    [St.DELIBERATED]: (p: DisciplinePorts, id: string) => deliberateCase(inspector, id, { deliberatingOrgUnitId: 'ward', proposedForm: F.WARNING, ballot, deliberatedOn: '2026-02-01' }, p),
    [St.PROPOSED_UPWARD]: (p: DisciplinePorts, id: string) => proposeUpward(inspector, id, 'city', '2026-02-01', p),
    [St.DECIDED]: (p: DisciplinePorts, id: string) => decideCase(inspector, id, { decidingOrgUnitId: 'ward', form: F.WARNING, decisionNumber: '1', decidedOn: '2026-02-02' }, p),
    [St.ANNOUNCED]: (p: DisciplinePorts, id: string) => announceDecision(inspector, id, '2026-02-03', p),
    [St.CLOSED]: (p: DisciplinePorts, id: string) => closeCase(inspector, id, '2026-02-03', p),
  } as const;
  const rows: [string, St, St][] = [];
  for (const from of [St.OPENED, St.SELF_REVIEW, St.VERIFIED, St.DECIDED, St.ANNOUNCED, St.CLOSED]) {
    for (const to of all.filter((s) => s !== St.OPENED)) {
      if (!CASE_TRANSITIONS[from].includes(to)) rows.push([`D-7: ${from} → ${to} is refused naming ${from} and its allowed states`, from, to]);
    }
  }
  it.each(rows)('%s', async (_name, from, to) => {
    const { ports, cases } = memoryPorts();
    const c = await caseAt(from, ports);
    const before = JSON.stringify(cases.get(c.id));
    const err = await moves[to as keyof typeof moves](ports, c.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidTransitionError);
    expect((err as DomainError).details).toEqual({
      rule: 'D-7',
      reason: 'INVALID_TRANSITION',
      currentState: from,
      requestedState: to,
      allowedStates: [...CASE_TRANSITIONS[from]],
    });
    expect(JSON.stringify(cases.get(c.id))).toBe(before);
  });

  it('D-7: the full path OPENED → … → CLOSED records each step, and announcing publishes DisciplineDecided effective that day (D-8)', async () => {
    const { ports, events } = memoryPorts();
    const c = await caseAt(St.CLOSED, ports);
    expect(c.history.map((h) => h.to)).toEqual([St.OPENED, St.SELF_REVIEW, St.VERIFIED, St.DELIBERATED, St.DECIDED, St.ANNOUNCED, St.CLOSED]);
    expect(events).toEqual([
      { type: 'DisciplineDecided', payload: { caseId: c.id, subjectKind: 'MEMBER', memberId: 'm1', orgUnitId: 'cell', form: F.EXPULSION, effectiveOn: '2026-01-12', annulled: false } },
    ]);
  });

  it('D-4: a cell that voted expulsion proposes it upward; only the committee decides it', async () => {
    const { ports } = memoryPorts();
    const c = await caseAt(St.VERIFIED, ports);
    await deliberateCase(inspector, c.id, { deliberatingOrgUnitId: 'cell', proposedForm: F.EXPULSION, ballot, deliberatedOn: '2026-01-08' }, ports);
    const byCell = await decideCase(inspector, c.id, { decidingOrgUnitId: 'cell', form: F.EXPULSION, decisionNumber: '1', decidedOn: '2026-01-09' }, ports).catch((e: DomainError) => e);
    expect((byCell as DomainError).details).toMatchObject({ rule: 'D-4' });
    const downward = await proposeUpward(inspector, c.id, 'cell', '2026-01-09', ports).catch((e: DomainError) => e);
    expect((downward as DomainError).details.rule).toBe('D-4');
    const up = await proposeUpward(inspector, c.id, 'ward', '2026-01-09', ports);
    expect(up.status).toBe(St.PROPOSED_UPWARD);
    const decided = await decideCase(inspector, c.id, { decidingOrgUnitId: 'ward', form: F.EXPULSION, decisionNumber: '5-QĐ/ĐU', decidedOn: '2026-01-10' }, ports);
    expect(decided).toMatchObject({ status: St.DECIDED, decidingOrgUnitId: 'ward', form: F.EXPULSION });
  });

  it('D-7: a ballot without a majority of those entitled cannot lead to a decision; the case closes', async () => {
    const { ports } = memoryPorts();
    const c = await caseAt(St.VERIFIED, ports);
    await deliberateCase(inspector, c.id, { deliberatingOrgUnitId: 'ward', proposedForm: F.WARNING, ballot: { eligible: 9, votesFor: 4, votesAgainst: 5 } }, ports);
    const err = await decideCase(inspector, c.id, { decidingOrgUnitId: 'ward', form: F.WARNING, decisionNumber: '1' }, ports).catch((e: DomainError) => e);
    expect((err as DomainError).details).toMatchObject({ rule: 'D-7', field: 'ballot' });
    expect((await closeCase(inspector, c.id, null, ports)).status).toBe(St.CLOSED);
  });

  it('D-3 at deliberation: removal from post for a member without a post is refused', async () => {
    const { ports } = memoryPorts();
    const c = await caseAt(St.VERIFIED, ports);
    const err = await deliberateCase(inspector, c.id, { deliberatingOrgUnitId: 'ward', proposedForm: F.REMOVAL_FROM_POST, ballot }, ports).catch((e: DomainError) => e);
    expect((err as DomainError).details.rule).toBe('D-3');
  });

  it('D-5 and D-6 at decision: a time-barred or deferred case cannot be decided', async () => {
    const { ports } = memoryPorts();
    const old = await caseAt(St.DELIBERATED, ports, { violations: [{ occurredOn: '2015-01-01' }] });
    const barred = await decideCase(inspector, old.id, { decidingOrgUnitId: 'ward', form: F.WARNING, decisionNumber: '1', decidedOn: '2026-01-09' }, ports).catch((e: DomainError) => e);
    expect((barred as DomainError).details.rule).toBe('D-5');
    const expel = await decideCase(inspector, old.id, { decidingOrgUnitId: 'ward', form: F.EXPULSION, decidedOn: '2026-01-09', decisionNumber: '2' }, ports);
    expect(expel.status).toBe(St.DECIDED);

    const c = await caseAt(St.DELIBERATED, ports);
    await recordDeferral(inspector, c.id, { reason: DeferralReason.PREGNANCY, from: '2026-01-01', until: '2026-06-30' }, ports);
    const deferred = await decideCase(inspector, c.id, { decidingOrgUnitId: 'ward', form: F.WARNING, decisionNumber: '1', decidedOn: '2026-03-01' }, ports).catch((e: DomainError) => e);
    expect((deferred as DomainError).details).toMatchObject({ rule: 'D-6', reason: DeferralReason.PREGNANCY });
    expect((await decideCase(inspector, c.id, { decidingOrgUnitId: 'ward', form: F.WARNING, decisionNumber: '1', decidedOn: '2026-07-01' }, ports)).status).toBe(St.DECIDED);
  });

  it.each<[string, string, string, boolean]>([
    ['D-7: a state notice 5 days after the state decision opens a case', '2026-03-02', '2026-03-07', true],
    ['D-7: a state notice 6 days after is refused', '2026-03-02', '2026-03-08', false],
  ])('%s', async (_name, stateDecidedOn, openedOn, ok) => {
    const { ports } = memoryPorts();
    const r = await openDisciplineCase(
      inspector,
      { trigger: T.STATE_NOTICE, stateDecidedOn, subjectKind: S.OFFICIAL_MEMBER, subjectMemberId: 'm1', orgUnitId: 'cell', title: 'Án hình sự', openedOn, violations: [{ occurredOn: '2026-01-01' }] },
      ports,
    ).catch((e: DomainError) => e);
    if (ok) expect(r).toMatchObject({ status: St.OPENED, stateDecidedOn });
    else expect((r as DomainError).details.rule).toBe('D-7');
  });

  it.each<[string, string | null, string | null]>([
    ['D-2: an inspection concluded with a violation opens a case', 'insp-found', null],
    ['D-2: an inspection that found no violation does not', 'insp-clean', 'RULE_VIOLATION'],
    ['D-2: an inspection not yet concluded does not', 'insp-open', 'RULE_VIOLATION'],
    ['D-2: an unknown inspection does not', 'insp-unknown', 'NOT_FOUND'],
    ['D-2: a case by inspection must name it', null, 'NOT_FOUND'],
  ])('%s', async (_name, inspectionId, code) => {
    const { ports } = memoryPorts();
    const r = await openDisciplineCase(
      inspector,
      { trigger: T.INSPECTION, inspectionId, subjectKind: S.ORG_UNIT, orgUnitId: 'cell', title: 'Chi bộ vi phạm', openedOn: '2026-03-07', violations: [{ occurredOn: '2026-01-01' }] },
      ports,
    ).catch((e: DomainError) => e);
    if (code === null) expect(r).toMatchObject({ status: St.OPENED, inspectionId });
    else expect((r as DomainError).code).toBe(code);
  });

  // Announced Mon 26/1/2026: 30 working days end Mon 16/3 because Tết (16–20/2) is not counted.
  it.each<[string, string, boolean]>([
    ['D-7: a complaint on working day 30 across Tết is accepted', '2026-03-16', true],
    ['D-7: a complaint on working day 31 across Tết is refused', '2026-03-17', false],
  ])('%s', async (_name, filedOn, ok) => {
    const { ports } = memoryPorts();
    let c = await caseAt(St.DECIDED, ports);
    c = await announceDecision(inspector, c.id, '2026-01-26', ports);
    const r = await fileComplaint(inspector, c.id, { filedOn }, ports).catch((e: DomainError) => e);
    if (ok) expect((r as DisciplineCase).complaint).toMatchObject({ filedOn, dueOn: VN_CALENDAR.addWorkingDays(filedOn, 90) });
    else expect((r as DomainError).details).toMatchObject({ rule: 'D-7', latest: '2026-03-16' });
  });

  // The tenant's own days (T-1, per tenant) layered on: a local holiday on Wed 4/3 pushes the last day to Tue 17/3;
  // a worked Saturday 7/3 pulls it back to Mon 16/3 again; both together cancel out.
  it.each<[string, { holidays: string[]; workedWeekends: string[] }, string, boolean]>([
    ['D-7: a tenant holiday moves the deadline by a day: day 31 nationally is now accepted', { holidays: ['2026-03-04'], workedWeekends: [] }, '2026-03-17', true],
    ['D-7: a tenant holiday moves the deadline by a day: the day after is refused', { holidays: ['2026-03-04'], workedWeekends: [] }, '2026-03-18', false],
    ['D-7: a worked Saturday counts as a working day: day 30 comes a day earlier', { holidays: [], workedWeekends: ['2026-03-07'] }, '2026-03-16', false],
    ['D-7: a worked Saturday counts as a working day: the new last day is accepted', { holidays: [], workedWeekends: ['2026-03-07'] }, '2026-03-13', true],
  ])('%s', async (_name, overrides, filedOn, ok) => {
    const { ports } = memoryPorts();
    const calendar = VN_CALENDAR.withOverrides(overrides);
    ports.calendar = async () => calendar;
    let c = await caseAt(St.DECIDED, ports);
    c = await announceDecision(inspector, c.id, '2026-01-26', ports);
    const r = await fileComplaint(inspector, c.id, { filedOn }, ports).catch((e: DomainError) => e);
    if (ok) expect((r as DisciplineCase).complaint).toMatchObject({ filedOn, dueOn: calendar.addWorkingDays(filedOn, 90) });
    else expect((r as DomainError).code).toBe('RULE_VIOLATION');
  });

  it('D-7/D-8: an annulled complaint publishes the decision annulled; a reduced one annuls and publishes the lighter form', async () => {
    for (const outcome of [ComplaintOutcome.ANNULLED, ComplaintOutcome.REDUCED, ComplaintOutcome.UPHELD]) {
      const { ports, events } = memoryPorts();
      const c = await caseAt(St.ANNOUNCED, ports);
      await fileComplaint(inspector, c.id, { filedOn: '2026-01-20' }, ports);
      await resolveComplaint(inspector, c.id, { outcome, resolvedOn: '2026-03-02', reducedForm: outcome === ComplaintOutcome.REDUCED ? F.WARNING : null }, ports);
      const after = events.slice(1).map((e) => (e.type === 'DisciplineDecided' ? [e.payload.form, e.payload.annulled, e.payload.effectiveOn] : null));
      expect(after).toEqual(
        outcome === ComplaintOutcome.ANNULLED
          ? [[F.EXPULSION, true, '2026-03-02']]
          : outcome === ComplaintOutcome.REDUCED
            ? [[F.EXPULSION, true, '2026-03-02'], [F.WARNING, false, '2026-03-02']]
            : [],
      );
    }
  });
});

describe('confidentiality of cases (D, first paragraph)', () => {
  const p = (roles: Role[], scope: string | null, scopes?: string[]): Principal => ({ tenantId: 't', subject: 's', roles, scopeOrgUnitId: scope, scopes });
  it.each<[string, Principal, boolean]>([
    ['D: an inspector of the city reads a cell’s case', p([Role.INSPECTOR], 'city'), true],
    ['D: an inspector of another ward does not', p([Role.INSPECTOR], 'ward-2'), false],
    ['D: a city admin does not', p([Role.CITY_ADMIN], null), false],
    ['D: committee staff do not', p([Role.COMMITTEE_STAFF], 'city'), false],
    ['D: the cell secretary does not', p([Role.CELL_SECRETARY], 'cell'), false],
    ['D: a member does not', p([Role.MEMBER], 'cell'), false],
    ['D: an integrator key does not', p([Role.INTEGRATOR], null, ['membership:read']), false],
    ['D: an integrator key explicitly granted discipline:read does', p([Role.INTEGRATOR], null, ['discipline:read']), true],
  ])('%s', (_name, principal, ok) => {
    expect(canReadCase(principal, units.cell)).toBe(ok);
  });

  it('D: only inspectors of the subtree change a case, others are told it does not exist', async () => {
    const { ports } = memoryPorts();
    const c = await caseAt(St.OPENED, ports);
    for (const who of [p([Role.INSPECTOR], 'ward-2'), p([Role.COMMITTEE_STAFF], 'city'), p([Role.CITY_ADMIN], null)]) {
      const err = await startSelfReview(who, c.id, null, ports).catch((e: DomainError) => e);
      expect((err as DomainError).code).toBe('NOT_FOUND');
    }
  });
});

describe('D-3 on membership’s record, not on what was typed', () => {
  const facts = (status: MemberStatus, posts: { kind: never; orgUnitId: string; startsOn: string }[] = []) => async (id: string) =>
    ({ id, fullName: 'Trần Văn Bình', status, cellId: 'cell', admittedOn: '2010-05-19', partyAgeYears: 15, posts });
  const open = (ports: DisciplinePorts, subjectKind: S, memberId = 'm2') =>
    openDisciplineCase(inspector, { trigger: T.DENUNCIATION, subjectKind, subjectMemberId: memberId, orgUnitId: 'cell', title: 'Vi phạm', openedOn: '2026-01-05', violations: [{ occurredOn: '2025-12-01' }] }, ports);

  it.each([
    ['D-3: a probationary member on record cannot be treated as official', MemberStatus.PROBATIONARY, S.OFFICIAL_MEMBER, 'RULE_VIOLATION'],
    ['D-3: an official member on record cannot be treated as probationary', MemberStatus.OFFICIAL, S.PROBATIONARY_MEMBER, 'RULE_VIOLATION'],
    ['D-3: a member who has since transferred out is judged as the kind given', MemberStatus.TRANSFERRED_OUT, S.OFFICIAL_MEMBER, null],
    ['D-3: an official member on record', MemberStatus.OFFICIAL, S.OFFICIAL_MEMBER, null],
  ])('%s', async (_name, status, kind, code) => {
    const { ports } = memoryPorts();
    ports.memberFacts = facts(status);
    const res = await open(ports, kind).catch((e: DomainError) => e);
    if (code) expect(res).toMatchObject({ code, details: { rule: 'D-3', field: 'subjectKind', memberStatus: status } });
    else expect(res).toMatchObject({ subject: { name: 'Trần Văn Bình', memberStatus: status, partyAgeYears: 15 } });
  });

  it('D-3: a member membership does not know is not found; the post held comes from the record (REMOVAL_FROM_POST)', async () => {
    const { ports } = memoryPorts();
    expect(await open(ports, S.OFFICIAL_MEMBER, 'nobody').catch((e: DomainError) => e.code)).toBe('NOT_FOUND');
    ports.memberFacts = facts(MemberStatus.OFFICIAL, [{ kind: 'SECRETARY' as never, orgUnitId: 'cell', startsOn: '2024-01-01' }]);
    const c = await open(ports, S.OFFICIAL_MEMBER);
    expect(c.holdsPost).toBe(true);
    expect(c.subject?.posts).toEqual(['SECRETARY']);
    // The post ended before the deliberation: removal from post is no longer a form for this member.
    ports.memberFacts = facts(MemberStatus.OFFICIAL);
    await startSelfReview(inspector, c.id, '2026-01-06', ports);
    await verifyCase(inspector, c.id, 'Có vi phạm', '2026-01-07', ports);
    const err = await deliberateCase(inspector, c.id, { deliberatingOrgUnitId: 'ward', proposedForm: F.REMOVAL_FROM_POST, ballot, deliberatedOn: '2026-01-08' }, ports).catch((e: DomainError) => e);
    expect(err).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'D-3' } });
  });
});
