import { useStack, type TenantHandle } from '@chibo/testkit';

/** What an integrator may ask in one request; refusals are typed and change nothing. */
describe('query limits at the gateway', () => {
  const stack = useStack();
  let t: TenantHandle;

  beforeAll(async () => {
    t = await stack().createTenant('Đảng bộ giới hạn');
  });

  it('refuses a query deeper than 12 levels with LIMIT_EXCEEDED naming the limit', async () => {
    const deep = `query($id: ID!) { orgUnit(id: $id) { ${'parent { '.repeat(13)}id${' }'.repeat(13)} } }`;
    const res = await t.admin.execute(deep, { id: t.rootOrgUnitId });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxDepth', max: 12 });
  });

  it('refuses more than 15 aliases (the enumeration trick)', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: currentTenant { id }`).join(' ');
    const res = await t.admin.execute(`{ ${aliases} }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxAliases' });
  });

  it('refuses an oversized document by token count', async () => {
    const fields = Array.from({ length: 6000 }, () => '__typename').join(' ');
    const res = await t.admin.execute(`{ ${fields} }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxTokens' });
  });

  it('lets an ordinary dashboard query through', async () => {
    const res = await t.admin.ok('{ currentTenant { name rootOrgUnit { name children { name children { name } } } } }');
    expect(res.currentTenant.name).toBe('Đảng bộ giới hạn');
  });
});
