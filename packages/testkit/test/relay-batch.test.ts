import { randomUUID } from 'node:crypto';
import { OrgUnitKind, type EventEnvelope } from '@chibo/domain';
import { HttpEventSink } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';

/**
 * The relay hands a consumer a batch of events per request, which it applies in one transaction
 * per tenant with its inbox. Batching must not cost the per-event guarantees: order, exactly-once
 * effect, and one poisoned event holding back only itself and what comes after it, with its
 * attempts and error on record, until it is mended.
 */
describe('events relayed in batches', () => {
  // Its own database: this test stops a relay and writes an outbox by hand.
  const stack = useStack({ ownDatabase: true });

  it('applies the events before a poisoned one, records its failure, and delivers the rest once it is mended', async () => {
    const t = await stack().createTenant('Đảng bộ chuyển tiếp theo lô');
    const ward = await t.createOrgUnit(t.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Bắc Hà');
    const cell = await t.createOrgUnit(ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 7');
    await stack().settle();
    const relay = stack().services.membership.relay;
    await relay.stop();

    // Sixty admissions as membership's outbox would hold them; the 21st names no cell anyone knows.
    const members = Array.from({ length: 60 }, () => randomUUID());
    const ids = members.map(() => randomUUID());
    const POISONED = 20;
    const payload = (i: number) => ({ memberId: members[i], cellId: i === POISONED ? 'không-phải-mã-chi-bộ' : cell, status: 'OFFICIAL', effectiveOn: '2021-03-01' });
    const admin = await stack().sql('membership', 'admin');
    const meetings = await stack().sql('meetings', 'admin');
    try {
      await admin.query(
        `INSERT INTO membership.outbox (tenant_id, id, type, payload)
         SELECT $1, e.id, 'MemberAdmitted', e.payload FROM unnest($2::uuid[], $3::jsonb[]) WITH ORDINALITY AS e(id, payload, n) ORDER BY e.n`,
        [t.id, ids, members.map((_, i) => JSON.stringify(payload(i)))],
      );
      const onRoll = async () => {
        const { rows } = await meetings.query('SELECT DISTINCT member_id FROM meetings.roll_entry WHERE tenant_id = $1 AND member_id = ANY($2::uuid[])', [t.id, members]);
        return new Set(rows.map((r) => r.member_id as string));
      };
      const poisoned = async () => (await admin.query('SELECT attempts, last_error, published_at FROM membership.outbox WHERE tenant_id = $1 AND id = $2', [t.id, ids[POISONED]])).rows[0];

      await relay.start();
      const deadline = Date.now() + 20_000;
      while ((await poisoned()).attempts < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const failed = await poisoned();
      expect(failed.attempts).toBeGreaterThanOrEqual(2); // retried, not given up on, not skipped
      expect(failed.last_error).toMatch(/meetings/);
      expect(failed.published_at).toBeNull();
      // In order: everything before it is applied and published, nothing after it yet.
      expect(await onRoll()).toEqual(new Set(members.slice(0, POISONED)));
      const { rows: published } = await admin.query('SELECT id FROM membership.outbox WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND published_at IS NOT NULL', [t.id, ids]);
      expect(new Set(published.map((r) => r.id))).toEqual(new Set(ids.slice(0, POISONED)));

      // Mended (the payload corrected by an operator): the rest goes through, each once.
      await admin.query(`UPDATE membership.outbox SET payload = jsonb_set(payload, '{cellId}', to_jsonb($3::text)) WHERE tenant_id = $1 AND id = $2`, [t.id, ids[POISONED], cell]);
      relay.kick();
      await stack().settle(20_000);
      expect(await onRoll()).toEqual(new Set(members));
      const { rows: inbox } = await meetings.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d, count(DISTINCT received_at)::int AS transactions FROM meetings.inbox WHERE tenant_id = $1 AND event_id = ANY($2::uuid[])', [t.id, ids]);
      expect(inbox[0]).toEqual({ n: 60, d: 60, transactions: expect.any(Number) });
      // Batched: the forty after the mended one arrived in a transaction or two, not forty.
      expect(inbox[0].transactions).toBeLessThanOrEqual(5);
      const { rows: mended } = await admin.query('SELECT attempts, last_error FROM membership.outbox WHERE tenant_id = $1 AND id = $2', [t.id, ids[POISONED]]);
      expect(mended[0].last_error).toBeNull();
    } finally {
      if (!relay.running) await relay.start();
      await admin.end();
      await meetings.end();
    }
  });
  it('applies a batch spanning two tenants, each event once, whether repeated in the batch or applied before', async () => {
    const a = await stack().createTenant('Đảng bộ lô thứ nhất');
    const b = await stack().createTenant('Đảng bộ lô thứ hai');
    const cellOf = async (t: typeof a) => t.createOrgUnit(await t.createOrgUnit(t.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường'), OrgUnitKind.CELL, 'Chi bộ 1');
    const [cellA, cellB] = [await cellOf(a), await cellOf(b)];
    await stack().settle();
    const admitted = (tenantId: string, cellId: string) =>
      ({
        id: randomUUID(),
        tenantId,
        type: 'MemberAdmitted',
        source: 'membership',
        occurredAt: new Date().toISOString(),
        payload: { memberId: randomUUID(), cellId, status: 'OFFICIAL', effectiveOn: '2022-05-19' },
      }) as EventEnvelope;
    const sink = new HttpEventSink('meetings', () => stack().services.meetings.subgraph.url.replace(/graphql$/, 'events'), stack().options.internalSecret);
    const before = admitted(a.id, cellA);
    await sink.deliver(before);
    const batch = [admitted(a.id, cellA), before, admitted(b.id, cellB), admitted(b.id, cellB), admitted(a.id, cellA)];
    batch.push(batch[2]); // the same event twice in one batch
    expect(await sink.deliverBatch(batch)).toEqual({ delivered: batch.length });
    // Delivered again whole (a relay that died before marking): nothing changes.
    expect(await sink.deliverBatch(batch)).toEqual({ delivered: batch.length });
    const meetings = await stack().sql('meetings', 'admin');
    try {
      const members = [...new Set(batch.map((e) => (e.payload as { memberId: string }).memberId))];
      const { rows } = await meetings.query('SELECT tenant_id, count(*)::int AS n FROM meetings.roll_entry WHERE member_id = ANY($1::uuid[]) GROUP BY tenant_id', [members]);
      expect(Object.fromEntries(rows.map((r) => [r.tenant_id, r.n]))).toEqual({ [a.id]: 3, [b.id]: 2 });
    } finally {
      await meetings.end();
    }
  });
});
