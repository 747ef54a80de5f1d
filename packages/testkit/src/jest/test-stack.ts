import { migrateAll } from '../database';
import { Stack } from '../stack';

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
 * top of a describe, then `stack()` inside tests.
 */
export function useStack(): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await Stack.start(await testDatabase());
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('stack not started');
    return stack;
  };
}
