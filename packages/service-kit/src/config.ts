import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Names of the three domain services; each owns the PostgreSQL schema of the same name. */
export type ServiceName = 'membership' | 'meetings' | 'inspection';
export const SERVICE_NAMES: readonly ServiceName[] = ['membership', 'meetings', 'inspection'];

/** Default ports when the platform runs on one machine (`pnpm start`). */
export const DEFAULT_PORTS = { gateway: 4000, membership: 4001, meetings: 4002, inspection: 4003 } as const;

/** The repository root, found from this file so commands work from any folder. */
export function repoRoot(): string {
  let dir = __dirname;
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export function dataDir(): string {
  return resolve(process.env.CHIBO_DATA_DIR ?? join(repoRoot(), '.data'));
}

/**
 * Secrets shared by the gateway and the subgraphs on one machine: the key that signs the
 * forwarded identity, and the password of the database roles. In production they come from
 * the environment (Kubernetes secrets); on the embedded default they are generated once and
 * kept under `.data/` so a restart keeps working.
 */
export interface LocalSecrets {
  internalSecret: string;
  dbPassword: string;
}

export function localSecrets(dir = dataDir()): LocalSecrets {
  const fromEnv = process.env.CHIBO_INTERNAL_SECRET;
  const file = join(dir, 'secrets.json');
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    internalSecret: fromEnv ?? stored.internalSecret ?? randomBytes(32).toString('base64url'),
    dbPassword: process.env.CHIBO_DB_PASSWORD ?? stored.dbPassword ?? randomBytes(18).toString('base64url'),
  };
  if (!fromEnv && (!stored.internalSecret || !stored.dbPassword)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
