/*
 * Runs in Jest's parent process, outside its module map: it imports service-kit's sources by
 * path (not the built package), so a test run never depends on a stale `dist/`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../../service-kit/src/database/embedded';
import { dropDatabase, ensureDatabase, withDatabase } from '../../../service-kit/src/database/provision';
import { createLogger, type Logger } from '../../../service-kit/src/logger';

export interface TestDatabase {
  adminUrl: string;
  password: string;
  /** Which path this run exercises: the embedded server or the machine's (DATABASE_URL). */
  kind: 'embedded' | 'external';
  stop(): Promise<void>;
}

/**
 * A database for one test run: a fresh throw-away embedded PostgreSQL by default, or a fresh
 * database on the server `DATABASE_URL` names (dropped afterwards). Schemas, roles and
 * migrations are applied by `migrateAll`, as `pnpm start` would.
 */
async function createTestDatabase(logger: Logger = createLogger({ component: 'testkit' }, 'warn')): Promise<TestDatabase> {
  const password = 'chibo-test';
  const name = `chibo_test_${process.pid}_${Date.now().toString(36)}`;
  let adminUrl: string;
  let stopServer: () => Promise<void> = async () => undefined;
  let kind: TestDatabase['kind'];
  if (process.env.DATABASE_URL) {
    kind = 'external';
    adminUrl = withDatabase(process.env.DATABASE_URL, name);
  } else {
    kind = 'embedded';
    const dir = mkdtempSync(join(tmpdir(), 'chibo-pg-'));
    const pg = await startEmbeddedPostgres({ dir, password, durable: false, logger });
    adminUrl = withDatabase(pg.adminUrl, name);
    stopServer = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  await ensureDatabase(adminUrl, name);
  return {
    adminUrl,
    password,
    kind,
    async stop() {
      if (kind === 'external') await dropDatabase(adminUrl, name).catch(() => undefined);
      await stopServer();
    },
  };
}


/**
 * One database per test run, shared by every test file (each test makes its own tenant).
 * Workers find it through the environment, which they inherit from this process, and migrate
 * it once (see `testDatabase()`).
 */
export default async function globalSetup(): Promise<void> {
  const db: TestDatabase = await createTestDatabase();
  (globalThis as { __chiboDb?: TestDatabase }).__chiboDb = db;
  process.env.CHIBO_TEST_ADMIN_URL = db.adminUrl;
  process.env.CHIBO_TEST_DB_PASSWORD = db.password;
  process.env.CHIBO_TEST_DB_KIND = db.kind;
}
