import { Role } from '@chibo/domain';
import { ProcessStack, testDatabase } from '@chibo/testkit';

/** The same platform as four processes (`chibo serve …`), the way a deployment runs it. */
describe('the stack as separate processes', () => {
  let stack: ProcessStack;

  beforeAll(async () => {
    stack = await ProcessStack.start(await testDatabase());
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a tenant and reads it back through the gateway process', async () => {
    const admin = stack.client(await stack.token(null, [Role.PLATFORM_ADMIN]));
    const created = await admin.ok('mutation { createTenant(input: { name: "Đảng bộ tiến trình" }) { tenant { id } rootOrgUnit { id } } }');
    const tenantId = created.createTenant.tenant.id;
    const cityAdmin = stack.client(await stack.token(tenantId, [Role.CITY_ADMIN]));
    const res = await cityAdmin.ok('{ currentTenant { name rootOrgUnit { id } } }');
    expect(res.currentTenant).toEqual({ name: 'Đảng bộ tiến trình', rootOrgUnit: { id: created.createTenant.rootOrgUnit.id } });
  });
});
