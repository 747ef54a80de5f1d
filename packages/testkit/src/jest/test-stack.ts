import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase, type WebhookSettings } from '@chibo/service-kit';
import { migrateAll } from '../database';
import { Stack, type StackOptions } from '../stack';

let migrated: Promise<{ adminUrl: string; password: string }> | undefined;

/**
 * The run's database (made by the Jest globalSetup), migrated once per worker from the
 * sources under test: `const db = await testDatabase()`.
 */
export function testDatabase(): Promise<{ adminUrl: string; password: string }> {
  migrated ??= (async () => {
    const adminUrl = process.env.CHIBO_TEST_ADMIN_URL;
    const password = process.env.CHIBO_TEST_DB_PASSWORD;
    if (!adminUrl || !password) throw new Error('the test database is missing: run tests through `pnpm test` (jest globalSetup)');
    await migrateAll(adminUrl, password);
    return { adminUrl, password };
  })();
  return migrated;
}

/**
 * Start a stack for one test file on the run's database: `const stack = useStack()` at the
 * top of a describe, then `stack()` inside tests. Every stack on a database relays every
 * tenant's events (they behave as replicas), so a test that stops a relay on purpose asks for
 * `useStack({ ownDatabase: true })`: a fresh database on the same server, dropped afterwards.
 */
export function useStack(o: { ownDatabase?: boolean; webhooks?: () => WebhookSettings } & Pick<StackOptions, 'budgets' | 'persistedDocuments' | 'dashboardCache'> = {}): () => Stack {
  let stack: Stack | undefined;
  let ownUrl: string | undefined;
  beforeAll(async () => {
    const shared = await testDatabase();
    let adminUrl = shared.adminUrl;
    if (o.ownDatabase) {
      const name = `chibo_own_${randomBytes(5).toString('hex')}`;
      adminUrl = ownUrl = withDatabase(shared.adminUrl, name);
      await ensureDatabase(adminUrl, name);
      await migrateAll(adminUrl, shared.password);
    }
    stack = await Stack.start({ adminUrl, password: shared.password, budgets: o.budgets, persistedDocuments: o.persistedDocuments, webhooks: o.webhooks?.(), dashboardCache: o.dashboardCache });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    if (ownUrl) await dropDatabase(ownUrl, new URL(ownUrl).pathname.slice(1)).catch(() => undefined);
  });
  return () => {
    if (!stack) throw new Error('stack not started');
    return stack;
  };
}
