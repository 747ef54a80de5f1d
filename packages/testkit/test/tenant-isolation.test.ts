import { InspectionKind, MeetingKind, OrgUnitKind, Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';

/**
 * T-1: data never crosses tenants. Tenant A's users try every door with tenant B's ids, through
 * the gateway, as an attacker would; nothing of B comes back and nothing of B changes.
 */
describe('tenant isolation through the gateway (T-1)', () => {
  const stack = useStack();
  let a: TenantHandle;
  let b: TenantHandle;
  let bTree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let bMeetingId: string;
  let bInspectionId: string;

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ thành phố A');
    b = await stack().createTenant('Đảng bộ thành phố B');
    await a.seedTree();
    bTree = await b.seedTree();
    const m = await b.admin.ok(`mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }`, {
      i: { cellId: bTree.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ', heldAt: new Date().toISOString() },
    });
    bMeetingId = m.recordMeeting.meeting.id;
    const inspectorB = await b.user({ role: Role.INSPECTOR, scope: bTree.city });
    const i = await inspectorB.ok(`mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }`, {
      i: { kind: InspectionKind.PLANNED, orgUnitId: bTree.ward, title: 'Kiểm tra việc chấp hành' },
    });
    bInspectionId = i.openInspection.inspection.id;
  });

  const usersOfA = async () => [
    a.admin,
    await a.user({ role: Role.COMMITTEE_STAFF, scope: a.rootOrgUnitId }),
    await a.user({ role: Role.INSPECTOR, scope: a.rootOrgUnitId }),
    await a.user({ role: Role.CELL_SECRETARY, scope: a.rootOrgUnitId }),
  ];

  it('reads nothing of B by id, whatever the role', async () => {
    for (const user of await usersOfA()) {
      const probes: [string, Record<string, unknown>][] = [
        ['query($id: ID!) { orgUnit(id: $id) { id name } }', { id: bTree.ward }],
        ['query($id: ID!) { orgUnit(id: $id) { id children { id } } }', { id: b.rootOrgUnitId }],
        ['query($id: ID!) { meeting(id: $id) { id title } }', { id: bMeetingId }],
        ['query($id: ID!) { inspection(id: $id) { id title } }', { id: bInspectionId }],
      ];
      for (const [query, variables] of probes) {
        const res = await user.execute(query, variables);
        expect(res.data).toBeNull();
        expect(res.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
        expect(JSON.stringify(res)).not.toContain('Sinh hoạt thường kỳ');
      }
    }
  });

  it("sees only its own tenant when it asks for 'current' data", async () => {
    const res = await a.admin.ok('{ currentTenant { id name rootOrgUnit { children { name } } } }');
    expect(res.currentTenant.id).toBe(a.id);
    expect(res.currentTenant.name).toBe('Đảng bộ thành phố A');
  });

  it('changes nothing of B when a mutation names B ids', async () => {
    const before = await b.admin.ok('query($id: ID!) { orgUnit(id: $id) { children { id } } }', { id: bTree.ward });
    const attempts: [string, Record<string, unknown>, typeof a.admin][] = [
      [
        'mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }',
        { i: { parentId: bTree.ward, kind: OrgUnitKind.CELL, name: 'Chi bộ lạ' } },
        a.admin,
      ],
      [
        'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }',
        { i: { cellId: bTree.cell, kind: MeetingKind.REGULAR, title: 'Giả mạo', heldAt: new Date().toISOString() } },
        a.admin,
      ],
      [
        'mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }',
        { i: { kind: InspectionKind.PLANNED, orgUnitId: bTree.ward, title: 'Giả mạo' } },
        await a.user({ role: Role.INSPECTOR, scope: a.rootOrgUnitId }),
      ],
    ];
    for (const [query, variables, user] of attempts) {
      const res = await user.execute(query, variables);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    await stack().settle();
    const after = await b.admin.ok('query($id: ID!) { orgUnit(id: $id) { children { id } } }', { id: bTree.ward });
    expect(after).toEqual(before);
    const meetings = await b.admin.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 10) { totalCount } } }', { id: bTree.cell });
    expect(meetings.orgUnit.meetings.totalCount).toBe(1);
  });

  it('refuses a subscription to a dashboard of B', async () => {
    const sub = a.admin.subscribe('subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { orgUnitId } }', { id: bTree.city });
    const msg = await sub.next(5000);
    await sub.close();
    expect(msg.data ?? null).toBeNull();
    expect(msg.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps a cell secretary inside their own cell, even within the tenant', async () => {
    const secretary = await b.user({ role: Role.CELL_SECRETARY, scope: bTree.otherCell });
    const res = await secretary.execute('query($id: ID!) { meeting(id: $id) { id } }', { id: bMeetingId });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const own = await secretary.execute('query($id: ID!) { orgUnit(id: $id) { name } }', { id: bTree.otherCell });
    expect(own.data?.orgUnit.name).toBe('Chi bộ tổ dân phố 5');
  });

  it('shows inspections to inspectors only (confidential)', async () => {
    const staff = await b.user({ role: Role.COMMITTEE_STAFF, scope: bTree.city });
    const res = await staff.execute('query($id: ID!) { inspection(id: $id) { id } }', { id: bInspectionId });
    expect(res.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    const inspector = await b.user({ role: Role.INSPECTOR, scope: bTree.city });
    const ok = await inspector.ok('query($id: ID!) { inspection(id: $id) { title orgUnit { name } } }', { id: bInspectionId });
    expect(ok.inspection).toEqual({ title: 'Kiểm tra việc chấp hành', orgUnit: { name: 'Đảng bộ phường Tân Giang' } });
  });
});
