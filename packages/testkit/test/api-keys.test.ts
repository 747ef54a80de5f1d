import { Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';

const CREATE = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name scopes lastUsedAt revokedAt } } }';

/** Integrator API keys, from the outside: issue, use, scope, revoke, expire, cross-tenant. */
describe('API keys for integrators', () => {
  const stack = useStack();
  let a: TenantHandle;
  let b: TenantHandle;

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ tích hợp A');
    b = await stack().createTenant('Đảng bộ tích hợp B');
    await a.seedTree();
    await b.seedTree();
  });

  const withKey = (key: string) => ({
    execute: async (query: string, variables?: Record<string, unknown>) => {
      const res = await fetch(stack().gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query, variables }) });
      return res.json();
    },
  });

  it('is issued once by a city admin, stored hashed, and reads within its scopes only', async () => {
    const issued = (await a.admin.ok(CREATE, { i: { name: 'Văn phòng dữ liệu tỉnh', scopes: ['membership:read'] } })).createApiKey;
    expect(issued.secret).toMatch(/^chibo_[0-9a-f]{32}_[0-9a-f]{32}_/);
    const integrator = withKey(issued.secret);

    const tenant = await integrator.execute('{ currentTenant { name } }');
    expect(tenant.data.currentTenant.name).toBe('Đảng bộ tích hợp A');
    const meetings = await integrator.execute('query($id: ID!) { orgUnit(id: $id) { meetings(first: 5) { totalCount } } }', { id: a.rootOrgUnitId });
    expect(meetings.errors?.[0].extensions?.requiredScope ?? meetings.errors?.[0].extensions?.code).toMatch(/meetings:read|FORBIDDEN/);
    const write = await integrator.execute('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }', {
      i: { parentId: a.rootOrgUnitId, kind: 'COMMITTEE', name: 'Không được phép' },
    });
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const admin = await stack().sql('membership', 'admin');
    try {
      const { rows } = await admin.query('SELECT secret_hash FROM membership.api_key WHERE id = $1', [issued.apiKey.id]);
      expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(issued.secret).not.toContain(rows[0].secret_hash);
    } finally {
      await admin.end();
    }
    const listed = await a.admin.ok('{ apiKeys { id lastUsedAt } }');
    expect(listed.apiKeys.find((k: { id: string }) => k.id === issued.apiKey.id).lastUsedAt).not.toBeNull();
  });

  it('stops working at once when revoked, and only its own tenant can revoke it', async () => {
    const issued = (await a.admin.ok(CREATE, { i: { name: 'Báo cáo', scopes: ['membership:read', 'meetings:read'] } })).createApiKey;
    const integrator = withKey(issued.secret);
    expect((await integrator.execute('{ currentTenant { id } }')).data.currentTenant.id).toBe(a.id);

    const fromB = await b.admin.execute('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: issued.apiKey.id });
    expect(fromB.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await integrator.execute('{ currentTenant { id } }')).data.currentTenant.id).toBe(a.id);

    await a.admin.ok('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: issued.apiKey.id });
    const after = await integrator.execute('{ currentTenant { id } }');
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses tampered, expired and unknown keys alike, and never reaches another tenant', async () => {
    const issued = (await a.admin.ok(CREATE, { i: { name: 'Thử', scopes: ['membership:read'] } })).createApiKey;
    const tampered = issued.secret.slice(0, -2) + (issued.secret.endsWith('AA') ? 'BB' : 'AA');
    for (const key of [tampered, 'chibo_garbage', `chibo_${b.id.replace(/-/g, '')}_${issued.apiKey.id.replace(/-/g, '')}_${issued.secret.split('_')[3]}`]) {
      const res = await withKey(key).execute('{ currentTenant { id } }');
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const past = await a.admin.execute(CREATE, { i: { name: 'Hết hạn', scopes: ['membership:read'], expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const bUnit = await withKey(issued.secret).execute('query($id: ID!) { orgUnit(id: $id) { name } }', { id: b.rootOrgUnitId });
    expect(bUnit.data).toBeNull();
    expect(bUnit.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });

  it('is managed by city admins only', async () => {
    const staff = await a.user({ role: Role.COMMITTEE_STAFF, scope: a.rootOrgUnitId });
    const res = await staff.execute(CREATE, { i: { name: 'x', scopes: ['membership:read'] } });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await staff.execute('{ apiKeys { id } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
