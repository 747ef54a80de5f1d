import { DomainError, MAX_KEY_POINTS_PER_HOUR, Role, type Principal } from '@chibo/domain';
import { checkPoints, keyBudgets, setApiKeyQueryBudget, setTenantQueryBudget, type QueryBudgetPorts } from './query-budgets';

const DEFAULTS = { tenantPointsPerHour: 1_000, keyPointsPerHour: 300 };
const who = (role: Role, tenantId: string | null = 't-1'): Principal => ({ tenantId, subject: `s-${role}`, roles: [role], scopeOrgUnitId: null });

function ports(o: { tenant?: number | null; key?: number | null; spent?: Record<string, number> } = {}): QueryBudgetPorts & { writes: unknown[] } {
  const writes: unknown[] = [];
  let tenant = o.tenant ?? null;
  let key = o.key ?? null;
  return {
    writes,
    tenantExists: async () => true,
    tenantPointsPerHour: async () => tenant,
    setTenantPointsPerHour: async (p) => void writes.push(['tenant', (tenant = p)]),
    findKeyBudget: async (id) => (id === 'k-1' ? { id, pointsPerHour: key } : null),
    setKeyPointsPerHour: async (id, p) => void writes.push([id, (key = p)]),
    spentSince: async (buckets) => new Map(buckets.map((b) => [b, o.spent?.[b] ?? 0])),
  };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: DomainError) => `${e.code}${e.details.reason ? `:${e.details.reason}` : ''}`);

describe('hourly budgets set through the API (issue 7)', () => {
  it.each([
    ['null goes back to the default', null, null],
    ['a whole number in range', 5_000, 5_000],
    ['zero is no budget at all', 0, 'BAD_USER_INPUT'],
    ['negative', -1, 'BAD_USER_INPUT'],
    ['fractions of a point', 2.5, 'BAD_USER_INPUT'],
    ['above the maximum', MAX_KEY_POINTS_PER_HOUR + 1, 'BAD_USER_INPUT'],
  ])('checks a budget: %s', (_why, value, expected) => {
    let got: unknown;
    try {
      got = checkPoints(value, MAX_KEY_POINTS_PER_HOUR);
    } catch (e) {
      got = (e as DomainError).code;
    }
    expect(got).toBe(expected);
  });

  it.each([
    ['a city admin within the tenant’s own budget', who(Role.CITY_ADMIN), { tenant: 2_000 }, 1_500, 'ok'],
    ['a city admin above the tenant’s own budget', who(Role.CITY_ADMIN), { tenant: 2_000 }, 2_001, 'BAD_USER_INPUT:aboveTenantBudget'],
    ['a city admin above the default tenant budget', who(Role.CITY_ADMIN), {}, DEFAULTS.tenantPointsPerHour + 1, 'BAD_USER_INPUT:aboveTenantBudget'],
    ['committee staff (not in the table)', who(Role.COMMITTEE_STAFF), {}, 10, 'FORBIDDEN'],
    ['a platform admin outside the tenant', who(Role.PLATFORM_ADMIN, null), {}, 10, 'MISSING_TENANT'],
  ])('sets a key budget: %s', async (_why, principal, state, points, expected) => {
    const p = ports(state);
    expect(await codeOf(setApiKeyQueryBudget(principal, 'k-1', points, p, DEFAULTS))).toBe(expected);
    expect(p.writes).toEqual(expected === 'ok' ? [['k-1', points]] : []);
  });

  it('refuses an unknown key with NOT_FOUND and writes nothing', async () => {
    const p = ports();
    expect(await codeOf(setApiKeyQueryBudget(who(Role.CITY_ADMIN), 'k-2', 10, p, DEFAULTS))).toBe('NOT_FOUND');
    expect(p.writes).toEqual([]);
  });

  it('lets only a platform admin set a tenant budget', async () => {
    const p = ports();
    expect(await codeOf(setTenantQueryBudget(who(Role.CITY_ADMIN), 50, p, DEFAULTS))).toBe('FORBIDDEN');
    expect(await setTenantQueryBudget(who(Role.PLATFORM_ADMIN, null), 50, p, DEFAULTS)).toMatchObject({ pointsPerHour: 50, isDefault: false, remaining: 50 });
    expect(await setTenantQueryBudget(who(Role.PLATFORM_ADMIN, null), null, p, DEFAULTS)).toMatchObject({ pointsPerHour: DEFAULTS.tenantPointsPerHour, isDefault: true });
  });

  it('reports what is left of each key this hour, the default where none was set', async () => {
    const p = ports({ spent: { 'key:a': 40, 'key:b': 900 } });
    const budgets = await keyBudgets(p, [{ id: 'a', pointsPerHour: null }, { id: 'b', pointsPerHour: 500 }], DEFAULTS);
    expect(budgets.get('a')).toMatchObject({ pointsPerHour: 300, isDefault: true, remaining: 260 });
    expect(budgets.get('b')).toMatchObject({ pointsPerHour: 500, isDefault: false, remaining: 0 });
  });
});
