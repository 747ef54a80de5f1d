import { startBenchEnv, dashboardScenario, gatewayScenario, liveScenario, meetingsScenario, sqlScenario, type BenchEnv } from '@chibo/bench';
import { testDatabase } from '@chibo/testkit';

/**
 * The benchmark harness must never rot: each scenario runs for a second on tiny data and
 * reports figures. (No figure is asserted: speed is measured by `pnpm bench`, not by tests.)
 */
describe('benchmark scenarios (smoke)', () => {
  let env: BenchEnv;

  beforeAll(async () => {
    env = await startBenchEnv({ database: await testDatabase(), wards: 2, cellsPerWard: 2, meetingsPerCell: 1 });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('gateway: both gateways and the in-process floor give the same answer and report throughput and latency', async () => {
    const r = await gatewayScenario(env, { seconds: 1, connections: 2 });
    expect(r.chibo.rps).toBeGreaterThan(0);
    expect(r.floor.rps).toBeGreaterThan(0);
    expect(r.floorRatio).toBeGreaterThan(0);
    expect(r.apollo.rps).toBeGreaterThan(0);
    expect(r.chibo.errors).toBe(0);
    // The dashboard's own question, cold (cache bypassed) and cached, against the floor.
    expect(r.figures.cold.rps).toBeGreaterThan(0);
    expect(r.figures.cached.rps).toBeGreaterThan(0);
    expect(r.figures.cold.errors + r.figures.cached.errors).toBe(0);
    expect(r.figures.cachedRatio).toBeGreaterThan(0);
  }, 60_000);

  it('sql: counts statements per operation at two page sizes', async () => {
    const rows = await sqlScenario(env);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.statements).toBeGreaterThan(0);
  }, 60_000);

  it('live: every subscriber receives the update and latencies are reported', async () => {
    const r = await liveScenario(env, { subscribers: 10 });
    expect(r.p99).toBeGreaterThanOrEqual(r.p50);
  }, 60_000);

  it('dashboard: figures for the top, a ward and a cell of a generated tenant, with p50/p95', async () => {
    const rows = await dashboardScenario(env, { scales: ['demo'], requests: 3 });
    expect(rows.map((r) => r.level)).toEqual(['top (city / province committee)', 'ward / commune committee', 'cell']);
    for (const r of rows) {
      expect(r.p95).toBeGreaterThanOrEqual(r.p50);
      expect(r.cachedP95).toBeGreaterThanOrEqual(r.cachedP50);
    }
  }, 120_000);

  it('meetings: records whole meetings, computes a quarter of flags and scores on generated cells, and counts statements', async () => {
    const r = await meetingsScenario(env, { cells: 4, recordings: 2, flagRuns: 2, scoreLimit: 3 });
    expect(r.meetingsInQuarter).toBeGreaterThan(0);
    expect(r.scored).toBe(3);
    for (const s of r.recordSteps) expect(s.statements).toBeGreaterThan(0);
    expect(r.flagsStatements).toBeGreaterThan(0);
    expect(r.scoreStatements).toBeGreaterThan(0);
  }, 120_000);
});
