import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { membershipService } from '@chibo/membership';
import { UnitOfWork, appDataSource } from '@chibo/service-kit';
import { useStack, type TenantHandle } from '@chibo/testkit';

/**
 * Transaction.asTenant, the one crossing between tenants (T-1, M-8's transfer letter), on the
 * app role under row-level security: while on the other side only the other tenant's rows are
 * reachable, afterwards only one's own again, and both sides commit or roll back together.
 */
describe('Transaction.asTenant', () => {
  const stack = useStack();
  let a: TenantHandle;
  let b: TenantHandle;
  let ds: DataSource;

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ bàn giao A');
    b = await stack().createTenant('Đảng bộ bàn giao B');
    ds = appDataSource({ adminUrl: stack().options.adminUrl, password: stack().options.password, service: 'membership', entities: membershipService.entities });
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  const tenantsSeen = async (q: (sql: string) => Promise<{ tenant_id: string }[]>) => (await q('SELECT DISTINCT tenant_id FROM membership.org_unit')).map((r) => r.tenant_id);
  const outboxOf = async (letterId: string) => {
    const admin = await stack().sql('membership', 'admin');
    try {
      return (await admin.query(`SELECT tenant_id FROM membership.outbox WHERE payload->>'letterId' = $1`, [letterId])).rows.map((r) => r.tenant_id).sort();
    } finally {
      await admin.end();
    }
  };

  it('T-1: sees only the other tenant while there, and only its own again after', async () => {
    const seen = await new UnitOfWork(ds, a.id, 'membership').run(async (tx) => {
      const before = await tenantsSeen((s) => tx.manager.query(s));
      const there = await tx.asTenant(b.id, (other) => tenantsSeen((s) => other.manager.query(s)));
      const after = await tenantsSeen((s) => tx.manager.query(s));
      return { before, there, after };
    });
    expect(seen).toEqual({ before: [a.id], there: [b.id], after: [a.id] });
  });

  it('T-1: events published on the other side go to the outbox as that tenant’s', async () => {
    const letterId = randomUUID();
    await new UnitOfWork(ds, a.id, 'membership').run(async (tx) => {
      tx.publish({ type: 'TransferLetterChanged', payload: { letterId, direction: 'OUTGOING', status: 'PENDING', memberId: null } });
      await tx.asTenant(b.id, async (other) => other.publish({ type: 'TransferLetterChanged', payload: { letterId, direction: 'INCOMING', status: 'PENDING', memberId: null } }));
    });
    expect(await outboxOf(letterId)).toEqual([a.id, b.id].sort());
  });

  it('T-1: an error on the other side rolls back both sides, and is the error the caller sees', async () => {
    const letterId = randomUUID();
    const failed = new UnitOfWork(ds, a.id, 'membership').run(async (tx) => {
      tx.publish({ type: 'TransferLetterChanged', payload: { letterId, direction: 'OUTGOING', status: 'PENDING', memberId: null } });
      await tx.asTenant(b.id, async (other) => {
        await other.manager.query(`INSERT INTO membership.outbox (tenant_id, id, type, payload) VALUES ($1, $2, 'TransferLetterChanged', $3)`, [b.id, randomUUID(), JSON.stringify({ letterId })]);
        // A row of tenant A written while acting as B breaks row-level security's check.
        await other.manager.query(`INSERT INTO membership.outbox (tenant_id, id, type, payload) VALUES ($1, $2, 'TransferLetterChanged', $3)`, [a.id, randomUUID(), JSON.stringify({ letterId })]);
      });
    });
    await expect(failed).rejects.toThrow(/row-level security/);
    expect(await outboxOf(letterId)).toEqual([]);
  });
});
