import { randomUUID } from 'node:crypto';
import { DisciplineForm, DisciplineSubjectKind, DisciplineTrigger, InspectionKind, Role } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';

const OPEN_SUPERVISION = 'mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id } } }';
const CONCLUDE_SUPERVISION = 'mutation($i: ConcludeSupervisionInput!) { concludeSupervision(input: $i) { supervision { id } } }';
const OPEN_INSPECTION = 'mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }';
const inspectionStep = (name: string, input = 'InspectionStepInput') => `mutation($i: ${input}!) { ${name}(input: $i) { inspection { id } } }`;
const caseStep = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { disciplineCase { id } } }`;
const REGISTER = 'mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }';
const LOG = 'query($r: String) { confidentialReads(reader: $r, first: 100) { totalCount nodes { recordKind recordId reader via fields } } }';

const COUNTS = 'inspectionsConcluded openSupervisions supervisionsConcluded disciplineDecisionsByForm { form count }';
const LISTS = `concludedInspectionList { id status orgUnit { id } } openSupervisionList { id status } concludedSupervisionList { id status }
  disciplineDecisionList { id form title } warnings: disciplineDecisionList(form: WARNING) { id form }`;
const DASHBOARD = `query($id: ID!, $period: String) { dashboard(orgUnitId: $id, period: $period) { ${COUNTS} ${LISTS} } }`;

interface Dashboard {
  inspectionsConcluded: number | null;
  openSupervisions: number | null;
  supervisionsConcluded: number | null;
  disciplineDecisionsByForm: { form: string; count: number }[] | null;
  concludedInspectionList: { id: string; status: string; orgUnit: { id: string } }[] | null;
  openSupervisionList: { id: string; status: string }[] | null;
  concludedSupervisionList: { id: string; status: string }[] | null;
  disciplineDecisionList: { id: string; form: string; title: string }[] | null;
  warnings: { id: string; form: string }[] | null;
}

let cardNumber = Date.now();

/**
 * Inspection's figures on the dashboard (issue #6; D-1, D-2, D-9): for a month, a quarter and a
 * year, rolled up the subtree, each with the records behind it — counts for those who may see
 * counts, records for inspectors only, and every record read logged.
 */
describe('inspection, supervision and discipline figures on the dashboard', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: { city: string; ward: string; cell: string; otherCell: string };
  let inspector: GatewayClient;
  const ids: Record<string, string> = {};

  const dashboard = async (user: GatewayClient, id: string, period: string): Promise<Dashboard> => (await user.ok(DASHBOARD, { id, period })).dashboard;

  async function inspection(unit: string, decidedOn: string, concludedOn: string | null): Promise<string> {
    const id: string = (await inspector.ok(OPEN_INSPECTION, { i: { kind: InspectionKind.PLANNED, orgUnitId: unit, title: 'Kiểm tra theo kế hoạch năm', decidedOn } })).openInspection.inspection.id;
    if (!concludedOn) return id;
    await inspector.ok(inspectionStep('notifyInspectionSubject'), { i: { inspectionId: id, on: decidedOn } });
    await inspector.ok(inspectionStep('recordInspectionSelfReport'), { i: { inspectionId: id, on: decidedOn } });
    await inspector.ok(inspectionStep('verifyInspection'), { i: { inspectionId: id, on: concludedOn } });
    await inspector.ok(inspectionStep('concludeInspection', 'ConcludeInspectionInput'), { i: { inspectionId: id, on: concludedOn, violationFound: false, conclusion: 'Không có vi phạm' } });
    return id;
  }

  async function supervision(unit: string, startedOn: string, concludedOn: string | null): Promise<string> {
    const id: string = (await inspector.ok(OPEN_SUPERVISION, { i: { kind: 'REGULAR', orgUnitId: unit, title: 'Giám sát thường xuyên', startedOn } })).openSupervision.supervision.id;
    if (concludedOn) await inspector.ok(CONCLUDE_SUPERVISION, { i: { supervisionId: id, findings: 'Thực hiện tốt', signsOfViolation: false, concludedOn } });
    return id;
  }

  /** A member of `cell` disciplined by the ward in `form`, decided on `decidedOn`. */
  async function decidedCase(cell: string, form: DisciplineForm, decidedOn: string, title: string): Promise<string> {
    const member = (
      await city.admin.ok(REGISTER, {
        i: { cellId: cell, fullName: 'Phan Văn Đức', dateOfBirth: '1980-07-01', gender: 'MALE', status: 'OFFICIAL', partyCardNumber: `${cardNumber++}`, admittedOn: '2001-03-26', officialOn: '2002-03-26' },
      })
    ).registerMember.member.id;
    const opened = await inspector.ok(caseStep('openDisciplineCase', 'OpenDisciplineCaseInput'), {
      i: { trigger: DisciplineTrigger.DENUNCIATION, subjectKind: DisciplineSubjectKind.OFFICIAL_MEMBER, orgUnitId: cell, subjectMemberId: member, title, openedOn: '2026-01-02', violations: [{ occurredOn: '2025-11-20' }] },
    });
    const caseId: string = opened.openDisciplineCase.disciplineCase.id;
    await inspector.ok(caseStep('startDisciplineSelfReview', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-01-03' } });
    await inspector.ok(caseStep('verifyDisciplineCase', 'VerifyDisciplineCaseInput'), { i: { caseId, findings: 'Xác minh có vi phạm', on: '2026-01-10' } });
    await inspector.ok(caseStep('deliberateDisciplineCase', 'DeliberateDisciplineCaseInput'), {
      i: { caseId, deliberatingOrgUnitId: tree.ward, proposedForm: form, eligibleVoters: 11, votesFor: 9, votesAgainst: 2, on: '2026-01-16' },
    });
    await inspector.ok(caseStep('decideDisciplineCase', 'DecideDisciplineCaseInput'), { i: { caseId, decidingOrgUnitId: tree.ward, form, decisionNumber: '15-QĐ/ĐU', on: decidedOn } });
    return caseId;
  }

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố bảng theo dõi kiểm tra');
    tree = await city.seedTree();
    inspector = await city.user({ role: Role.INSPECTOR, scope: tree.ward });
    ids.i1 = await inspection(tree.cell, '2026-01-05', '2026-02-10');
    ids.i2 = await inspection(tree.otherCell, '2026-04-01', '2026-05-20');
    ids.i3 = await inspection(tree.cell, '2026-06-01', null);
    ids.s1 = await supervision(tree.cell, '2026-01-12', '2026-02-05');
    ids.s2 = await supervision(tree.otherCell, '2026-03-01', '2026-07-15');
    ids.s3 = await supervision(tree.cell, '2026-09-01', null);
    ids.warning = await decidedCase(tree.cell, DisciplineForm.WARNING, '2026-03-17', 'Vi phạm quy định về những điều đảng viên không được làm');
    ids.reprimand = await decidedCase(tree.otherCell, DisciplineForm.REPRIMAND, '2026-05-12', 'Vi phạm chế độ sinh hoạt đảng');
  }, 60_000);

  it.each([
    ['a month', '2026-02', { inspectionsConcluded: 1, openSupervisions: 0, supervisionsConcluded: 1, disciplineDecisionsByForm: [] }, ['i1'], [], ['s1'], []],
    ['a quarter', '2026-Q1', { inspectionsConcluded: 1, openSupervisions: 1, supervisionsConcluded: 1, disciplineDecisionsByForm: [{ form: 'WARNING', count: 1 }] }, ['i1'], ['s2'], ['s1'], ['warning']],
    [
      'a year',
      '2026',
      { inspectionsConcluded: 2, openSupervisions: 1, supervisionsConcluded: 2, disciplineDecisionsByForm: [{ form: 'REPRIMAND', count: 1 }, { form: 'WARNING', count: 1 }] },
      ['i2', 'i1'],
      ['s3'],
      ['s2', 's1'],
      ['reprimand', 'warning'],
    ],
  ])('D-9: for %s (%s) the ward counts, and lists exactly, the work of its cells', async (_, period, counts, concluded, openS, concludedS, decisions) => {
    const d = await dashboard(inspector, tree.ward, period);
    expect(d).toMatchObject(counts);
    expect(d.concludedInspectionList!.map((x) => x.id)).toEqual(concluded.map((k) => ids[k]));
    expect(d.concludedInspectionList!.every((x) => x.status === 'CONCLUDED')).toBe(true);
    expect(d.openSupervisionList!.map((x) => x.id)).toEqual(openS.map((k) => ids[k]));
    expect(d.concludedSupervisionList!.map((x) => x.id)).toEqual(concludedS.map((k) => ids[k]));
    expect(d.disciplineDecisionList!.map((x) => x.id)).toEqual(decisions.map((k) => ids[k]));
    expect(d.warnings!.map((x) => x.id)).toEqual(decisions.filter((k) => k === 'warning').map((k) => ids[k]));
  });

  it('rolls up: the ward is the sum of its two cells, for every figure', async () => {
    for (const period of ['2026-02', '2026-Q1', '2026-Q2', '2026']) {
      const [ward, a, b] = await Promise.all([tree.ward, tree.cell, tree.otherCell].map((id) => dashboard(inspector, id, period)));
      for (const f of ['inspectionsConcluded', 'openSupervisions', 'supervisionsConcluded'] as const) expect([period, f, ward[f]]).toEqual([period, f, a[f]! + b[f]!]);
      const forms = (x: Dashboard) => x.disciplineDecisionsByForm!.reduce((n, r) => n + r.count, 0);
      expect(forms(ward)).toBe(forms(a) + forms(b));
      expect(ward.disciplineDecisionList).toHaveLength(forms(ward));
    }
  });

  it('D: inspectors of the subtree get counts and records; committee staff counts only; the cell, a member and integrator keys without the grants nothing', async () => {
    const nothing = {
      inspectionsConcluded: null,
      openSupervisions: null,
      supervisionsConcluded: null,
      disciplineDecisionsByForm: null,
      concludedInspectionList: null,
      openSupervisionList: null,
      concludedSupervisionList: null,
      disciplineDecisionList: null,
      warnings: null,
    };
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    expect(await dashboard(staff, tree.ward, '2026')).toEqual({
      inspectionsConcluded: 2,
      openSupervisions: 1,
      supervisionsConcluded: 2,
      disciplineDecisionsByForm: [{ form: 'REPRIMAND', count: 1 }, { form: 'WARNING', count: 1 }],
      concludedInspectionList: null,
      openSupervisionList: null,
      concludedSupervisionList: null,
      disciplineDecisionList: null,
      warnings: null,
    });
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    expect(await dashboard(secretary, tree.cell, '2026')).toEqual(nothing);
    const member = await city.user({ role: Role.MEMBER, scope: tree.cell });
    expect(await dashboard(member, tree.cell, '2026')).toEqual(nothing);
    const key = await city.user({ role: Role.INTEGRATOR, scopes: ['meetings:read', 'membership:read'] });
    expect(await dashboard(key, tree.ward, '2026')).toEqual(nothing);
    // A key granted inspection:read reads inspections and supervisions, but not discipline cases.
    const inspectionKey = await city.user({ role: Role.INTEGRATOR, scopes: ['meetings:read', 'inspection:read'] });
    const k = await dashboard(inspectionKey, tree.ward, '2026');
    expect(k.concludedInspectionList).toHaveLength(2);
    expect(k.disciplineDecisionList).toBeNull();
    expect(k.disciplineDecisionsByForm).toBeNull();
    // Another ward's inspector sees nothing of this ward.
    const otherWard = await city.createOrgUnit(city.rootOrgUnitId, 'COMMITTEE' as never, 'Đảng bộ phường Bắc Hà');
    await stack().settle();
    const stranger = await city.user({ role: Role.INSPECTOR, scope: otherWard });
    const res = await stranger.execute(DASHBOARD, { id: tree.ward, period: '2026' });
    expect(res.data?.dashboard ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('D: every case read through disciplineDecisionList is in the confidential read log, with the fields asked for', async () => {
    const subject = `test-dashboard-reader-${randomUUID().slice(0, 8)}`;
    const reader = stack().client(await stack().token({ tenantId: city.id, subject, roles: [Role.INSPECTOR], scopeOrgUnitId: tree.ward }));
    const q = 'query($id: ID!) { dashboard(orgUnitId: $id, period: "2026") { disciplineDecisionList(form: REPRIMAND) { id title } openSupervisionList { id } } }';
    const d = (await reader.ok(q, { id: tree.ward })).dashboard;
    expect(d.disciplineDecisionList.map((c: { id: string }) => c.id)).toEqual([ids.reprimand]);
    const log = (await inspector.ok(LOG, { r: subject })).confidentialReads.nodes as { recordKind: string; recordId: string; via: string; fields: string[] }[];
    expect(log).toEqual(
      expect.arrayContaining([
        { recordKind: 'DISCIPLINE_CASE', recordId: ids.reprimand, reader: subject, via: 'LIST', fields: ['id', 'title'] },
        { recordKind: 'SUPERVISION', recordId: ids.s3, reader: subject, via: 'LIST', fields: ['id'] },
      ]),
    );
    expect(log.filter((r) => r.recordKind === 'DISCIPLINE_CASE')).toHaveLength(1);
  });
});
