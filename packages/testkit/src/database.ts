import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SERVICE_NAMES,
  createLogger,
  dropDatabase,
  ensureDatabase,
  prepareDatabase,
  startEmbeddedPostgres,
  withDatabase,
  type Logger,
} from '@chibo/service-kit';
import { SERVICES } from './services';

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
 * migrations are applied once here, as `pnpm start` would.
 */
export async function createTestDatabase(logger: Logger = createLogger({ component: 'testkit' }, 'warn')): Promise<TestDatabase> {
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
  for (const service of SERVICE_NAMES) await prepareDatabase(SERVICES[service], { adminUrl, password });
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
