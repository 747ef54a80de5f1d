import { importScenario, membershipSection, searchScenario, startBenchEnv, type BenchEnv } from '@chibo/bench';
import { testDatabase } from '@chibo/testkit';

/**
 * `pnpm bench membership` must never rot: the import-vs-COPY and name-search scenarios run on
 * tiny sizes and report. No figure is asserted (speed is measured by `pnpm bench`).
 */
describe('membership benchmark (smoke)', () => {
  let env: BenchEnv;

  beforeAll(async () => {
    env = await startBenchEnv({ database: await testDatabase(), wards: 1, cellsPerWard: 1, meetingsPerCell: 0 });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('imports every generated row, times the COPY floor, searches by name, and writes its section', async () => {
    // In the order `pnpm bench` runs them: the search load's events must not queue behind the import's.
    const searched = await searchScenario(env, { members: 60, grassroots: 3, cells: 4, searches: 3 });
    expect(searched.rows).toHaveLength(2);
    // Every member admitted is told to the other services, and it is timed until they have it.
    expect(searched.events).toBeGreaterThanOrEqual(searched.members);
    expect(searched.propagatedMs).toBeGreaterThan(0);
    // The city sees at least what one of its committees sees.
    expect(searched.rows[0].meanHits).toBeGreaterThanOrEqual(searched.rows[1].meanHits);
    expect(searched.rows[0].meanHits).toBeGreaterThan(0);
    const imported = await importScenario(env, { rows: 120, grassroots: 3, cells: 4 });
    expect(imported.report).toEqual({ NEW: 120, UPDATE: 0, UNCHANGED: 0, ERROR: 0 });
    expect(imported.copyMs).toBeGreaterThan(0);
    expect(imported.batchP95).toBeGreaterThanOrEqual(imported.batchP50);
    // The breakdown accounts for the import's whole time.
    const b = imported.breakdown;
    expect(b.judging + b.lookups + b.memberInserts + b.eventInserts + b.outboxAndCommit).toBeCloseTo(imported.importMs, 0);
    expect(b.memberInserts).toBeGreaterThan(0);
    const section = membershipSection(imported, searched).join('\n');
    expect(section).toContain('| plain COPY into membership.member (floor) | 120 |');
  }, 120_000);
});
