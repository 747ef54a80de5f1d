import { MeetingKind, OrgUnitKind, Role, type EventEnvelope } from '@chibo/domain';
import { OutboxRelay, SERVICE_NAMES, createLogger, relayConnectionString } from '@chibo/service-kit';
import { Stack, testDatabase, useStack, type TenantHandle } from '@chibo/testkit';

const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }';
const record = (t: TenantHandle, cellId: string, title = 'Sinh hoạt chi bộ thường kỳ') =>
  t.admin.ok(RECORD, { i: { cellId, kind: MeetingKind.REGULAR, title, heldAt: new Date().toISOString() } });

describe('health, readiness and metrics', () => {
  const stack = useStack();

  it.each(SERVICE_NAMES)('%s answers /healthz, /readyz (database and migrations) and /metrics', async (name) => {
    const base = stack().services[name].subgraph.url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', service: name });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', service: name, checks: { database: true, migrations: true } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('chibo_graphql_requests_total');
    expect(metrics).toMatch(/chibo_outbox_lag_seconds\{service="[a-z]+"\} \d/);
  });

  it('the gateway is ready when its subgraphs are, and counts requests', async () => {
    const base = stack().gatewayUrl.replace(/\/graphql$/, '');
    const t = await stack().createTenant('Đảng bộ vận hành');
    await t.admin.ok('{ currentTenant { name } }');
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { membership: true, meetings: true, inspection: true } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/chibo_graphql_requests_total\{operation="http",outcome="ok",service="gateway"\} [1-9]/);
  });
});

describe('replicas on one database', () => {
  // Two whole stacks on one database stand for two replicas of every part.
  const first = useStack({ ownDatabase: true });
  let second: Stack;

  beforeAll(async () => {
    second = await Stack.start({ adminUrl: first().options.adminUrl, password: first().options.password });
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
  });

  it('a subscriber on gateway 1 sees a meeting recorded through gateway 2', async () => {
    const t = await first().createTenant('Đảng bộ hai bản sao');
    const tree = await t.seedTree();
    const viaSecond = second.client(await second.token({ tenantId: t.id, roles: [Role.CITY_ADMIN] }));
    const sub = t.admin.subscribe('subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { meetingsHeld } }', { id: tree.city });
    try {
      const before = (await sub.next()).data.dashboardUpdated.meetingsHeld;
      await viaSecond.ok(RECORD, { i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: 'Qua cổng thứ hai', heldAt: new Date().toISOString() } });
      const update = await sub.next(2000);
      expect(update.data.dashboardUpdated.meetingsHeld).toBe(before + 1);
    } finally {
      await sub.close();
    }
  });

  it('two relays on one outbox deliver every event exactly once (SKIP LOCKED)', async () => {
    const t = await first().createTenant('Đảng bộ hai bộ chuyển tiếp');
    const tree = await t.seedTree();
    // Hold both stacks' own meetings relays so only the two under test deliver.
    await first().services.meetings.relay.stop();
    await second.services.meetings.relay.stop();
    const seen: string[] = [];
    const counting = { name: 'count', deliver: async (e: EventEnvelope) => void (e.tenantId === t.id && seen.push(e.id)) };
    const relays = [0, 1].map(
      () =>
        new OutboxRelay({
          service: 'meetings',
          connectionString: relayConnectionString({ adminUrl: first().options.adminUrl, password: first().options.password, service: 'meetings' }),
          sinks: [counting],
          logger: createLogger({}, 'silent'),
          batchSize: 5,
        }),
    );
    try {
      for (let i = 0; i < 30; i++) await record(t, i % 2 ? tree.cell : tree.otherCell, `Buổi ${i + 1}`);
      await Promise.all(relays.map((r) => r.start()));
      await first().settle();
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
      await first().services.meetings.relay.start();
      await second.services.meetings.relay.start();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes a request that is in flight when the stop begins', async () => {
    const stack = await Stack.start(await testDatabase());
    const t = await stack.createTenant('Đảng bộ dừng êm');
    // Hold the request inside the database: lock the tenant table until after the stop began.
    const locker = await stack.sql('membership', 'admin');
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE membership.tenant IN ACCESS EXCLUSIVE MODE');
    const inFlight = t.admin.execute('{ currentTenant { name } }');
    await new Promise((r) => setTimeout(r, 200));
    const stopping = stack.stop();
    await new Promise((r) => setTimeout(r, 300));
    await locker.query('COMMIT');
    await locker.end();
    const answer = await inFlight;
    await stopping;
    expect(answer.data).toEqual({ currentTenant: { name: 'Đảng bộ dừng êm' } });
    expect(answer.errors).toBeUndefined();
  });

  it('closes live subscriptions with 1001 (going away) so clients reconnect elsewhere', async () => {
    const stack = await Stack.start(await testDatabase());
    let stopped = false;
    try {
      const t = await stack.createTenant('Đảng bộ dừng máy');
      await stack.settle(); // the new city must reach meetings before its dashboard opens
      const sub = t.admin.subscribe('subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { meetingsHeld } }', { id: t.rootOrgUnitId });
      expect((await sub.next()).data.dashboardUpdated.meetingsHeld).toBe(0);
      await stack.stop();
      stopped = true;
      const last = await sub.next(3000);
      expect(last.errors?.[0].extensions?.closeCode).toBe(1001);
      await sub.close();
    } finally {
      if (!stopped) await stack.stop();
    }
  });
});

describe('a subscriber whose connection drops', () => {
  const stack = useStack();

  it('gets the current dashboard state at once when it reconnects, including what it missed', async () => {
    const t = await stack().createTenant('Đảng bộ kết nối lại');
    const tree = await t.seedTree();
    const query = 'subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { meetingsHeld } }';
    const first = t.admin.subscribe(query, { id: tree.ward });
    expect((await first.next()).data.dashboardUpdated.meetingsHeld).toBe(0);
    await first.close(); // the connection drops
    await record(t, tree.cell, 'Họp khi mất kết nối');
    await stack().settle();
    const again = t.admin.subscribe(query, { id: tree.ward });
    try {
      expect((await again.next()).data.dashboardUpdated.meetingsHeld).toBe(1);
    } finally {
      await again.close();
    }
  });
});

describe('a relay killed between delivering and marking', () => {
  // Its own database: this test stops relays and rewinds an outbox.
  const stack = useStack({ ownDatabase: true });

  it('redelivers everything after a restart, and consumers apply nothing twice', async () => {
    const t = await stack().createTenant('Đảng bộ chuyển tiếp lại');
    const relay = stack().services.membership.relay;
    await relay.stop();
    const ward = await t.createOrgUnit(t.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Tân Giang');
    await t.createOrgUnit(ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 3');
    await t.createOrgUnit(ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 5');
    await relay.start();
    await stack().settle();

    const countProjection = async () => {
      const admin = await stack().sql('meetings', 'admin');
      try {
        const { rows } = await admin.query('SELECT count(*)::int AS n FROM meetings.org_unit WHERE tenant_id = $1', [t.id]);
        return rows[0].n as number;
      } finally {
        await admin.end();
      }
    };
    const before = await countProjection();
    expect(before).toBe(4); // the city, the ward and two cells all reached meetings

    // The crash: events were delivered but the relay died before marking them published.
    const admin = await stack().sql('membership', 'admin');
    try {
      const { rowCount } = await admin.query('UPDATE membership.outbox SET published_at = NULL WHERE tenant_id = $1', [t.id]);
      expect(rowCount).toBeGreaterThanOrEqual(4);
    } finally {
      await admin.end();
    }
    relay.kick();
    await stack().settle();
    expect(await countProjection()).toBe(before);
    const inbox = await stack().sql('meetings', 'admin');
    try {
      const { rows } = await inbox.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM meetings.inbox WHERE tenant_id = $1', [t.id]);
      expect(rows[0].n).toBe(rows[0].d);
    } finally {
      await inbox.end();
    }
  });
});
