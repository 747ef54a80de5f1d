import { InspectionKind, MeetingKind, OrgUnitKind, Role } from '@chibo/domain';
import { GatewayClient, useStack, type TenantHandle } from '@chibo/testkit';

const FIGURES = 'query($id: ID!) { dashboard(orgUnitId: $id) { orgUnitId meetingsHeld openInspections cellCount } }';
const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }';
const CREATE_UNIT = 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }';
const REGISTER = 'mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }';
const OPEN_INSPECTION = 'mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }';

/**
 * The gateway keeps `Query.dashboard` answers per visibility class and drops them when the
 * dashboard bus announces a change. Seen from outside: a kept answer is never stale after a
 * change, never another class's, never another tenant's. The answers live a minute here, so
 * only the bus and the gateway's own mutations can be what makes a new figure appear.
 */
describe('dashboard answers kept at the gateway', () => {
  // Its own database: one test stops the meetings relay to hold a change back.
  const stack = useStack({ ownDatabase: true, dashboardCache: { maxAgeMs: 60_000 } });
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố bộ nhớ đệm');
    tree = await city.seedTree();
  });

  /** The gateway's own count of answers served from the cache, read from /metrics like an operator. */
  const hits = async () => {
    const text = await (await fetch(stack().gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    return Number(text.split('\n').find((l) => l.startsWith('chibo_dashboard_cache_hits '))?.split(' ')[1]);
  };
  const record = (cellId: string) => city.admin.ok(RECORD, { i: { cellId, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ', heldAt: new Date().toISOString() } });

  it('shows a meeting recorded in a cell on the next request once its figures are written, though the old answer was kept', async () => {
    const before = (await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.meetingsHeld;
    const served = await hits();
    expect((await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.meetingsHeld).toBe(before);
    expect(await hits()).toBe(served + 1);

    // Hold the figures back (the relay writes them), so the old answer is kept again after the mutation.
    const relay = stack().services.meetings.relay;
    await relay.stop();
    try {
      await record(tree.cell);
      expect((await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.meetingsHeld).toBe(before);
      expect((await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.meetingsHeld).toBe(before);
    } finally {
      await relay.start();
    }
    await stack().settle();
    // The figures and the bus's announcement leave in one transaction: the very next request sees them.
    expect((await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.meetingsHeld).toBe(before + 1);
    expect((await city.admin.ok(FIGURES, { id: tree.city })).dashboard.meetingsHeld).toBe(before + 1);
    expect((await city.admin.ok(FIGURES, { id: tree.otherCell })).dashboard.meetingsHeld).toBe(0);
  });

  it('never gives a cell secretary the inspector\'s kept counts, nor the reverse', async () => {
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    await inspector.ok(OPEN_INSPECTION, { i: { kind: InspectionKind.PLANNED, orgUnitId: tree.cell, title: 'Kiểm tra theo kế hoạch' } });
    for (let round = 0; round < 3; round++) {
      expect((await inspector.ok(FIGURES, { id: tree.cell })).dashboard.openInspections).toBe(1);
      expect((await secretary.ok(FIGURES, { id: tree.cell })).dashboard.openInspections).toBeNull();
    }
    // The secretary's scope is the cell: the ward above stays hidden, though its answer is kept for others.
    await city.admin.ok(FIGURES, { id: tree.ward });
    const refused = await secretary.execute(FIGURES, { id: tree.ward });
    expect(refused.data?.dashboard ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('sees a mutation made through the gateway at once (an inspection opened, a cell created)', async () => {
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const open = (await inspector.ok(FIGURES, { id: tree.ward })).dashboard.openInspections;
    expect((await inspector.ok(FIGURES, { id: tree.ward })).dashboard.openInspections).toBe(open);
    await inspector.ok(OPEN_INSPECTION, { i: { kind: InspectionKind.PLANNED, orgUnitId: tree.ward, title: 'Kiểm tra chuyên đề' } });
    expect((await inspector.ok(FIGURES, { id: tree.ward })).dashboard.openInspections).toBe(open + 1);

    const cells = (await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.cellCount;
    await city.createOrgUnit(tree.ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 7');
    expect((await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.cellCount).toBe(cells + 1);
  });

  it("drops a kept answer when membership's change comes through another replica (a cell created, a member registered)", async () => {
    const replica = await stack().replica();
    try {
      const viaReplica = new GatewayClient(replica.url, city.admin.token);
      const cells = (await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.cellCount;
      expect((await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.cellCount).toBe(cells);
      const created = await viaReplica.ok(CREATE_UNIT, { input: { parentId: tree.ward, kind: OrgUnitKind.CELL, name: 'Chi bộ tổ dân phố 9' } });
      await stack().settle();
      // Membership announces the new cell on the bus after its commit; this gateway never saw the mutation.
      expect((await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.cellCount).toBe(cells + 1);
      expect((await city.admin.ok(FIGURES, { id: tree.city })).dashboard.cellCount).toBeGreaterThanOrEqual(cells + 1);
      expect(created.createOrgUnit.orgUnit.id).toEqual(expect.any(String));
    } finally {
      await replica.close();
    }
  });

  it('updates a live dashboard when a member is registered in its cell (membership is on the bus)', async () => {
    const watch = city.admin.subscribe('subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { orgUnitId cellCount } }', { id: tree.cell });
    try {
      expect((await watch.next(5000)).data.dashboardUpdated.orgUnitId).toBe(tree.cell);
      await city.admin.ok(REGISTER, {
        i: { cellId: tree.cell, fullName: 'Nguyễn Văn Bộ Nhớ', dateOfBirth: '1970-05-19', gender: 'MALE', status: 'OFFICIAL', admittedOn: '2000-02-03', officialOn: '2001-02-03', citizenId: '042070001234', partyCardNumber: '91000001' },
      });
      expect((await watch.next(5000)).data.dashboardUpdated.orgUnitId).toBe(tree.cell);
    } finally {
      await watch.close();
    }
  });

  it("never gives tenant B tenant A's kept answer", async () => {
    expect((await city.admin.ok(FIGURES, { id: tree.ward })).dashboard.orgUnitId).toBe(tree.ward);
    const other = await stack().createTenant('Đảng bộ thành phố khác');
    const fromB = await other.admin.execute(FIGURES, { id: tree.ward });
    expect(fromB.data?.dashboard ?? null).toBeNull();
    expect(fromB.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const own = await other.admin.ok(FIGURES, { id: other.rootOrgUnitId });
    expect(own.dashboard).toMatchObject({ orgUnitId: other.rootOrgUnitId, meetingsHeld: 0, cellCount: 0 });
  });
});
