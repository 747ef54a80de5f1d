import { useStack, type TenantHandle } from '@chibo/testkit';

/** Hostile documents and values: a typed error every time, never a 5xx, and the gateway keeps serving. */
describe('hostile input through the gateway', () => {
  const stack = useStack();
  let t: TenantHandle;

  beforeAll(async () => {
    t = await stack().createTenant('Đảng bộ thử tấn công');
  });

  const post = (body: string, headers: Record<string, string> = {}) => t.admin.post(body, headers);

  it('refuses an array batch (one operation per request)', async () => {
    const res = await post(JSON.stringify([{ query: '{ currentTenant { id } }' }, { query: '{ currentTenant { id } }' }]));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await res.json()).errors[0].extensions.code).toMatch(/BAD_REQUEST|LIMIT_EXCEEDED/);
  });

  it('refuses a 10 MB string before reading it', async () => {
    const huge = 'a'.repeat(10 * 1024 * 1024);
    const res = await post(JSON.stringify({ query: 'mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }', variables: { i: { parentId: t.rootOrgUnitId, kind: 'CELL', name: huge } } }));
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'bodyBytes' });
  });

  it.each([
    ['31/02 as a date', { validFrom: '2026-02-31' }],
    ['a date in another format', { validFrom: '31/01/2026' }],
    ['a NUL byte in a name', { name: 'Chi bộ\u0000 lạ' }],
  ])('answers %s with BAD_USER_INPUT and stores nothing', async (_name, change) => {
    const res = await t.admin.execute('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }', {
      i: { parentId: t.rootOrgUnitId, kind: 'COMMITTEE', name: 'Đảng bộ phường thử', ...change },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await t.admin.ok('{ currentTenant { rootOrgUnit { children { id } } } }');
    expect(after.currentTenant.rootOrgUnit.children).toEqual([]);
  });

  it('answers invalid UTF-8 with a typed 4xx', async () => {
    const res = await fetch(stack().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.admin.token}` },
      body: Buffer.concat([Buffer.from('{"query":"{ currentTenant { name } }","variables":{"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}')]),
    });
    expect(res.status).toBeLessThan(500);
  });

  it('stores a name typed in decomposed Unicode as NFC', async () => {
    const decomposed = 'Đảng bộ phường Nguyê\u0303n Du'.normalize('NFD');
    const created = await t.admin.ok('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { name } } }', {
      i: { parentId: t.rootOrgUnitId, kind: 'COMMITTEE', name: decomposed },
    });
    expect(created.createOrgUnit.orgUnit.name).toBe('Đảng bộ phường Nguyễn Du');
    expect(created.createOrgUnit.orgUnit.name).toBe(created.createOrgUnit.orgUnit.name.normalize('NFC'));
  });

  it('serves the SDL to an authenticated client only', async () => {
    const base = stack().gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/sdl`)).status).toBe(401);
    const sdl = await (await fetch(`${base}/sdl`, { headers: { authorization: `Bearer ${t.admin.token}` } })).text();
    expect(sdl).toContain('type OrgUnitDashboard');
    expect(sdl).not.toContain('join__');
  });

  it('still answers normally after all of that', async () => {
    expect((await t.admin.ok('{ currentTenant { name } }')).currentTenant.name).toBe('Đảng bộ thử tấn công');
  });
});
