import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@chibo/domain';
import { repoRoot } from '@chibo/service-kit';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';
import { dashboardSchemaOf } from '../../dashboard/src/figures';
import { dashboardOperations } from '../../dashboard/src/operations';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const operations = dashboardOperations(dashboardSchemaOf(readFileSync(join(repoRoot(), 'services', 'gateway', 'supergraph.graphql'), 'utf8')));
const manifest = Object.fromEntries(Object.values(operations).map((d) => [sha256(d), d]));
const SET = 'mutation($i: ApiSettingsInput!) { setApiSettings(input: $i) { persistedDocumentsOnly } }';

/**
 * Trusted documents (issue 7): the web dashboard's operations, listed at build in a manifest and
 * sent by hash; a tenant may accept nothing else. Then the dashboard keeps working and an ad-hoc
 * document is refused with a typed error, running nothing.
 */
describe('persisted documents', () => {
  const stack = useStack({ persistedDocuments: manifest });
  let locked: TenantHandle;
  let open: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let integrator: GatewayClient;

  beforeAll(async () => {
    locked = await stack().createTenant('Đảng bộ chỉ truy vấn đăng ký');
    open = await stack().createTenant('Đảng bộ truy vấn tự do');
    tree = await locked.seedTree();
    const k = await locked.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { name: 'Tích hợp', scopes: ['membership:read'] } });
    integrator = stack().client(null).with({ 'x-api-key': k.createApiKey.secret });
    expect((await locked.admin.ok(SET, { i: { persistedDocumentsOnly: true } })).setApiSettings.persistedDocumentsOnly).toBe(true);
  });

  const byHash = async (client: GatewayClient, hash: string, variables?: Record<string, unknown>) => {
    const res = await client.post(JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }));
    return { status: res.status, body: await res.json() };
  };

  it('is the manifest the dashboard build writes next to the app', () => {
    const built = join(repoRoot(), 'packages', 'dashboard', 'dist', 'persisted-documents.json');
    expect(existsSync(built)).toBe(true);
    expect(JSON.parse(readFileSync(built, 'utf8'))).toEqual(manifest);
  });

  it('keeps the web dashboard working for a tenant that accepts persisted documents only', async () => {
    const admin = locked.admin;
    const tenantTree = await byHash(admin, sha256(operations.TenantTree));
    expect(tenantTree.body.errors).toBeUndefined();
    expect(tenantTree.body.data.currentTenant.rootOrgUnit.children[0].id).toBe(tree.ward);
    const unit = await byHash(admin, sha256(operations.UnitChildren), { id: tree.ward });
    expect(unit.body.data.orgUnit.children.map((c: { id: string }) => c.id).sort()).toEqual([tree.cell, tree.otherCell].sort());
    for (const name of ['ScopedTree', 'UnitTree'] as const) {
      const res = await byHash(admin, sha256(operations[name]), { id: tree.ward });
      expect({ name, errors: res.body.errors ?? null }).toEqual({ name, errors: null });
    }
    // Subscriptions ride graphql-ws, which carries the text: the gateway knows it as persisted.
    for (const name of ['Dashboard', 'ChildDashboard'] as const) {
      const sub = admin.subscribe(operations[name], { id: tree.ward });
      try {
        const first = await sub.next(5000);
        expect({ name, errors: first.errors ?? null, unit: first.data?.dashboardUpdated.orgUnitId }).toEqual({ name, errors: null, unit: tree.ward });
      } finally {
        await sub.close();
      }
    }
  });

  it('refuses any other document with PERSISTED_DOCUMENT_REQUIRED and runs nothing', async () => {
    const adhoc = await locked.admin.execute('{ currentTenant { id name } }');
    expect(adhoc.data ?? null).toBeNull();
    expect(adhoc.errors?.[0].extensions).toMatchObject({ code: 'PERSISTED_DOCUMENT_REQUIRED', messageVi: expect.any(String), messageEn: expect.any(String) });
    const write = await locked.admin.execute('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }', {
      i: { parentId: tree.ward, kind: 'CELL', name: 'Chi bộ không được tạo' },
    });
    expect(write.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    const after = await byHash(locked.admin, sha256(operations.UnitChildren), { id: tree.ward });
    expect(after.body.data.orgUnit.children).toHaveLength(2);
    // An unknown hash is its own typed error; an API key is held to the same rule as a person.
    const unknown = await byHash(locked.admin, sha256('{ currentTenant { id } }'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    const key = await integrator.execute('{ currentTenant { id } }');
    expect(key.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    const sub = locked.admin.subscribe('subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { orgUnitId meetingsHeld } }', { id: tree.ward });
    try {
      const msg = await sub.next(5000);
      expect(msg.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    } finally {
      await sub.close();
    }
  });

  it('leaves other tenants free, and lets the tenant open up again from the dashboard', async () => {
    expect((await open.admin.ok('{ currentTenant { name } }')).currentTenant.name).toBe('Đảng bộ truy vấn tự do');
    // The setting is itself guarded: ad hoc, it is refused like any other document…
    const refused = await locked.admin.execute(SET, { i: { persistedDocumentsOnly: false } });
    expect(refused.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    // …and only a city administrator may use the dashboard's own operation.
    const staff = await locked.user({ role: Role.COMMITTEE_STAFF, scope: locked.rootOrgUnitId });
    expect((await byHash(staff, sha256(operations.SetApiSettings), { only: false })).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unlocked = await byHash(locked.admin, sha256(operations.SetApiSettings), { only: false });
    expect(unlocked.body.data).toEqual({ setApiSettings: { persistedDocumentsOnly: false } });
    expect((await locked.admin.ok('{ currentTenant { name } }')).currentTenant.name).toBe('Đảng bộ chỉ truy vấn đăng ký');
  });
});
