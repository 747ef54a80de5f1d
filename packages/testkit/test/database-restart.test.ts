import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgUnitKind } from '@chibo/domain';
import { ensureDatabase, freePort, withDatabase } from '@chibo/service-kit';
import { PostgresProcess, Stack, migrateAll } from '@chibo/testkit';

/**
 * PostgreSQL restarts under a steady write load. Clients see typed, retryable errors for the
 * gap; every write the API acknowledged is there afterwards; the services reconnect by
 * themselves. Runs on its own embedded server (restarting a shared one would hurt other tests).
 */
describe('PostgreSQL restarts under write load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chibo-restart-'));
  const password = 'restart-test';
  let pg: PostgresProcess;
  let stack: Stack;

  beforeAll(async () => {
    pg = new PostgresProcess(dir, await freePort(), password);
    await pg.start();
    const adminUrl = withDatabase(pg.adminUrl, 'chibo');
    await ensureDatabase(adminUrl, 'chibo');
    await migrateAll(adminUrl, password);
    stack = await Stack.start({ adminUrl, password });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged write and recovers without a restart of the services', async () => {
    const city = await stack.createTenant('Đảng bộ khởi động lại');
    const acknowledged: string[] = [];
    const refusals = new Map<string, unknown>();
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const res = await city.admin.execute('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }', {
          i: { parentId: city.rootOrgUnitId, kind: OrgUnitKind.COMMITTEE, name: `Đảng bộ phường số ${i}` },
        });
        if (res.data?.createOrgUnit) acknowledged.push(res.data.createOrgUnit.orgUnit.id);
        else {
          refusals.set(String(res.errors?.[0]?.extensions?.code), res.errors);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    })();

    await waitUntil(() => acknowledged.length >= 10);
    await pg.stop();
    await new Promise((r) => setTimeout(r, 1000));
    const before = acknowledged.length;
    await pg.start();
    await waitUntil(() => acknowledged.length >= before + 10, 20_000);
    writing = false;
    await writer;

    // The gap was answered with typed errors that say "retry", nothing else.
    expect(refusals.size).toBeGreaterThan(0);
    const unexpected = [...refusals].filter(([code]) => !['UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE'].includes(code));
    expect(unexpected).toEqual([]);

    const res = await city.admin.ok('{ currentTenant { rootOrgUnit { children { id } } } }');
    const stored = new Set(res.currentTenant.rootOrgUnit.children.map((c: { id: string }) => c.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

    // Events written around the gap still reach the other services.
    await stack.settle(15_000);
  }, 60_000);
});

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
