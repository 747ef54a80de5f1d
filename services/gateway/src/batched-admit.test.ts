import type { Admission, AdmissionRequest } from '@chibo/domain';
import { batchedAdmit, type Admit } from './budget';

const TENANT = '00000000-0000-4000-8000-0000000000aa';
const request = (points: number, o: Partial<AdmissionRequest> = {}): AdmissionRequest => ({ tenantId: TENANT, keyId: null, points, persisted: false, tenantLimit: 100, keyLimit: 50, ...o });

/** A budget of `limit` points that spends all or nothing, answering after a tick, with its calls counted. */
function budget(limit: number) {
  const calls: number[] = [];
  let spent = 0;
  const admit: Admit = async (req) => {
    calls.push(req.points);
    await new Promise((r) => setTimeout(r, 5));
    const state = { resource: 'tenant' as const, limit, remaining: limit - spent, resetAt: '2026-11-25T02:00:00.000Z' };
    if (spent + req.points > limit) return { admitted: false, reason: 'budget', budget: state } satisfies Admission;
    spent += req.points;
    return { admitted: true, budget: { ...state, remaining: limit - spent } } satisfies Admission;
  };
  return { admit, calls, spent: () => spent };
}

describe('admissions batched per tenant (budget.ts)', () => {
  it('sends the first request alone, then those that came meanwhile in one call, spending the same points', async () => {
    const b = budget(1000);
    const admit = batchedAdmit(b.admit);
    const verdicts = await Promise.all([3, 4, 5, 6].map((p) => admit(request(p))));
    expect(verdicts.every((v) => v.admitted)).toBe(true);
    expect(b.calls).toEqual([3, 15]);
    expect(b.spent()).toBe(18);
  });

  it('gives each request of a refused batch the verdict it would have had alone (R-budget: refused spends nothing)', async () => {
    const b = budget(10);
    const admit = batchedAdmit(b.admit);
    const verdicts = await Promise.all([2, 5, 6, 3].map((p) => admit(request(p))));
    // 2 alone (fits); 5+6+3 together would not fit; alone: 5 fits (7), 6 does not (13), 3 fits (10).
    expect(verdicts.map((v) => v.admitted)).toEqual([true, true, false, true]);
    expect(b.spent()).toBe(10);
  });

  it('never batches different tenants, keys or persisted flags together', async () => {
    const b = budget(1000);
    const admit = batchedAdmit(b.admit);
    await Promise.all([request(1), request(1, { tenantId: '00000000-0000-4000-8000-0000000000bb' }), request(1, { keyId: 'k1' }), request(1, { persisted: true })].map((r) => admit(r)));
    expect(b.calls).toEqual([1, 1, 1, 1]);
  });

  it('passes a failure of the admission service to every request of the batch', async () => {
    let n = 0;
    const admit = batchedAdmit(async () => {
      n++;
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('membership is away');
    });
    const results = await Promise.allSettled([1, 2, 3].map((p) => admit(request(p))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(n).toBe(2);
  });
});
