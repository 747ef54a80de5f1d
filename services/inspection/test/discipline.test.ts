import { randomUUID } from 'node:crypto';
import { DisciplineForm, DisciplineSubjectKind, DisciplineTrigger, Role, monthPeriod } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';

type Client = Awaited<ReturnType<TenantHandle['user']>>;

const CASE = 'id status allowedNextStates form decisionNumber announcedOn title';
const OPEN = `mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { disciplineCase { ${CASE} } } }`;
const step = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { disciplineCase { ${CASE} } } }`;
const SELF_REVIEW = step('startDisciplineSelfReview', 'DisciplineCaseStepInput');
const VERIFY = step('verifyDisciplineCase', 'VerifyDisciplineCaseInput');
const DELIBERATE = step('deliberateDisciplineCase', 'DeliberateDisciplineCaseInput');
const PROPOSE = step('proposeDisciplineUpward', 'ProposeDisciplineUpwardInput');
const DECIDE = step('decideDisciplineCase', 'DecideDisciplineCaseInput');
const ANNOUNCE = step('announceDisciplineDecision', 'DisciplineCaseStepInput');
const BY_ID = 'query($id: ID!) { disciplineCase(id: $id) { id title form } }';
const LIST = 'query($u: ID!) { disciplineCases(orgUnitId: $u, first: 10) { totalCount nodes { id title } } }';
const NESTED = 'query($u: ID!) { orgUnit(id: $u) { id disciplineCases(first: 10) { totalCount nodes { id title } } } }';
const COUNTS = 'query($u: ID!) { disciplineCaseCounts(orgUnitId: $u) { total open byForm { form count } } }';
const READS = 'query($c: ID) { disciplineCaseReads(caseId: $c, first: 50) { totalCount nodes { caseId reader via fields readerRoles } } }';
const MINE = '{ myDisciplineDecisions { caseId form decisionNumber effectiveOn complaintDeadline } }';

const REGISTER = 'mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }';
let cardNumber = Date.now();

/** A member on membership's rolls: cases are judged on membership's record of them (D-3). */
async function registerMember(city: TenantHandle, cellId: string, status: 'OFFICIAL' | 'PROBATIONARY' = 'OFFICIAL'): Promise<string> {
  const dates = status === 'OFFICIAL' ? { admittedOn: '2001-03-26', officialOn: '2002-03-26' } : { admittedOn: '2026-06-01' };
  const res = await city.admin.ok(REGISTER, { i: { cellId, fullName: 'Phan Văn Đức', dateOfBirth: '1980-07-01', gender: 'MALE', status, partyCardNumber: `${cardNumber++}`, ...dates } });
  return res.registerMember.member.id;
}

/** A case of a member of the cell, taken to the given point by an inspector of the city. */
async function expulsionCase(inspector: Client, tree: { ward: string; cell: string }, memberId: string, upTo: 'OPENED' | 'ANNOUNCED' = 'ANNOUNCED') {
  const opened = await inspector.ok(OPEN, {
    i: {
      trigger: DisciplineTrigger.DENUNCIATION,
      subjectKind: DisciplineSubjectKind.OFFICIAL_MEMBER,
      orgUnitId: tree.cell,
      subjectMemberId: memberId,
      title: 'Vi phạm quy định về những điều đảng viên không được làm',
      openedOn: '2026-03-02',
      violations: [{ occurredOn: '2025-11-20' }],
    },
  });
  const id: string = opened.openDisciplineCase.disciplineCase.id;
  if (upTo === 'OPENED') return id;
  await inspector.ok(SELF_REVIEW, { i: { caseId: id, on: '2026-03-03' } });
  await inspector.ok(VERIFY, { i: { caseId: id, findings: 'Xác minh có vi phạm', on: '2026-03-10' } });
  await inspector.ok(DELIBERATE, { i: { caseId: id, deliberatingOrgUnitId: tree.ward, proposedForm: DisciplineForm.EXPULSION, eligibleVoters: 11, votesFor: 9, votesAgainst: 2, on: '2026-03-16' } });
  await inspector.ok(DECIDE, { i: { caseId: id, decidingOrgUnitId: tree.ward, form: DisciplineForm.EXPULSION, decisionNumber: '15-QĐ/ĐU', on: '2026-03-17' } });
  await inspector.ok(ANNOUNCE, { i: { caseId: id, on: '2026-03-20' } });
  return id;
}

describe('discipline cases through the gateway (D-3 … D-8)', () => {
  const stack = useStack();

  it('D-7/D-4/D-8: a cell votes expulsion, proposes it upward, the ward decides; announcing publishes DisciplineDecided once', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const memberId = await registerMember(city, tree.cell);
    const id = await expulsionCase(inspector, tree, memberId, 'OPENED');
    await inspector.ok(SELF_REVIEW, { i: { caseId: id, on: '2026-03-03' } });
    await inspector.ok(VERIFY, { i: { caseId: id, findings: 'Có vi phạm', on: '2026-03-10' } });
    const delib = await inspector.ok(DELIBERATE, {
      i: { caseId: id, deliberatingOrgUnitId: tree.cell, proposedForm: DisciplineForm.EXPULSION, eligibleVoters: 9, votesFor: 7, votesAgainst: 2, on: '2026-03-16' },
    });
    expect(delib.deliberateDisciplineCase.disciplineCase).toMatchObject({ status: 'DELIBERATED', allowedNextStates: ['PROPOSED_UPWARD', 'DECIDED', 'CLOSED'] });

    // D-4: the cell cannot impose expulsion itself.
    const byCell = await inspector.execute(DECIDE, { i: { caseId: id, decidingOrgUnitId: tree.cell, form: DisciplineForm.EXPULSION, decisionNumber: '1', on: '2026-03-17' } });
    expect(byCell.data).toBeNull();
    expect(byCell.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-4' });

    await inspector.ok(PROPOSE, { i: { caseId: id, toOrgUnitId: tree.ward, on: '2026-03-17' } });
    const decided = await inspector.ok(DECIDE, { i: { caseId: id, decidingOrgUnitId: tree.ward, form: DisciplineForm.EXPULSION, decisionNumber: '15-QĐ/ĐU', on: '2026-03-18' } });
    expect(decided.decideDisciplineCase.disciplineCase).toMatchObject({ status: 'DECIDED', form: 'EXPULSION', decisionNumber: '15-QĐ/ĐU' });
    const announced = await inspector.ok(ANNOUNCE, { i: { caseId: id, on: '2026-03-20' } });
    expect(announced.announceDisciplineDecision.disciplineCase).toMatchObject({ status: 'ANNOUNCED', announcedOn: '2026-03-20' });

    // Announcing again is an invalid transition, and publishes nothing more.
    const again = await inspector.execute(ANNOUNCE, { i: { caseId: id, on: '2026-03-21' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-7', currentState: 'ANNOUNCED', allowedStates: ['CLOSED'] });

    await stack().settle();
    const sql = await stack().sql('inspection', 'admin');
    try {
      const { rows } = await sql.query(`SELECT payload FROM inspection.outbox WHERE tenant_id = $1 AND type = 'DisciplineDecided'`, [city.id]);
      expect(rows.map((r) => r.payload)).toEqual([
        { caseId: id, subjectKind: 'MEMBER', memberId, orgUnitId: tree.cell, form: 'EXPULSION', effectiveOn: '2026-03-20', annulled: false },
      ]);
    } finally {
      await sql.end();
    }
  });

  it('D-7: an invalid step names the current state and the allowed ones, and changes nothing', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Vinh');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const id = await expulsionCase(inspector, tree, await registerMember(city, tree.cell), 'OPENED');
    const res = await inspector.execute(DECIDE, { i: { caseId: id, decidingOrgUnitId: tree.ward, form: DisciplineForm.WARNING, decisionNumber: '1' } });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'D-7',
      reason: 'INVALID_TRANSITION',
      currentState: 'OPENED',
      requestedState: 'DECIDED',
      allowedStates: ['SELF_REVIEW'],
    });
    expect(res.errors?.[0].extensions?.messageVi).toMatch(/OPENED/);
    // D-5: the inspector sees, per form, the last day a decision is still possible (violation 20/11/2025).
    const limits = await inspector.ok('query($id: ID!) { disciplineCase(id: $id) { r: limitationEndsOn(form: REPRIMAND) w: limitationEndsOn(form: WARNING) e: limitationEndsOn(form: EXPULSION) } }', { id });
    expect(limits.disciplineCase).toEqual({ r: '2030-11-19', w: '2035-11-19', e: null });
    const after = await inspector.ok('query($id: ID!) { disciplineCase(id: $id) { status form decisionNumber history { to } } }', { id });
    expect(after.disciplineCase).toEqual({ status: 'OPENED', form: null, decisionNumber: null, history: [{ to: 'OPENED' }] });
  });

  it('D-3: a probationary member cannot be expelled, with a clear error', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hồng Lĩnh');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const opened = await inspector.ok(OPEN, {
      i: { trigger: DisciplineTrigger.SUPERVISION, subjectKind: 'PROBATIONARY_MEMBER', orgUnitId: tree.cell, subjectMemberId: await registerMember(city, tree.cell, 'PROBATIONARY'), title: 'Vi phạm', openedOn: '2026-03-02', violations: [{ occurredOn: '2026-01-05' }] },
    });
    const id = opened.openDisciplineCase.disciplineCase.id;
    await inspector.ok(SELF_REVIEW, { i: { caseId: id } });
    await inspector.ok(VERIFY, { i: { caseId: id, findings: 'Có vi phạm' } });
    const res = await inspector.execute(DELIBERATE, { i: { caseId: id, deliberatingOrgUnitId: tree.ward, proposedForm: 'EXPULSION', eligibleVoters: 5, votesFor: 5, votesAgainst: 0 } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-3', allowedForms: ['REPRIMAND', 'WARNING'] });
    expect(res.errors?.[0].extensions?.messageVi).toMatch(/đảng viên dự bị/);
  });

  it('D-3 on membership’s record: the subject’s name, status, party age and post come from membership, not from the form, for cases, inspections and supervisions; a dissolved unit is still a subject', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (hồ sơ)');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const memberId = await registerMember(city, tree.cell);
    await city.admin.ok('mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }', { i: { memberId, kind: 'SECRETARY', startsOn: '2024-01-10' } });
    const SUBJECT = `mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { disciplineCase { id holdsPost subject { asOf name memberStatus cellId partyAgeYears posts unitKind dissolvedOn } } } }`;
    const base = { trigger: 'DENUNCIATION', orgUnitId: tree.cell, title: 'Vi phạm', openedOn: '2026-03-02', violations: [{ occurredOn: '2025-11-20' }] };
    // holdsPost typed as false is not believed: membership says the member is the cell's secretary.
    const opened = await inspector.ok(SUBJECT, { i: { ...base, subjectKind: 'OFFICIAL_MEMBER', subjectMemberId: memberId, holdsPost: false } });
    expect(opened.openDisciplineCase.disciplineCase).toMatchObject({
      holdsPost: true,
      subject: { asOf: '2026-03-02', name: 'Phan Văn Đức', memberStatus: 'OFFICIAL', cellId: tree.cell, partyAgeYears: 24, posts: ['SECRETARY'], unitKind: null, dissolvedOn: null },
    });

    // Typed as probationary, but membership records an official member: refused, nothing opened.
    const wrongKind = await inspector.execute(SUBJECT, { i: { ...base, subjectKind: 'PROBATIONARY_MEMBER', subjectMemberId: memberId } });
    expect(wrongKind.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-3', field: 'subjectKind', memberStatus: 'OFFICIAL' });
    const unknown = await inspector.execute(SUBJECT, { i: { ...base, subjectKind: 'OFFICIAL_MEMBER', subjectMemberId: randomUUID() } });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'subjectMemberId' });
    expect((await inspector.ok(COUNTS, { u: tree.city })).disciplineCaseCounts.total).toBe(1);

    // A unit dissolved since (T-2) is still a subject, described as membership keeps it.
    // (Dated today: a dissolution cannot predate the unit's founding, which in a test is today.)
    const dissolvedOn = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await city.admin.ok('mutation($i: DissolveOrgUnitInput!) { dissolveOrgUnit(input: $i) { orgUnit { id } } }', { i: { id: tree.otherCell, effectiveOn: dissolvedOn } });
    const unit = await inspector.ok(SUBJECT, { i: { ...base, subjectKind: 'ORG_UNIT', orgUnitId: tree.otherCell } });
    expect(unit.openDisciplineCase.disciplineCase.subject).toMatchObject({ name: 'Chi bộ tổ dân phố 5', unitKind: 'CELL', dissolvedOn, memberStatus: null });

    // Inspections and supervisions read their subject the same way.
    const insp = await inspector.ok('mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { subject { name memberStatus posts } } } }', {
      i: { kind: 'SIGNS_OF_VIOLATION', orgUnitId: tree.cell, subjectMemberId: memberId, title: 'Kiểm tra', decidedOn: '2026-03-02' },
    });
    expect(insp.openInspection.inspection.subject).toEqual({ name: 'Phan Văn Đức', memberStatus: 'OFFICIAL', posts: ['SECRETARY'] });
    const sup = await inspector.execute('mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id } } }', {
      i: { kind: 'REGULAR', orgUnitId: tree.cell, subjectMemberId: randomUUID(), title: 'Giám sát', startedOn: '2026-03-02' },
    });
    expect(sup.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'subjectMemberId' });
  });

  describe('confidentiality: who reads a case, and the read log', () => {
    let city: TenantHandle;
    let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
    let inspector: Client;
    let caseId: string;
    let memberId: string;

    beforeAll(async () => {
      city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (bảo mật)');
      tree = await city.seedTree();
      inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
      memberId = await registerMember(city, tree.cell);
      caseId = await expulsionCase(inspector, tree, memberId);
    });

    it('D: the cell secretary, committee staff, city admin, another ward’s inspector, a member and an integrator cannot read it by id, list or nested field', async () => {
      const otherWard = await city.createOrgUnit(tree.city, 'COMMITTEE' as never, 'Đảng bộ phường khác');
      await stack().settle();
      const outsiders: [string, Client][] = [
        ['cell secretary', await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell })],
        ['committee staff', await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city })],
        ['city admin', city.admin],
        ['inspector of another ward', await city.user({ role: Role.INSPECTOR, scope: otherWard })],
        ['the member', await city.user({ role: Role.MEMBER, scope: tree.cell, memberId })],
        ['integrator', await city.user({ role: Role.INTEGRATOR })],
      ];
      for (const [who, user] of outsiders) {
        const byId = await user.execute(BY_ID, { id: caseId });
        expect([who, byId.data]).toEqual([who, null]);
        // Roles the access table leaves out are refused at the gateway; an inspector out of the subtree finds nothing.
        expect([who, byId.errors?.[0].extensions?.code]).toEqual([who, who === 'inspector of another ward' ? 'NOT_FOUND' : 'FORBIDDEN']);
        const list = await user.execute(LIST, { u: tree.city });
        expect([who, list.data]).toEqual([who, null]);
        const nested = await user.execute(NESTED, { u: tree.cell });
        expect([who, nested.data?.orgUnit?.disciplineCases ?? null]).toEqual([who, null]);
        expect(JSON.stringify([byId, list, nested])).not.toContain('những điều đảng viên không được làm');
      }
      // None of those attempts is in the log: only reads that returned a case are.
      const log = await inspector.ok(READS, { c: caseId });
      expect(log.disciplineCaseReads.nodes.filter((r: { via: string }) => r.via !== 'MUTATION')).toEqual([]);
    });

    it('D: committee staff and the city admin see counts only; the cell secretary, a member and an integrator not even that', async () => {
      const expected = { total: 1, open: 1, byForm: [{ form: 'EXPULSION', count: 1 }] };
      expect((await (await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward })).ok(COUNTS, { u: tree.ward })).disciplineCaseCounts).toEqual(expected);
      expect((await city.admin.ok(COUNTS, { u: tree.city })).disciplineCaseCounts).toEqual(expected);
      // D-9: the decision (17/3/2026) is in the first quarter's report by form, and not in the second's.
      const REPORT = 'query($u: ID!, $p: ReportPeriodInput!) { inspectionReport(orgUnitId: $u, period: $p) { disciplineCasesOpened disciplineDecisionsByForm { form count } } }';
      const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
      expect((await staff.ok(REPORT, { u: tree.ward, p: { kind: 'QUARTER', year: 2026, index: 1 } })).inspectionReport).toEqual({
        disciplineCasesOpened: 1,
        disciplineDecisionsByForm: [{ form: 'EXPULSION', count: 1 }],
      });
      expect((await staff.ok(REPORT, { u: tree.ward, p: { kind: 'QUARTER', year: 2026, index: 2 } })).inspectionReport).toEqual({
        disciplineCasesOpened: 0,
        disciplineDecisionsByForm: [],
      });
      // By term (nhiệm kỳ): the term opened by the congress of 1/10/2025 holds it; the term before does not.
      expect((await staff.ok(REPORT, { u: tree.ward, p: { kind: 'TERM', year: 2025, termStartsOn: '2025-10-01' } })).inspectionReport).toEqual({
        disciplineCasesOpened: 1,
        disciplineDecisionsByForm: [{ form: 'EXPULSION', count: 1 }],
      });
      expect((await staff.ok(REPORT, { u: tree.ward, p: { kind: 'TERM', year: 2020, termStartsOn: '2020-10-01' } })).inspectionReport.disciplineCasesOpened).toBe(0);
      // Another ward's staff see nothing of this subtree's term.
      const otherStaff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.otherCell });
      expect((await otherStaff.execute(REPORT, { u: tree.ward, p: { kind: 'TERM', year: 2025, termStartsOn: '2025-10-01' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      for (const user of [
        await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell }),
        await city.user({ role: Role.MEMBER, scope: tree.cell, memberId }),
        await city.user({ role: Role.INTEGRATOR }),
      ]) {
        const res = await user.execute(COUNTS, { u: tree.cell });
        expect(res.data).toBeNull();
        // Not in the access table for counts: refused at the gateway.
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'disciplineCaseCounts' });
      }
    });

    it('D: the subject member reads their own decision; another member reads nothing', async () => {
      const subject = await city.user({ role: Role.MEMBER, scope: tree.cell, memberId });
      const mine = await subject.ok(MINE);
      // Announced Fri 20/3/2026: 30 working days skip Hùng Kings (Mon 27/4), 30/4 and 1/5, so the last is Wed 6/5.
      expect(mine.myDisciplineDecisions).toEqual([
        { caseId, form: 'EXPULSION', decisionNumber: '15-QĐ/ĐU', effectiveOn: '2026-03-20', complaintDeadline: '2026-05-06' },
      ]);
      const other = await city.user({ role: Role.MEMBER, scope: tree.cell, memberId: randomUUID() });
      expect((await other.ok(MINE)).myDisciplineDecisions).toEqual([]);
    });

    it('D: every successful read is in the log with who, which case, which fields and how; only inspectors read the log', async () => {
      await inspector.ok(BY_ID, { id: caseId });
      await inspector.ok(LIST, { u: tree.ward });
      await inspector.ok(NESTED, { u: tree.cell });
      const wardInspector = await city.user({ role: Role.INSPECTOR, scope: tree.ward });
      await wardInspector.ok('query($id: ID!) { disciplineCase(id: $id) { findings ballot { votesFor } } }', { id: caseId });
      const log = await inspector.ok(READS, { c: caseId });
      const reads = log.disciplineCaseReads.nodes.filter((r: { via: string }) => r.via !== 'MUTATION');
      expect(reads).toEqual(
        expect.arrayContaining([
          { caseId, reader: expect.any(String), via: 'BY_ID', fields: ['form', 'id', 'title'], readerRoles: ['inspector'] },
          { caseId, reader: expect.any(String), via: 'LIST', fields: ['id', 'title'], readerRoles: ['inspector'] },
          { caseId, reader: expect.any(String), via: 'NESTED', fields: ['id', 'title'], readerRoles: ['inspector'] },
          { caseId, reader: expect.any(String), via: 'BY_ID', fields: ['ballot', 'findings'], readerRoles: ['inspector'] },
          { caseId, reader: expect.any(String), via: 'OWN_DECISION', fields: expect.arrayContaining(['form', 'decisionNumber']), readerRoles: ['member'] },
        ]),
      );
      expect(new Set(reads.map((r: { reader: string }) => r.reader)).size).toBeGreaterThanOrEqual(3);

      for (const user of [city.admin, await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city }), await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell })]) {
        const res = await user.execute(READS, { c: caseId });
        expect(res.data).toBeNull();
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('T-1: another tenant’s inspector, with this tenant’s ids, reads nothing, counts nothing, changes nothing, sees no log', async () => {
      const other = await stack().createTenant('Đảng bộ thành phố khác');
      const otherTree = await other.seedTree();
      const intruder = await other.user({ role: Role.INSPECTOR, scope: otherTree.city });
      const otherAdmin = other.admin;
      for (const [q, v] of [
        [BY_ID, { id: caseId }],
        [LIST, { u: tree.city }],
        [COUNTS, { u: tree.city }],
        [SELF_REVIEW, { i: { caseId } }],
        ['mutation($i: CloseDisciplineCaseInput!) { x: closeDisciplineCase(input: $i) { disciplineCase { id } } }'.replace('CloseDisciplineCaseInput', 'DisciplineCaseStepInput'), { i: { caseId } }],
      ] as [string, Record<string, unknown>][]) {
        for (const user of [intruder, otherAdmin]) {
          const res = await user.execute(q, v);
          expect(res.data ?? null).toBeNull();
          // A city admin may ask for counts (and finds none of B's); the case work is refused to the role at the gateway.
          expect(res.errors?.[0].extensions?.code).toBe(user === otherAdmin && q !== COUNTS ? 'FORBIDDEN' : 'NOT_FOUND');
        }
      }
      const nested = await intruder.execute(NESTED, { u: tree.cell });
      expect(nested.data?.orgUnit ?? null).toBeNull();
      expect((await intruder.ok(READS, { c: caseId })).disciplineCaseReads.totalCount).toBe(0);
      const still = await inspector.ok('query($id: ID!) { disciplineCase(id: $id) { status } }', { id: caseId });
      expect(still.disciplineCase.status).toBe('ANNOUNCED');
    });
  });

  it('D-9 on the live dashboard: this month’s decisions by form, for committee staff as counts; null for a cell secretary', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (bảng điều khiển)');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const opened = await inspector.ok(OPEN, {
      i: { trigger: 'SUPERVISION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.cell, subjectMemberId: await registerMember(city, tree.cell), title: 'Vi phạm', violations: [{ occurredOn: monthAgo }] },
    });
    const id = opened.openDisciplineCase.disciplineCase.id;
    await inspector.ok(SELF_REVIEW, { i: { caseId: id } });
    await inspector.ok(VERIFY, { i: { caseId: id, findings: 'Có vi phạm' } });
    await inspector.ok(DELIBERATE, { i: { caseId: id, deliberatingOrgUnitId: tree.cell, proposedForm: 'WARNING', eligibleVoters: 7, votesFor: 6, votesAgainst: 1 } });
    await inspector.ok(DECIDE, { i: { caseId: id, decidingOrgUnitId: tree.cell, form: 'WARNING', decisionNumber: '03-QĐ/CB' } });
    await stack().settle();

    const DASH = 'subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { period disciplineDecisionsByForm { form count } } }';
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const sub = staff.subscribe(DASH, { id: tree.ward });
    const first = await sub.next(5000);
    await sub.close();
    expect(first.data?.dashboardUpdated).toEqual({ period: monthPeriod(new Date()), disciplineDecisionsByForm: [{ form: 'WARNING', count: 1 }] });

    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const own = secretary.subscribe(DASH, { id: tree.cell });
    const msg = await own.next(5000);
    await own.close();
    expect(msg.data?.dashboardUpdated?.disciplineDecisionsByForm).toBeNull();
  });

  it('D-5 configurable: the city admin shortens the reprimand limit from a date; a decision after it is judged by the new version', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (quy định)');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const SET = 'mutation($i: SetDisciplineRulesInput!) { setDisciplineRules(input: $i) { validFrom limitations { form years } complaintFilingWorkingDays } }';
    const input = { validFrom: '2026-03-01', limitations: [{ form: 'REPRIMAND', years: 2 }] };
    for (const user of [inspector, await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city })]) {
      expect((await user.execute(SET, { i: input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const set = await city.admin.ok(SET, { i: input });
    expect(set.setDisciplineRules).toMatchObject({ validFrom: '2026-03-01', complaintFilingWorkingDays: 30 });
    expect(set.setDisciplineRules.limitations).toContainEqual({ form: 'REPRIMAND', years: 2 });
    const RULES = 'query($on: String) { disciplineRules(on: $on) { validFrom limitations { form years } } }';
    expect((await inspector.ok(RULES, { on: '2026-02-28' })).disciplineRules.validFrom).toBeNull();
    expect((await inspector.ok(RULES, { on: '2026-03-01' })).disciplineRules.limitations).toContainEqual({ form: 'REPRIMAND', years: 2 });

    // Violation on 2023-06-01: within 5 years, but past 2 years once the new version applies.
    const memberId = await registerMember(city, tree.cell);
    const caseOf = async () => {
      const o = await inspector.ok(OPEN, {
        i: { trigger: 'DENUNCIATION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.cell, subjectMemberId: memberId, title: 'Vi phạm', openedOn: '2026-02-02', violations: [{ occurredOn: '2023-06-01' }] },
      });
      const id = o.openDisciplineCase.disciplineCase.id;
      await inspector.ok(SELF_REVIEW, { i: { caseId: id, on: '2026-02-03' } });
      await inspector.ok(VERIFY, { i: { caseId: id, findings: 'Có vi phạm', on: '2026-02-10' } });
      await inspector.ok(DELIBERATE, { i: { caseId: id, deliberatingOrgUnitId: tree.ward, proposedForm: 'REPRIMAND', eligibleVoters: 9, votesFor: 8, votesAgainst: 1, on: '2026-02-20' } });
      return id;
    };
    const before = await caseOf();
    const okBefore = await inspector.ok(DECIDE, { i: { caseId: before, decidingOrgUnitId: tree.ward, form: 'REPRIMAND', decisionNumber: '7-QĐ/ĐU', on: '2026-02-27' } });
    expect(okBefore.decideDisciplineCase.disciplineCase.status).toBe('DECIDED');
    const after = await caseOf();
    const barred = await inspector.execute(DECIDE, { i: { caseId: after, decidingOrgUnitId: tree.ward, form: 'REPRIMAND', decisionNumber: '8-QĐ/ĐU', on: '2026-03-02' } });
    expect(barred.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-5', limitationEndedOn: '2025-05-31' });
  });
});
