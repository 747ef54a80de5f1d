import { MeetingKind, Role, monthPeriod } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';

const DASHBOARD = `subscription($id: ID!) {
  dashboardUpdated(orgUnitId: $id) { orgUnitId period meetingsHeld cellCount openInspections orgUnit { name } }
}`;
/** The dashboard as it stands now: the first message of a fresh subscription. */
async function latest(client: GatewayClient, id: string) {
  const sub = client.subscribe(DASHBOARD, { id });
  try {
    return await sub.next();
  } finally {
    await sub.close();
  }
}
const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }';

/**
 * The live dashboard, end to end: a meeting recorded in a cell reaches subscribers of the cell
 * and of every unit above it, through the meetings outbox and relay, with figures assembled
 * from all three services by the gateway.
 */
describe('dashboardUpdated through the gateway', () => {
  // Its own database: the relay test stops this stack's relay, and no other stack may stand in.
  const stack = useStack({ ownDatabase: true });
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
  });

  const record = (cellId: string) =>
    city.admin.ok(RECORD, { i: { cellId, kind: MeetingKind.REGULAR, title: 'Sinh hoạt chi bộ thường kỳ', heldAt: new Date().toISOString() } });

  it('sends the current state at once, then an update within 1 s of the commit, over graphql-ws', async () => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city });
    const sub = staff.subscribe(DASHBOARD, { id: tree.city });
    try {
      const first = await sub.next();
      expect(first.errors).toBeUndefined();
      expect(first.data.dashboardUpdated).toMatchObject({ orgUnitId: tree.city, period: monthPeriod(new Date()), cellCount: 2, openInspections: 0, orgUnit: { name: 'Đảng bộ thành phố Hà Tĩnh' } });
      const before = first.data.dashboardUpdated.meetingsHeld;

      await record(tree.cell); // by another client, on another connection
      const committedAt = Date.now();
      const update = await sub.next(1000);
      expect(Date.now() - committedAt).toBeLessThan(1000);
      expect(update.data.dashboardUpdated.meetingsHeld).toBe(before + 1);
    } finally {
      await sub.close();
    }
  });

  it('reaches the ward and the cell too, and works over SSE', async () => {
    const ward = city.admin.subscribeSse(DASHBOARD, { id: tree.ward });
    const cell = (await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell })).subscribe(DASHBOARD, { id: tree.otherCell });
    try {
      const w0 = await ward.next();
      const c0 = await cell.next();
      expect(w0.data.dashboardUpdated.orgUnit.name).toBe('Đảng bộ phường Tân Giang');
      expect(c0.data.dashboardUpdated.cellCount).toBe(1);
      await record(tree.otherCell);
      expect((await ward.next(1000)).data.dashboardUpdated.meetingsHeld).toBe(w0.data.dashboardUpdated.meetingsHeld + 1);
      expect((await cell.next(1000)).data.dashboardUpdated.meetingsHeld).toBe(c0.data.dashboardUpdated.meetingsHeld + 1);
    } finally {
      await ward.close();
      await cell.close();
    }
  });

  it('does not tell a sibling cell about a meeting of another cell', async () => {
    const sibling = (await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell })).subscribe(DASHBOARD, { id: tree.otherCell });
    try {
      await sibling.next();
      await sibling.drain();
      await record(tree.cell);
      await stack().settle();
      await expect(sibling.next(500)).rejects.toThrow(/no subscription message/);
    } finally {
      await sibling.close();
    }
  });

  it('loses nothing while the relay is down: the event arrives when it comes back', async () => {
    const sub = city.admin.subscribe(DASHBOARD, { id: tree.city });
    const relay = stack().services.meetings.relay;
    try {
      await sub.next();
      // Updates from earlier tests' meetings may still be on their way: let them pass first.
      const settled = await sub.drain();
      const before = (settled.at(-1) ?? (await latest(city.admin, tree.city))).data.dashboardUpdated.meetingsHeld;
      await relay.stop();
      await record(tree.cell);
      await expect(sub.next(700)).rejects.toThrow(/no subscription message/);
      await relay.start();
      const late = await sub.next(3000);
      expect(late.data.dashboardUpdated.meetingsHeld).toBe(before + 1);
    } finally {
      if (!relay.running) await relay.start();
      await sub.close();
    }
  });
});

describe('a burst of writes in one cell', () => {
  const stack = useStack();

  it('reaches the cell, its committee and the city as a few coalesced updates, the last one complete', async () => {
    const city = await stack().createTenant('Đảng bộ ghi dồn dập');
    const tree = await city.seedTree();
    const watchers = [tree.cell, tree.ward, tree.city].map((id) => city.admin.subscribe(DASHBOARD, { id }));
    try {
      const before = await Promise.all(watchers.map(async (w) => (await w.next()).data.dashboardUpdated.meetingsHeld));
      const burst = 500;
      const writers = 10;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: writers }, async (_, k) => {
          for (let i = k; i < burst; i += writers) {
            await city.admin.ok(RECORD, { i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: `Buổi ${i}`, heldAt: new Date().toISOString() } });
          }
        }),
      );
      // How long the burst took decides how many windows it spans; printed to read a failure by.
      process.stdout.write(`burst of ${burst} writes took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      await stack().settle(60_000);
      const updates = await Promise.all(watchers.map((w) => w.drain(5000)));
      updates.forEach((u, i) => {
        expect(u.length).toBeGreaterThan(0);
        expect(u.length).toBeLessThanOrEqual(10);
        expect(u.at(-1)!.data.dashboardUpdated.meetingsHeld).toBe(before[i] + burst);
      });
    } finally {
      await Promise.all(watchers.map((w) => w.close()));
    }
  }, 120_000);
});
