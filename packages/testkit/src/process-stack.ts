import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NAMES, freePort, repoRoot, type ServiceName } from '@chibo/service-kit';
import { Role } from '@chibo/domain';
import { loadOrCreateLocalKeys, mintToken, type LocalKeys } from '@chibo/gateway';
import { GatewayClient } from './client';

type Part = ServiceName | 'gateway';

/**
 * The platform as separate processes, each started by `chibo serve`, as a deployment runs it:
 * what fault tests need (kill one part, start it again). Needs `pnpm build` first.
 */
export class ProcessStack {
  private readonly children = new Map<Part, ChildProcess>();

  private constructor(
    readonly ports: Record<Part, number>,
    private readonly env: NodeJS.ProcessEnv,
    readonly keys: LocalKeys,
  ) {}

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.ports.gateway}/graphql`;
  }

  static async start(o: { adminUrl: string; password: string }): Promise<ProcessStack> {
    const main = join(repoRoot(), 'packages', 'cli', 'dist', 'main.js');
    if (!existsSync(main)) throw new Error('packages/cli/dist is missing: run `pnpm build` first');
    const ports = {} as Record<Part, number>;
    for (const p of [...SERVICE_NAMES, 'gateway'] as Part[]) ports[p] = await freePort();
    const url = (p: Part) => `http://127.0.0.1:${ports[p]}/graphql`;
    const keysDir = mkdtempSync(join(tmpdir(), 'chibo-keys-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CHIBO_ADMIN_URL: o.adminUrl,
      CHIBO_DB_PASSWORD: o.password,
      CHIBO_INTERNAL_SECRET: randomBytes(32).toString('base64url'),
      CHIBO_KEYS_DIR: keysDir,
      CHIBO_SUBGRAPHS: SERVICE_NAMES.map((s) => `${s}=${url(s)}`).join(','),
      CHIBO_PEERS: SERVICE_NAMES.map((s) => `${s}=${url(s)}`).join(','),
      CHIBO_LOG_LEVEL: process.env.CHIBO_LOG_LEVEL ?? 'warn',
    };
    const stack = new ProcessStack(ports, env, await loadOrCreateLocalKeys(keysDir));
    await Promise.all(SERVICE_NAMES.map((s) => stack.startPart(s)));
    await stack.startPart('gateway');
    return stack;
  }

  /** Start (or restart) one part and wait until it says it is ready. */
  async startPart(part: Part, timeoutMs = 30_000): Promise<void> {
    const main = join(repoRoot(), 'packages', 'cli', 'dist', 'main.js');
    const child = spawn(process.execPath, [main, 'serve', part, '--port', String(this.ports[part])], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.set(part, child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${part} not ready in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('ready ')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${part} exited with ${code}:\n${stderr}`));
      });
    });
  }

  /** Kill a part without warning (SIGKILL), as a crash would. */
  kill(part: Part): void {
    this.children.get(part)?.kill('SIGKILL');
    this.children.delete(part);
  }

  async token(tenantId: string | null, roles: Role[], scopeOrgUnitId: string | null = null): Promise<string> {
    return mintToken(this.keys, { tenantId, roles, subject: 'process-test', scopeOrgUnitId });
  }

  client(token: string | null): GatewayClient {
    return new GatewayClient(this.gatewayUrl, token);
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.children.values()].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    this.children.clear();
  }
}
