import WebSocket from 'ws';
import { MeetingKind, Role } from '@chibo/domain';
import { useStack, type GatewayClient, type Subscription, type TenantHandle } from '@chibo/testkit';

const DASHBOARD = `subscription($id: ID!) {
  dashboardUpdated(orgUnitId: $id) { orgUnitId meetingsHeld openInspections disciplineDecisionsByForm { form count } }
}`;
const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }';

/**
 * Live dashboards share one upstream subscription per (dashboard, visibility class) at the
 * gateway. Sharing must never widen what anyone sees: these tests look from outside, as
 * subscribers with different roles and scopes would.
 */
describe('shared dashboard subscriptions at the gateway', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  const open: Subscription[] = [];

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố chia sẻ');
    tree = await city.seedTree();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  const watch = (client: GatewayClient, id: string) => {
    const s = client.subscribe(DASHBOARD, { id });
    open.push(s);
    return s;
  };
  /**
   * The next message whose figures satisfy `wanted`: an earlier test's change of the same unit may
   * still arrive first (the bus merges bursts and sends what is pending after a quiet spell).
   */
  const nextWhere = async (s: Subscription, wanted: (d: any) => boolean, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = await s.next(Math.max(1, deadline - Date.now()));
      if (wanted(m.data?.dashboardUpdated)) return m.data.dashboardUpdated;
    }
  };
  /** The same, over server-sent events, as a browser's EventSource-style client would. */
  const watchSse = (client: GatewayClient, id: string) => {
    const s = client.subscribeSse(DASHBOARD, { id });
    open.push(s);
    return s;
  };
  const record = (cellId: string) => city.admin.ok(RECORD, { i: { cellId, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ', heldAt: new Date().toISOString() } });
  /** What the gateway says about its shared subscriptions, read from its /metrics like an operator. */
  const gauge = async (name: string) => {
    const text = await (await fetch(stack().gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
    return Number(line?.split(' ').at(-1));
  };
  const upstreamAtMeetings = () => stack().services.meetings.dashboardBus.subscriberCount;
  /** Subscriptions closed by the previous test end asynchronously upstream; wait for them. */
  const untilUpstreams = async (n: number) => {
    const deadline = Date.now() + 3000;
    while (upstreamAtMeetings() !== n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return upstreamAtMeetings();
  };

  it('gives a cell secretary and an inspector on the same cell different payloads, and no inspection counts to the secretary', async () => {
    const secretary = watch(await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell }), tree.cell);
    const inspector = watch(await city.user({ role: Role.INSPECTOR, scope: tree.city }), tree.cell);
    const s0 = (await secretary.next()).data.dashboardUpdated;
    const i0 = (await inspector.next()).data.dashboardUpdated;
    expect(s0.openInspections).toBeNull();
    expect(s0.disciplineDecisionsByForm).toBeNull();
    expect(i0.openInspections).toBe(0);
    expect(i0.disciplineDecisionsByForm).toEqual(expect.any(Array));
    expect(s0.meetingsHeld).toBe(i0.meetingsHeld);

    await record(tree.cell);
    const s1 = (await secretary.next(1000)).data.dashboardUpdated;
    const i1 = (await inspector.next(1000)).data.dashboardUpdated;
    expect(s1.meetingsHeld).toBe(s0.meetingsHeld + 1);
    expect(i1.meetingsHeld).toBe(s0.meetingsHeld + 1);
    expect(s1.openInspections).toBeNull();
    expect(i1.openInspections).toBe(0);
  });

  it('answers identical queries made at the same moment by different people each with their own rights', async () => {
    // The gateway's HTTP executor used to share one subgraph answer between identical requests in
    // flight, whoever made them: the inspector's counts could reach the secretary, or the reverse.
    const query = 'query($id: ID!) { dashboard(orgUnitId: $id) { openInspections disciplineDecisionsByForm { form count } } }';
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([secretary, inspector, secretary, inspector].map((c) => c.ok(query, { id: tree.cell })));
      expect(answers.map((a) => a.dashboard.openInspections)).toEqual([null, 0, null, 0]);
    }
  });

  it('serves many subscribers of one class from one upstream subscription, each getting every update', async () => {
    const before = await untilUpstreams(0);
    // Two secretaries of the same cell (different people, same visibility) and 18 more sockets.
    const people = await Promise.all([0, 1].map(() => city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell })));
    const subs = Array.from({ length: 20 }, (_, i) => watch(people[i % 2], tree.otherCell));
    const first = await Promise.all(subs.map((s) => s.next(5000)));
    expect(first.every((m) => m.data.dashboardUpdated.orgUnitId === tree.otherCell)).toBe(true);
    expect(upstreamAtMeetings() - before).toBe(1);
    expect(await gauge('chibo_live_subscribers')).toBeGreaterThanOrEqual(20);

    await record(tree.otherCell);
    const updates = await Promise.all(subs.map((s) => s.next(1000)));
    const n = first[0].data.dashboardUpdated.meetingsHeld + 1;
    expect(updates.map((u) => u.data.dashboardUpdated.meetingsHeld)).toEqual(subs.map(() => n));
  });

  it('does not let a secretary of another cell join a cell dashboard that others are watching', async () => {
    const owner = watch(await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell }), tree.cell);
    await owner.next();
    const intruder = watch(await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell }), tree.cell);
    const answer = await intruder.next();
    expect(answer.data?.dashboardUpdated ?? null).toBeNull();
    // Out of scope looks the same as absent, as for a query.
    expect(answer.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('gives a reconnecting subscriber the current state at once, including what changed while it was away', async () => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const stayer = watch(staff, tree.ward);
    const leaver = staff.subscribe(DASHBOARD, { id: tree.ward });
    const w0 = (await stayer.next()).data.dashboardUpdated.meetingsHeld;
    await leaver.next();
    await leaver.close();
    await record(tree.cell);
    expect((await stayer.next(1000)).data.dashboardUpdated.meetingsHeld).toBe(w0 + 1);
    const back = watch(staff, tree.ward);
    const started = Date.now();
    expect((await back.next(1000)).data.dashboardUpdated.meetingsHeld).toBe(w0 + 1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('closes the upstream subscription when the last subscriber leaves', async () => {
    const before = await untilUpstreams(0);
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city });
    const a = staff.subscribe(DASHBOARD, { id: tree.city });
    const b = staff.subscribe(DASHBOARD, { id: tree.city });
    await a.next();
    await b.next();
    expect(upstreamAtMeetings() - before).toBe(1);
    await a.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(upstreamAtMeetings() - before).toBe(1);
    await b.close();
    expect(await untilUpstreams(before)).toBe(before);
    expect(await gauge('chibo_live_upstream_subscriptions')).toBe(0);
  });
  it('writes each subscription on a socket its own frames, under its own id, with what its class may see', async () => {
    // The gateway writes a shared update's frame itself (one serialisation per group, the id
    // spliced in per subscriber); read the raw graphql-ws frames to see that nothing crossed.
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const a = await rawSocket(inspector.token!);
    const b = await rawSocket(secretary.token!);
    try {
      a.subscribe('cell', tree.cell);
      a.subscribe('ward', tree.ward);
      b.subscribe('cell', tree.cell); // the same id as the inspector's, on another socket
      const firstA = await a.frames(2);
      const firstB = await b.frames(1);
      const cellOf = (frames: Frame[], id: string) => frames.find((f) => f.id === id)!.payload.data.dashboardUpdated;
      expect(firstA.map((f) => [f.id, f.type, f.payload.data.dashboardUpdated.orgUnitId]).sort()).toEqual([
        ['cell', 'next', tree.cell],
        ['ward', 'next', tree.ward],
      ]);
      expect(cellOf(firstA, 'cell').openInspections).toBe(0);
      expect(cellOf(firstA, 'ward').openInspections).toBe(0);
      expect(firstB).toEqual([{ id: 'cell', type: 'next', payload: { data: { dashboardUpdated: expect.objectContaining({ orgUnitId: tree.cell, openInspections: null, disciplineDecisionsByForm: null }) } } }]);

      // The inspector stops watching the cell: that id gets `complete` and nothing after it, the
      // ward subscription on the same socket and the secretary's go on.
      a.send({ id: 'cell', type: 'complete' });
      await record(tree.cell);
      const nextA = await a.frames(1);
      const nextB = await b.frames(1);
      expect(nextA.map((f) => [f.id, f.type])).toEqual([['ward', 'next']]);
      expect(nextA[0].payload.data.dashboardUpdated.meetingsHeld).toBe(cellOf(firstA, 'ward').meetingsHeld + 1);
      expect(nextB[0].payload.data.dashboardUpdated).toEqual(expect.objectContaining({ orgUnitId: tree.cell, meetingsHeld: cellOf(firstB, 'cell').meetingsHeld + 1, openInspections: null }));
      expect(await a.frames(1, 500).catch(() => [])).toEqual([]);
    } finally {
      a.close();
      b.close();
    }
  });

  interface Frame {
    id?: string;
    type: string;
    payload?: any;
  }

  /** A graphql-transport-ws socket spoken by hand, to see the frames exactly as sent. */
  async function rawSocket(token: string) {
    const socket = new WebSocket(stack().gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const inbox: Frame[] = [];
    let wake: (() => void) | undefined;
    socket.on('message', (data) => {
      inbox.push(JSON.parse(String(data)) as Frame);
      wake?.();
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const send = (m: Frame) => socket.send(JSON.stringify(m));
    /** The next `n` frames; rejects when they do not come within `timeoutMs`. */
    const frames = async (n: number, timeoutMs = 5000): Promise<Frame[]> => {
      const deadline = Date.now() + timeoutMs;
      while (inbox.length < n) {
        if (Date.now() > deadline) throw new Error(`waited for ${n} frames, got ${JSON.stringify(inbox)}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
      return inbox.splice(0, n);
    };
    send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    expect((await frames(1))[0].type).toBe('connection_ack');
    return {
      send,
      frames,
      subscribe: (id: string, orgUnitId: string) => send({ id, type: 'subscribe', payload: { query: DASHBOARD, variables: { id: orgUnitId } } }),
      close: () => socket.close(),
    };
  }

  describe('over server-sent events', () => {
    it('serves two SSE subscribers of one dashboard from one upstream subscription, both getting the update', async () => {
      const before = await untilUpstreams(0);
      const staff = await Promise.all([0, 1].map(() => city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward })));
      const subs = staff.map((c) => watchSse(c, tree.ward));
      const first = await Promise.all(subs.map((s) => s.next(5000)));
      expect(first.map((m) => m.data.dashboardUpdated.orgUnitId)).toEqual([tree.ward, tree.ward]);
      expect(upstreamAtMeetings() - before).toBe(1);

      await record(tree.cell);
      const n = first[0].data.dashboardUpdated.meetingsHeld + 1;
      const updates = await Promise.all(subs.map((s) => nextWhere(s, (d) => d.meetingsHeld >= n)));
      expect(updates.map((u) => u.meetingsHeld)).toEqual([n, n]);
    });

    it('gives an SSE secretary and an SSE inspector of one cell different payloads', async () => {
      const before = await untilUpstreams(0);
      const secretary = watchSse(await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell }), tree.cell);
      const inspector = watchSse(await city.user({ role: Role.INSPECTOR, scope: tree.city }), tree.cell);
      const s0 = (await secretary.next()).data.dashboardUpdated;
      const i0 = (await inspector.next()).data.dashboardUpdated;
      expect(s0.openInspections).toBeNull();
      expect(s0.disciplineDecisionsByForm).toBeNull();
      expect(i0.openInspections).toBe(0);
      expect(upstreamAtMeetings() - before).toBe(2);

      await record(tree.cell);
      const s1 = await nextWhere(secretary, (d) => d.meetingsHeld > s0.meetingsHeld);
      const i1 = await nextWhere(inspector, (d) => d.meetingsHeld > s0.meetingsHeld);
      expect(s1.meetingsHeld).toBe(s0.meetingsHeld + 1);
      expect(i1.meetingsHeld).toBe(s0.meetingsHeld + 1);
      expect(s1.openInspections).toBeNull();
      expect(i1.openInspections).toBe(0);
    });

    it('lets an SSE and a WebSocket subscriber of the same dashboard share, and keeps it going when the first one leaves', async () => {
      const before = await untilUpstreams(0);
      const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city });
      // The SSE subscriber opens the shared stream; its request must not own it.
      const sse = staff.subscribeSse(DASHBOARD, { id: tree.city });
      const w0 = (await sse.next()).data.dashboardUpdated.meetingsHeld;
      const ws = watch(staff, tree.city);
      expect((await ws.next()).data.dashboardUpdated.meetingsHeld).toBe(w0);
      expect(upstreamAtMeetings() - before).toBe(1);

      await sse.close();
      await new Promise((r) => setTimeout(r, 200));
      expect(upstreamAtMeetings() - before).toBe(1);
      await record(tree.otherCell);
      expect((await nextWhere(ws, (d) => d.meetingsHeld > w0)).meetingsHeld).toBe(w0 + 1);
    });

    it('closes the upstream subscription when the last SSE subscriber disconnects', async () => {
      const before = await untilUpstreams(0);
      const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
      const a = staff.subscribeSse(DASHBOARD, { id: tree.ward });
      const b = staff.subscribeSse(DASHBOARD, { id: tree.ward });
      await a.next();
      await b.next();
      expect(upstreamAtMeetings() - before).toBe(1);
      await a.close();
      await b.close();
      expect(await untilUpstreams(before)).toBe(before);
    });

    it('does not let an SSE secretary of another cell see a cell dashboard that others are watching', async () => {
      const owner = watchSse(await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell }), tree.cell);
      await owner.next();
      const intruder = watchSse(await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell }), tree.cell);
      const answer = await intruder.next();
      expect(answer.data?.dashboardUpdated ?? null).toBeNull();
      expect(answer.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });
});
