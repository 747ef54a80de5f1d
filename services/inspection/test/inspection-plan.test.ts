import { Role } from '@chibo/domain';
import { useStack } from '@chibo/testkit';

const CREATE = 'mutation($i: CreateInspectionPlanInput!) { createInspectionPlan(input: $i) { plan { id total notStarted items { id title progress } } } }';
const PLAN = 'query($u: ID!, $y: Int!) { inspectionPlan(orgUnitId: $u, year: $y) { title total notStarted inProgress done items { title progress } } }';

describe('yearly inspection and supervision plans through the gateway (D-2)', () => {
  const stack = useStack();

  it('D-2: a ward’s yearly plan shows progress from the supervisions and inspections carried out under it', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (kế hoạch)');
    const tree = await city.seedTree();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.ward });
    const created = await inspector.ok(CREATE, {
      i: {
        orgUnitId: tree.ward,
        year: 2026,
        title: 'Kế hoạch kiểm tra, giám sát năm 2026',
        items: [
          { work: 'SUPERVISION', kind: 'THEMATIC', targetOrgUnitId: tree.cell, title: 'Giám sát chuyên đề sinh hoạt chi bộ', dueQuarter: 2 },
          { work: 'INSPECTION', kind: 'FINANCE', targetOrgUnitId: tree.otherCell, title: 'Kiểm tra thu, nộp đảng phí', dueQuarter: 4 },
        ],
      },
    });
    const [supItem, insItem] = created.createInspectionPlan.plan.items;
    expect(created.createInspectionPlan.plan).toMatchObject({ total: 2, notStarted: 2 });

    // Work that does not match the item (wrong kind) is refused and changes nothing.
    const wrong = await inspector.execute('mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id } } }', {
      i: { kind: 'REGULAR', orgUnitId: tree.cell, title: 'Giám sát', planItemId: supItem.id },
    });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-2', field: 'planItemId' });

    const sup = await inspector.ok('mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id planned planItemId } } }', {
      i: { kind: 'THEMATIC', orgUnitId: tree.cell, title: 'Giám sát chuyên đề', planItemId: supItem.id, startedOn: '2026-04-02' },
    });
    expect(sup.openSupervision.supervision).toMatchObject({ planned: true, planItemId: supItem.id });
    await inspector.ok('mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }', {
      i: { kind: 'FINANCE', orgUnitId: tree.otherCell, title: 'Kiểm tra tài chính', planItemId: insItem.id, decidedOn: '2026-05-04' },
    });
    let plan = (await inspector.ok(PLAN, { u: tree.ward, y: 2026 })).inspectionPlan;
    expect(plan).toMatchObject({ total: 2, notStarted: 0, inProgress: 2, done: 0 });

    await inspector.ok('mutation($i: ConcludeSupervisionInput!) { concludeSupervision(input: $i) { supervision { id } } }', {
      i: { supervisionId: sup.openSupervision.supervision.id, findings: 'Chi bộ sinh hoạt đều đặn', signsOfViolation: false, concludedOn: '2026-05-20' },
    });
    plan = (await inspector.ok(PLAN, { u: tree.ward, y: 2026 })).inspectionPlan;
    expect(plan).toMatchObject({ total: 2, inProgress: 1, done: 1, items: [{ progress: 'DONE' }, { progress: 'IN_PROGRESS' }] });
    expect((await inspector.ok(PLAN, { u: tree.ward, y: 2027 })).inspectionPlan).toBeNull();

    // Committee staff, and an inspector of another tenant with these ids, see no plan.
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city });
    const other = await stack().createTenant('Đảng bộ khác (kế hoạch)');
    const otherTree = await other.seedTree();
    // Staff are refused by the access table at the gateway; the other tenant's inspector finds nothing.
    for (const [user, code] of [[staff, 'FORBIDDEN'], [await other.user({ role: Role.INSPECTOR, scope: otherTree.city }), 'NOT_FOUND']] as const) {
      const res = await user.execute(PLAN, { u: tree.ward, y: 2026 });
      expect(res.data?.inspectionPlan ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe(code);
    }
    const intruder = await other.user({ role: Role.INSPECTOR, scope: otherTree.city });
    const hijack = await intruder.execute('mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id } } }', {
      i: { kind: 'THEMATIC', orgUnitId: otherTree.cell, title: 'Giả mạo', planItemId: supItem.id },
    });
    expect(hijack.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
