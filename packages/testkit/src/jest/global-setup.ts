import { createTestDatabase, type TestDatabase } from '../database';

/**
 * One database per test run, shared by every test file (each test makes its own tenant).
 * Workers find it through the environment, which they inherit from this process.
 */
export default async function globalSetup(): Promise<void> {
  const db: TestDatabase = await createTestDatabase();
  (globalThis as { __chiboDb?: TestDatabase }).__chiboDb = db;
  process.env.CHIBO_TEST_ADMIN_URL = db.adminUrl;
  process.env.CHIBO_TEST_DB_PASSWORD = db.password;
  process.env.CHIBO_TEST_DB_KIND = db.kind;
}
