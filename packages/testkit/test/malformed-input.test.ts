import { Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';

/** Bad input gets a typed error with a code, never a stack trace, and the platform stays up. */
describe('malformed input', () => {
  const stack = useStack();
  let t: TenantHandle;

  beforeAll(async () => {
    t = await stack().createTenant('Đảng bộ kiểm thử đầu vào');
  });

  const noStack = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(/\n\s+at |\bat .*\.(js|ts):\d+/);

  it.each([
    ['a malformed id', 'query { orgUnit(id: "not-a-uuid") { id } }', 'INVALID_ID'],
    ['an unknown field', 'query { orgUnit(id: "x") { nope } }', 'BAD_REQUEST'],
    ['a syntax error', 'query { orgUnit(id: ', 'BAD_REQUEST'],
  ])('answers %s with a typed error', async (_name, query, code) => {
    const res = await t.admin.execute(query);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.errors?.[0].extensions?.messageVi).toEqual(expect.any(String));
    noStack(res);
  });

  it('answers a request with no tenant with MISSING_TENANT', async () => {
    // A platform administrator is not a tenant reader at all: the access table refuses at the gateway.
    const platform = await stack().platformAdmin();
    expect((await platform.execute('{ currentTenant { id } }')).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'currentTenant' });
    // A tenant role whose token names no tenant passes the table and is refused by the service.
    const admin = stack().client(await stack().token({ roles: [Role.CITY_ADMIN], tenantId: null }));
    const res = await admin.execute('{ currentTenant { id } }');
    expect(res.errors?.[0].extensions?.code).toBe('MISSING_TENANT');
  });

  it('answers an expired token with TOKEN_EXPIRED and a missing one with UNAUTHENTICATED', async () => {
    const expired = stack().client(await stack().token({ tenantId: t.id, roles: [Role.CITY_ADMIN] }, '-1m'));
    const res = await expired.execute('{ currentTenant { id } }');
    expect(res.errors?.[0].extensions?.code).toBe('TOKEN_EXPIRED');
    const anonymous = await stack().client(null).execute('{ currentTenant { id } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const garbage = await stack().client('garbage.token.here').execute('{ currentTenant { id } }');
    expect(garbage.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers a body that is not JSON with BAD_REQUEST, and keeps serving', async () => {
    for (const body of ['{"query": ', 'plain text', '']) {
      const res = await t.admin.post(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const json = await res.json();
      expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
      noStack(json);
    }
    const still = await t.admin.ok('{ currentTenant { name } }');
    expect(still.currentTenant.name).toBe('Đảng bộ kiểm thử đầu vào');
  });

  it('rejects invalid mutation input and changes nothing', async () => {
    const res = await t.admin.execute('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }', {
      i: { parentId: t.rootOrgUnitId, kind: 'CELL', name: '   ' },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const wrongKind = await t.admin.execute('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }', {
      i: { parentId: t.rootOrgUnitId, kind: 'NOT_A_KIND', name: 'Chi bộ' },
    });
    expect(wrongKind.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|BAD_REQUEST/);
    const after = await t.admin.ok('{ currentTenant { rootOrgUnit { children { id } } } }');
    expect(after.currentTenant.rootOrgUnit.children).toEqual([]);
  });
});
