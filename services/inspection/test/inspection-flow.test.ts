import { InspectionKind, Role } from '@chibo/domain';
import { useStack } from '@chibo/testkit';

const OPEN_SUPERVISION = 'mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id status } } }';
const CONCLUDE_SUPERVISION = 'mutation($i: ConcludeSupervisionInput!) { concludeSupervision(input: $i) { supervision { id status signsOfViolation } } }';
const OPEN_INSPECTION = 'mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id status supervisionId allowedNextSteps } } }';
const stepOf = (name: string, input = 'InspectionStepInput') =>
  `mutation($i: ${input}!) { ${name}(input: $i) { inspection { id status violationFound conclusion allowedNextSteps history { to on } } } }`;
const OPEN_CASE = 'mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { disciplineCase { id status trigger inspectionId } } }';

describe('supervision → inspection → discipline case through the gateway (D-1, D-2)', () => {
  const stack = useStack();

  it('D-1/D-2: a supervision with signs of violation opens an inspection, which goes step by step to a conclusion that opens a case', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (kiểm tra)');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.ward });

    const s = await inspector.ok(OPEN_SUPERVISION, { i: { kind: 'THEMATIC', orgUnitId: tree.cell, title: 'Giám sát việc thực hiện nghị quyết', planned: true, startedOn: '2026-01-12' } });
    const supervisionId = s.openSupervision.supervision.id;
    // Not yet concluded: it cannot open an inspection.
    const early = await inspector.execute(OPEN_INSPECTION, { i: { kind: InspectionKind.SIGNS_OF_VIOLATION, orgUnitId: tree.cell, title: 'Kiểm tra', supervisionId } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-1' });
    await inspector.ok(CONCLUDE_SUPERVISION, { i: { supervisionId, findings: 'Có dấu hiệu vi phạm trong quản lý tài chính', signsOfViolation: true, concludedOn: '2026-02-05' } });

    const opened = await inspector.ok(OPEN_INSPECTION, {
      i: { kind: InspectionKind.SIGNS_OF_VIOLATION, orgUnitId: tree.cell, title: 'Kiểm tra khi có dấu hiệu vi phạm', decidedOn: '2026-02-09', supervisionId },
    });
    const inspection = opened.openInspection.inspection;
    expect(inspection).toMatchObject({ status: 'DECIDED', supervisionId, allowedNextSteps: ['SUBJECT_NOTIFIED'] });

    // A case cannot be opened from an inspection that has not concluded (D-2).
    const caseInput = { trigger: 'INSPECTION', inspectionId: inspection.id, subjectKind: 'ORG_UNIT', orgUnitId: tree.cell, title: 'Chi bộ vi phạm quản lý tài chính', openedOn: '2026-03-20', violations: [{ occurredOn: '2025-10-01' }] };
    expect((await inspector.execute(OPEN_CASE, { i: caseInput })).errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-2' });

    // Skipping a step is refused, naming where it stands.
    const skip = await inspector.execute(stepOf('verifyInspection'), { i: { inspectionId: inspection.id, on: '2026-02-10' } });
    expect(skip.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-2', currentState: 'DECIDED', allowedStates: ['SUBJECT_NOTIFIED'] });

    await inspector.ok(stepOf('notifyInspectionSubject'), { i: { inspectionId: inspection.id, on: '2026-02-10' } });
    await inspector.ok(stepOf('recordInspectionSelfReport'), { i: { inspectionId: inspection.id, on: '2026-02-24' } });
    await inspector.ok(stepOf('verifyInspection'), { i: { inspectionId: inspection.id, on: '2026-03-09' } });
    const concluded = await inspector.ok(stepOf('concludeInspection', 'ConcludeInspectionInput'), {
      i: { inspectionId: inspection.id, on: '2026-03-16', violationFound: true, conclusion: 'Chi bộ vi phạm quy định quản lý tài chính' },
    });
    expect(concluded.concludeInspection.inspection).toMatchObject({
      status: 'CONCLUDED',
      violationFound: true,
      allowedNextSteps: [],
      history: [
        { to: 'DECIDED', on: '2026-02-09' },
        { to: 'SUBJECT_NOTIFIED', on: '2026-02-10' },
        { to: 'SELF_REPORTED', on: '2026-02-24' },
        { to: 'VERIFIED', on: '2026-03-09' },
        { to: 'CONCLUDED', on: '2026-03-16' },
      ],
    });

    const c = await inspector.ok(OPEN_CASE, { i: caseInput });
    expect(c.openDisciplineCase.disciplineCase).toMatchObject({ status: 'OPENED', trigger: 'INSPECTION', inspectionId: inspection.id });

    // D-9: the report counts it by period over the viewer's subtree; committee staff see figures, the cell secretary nothing.
    const REPORT = `query($u: ID!, $p: ReportPeriodInput!) { inspectionReport(orgUnitId: $u, period: $p) {
      from to supervisions { kind started concluded signsOfViolation } inspections { kind decided concluded violationsFound }
      disciplineCasesOpened disciplineDecisionsByForm { form count } } }`;
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city });
    const q1 = await staff.ok(REPORT, { u: tree.city, p: { kind: 'QUARTER', year: 2026, index: 1 } });
    expect(q1.inspectionReport).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      supervisions: [{ kind: 'THEMATIC', started: 1, concluded: 1, signsOfViolation: 1 }],
      inspections: [{ kind: 'SIGNS_OF_VIOLATION', decided: 1, concluded: 1, violationsFound: 1 }],
      disciplineCasesOpened: 1,
      disciplineDecisionsByForm: [],
    });
    const feb = await staff.ok(REPORT, { u: tree.ward, p: { kind: 'MONTH', year: 2026, index: 2 } });
    expect(feb.inspectionReport).toMatchObject({
      supervisions: [{ kind: 'THEMATIC', started: 0, concluded: 1, signsOfViolation: 1 }],
      inspections: [{ kind: 'SIGNS_OF_VIOLATION', decided: 1, concluded: 0, violationsFound: 0 }],
      disciplineCasesOpened: 0,
    });
    const otherCell = await staff.ok(REPORT, { u: tree.otherCell, p: { kind: 'YEAR', year: 2026 } });
    expect(otherCell.inspectionReport).toMatchObject({ supervisions: [], inspections: [], disciplineCasesOpened: 0 });
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const refused = await secretary.execute(REPORT, { u: tree.cell, p: { kind: 'YEAR', year: 2026 } });
    // A cell secretary's role is not in the access table for the report: refused at the gateway.
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'inspectionReport' });
    const badPeriod = await staff.execute(REPORT, { u: tree.city, p: { kind: 'MONTH', year: 2026, index: 13 } });
    expect(badPeriod.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'D-9' });
  });

  it('D: supervisions are for inspectors of the subtree only, and another tenant cannot touch them', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Kỳ Anh');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.ward });
    const s = await inspector.ok(OPEN_SUPERVISION, { i: { kind: 'REGULAR', orgUnitId: tree.cell, title: 'Giám sát thường xuyên chi bộ' } });
    const id = s.openSupervision.supervision.id;
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city });
    const other = await stack().createTenant('Đảng bộ khác (giám sát)');
    const otherTree = await other.seedTree();
    const intruder = await other.user({ role: Role.INSPECTOR, scope: otherTree.city });
    // Committee staff and the city admin are refused by the access table (inspectors and keys
    // only); another tenant's inspector may ask, and finds nothing.
    for (const [user, code] of [[staff, 'FORBIDDEN'], [city.admin, 'FORBIDDEN'], [intruder, 'NOT_FOUND']] as const) {
      const read = await user.execute('query($id: ID!) { supervision(id: $id) { title } }', { id });
      expect(read.data).toBeNull();
      expect(read.errors?.[0].extensions?.code).toBe(code);
    }
    const write = await intruder.execute(CONCLUDE_SUPERVISION, { i: { supervisionId: id, findings: 'Giả mạo', signsOfViolation: true } });
    expect(write.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const still = await inspector.ok('query($id: ID!) { supervision(id: $id) { status findings orgUnit { id } } }', { id });
    expect(still.supervision).toEqual({ status: 'OPEN', findings: null, orgUnit: { id: tree.cell } });
  });
});
