import { buildSchema, getNamedType, type GraphQLField } from 'graphql';
import { OrgUnitKind } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';

const TENANT_BUDGET = 400;
const KEY_BUDGET = 60;
const MEMBERS = 'query($u: ID, $n: Int!) { members(orgUnitId: $u, first: $n) { totalCount nodes { id } } }';

/**
 * Cost and hourly budgets at the gateway (issue 7): the static cost of every operation in
 * `extensions.cost`, budgets per tenant and per API key in `x-ratelimit-*` headers, a typed
 * RATE_LIMITED that runs nothing, and two gateway replicas drawing on one budget.
 */
describe('query cost and hourly budgets', () => {
  const stack = useStack({ budgets: { tenantPointsPerHour: TENANT_BUDGET, keyPointsPerHour: KEY_BUDGET } });

  async function keyFor(t: TenantHandle): Promise<GatewayClient> {
    const k = await t.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { name: 'Báo cáo', scopes: ['membership:read'] } });
    return stack().client(null).with({ 'x-api-key': k.createApiKey.secret });
  }

  async function run(client: GatewayClient, query: string, variables?: Record<string, unknown>, url?: string) {
    const res = url
      ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...client.headers, ...(client.token ? { authorization: `Bearer ${client.token}` } : {}) }, body: JSON.stringify({ query, variables }) })
      : await client.post(JSON.stringify({ query, variables }));
    return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: any[]; extensions?: any } };
  }

  it('reports the static cost of each operation and the budget left, in extensions and headers', async () => {
    const t = await stack().createTenant('Đảng bộ chi phí');
    // One object: 1 point.
    const one = await run(t.admin, '{ currentTenant { id name } }');
    expect(one.body.extensions.cost).toMatchObject({ requested: 1, resource: 'tenant', limit: TENANT_BUDGET, remaining: TENANT_BUDGET - 1 });
    // A page of 10 members, each an object of the `nodes` list: 1 + 10 × (1 + 10 × 0) = 11.
    const page = await run(t.admin, MEMBERS, { u: t.rootOrgUnitId, n: 10 });
    expect(page.body.errors).toBeUndefined();
    expect(page.body.extensions.cost).toMatchObject({ requested: 11, remaining: TENANT_BUDGET - 12 });
    expect(page.headers.get('x-ratelimit-limit')).toBe(String(TENANT_BUDGET));
    expect(page.headers.get('x-ratelimit-remaining')).toBe(String(TENANT_BUDGET - 12));
    const reset = Number(page.headers.get('x-ratelimit-reset'));
    expect(reset % 3600).toBe(0);
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(reset * 1000 - Date.now()).toBeLessThanOrEqual(3_600_000);
    // A bigger page costs more: the price is known before anything runs.
    const big = await run(t.admin, MEMBERS, { u: t.rootOrgUnitId, n: 20 });
    expect(big.body.extensions.cost.requested).toBe(21);
  });

  it('gives each API key its own budget inside the tenant, and refuses with RATE_LIMITED running nothing', async () => {
    const t = await stack().createTenant('Đảng bộ hạn mức khóa');
    const key = await keyFor(t);
    const costs: number[] = [];
    let refused: Awaited<ReturnType<typeof run>> | undefined;
    for (let i = 0; i < 20 && !refused; i++) {
      const r = await run(key, MEMBERS, { u: t.rootOrgUnitId, n: 10 });
      if (r.body.errors) refused = r;
      else costs.push(Number(r.headers.get('x-ratelimit-remaining')));
    }
    // 11 points each against 60: five pass (55), the sixth would make 66.
    expect(costs).toEqual([49, 38, 27, 16, 5]);
    expect(refused!.status).toBe(429);
    expect(refused!.body.data ?? null).toBeNull();
    expect(refused!.body.errors![0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      messageVi: expect.stringContaining('hạn mức'),
      messageEn: expect.stringContaining('budget'),
      resource: 'key',
      limit: KEY_BUDGET,
      remaining: 5,
      requested: 11,
    });
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    // A cheaper operation still fits what is left, and a refusal spent nothing.
    const cheap = await run(key, '{ currentTenant { id } }');
    expect(cheap.body.extensions.cost).toMatchObject({ requested: 1, remaining: 4, resource: 'key' });
    // The tenant's own users are not held back by one integrator (its key's points count for the
    // tenant too: 1 for making the key, 55 + 1 spent with it, 1 now).
    const staff = await run(t.admin, '{ currentTenant { id } }');
    expect(staff.body.extensions.cost).toMatchObject({ resource: 'tenant', remaining: TENANT_BUDGET - 1 - 55 - 1 - 1 });
  });

  it("lets a city admin give one key a smaller budget of its own", async () => {
    const t = await stack().createTenant('Đảng bộ chia hạn mức');
    const create = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { pointsPerHour } } }';
    const refused = await t.admin.execute(create, { i: { name: 'Quá lớn', scopes: ['membership:read'], pointsPerHour: 0 } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pointsPerHour' });
    const made = await t.admin.ok(create, { i: { name: 'Báo cáo tháng', scopes: ['membership:read'], pointsPerHour: 12 } });
    expect(made.createApiKey.apiKey.pointsPerHour).toBe(12);
    const key = stack().client(null).with({ 'x-api-key': made.createApiKey.secret });
    const first = await run(key, MEMBERS, { u: t.rootOrgUnitId, n: 10 });
    expect(first.headers.get('x-ratelimit-limit')).toBe('12');
    expect(first.body.extensions.cost).toMatchObject({ resource: 'key', limit: 12, remaining: 1 });
    expect((await run(key, MEMBERS, { u: t.rootOrgUnitId, n: 10 })).body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 12 });
  });

  it('refuses a mutation over the tenant budget without running it', async () => {
    const t = await stack().createTenant('Đảng bộ hết hạn mức');
    // Spend the tenant's budget to the last point: big pages, then single points.
    for (const q of [MEMBERS, '{ currentTenant { id } }']) {
      for (;;) {
        const r = await run(t.admin, q, { u: t.rootOrgUnitId, n: 30 });
        if (r.body.errors) break;
      }
    }
    const create = await run(t.admin, 'mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id parent { id name children { id } } } } }', {
      i: { parentId: t.rootOrgUnitId, kind: OrgUnitKind.COMMITTEE, name: 'Đảng bộ phường không được tạo' },
    });
    expect(create.status).toBe(429);
    expect(create.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', resource: 'tenant' });
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM membership.org_unit WHERE tenant_id = $1 AND name = 'Đảng bộ phường không được tạo'`, [t.id]);
      expect(rows[0].n).toBe(0);
    } finally {
      await sql.end();
    }
  });

  it('shares one budget between two gateway replicas (counters in PostgreSQL)', async () => {
    const t = await stack().createTenant('Đảng bộ hai cổng');
    const key = await keyFor(t);
    const replica = await stack().replica();
    try {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => run(key, MEMBERS, { u: t.rootOrgUnitId, n: 10 }, i % 2 ? replica.url : stack().gatewayUrl)),
      );
      const passed = answers.filter((a) => !a.body.errors);
      // 60 points at 11 each: five requests in all, whichever replica they reached.
      expect(passed).toHaveLength(5);
      expect(answers.filter((a) => a.body.errors?.[0].extensions.code === 'RATE_LIMITED')).toHaveLength(5);
      const last = await run(key, '{ currentTenant { id } }', undefined, replica.url);
      expect(last.body.extensions.cost.remaining).toBe(KEY_BUDGET - 55 - 1);
    } finally {
      await replica.close();
    }
  });

  it('requires first or last on every connection, at most 100, literal or variable', async () => {
    const t = await stack().createTenant('Đảng bộ phân trang');
    const schema = buildSchema(await (await fetch(stack().gatewayUrl.replace(/\/graphql$/, '/sdl'), { headers: { authorization: `Bearer ${t.admin.token}` } })).text());
    const connections: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!('getFields' in type) || type.name.startsWith('__')) continue;
      for (const f of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (!getNamedType(f.type).name.endsWith('Connection')) continue;
        connections.push(`${type.name}.${f.name}`);
        const first = f.args.find((a) => a.name === 'first' || a.name === 'last');
        expect({ field: `${type.name}.${f.name}`, pageArg: first ? String(first.type) : null }).toEqual({ field: `${type.name}.${f.name}`, pageArg: 'Int!' });
      }
    }
    expect(connections.length).toBeGreaterThanOrEqual(3);
    for (const [query, variables] of [
      [`{ members(first: 101) { totalCount } }`, undefined],
      [MEMBERS, { n: 500 }],
      [`query($id: ID!) { orgUnit(id: $id) { meetings(first: 1000) { totalCount } } }`, { id: t.rootOrgUnitId }],
    ] as const) {
      const res = await run(t.admin, query, variables);
      expect(res.body.data ?? null).toBeNull();
      expect(res.body.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'first', max: 100 });
    }
  });

  it('runs one operation per request', async () => {
    const t = await stack().createTenant('Đảng bộ một thao tác');
    const res = await t.admin.post(JSON.stringify({ query: 'query A { currentTenant { id } } query B { currentTenant { name } }', operationName: 'A' }));
    const body = await res.json();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'operations', max: 1 });
  });
});
