import { Stack } from '../stack';

/**
 * Start a stack for one test file on the run's database: `const stack = useStack()` at the
 * top of a describe, then `stack()` inside tests.
 */
export function useStack(): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    const adminUrl = process.env.CHIBO_TEST_ADMIN_URL;
    const password = process.env.CHIBO_TEST_DB_PASSWORD;
    if (!adminUrl || !password) throw new Error('the test database is missing: run tests through `pnpm test` (jest globalSetup)');
    stack = await Stack.start({ adminUrl, password });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('stack not started');
    return stack;
  };
}
