import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';

const TENANT_DEFAULT = 50_000;
const KEY_DEFAULT = 20_000;
const MEMBERS = 'query($u: ID, $n: Int!) { members(orgUnitId: $u, first: $n) { totalCount nodes { id } } }';
const SET_TENANT = 'mutation($i: SetTenantQueryBudgetInput!) { setTenantQueryBudget(input: $i) { tenantId queryBudget { pointsPerHour isDefault remaining resetAt } } }';
const SET_KEY = 'mutation($i: SetApiKeyQueryBudgetInput!) { setApiKeyQueryBudget(input: $i) { id pointsPerHour queryBudget { pointsPerHour isDefault remaining } } }';
const KEYS = '{ apiKeys { id name pointsPerHour queryBudget { pointsPerHour isDefault remaining resetAt } } }';
const TENANT_BUDGET = '{ apiSettings { queryBudget { pointsPerHour isDefault remaining } } }';

/**
 * Budgets set through the API (issue 7): a platform administrator gives a tenant its hourly
 * points, a city administrator gives a key points within the tenant's; unset means the
 * gateway's configured default. Every change is a mutation (typed errors, audited) and applies
 * to the next request; what is left shows in the key list and in `x-ratelimit-*`.
 */
describe('hourly budgets set through the API', () => {
  const stack = useStack({ budgets: { tenantPointsPerHour: TENANT_DEFAULT, keyPointsPerHour: KEY_DEFAULT } });
  let platform: GatewayClient;

  beforeAll(async () => {
    platform = await stack().platformAdmin();
  });

  async function run(client: GatewayClient, query: string, variables?: Record<string, unknown>) {
    const res = await client.post(JSON.stringify({ query, variables }));
    return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: any[]; extensions?: any } };
  }

  async function newKey(t: TenantHandle, name: string, pointsPerHour?: number): Promise<{ id: string; client: GatewayClient }> {
    const k = await t.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }', { i: { name, scopes: ['membership:read'], pointsPerHour } });
    return { id: k.createApiKey.apiKey.id, client: stack().client(null).with({ 'x-api-key': k.createApiKey.secret }) };
  }

  async function auditRows(tenantId: string, table: string): Promise<{ operation: string; actor: string; changed_fields: string[] }[]> {
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT operation, actor, changed_fields FROM membership.audit_log WHERE tenant_id = $1 AND table_name = $2 AND action = 'UPDATE' ORDER BY seq`, [tenantId, table]);
      return rows;
    } finally {
      await sql.end();
    }
  }

  it("lowers tenant A's budget: A is rate-limited, B is not", async () => {
    const a = await stack().createTenant('Đảng bộ hạn mức thấp');
    const b = await stack().createTenant('Đảng bộ hạn mức thường');
    // Unset: the configured default, shown to the city admin.
    expect((await a.admin.ok(TENANT_BUDGET)).apiSettings.queryBudget).toMatchObject({ pointsPerHour: TENANT_DEFAULT, isDefault: true });
    const set = await platform.ok(SET_TENANT, { i: { tenantId: a.id, pointsPerHour: 30 } });
    expect(set.setTenantQueryBudget).toMatchObject({ tenantId: a.id, queryBudget: { pointsPerHour: 30, isDefault: false } });
    // The next request of A is charged against 30 points (11 a page of ten members).
    const first = await run(a.admin, MEMBERS, { u: a.rootOrgUnitId, n: 10 });
    expect(first.headers.get('x-ratelimit-limit')).toBe('30');
    expect(first.headers.get('x-ratelimit-resource')).toBe('tenant');
    const second = await run(a.admin, MEMBERS, { u: a.rootOrgUnitId, n: 10 });
    expect(second.body.errors).toBeUndefined();
    const refused = await run(a.admin, MEMBERS, { u: a.rootOrgUnitId, n: 10 });
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', resource: 'tenant', limit: 30 });
    expect(refused.headers.get('x-ratelimit-limit')).toBe('30');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // B still has the default.
    for (let i = 0; i < 4; i++) {
      const r = await run(b.admin, MEMBERS, { u: b.rootOrgUnitId, n: 10 });
      expect(r.body.errors).toBeUndefined();
      expect(r.headers.get('x-ratelimit-limit')).toBe(String(TENANT_DEFAULT));
    }
    // Raised again by the platform: A runs again at once, on every replica (no cache to wait out).
    await platform.ok(SET_TENANT, { i: { tenantId: a.id, pointsPerHour: 10_000 } });
    const replica = await stack().replica();
    try {
      const again = await fetch(replica.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${a.admin.token}` }, body: JSON.stringify({ query: MEMBERS, variables: { u: a.rootOrgUnitId, n: 10 } }) });
      expect(again.status).toBe(200);
      expect(again.headers.get('x-ratelimit-limit')).toBe('10000');
    } finally {
      await replica.close();
    }
    // Null goes back to the default.
    expect((await platform.ok(SET_TENANT, { i: { tenantId: a.id, pointsPerHour: null } })).setTenantQueryBudget.queryBudget).toMatchObject({ pointsPerHour: TENANT_DEFAULT, isDefault: true });
    // Audited in A's log, as the platform administrator.
    const audit = await auditRows(a.id, 'tenant');
    expect(audit.filter((r) => r.operation === 'setTenantQueryBudget')).toHaveLength(3);
    expect(audit.every((r) => r.actor === 'platform-admin' && r.changed_fields.includes('query_points_per_hour'))).toBe(true);
  });

  it('refuses absurd tenant budgets with a typed error and changes nothing; only a platform admin sets them', async () => {
    const t = await stack().createTenant('Đảng bộ hạn mức sai');
    await platform.ok(SET_TENANT, { i: { tenantId: t.id, pointsPerHour: 5_000 } });
    for (const pointsPerHour of [0, -5, 100_000_001]) {
      const res = await platform.execute(SET_TENANT, { i: { tenantId: t.id, pointsPerHour } });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pointsPerHour', max: 100_000_000 });
    }
    // A city admin, of this tenant or another, is refused by the table.
    const other = await stack().createTenant('Đảng bộ bên cạnh');
    for (const admin of [t.admin, other.admin]) {
      const res = await admin.execute(SET_TENANT, { i: { tenantId: t.id, pointsPerHour: 400_000 } });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'setTenantQueryBudget' });
    }
    // An unknown tenant is not found.
    expect((await platform.execute(SET_TENANT, { i: { tenantId: '00000000-0000-4000-8000-000000000000', pointsPerHour: 10 } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.admin.ok(TENANT_BUDGET)).apiSettings.queryBudget).toMatchObject({ pointsPerHour: 5_000, isDefault: false });
  });

  it("gives one key a lower budget: that key is limited, the tenant's other key is not; the key list shows both", async () => {
    const t = await stack().createTenant('Đảng bộ hai khóa');
    const slow = await newKey(t, 'Báo cáo chậm');
    const fast = await newKey(t, 'Đồng bộ nhanh');
    const set = await t.admin.ok(SET_KEY, { i: { apiKeyId: slow.id, pointsPerHour: 12 } });
    expect(set.setApiKeyQueryBudget).toMatchObject({ id: slow.id, pointsPerHour: 12, queryBudget: { pointsPerHour: 12, isDefault: false, remaining: 12 } });
    const first = await run(slow.client, MEMBERS, { u: t.rootOrgUnitId, n: 10 });
    expect(first.headers.get('x-ratelimit-limit')).toBe('12');
    expect(first.headers.get('x-ratelimit-resource')).toBe('key');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    const refused = await run(slow.client, MEMBERS, { u: t.rootOrgUnitId, n: 10 });
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', resource: 'key', limit: 12, remaining: 1 });
    for (let i = 0; i < 3; i++) expect((await run(fast.client, MEMBERS, { u: t.rootOrgUnitId, n: 10 })).body.errors).toBeUndefined();
    const keys = new Map(((await t.admin.ok(KEYS)).apiKeys as any[]).map((k) => [k.id, k]));
    expect(keys.get(slow.id).queryBudget).toMatchObject({ pointsPerHour: 12, isDefault: false, remaining: 1 });
    expect(keys.get(fast.id).queryBudget).toMatchObject({ pointsPerHour: KEY_DEFAULT, isDefault: true, remaining: KEY_DEFAULT - 33 });
    expect(Date.parse(keys.get(fast.id).queryBudget.resetAt)).toBeGreaterThan(Date.now());
    // Raised again: the key runs at once.
    await t.admin.ok(SET_KEY, { i: { apiKeyId: slow.id, pointsPerHour: 100 } });
    expect((await run(slow.client, MEMBERS, { u: t.rootOrgUnitId, n: 10 })).body.extensions.cost).toMatchObject({ resource: 'key', limit: 100, remaining: 100 - 22 });
    const audit = await auditRows(t.id, 'api_key');
    expect(audit.filter((r) => r.operation === 'setApiKeyQueryBudget' && r.changed_fields.includes('points_per_hour'))).toHaveLength(2);
  });

  it("refuses a city admin who would give a key more than the tenant has, at creation or later; nothing changes", async () => {
    const t = await stack().createTenant('Đảng bộ trần hạn mức');
    await platform.ok(SET_TENANT, { i: { tenantId: t.id, pointsPerHour: 1_000 } });
    const key = await newKey(t, 'Trong hạn mức', 400);
    const over = await t.admin.execute(SET_KEY, { i: { apiKeyId: key.id, pointsPerHour: 5_000 } });
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pointsPerHour', max: 1_000, reason: 'aboveTenantBudget' });
    expect(over.errors?.[0].extensions?.messageVi).toContain('không được vượt hạn mức của đảng bộ');
    for (const pointsPerHour of [0, -1, 10_000_001]) {
      expect((await t.admin.execute(SET_KEY, { i: { apiKeyId: key.id, pointsPerHour } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pointsPerHour' });
    }
    const created = await t.admin.execute('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { name: 'Quá trần', scopes: ['membership:read'], pointsPerHour: 1_001 } });
    expect(created.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'aboveTenantBudget', max: 1_000 });
    const keys = (await t.admin.ok(KEYS)).apiKeys as any[];
    expect(keys.map((k) => [k.name, k.pointsPerHour])).toEqual([['Trong hạn mức', 400]]);
    expect((await auditRows(t.id, 'api_key')).filter((r) => r.operation === 'setApiKeyQueryBudget')).toEqual([]);
  });

  it("lets no tenant's admin touch another tenant's key", async () => {
    const a = await stack().createTenant('Đảng bộ chủ khóa');
    const b = await stack().createTenant('Đảng bộ dòm ngó');
    const key = await newKey(a, 'Khóa của A', 50);
    const res = await b.admin.execute(SET_KEY, { i: { apiKeyId: key.id, pointsPerHour: 1 } });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(res.data ?? null).toBeNull();
    expect(((await a.admin.ok(KEYS)).apiKeys as any[]).map((k) => k.pointsPerHour)).toEqual([50]);
    expect((await run(key.client, '{ currentTenant { id } }')).headers.get('x-ratelimit-limit')).toBe('50');
  });
});
