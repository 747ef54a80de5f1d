import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@chibo/service-kit';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { admitRequest, type AdmissionRequest } from '../src/domain/request-admission';
import { RequestBudgetStore } from '../src/store';

/**
 * The budget counters themselves, on PostgreSQL: an hour's spending starts again in the next
 * hour on the same row, and a refusal by one bucket leaves the others as they were.
 */
describe('request budgets in PostgreSQL', () => {
  const stack = useStack();
  let t: TenantHandle;

  beforeAll(async () => {
    t = await stack().createTenant('Đảng bộ đếm điểm');
  });

  const admit = (req: Partial<AdmissionRequest>, now: Date) =>
    new UnitOfWork(stack().services.membership.dataSource, t.id, 'membership').run((tx) =>
      admitRequest({ tenantId: t.id, keyId: null, points: 10, persisted: false, tenantLimit: 100, keyLimit: 30, ...req }, new RequestBudgetStore(tx), now),
    );

  it('starts each hour afresh on the same row', async () => {
    const nine = new Date('2026-03-02T09:10:00Z');
    expect(await admit({ points: 90 }, nine)).toMatchObject({ admitted: true, budget: { remaining: 10, resetAt: '2026-03-02T10:00:00.000Z' } });
    expect(await admit({ points: 20 }, new Date('2026-03-02T09:59:59Z'))).toMatchObject({ admitted: false, reason: 'budget', budget: { resource: 'tenant', remaining: 10 } });
    expect(await admit({ points: 20 }, new Date('2026-03-02T10:00:00Z'))).toMatchObject({ admitted: true, budget: { remaining: 80, resetAt: '2026-03-02T11:00:00.000Z' } });
  });

  it('spends from every bucket or from none', async () => {
    const keyId = randomUUID();
    const noon = new Date('2026-03-03T12:00:00Z');
    expect(await admit({ keyId, points: 25 }, noon)).toMatchObject({ admitted: true, budget: { resource: 'key', remaining: 5 } });
    // The key's bucket refuses; the tenant's must not keep the 25 points it would have taken.
    expect(await admit({ keyId, points: 25 }, noon)).toMatchObject({ admitted: false, budget: { resource: 'key', remaining: 5 } });
    expect(await admit({ points: 75 }, noon)).toMatchObject({ admitted: true, budget: { resource: 'tenant', remaining: 0 } });
  });

  it('lets concurrent spenders, and lagging clocks, take no more than the budget', async () => {
    const at = new Date('2026-03-04T08:00:00Z');
    // A replica whose clock lags an hour spends from the current hour; it does not restart one.
    expect(await admit({ points: 60 }, at)).toMatchObject({ admitted: true, budget: { remaining: 40 } });
    expect(await admit({ points: 50 }, new Date('2026-03-04T07:59:00Z'))).toMatchObject({ admitted: false, budget: { remaining: 40 } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => admit({ points: 10 }, at)));
    // 40 points were left: four of the twenty get them, whatever the interleaving.
    expect(answers.filter((a) => a.admitted)).toHaveLength(4);
  });
});
