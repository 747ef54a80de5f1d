/**
 * Whether the gateway may run a request for a tenant (issue 7): the tenant may accept only
 * persisted documents, and its requests spend points from hourly budgets — one for the tenant,
 * and one per API key on top; a refused request spends nothing. The rule is here; the
 * counters are a port: membership keeps them in PostgreSQL (shared by every gateway replica),
 * a gateway without membership in memory.
 */

export const BUDGET_WINDOW_MS = 3_600_000;

/**
 * Hạn mức truy vấn — the platform's hourly points for a tenant and for an API key, used where
 * no budget was set through the API (`setTenantQueryBudget`, `setApiKeyQueryBudget`).
 */
export interface BudgetLimits {
  tenantPointsPerHour: number;
  keyPointsPerHour: number;
}

export const DEFAULT_BUDGETS: BudgetLimits = { tenantPointsPerHour: 500_000, keyPointsPerHour: 100_000 };

/** What a budget set through the API may be: anything above is a typing slip, not a plan. */
export const MAX_TENANT_POINTS_PER_HOUR = 100_000_000;
export const MAX_KEY_POINTS_PER_HOUR = 10_000_000;

/** `CHIBO_BUDGET_TENANT_POINTS_PER_HOUR`, `CHIBO_BUDGET_KEY_POINTS_PER_HOUR`; the defaults otherwise. */
export function budgetsFromEnv(env: Record<string, string | undefined>): BudgetLimits {
  const n = (v: string | undefined, d: number) => (v && Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    tenantPointsPerHour: n(env.CHIBO_BUDGET_TENANT_POINTS_PER_HOUR, DEFAULT_BUDGETS.tenantPointsPerHour),
    keyPointsPerHour: n(env.CHIBO_BUDGET_KEY_POINTS_PER_HOUR, DEFAULT_BUDGETS.keyPointsPerHour),
  };
}

export interface AdmissionRequest {
  tenantId: string;
  /** The API key the request came with, if any (its own budget applies too). */
  keyId: string | null;
  /** The operation's static cost. */
  points: number;
  /** Whether the document came from the persisted manifest (sent by hash). */
  persisted: boolean;
  tenantLimit: number;
  keyLimit: number;
}

/** The budget that binds (the one with the fewest points left), as the response headers show it. */
export interface BudgetState {
  resource: 'tenant' | 'key';
  limit: number;
  remaining: number;
  /** When the window ends and the budget is full again (ISO). */
  resetAt: string;
}

export type Admission =
  | { admitted: true; budget: BudgetState }
  | { admitted: false; reason: 'budget'; budget: BudgetState }
  | { admitted: false; reason: 'persistedOnly' };

export interface Bucket {
  bucket: string;
  resource: BudgetState['resource'];
  limit: number;
}

export interface AdmissionPorts {
  persistedDocumentsOnly(): Promise<boolean>;
  /** The tenant's own budget, if the platform administrator gave it one. */
  tenantPointsPerHour(): Promise<number | null>;
  /** A key's own budget, if its city administrator gave it one. */
  keyPointsPerHour(keyId: string): Promise<number | null>;
  /**
   * Adds the points to every bucket of the window, all or none: the buckets that would go over
   * their limit are returned (with what they had spent) and nothing is kept.
   */
  spend(buckets: Bucket[], points: number, windowStart: Date): Promise<{ spent: Map<string, number>; over: string[] }>;
}

export function budgetWindow(now: Date): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / BUDGET_WINDOW_MS) * BUDGET_WINDOW_MS;
  return { start: new Date(start), end: new Date(start + BUDGET_WINDOW_MS) };
}

export async function admitRequest(req: AdmissionRequest, ports: AdmissionPorts, now = new Date()): Promise<Admission> {
  if (!req.persisted && (await ports.persistedDocumentsOnly())) return { admitted: false, reason: 'persistedOnly' };
  const buckets: Bucket[] = [{ bucket: 'tenant', resource: 'tenant', limit: (await ports.tenantPointsPerHour()) ?? req.tenantLimit }];
  if (req.keyId) buckets.push({ bucket: `key:${req.keyId}`, resource: 'key', limit: (await ports.keyPointsPerHour(req.keyId)) ?? req.keyLimit });
  const window = budgetWindow(now);
  const { spent, over } = await ports.spend(buckets, Math.max(1, Math.ceil(req.points)), window.start);
  const states = buckets.map((b) => ({ resource: b.resource, limit: b.limit, remaining: Math.max(0, b.limit - (spent.get(b.bucket) ?? 0)), resetAt: window.end.toISOString() }));
  if (over.length) {
    const refused = buckets.findIndex((b) => over.includes(b.bucket));
    return { admitted: false, reason: 'budget', budget: states[refused] };
  }
  const binding = states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return { admitted: true, budget: binding };
}
