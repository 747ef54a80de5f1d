import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { startDemoGateway } from './demo-gateway';

/** A tiny stand-in for Vite's output, so these tests do not depend on a build. */
function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chibo-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<html><head><!--chibo:meta--></head><body>bảng điều hành</body></html>');
  writeFileSync(join(dir, 'graphiql.html'), '<html><head><!--chibo:meta--></head><body>graphiql</body></html>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log("chibo")');
  writeFileSync(join(dir, 'secret.txt'), 'not an asset');
  return dir;
}

const meta = (html: string, name: string) => new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(html)?.[1];
const WHO = '{ currentTenant { name } }';

/**
 * What a browser gets from the gateway besides GraphQL: the dashboard, GraphiQL, assets, and on
 * the embedded default the demo logins — each login a real token the gateway accepts with
 * exactly the role and scope the picker promised.
 */
describe('gateway web routes and demo logins', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let dir: string;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    dir = fakeDist();
  });

  it('serves the dashboard at / with no CDN allowed, and its hashed assets, but nothing else from the folder', async () => {
    const gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree }, { web: dir });
    try {
      const page = await fetch(`${gw.base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const html = await page.text();
      expect(html).toContain('bảng điều hành');
      expect(meta(html, 'chibo-demo')).toBe('1');

      const js = await fetch(`${gw.base}/assets/app-1234.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect(js.headers.get('cache-control')).toMatch(/immutable/);

      for (const path of ['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/secret.txt', '/assets/missing.js', '/assets/%E0%A4%A']) {
        const res = await fetch(`${gw.base}${path}`);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect((await res.json()).errors[0].extensions.code).toBe('NOT_FOUND');
      }
      // GraphQL is where it was.
      const res = await fetch(gw.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack().token({ tenantId: city.id, roles: [Role.CITY_ADMIN] })}` },
        body: JSON.stringify({ query: WHO }),
      });
      expect((await res.json()).data.currentTenant.name).toBe('Đảng bộ thành phố Hà Tĩnh');
    } finally {
      await gw.close();
    }
  });

  it('pre-fills GraphiQL with a working city-admin token on the embedded default', async () => {
    const gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree }, { web: dir });
    try {
      const res = await fetch(`${gw.base}/graphiql`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const token = meta(await res.text(), 'chibo-token');
      expect(token).toBeTruthy();
      const data = await stack().client(token!).ok(WHO);
      expect(data.currentTenant.name).toBe('Đảng bộ thành phố Hà Tĩnh');
    } finally {
      await gw.close();
    }
  });

  it('offers four demo accounts whose logins carry the promised role and scope', async () => {
    const gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree }, { web: dir });
    try {
      const { accounts } = await (await fetch(`${gw.base}/demo/accounts`)).json();
      expect(accounts.map((a: { id: string; role: string; scopeOrgUnitId: string | null }) => [a.id, a.role, a.scopeOrgUnitId])).toEqual([
        ['city-admin', Role.CITY_ADMIN, null],
        ['ward-staff', Role.COMMITTEE_STAFF, tree.ward],
        ['cell-secretary', Role.CELL_SECRETARY, tree.cell],
        ['inspector', Role.INSPECTOR, tree.ward],
      ]);
      expect(accounts[1].label.vi).toBe('Cán bộ Đảng ủy phường');

      const login = async (account: unknown) =>
        fetch(`${gw.base}/demo/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account }) });
      const res = await login('cell-secretary');
      expect(res.status).toBe(200);
      const secretary = stack().client((await res.json()).token);
      // Their own cell: yes; the sibling cell: refused by the services' scope rules.
      const own = await secretary.execute('query($id: ID!) { orgUnit(id: $id) { name } }', { id: tree.cell });
      expect(own.data?.orgUnit.name).toBe('Chi bộ tổ dân phố 3');
      const other = await secretary.execute('query($id: ID!) { orgUnit(id: $id) { name } }', { id: tree.otherCell });
      expect(other.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);

      for (const bad of ['platform-admin', null, { id: 'city-admin' }]) {
        const r = await login(bad);
        expect(r.status).toBe(400);
        expect((await r.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
      }
      const garbage = await fetch(`${gw.base}/demo/login`, { method: 'POST', body: 'not json' });
      expect(garbage.status).toBe(400);
      expect((await fetch(`${gw.base}/demo/login`)).status).toBe(404); // GET does not log in
    } finally {
      await gw.close();
    }
  });

  it('serves no GraphiQL in production (introspection is off there), the dashboard still', async () => {
    const gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree }, { web: dir, demo: false, production: true });
    try {
      const res = await fetch(`${gw.base}/graphiql`);
      expect(res.status).toBe(404);
      expect((await res.json()).errors[0].extensions.code).toBe('NOT_FOUND');
      expect((await fetch(`${gw.base}/`)).status).toBe(200);
    } finally {
      await gw.close();
    }
  });

  it('has no demo logins and no token in GraphiQL without demo mode (an identity provider is configured)', async () => {
    const gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree }, { web: dir, demo: false });
    try {
      expect((await fetch(`${gw.base}/demo/accounts`)).status).toBe(404);
      const login = await fetch(`${gw.base}/demo/login`, { method: 'POST', body: JSON.stringify({ account: 'city-admin' }) });
      expect(login.status).toBe(404);
      const graphiql = await (await fetch(`${gw.base}/graphiql`)).text();
      expect(graphiql).toContain('graphiql');
      expect(meta(graphiql, 'chibo-token')).toBeUndefined();
      expect(meta(await (await fetch(`${gw.base}/`)).text(), 'chibo-demo')).toBeUndefined();
    } finally {
      await gw.close();
    }
  });
});
