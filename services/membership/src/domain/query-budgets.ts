import {
  DomainError,
  MAX_KEY_POINTS_PER_HOUR,
  MAX_TENANT_POINTS_PER_HOUR,
  budgetWindow,
  requireOperation,
  requireTenant,
  type BudgetLimits,
  type Principal,
} from '@chibo/domain';

/**
 * Hạn mức truy vấn — hourly budgets in points (issue 7), set through the API: a platform
 * administrator gives a tenant its points, a city administrator shares them out among the
 * tenant's API keys, never giving one key more than the tenant has. Unset means the platform's
 * default (the gateway's configuration). The gateway charges every request to both budgets
 * (request-admission.ts); what is spent and left is read from the same counters.
 */
export interface QueryBudgetPorts {
  tenantExists(): Promise<boolean>;
  tenantPointsPerHour(): Promise<number | null>;
  setTenantPointsPerHour(points: number | null): Promise<void>;
  findKeyBudget(keyId: string): Promise<{ id: string; pointsPerHour: number | null } | null>;
  setKeyPointsPerHour(keyId: string, points: number | null): Promise<void>;
  spentSince(buckets: string[], windowStart: Date): Promise<Map<string, number>>;
}

/** A budget as it stands this hour. */
export interface QueryBudget {
  /** The points per hour that apply. */
  pointsPerHour: number;
  /** Whether that is the platform's default (nothing was set). */
  isDefault: boolean;
  remaining: number;
  resetAt: Date;
}

export const keyBucket = (keyId: string) => `key:${keyId}`;

/** 1 to `max` whole points an hour, or null to go back to the default; anything else is refused. */
export function checkPoints(points: number | null | undefined, max: number, field = 'pointsPerHour'): number | null {
  if (points === null || points === undefined) return null;
  if (!Number.isInteger(points) || points < 1 || points > max) {
    throw new DomainError(
      'BAD_USER_INPUT',
      { vi: `Hạn mức phải từ 1 đến ${max} điểm mỗi giờ`, en: `A budget must be 1 to ${max} points an hour` },
      { field, min: 1, max },
    );
  }
  return points;
}

/** A city administrator may give a key at most what the tenant itself has. */
export function checkWithinTenant(points: number | null, tenantPoints: number): void {
  if (points !== null && points > tenantPoints) {
    throw new DomainError(
      'BAD_USER_INPUT',
      {
        vi: `Hạn mức của khóa không được vượt hạn mức của đảng bộ (${tenantPoints} điểm mỗi giờ)`,
        en: `A key's budget cannot exceed the tenant's (${tenantPoints} points an hour)`,
      },
      { field: 'pointsPerHour', max: tenantPoints, reason: 'aboveTenantBudget' },
    );
  }
}

async function budgetsOf(ports: QueryBudgetPorts, rows: { bucket: string; own: number | null; fallback: number }[], now: Date): Promise<QueryBudget[]> {
  const window = budgetWindow(now);
  const spent = await ports.spentSince(rows.map((r) => r.bucket), window.start);
  return rows.map((r) => {
    const pointsPerHour = r.own ?? r.fallback;
    return { pointsPerHour, isDefault: r.own === null, remaining: Math.max(0, pointsPerHour - (spent.get(r.bucket) ?? 0)), resetAt: window.end };
  });
}

export async function tenantBudget(ports: QueryBudgetPorts, defaults: BudgetLimits, now = new Date()): Promise<QueryBudget> {
  const [b] = await budgetsOf(ports, [{ bucket: 'tenant', own: await ports.tenantPointsPerHour(), fallback: defaults.tenantPointsPerHour }], now);
  return b;
}

/** The budgets of the tenant's keys, in one read of the counters (the key list shows them). */
export async function keyBudgets(ports: QueryBudgetPorts, keys: { id: string; pointsPerHour: number | null }[], defaults: BudgetLimits, now = new Date()): Promise<Map<string, QueryBudget>> {
  const budgets = await budgetsOf(ports, keys.map((k) => ({ bucket: keyBucket(k.id), own: k.pointsPerHour, fallback: defaults.keyPointsPerHour })), now);
  return new Map(keys.map((k, i) => [k.id, budgets[i]]));
}

/** A platform administrator sets a tenant's hourly points (null: back to the default). */
export async function setTenantQueryBudget(principal: Principal, pointsPerHour: number | null | undefined, ports: QueryBudgetPorts, defaults: BudgetLimits): Promise<QueryBudget> {
  requireOperation(principal, 'setTenantQueryBudget');
  const points = checkPoints(pointsPerHour, MAX_TENANT_POINTS_PER_HOUR);
  if (!(await ports.tenantExists())) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy đảng bộ', en: 'Tenant not found' }, { field: 'tenantId' });
  await ports.setTenantPointsPerHour(points);
  return tenantBudget(ports, defaults);
}

/** A city administrator sets one key's hourly points, within the tenant's (null: back to the default). */
export async function setApiKeyQueryBudget(principal: Principal, keyId: string, pointsPerHour: number | null | undefined, ports: QueryBudgetPorts, defaults: BudgetLimits): Promise<QueryBudget> {
  requireTenant(principal);
  requireOperation(principal, 'setApiKeyQueryBudget');
  const points = checkPoints(pointsPerHour, MAX_KEY_POINTS_PER_HOUR);
  const key = await ports.findKeyBudget(keyId);
  if (!key) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy khóa API', en: 'API key not found' }, { field: 'id' });
  checkWithinTenant(points, (await ports.tenantPointsPerHour()) ?? defaults.tenantPointsPerHour);
  await ports.setKeyPointsPerHour(keyId, points);
  return (await keyBudgets(ports, [{ id: keyId, pointsPerHour: points }], defaults)).get(keyId)!;
}
