import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { GenerateScale } from '@chibo/domain';
import { repoRoot } from '@chibo/service-kit';
import { startBenchEnv } from './env';
import { liveScenario } from './live';
import { meetingsScenario } from './meetings';
import { importScenario, membershipSection, searchScenario } from './membership';
import { dashboardScenario, gatewayScenario, sqlScenario } from './scenarios';

/**
 * `pnpm bench [gateway|sql|live|dashboard|membership|meetings …] [--smoke] [--city-only | --province-only | --nation] [--out=FILE]`:
 * runs the scenarios in one process, prints a table for each and writes docs/benchmarks.md
 * (`pnpm bench membership` alone rewrites only its own section there). Figures are ratios
 * against a baseline measured in
 * the same run, since absolute numbers on a shared machine mean little.
 */
async function main() {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const run = (name: string) => !wanted.length || wanted.includes(name);
  const out: string[] = [];
  const say = (line = '') => {
    process.stdout.write(`${line}\n`);
    out.push(line);
  };
  const started = new Date();
  process.stdout.write('Chuẩn bị dữ liệu đo / preparing data…\n');
  // Membership alone needs no meetings seeded: it builds its own city-sized tenants.
  const onlyMembership = wanted.length === 1 && wanted[0] === 'membership';
  const env = await startBenchEnv(smoke || onlyMembership ? { wards: 2, cellsPerWard: 3, meetingsPerCell: 1 } : {});
  let membershipLines: string[] = [];
  try {
    say(`# chibo benchmarks`);
    say();
    say(`Run ${started.toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${smoke ? ' (smoke run: tiny sizes, not figures to quote)' : ''}.`);
    say('Everything runs in one process on this machine (subgraphs, gateways, load generator), so only the ratios transfer.');
    say();
    if (run('gateway')) {
      const seconds = smoke ? 1 : 10;
      const connections = 10;
      const r = await gatewayScenario(env, { seconds, connections });
      say(`## 1. Gateway: dashboard query across the three services (${connections} connections, ${seconds} s each)`);
      say();
      say('| gateway | req/s | p50 ms | p90 ms | p99 ms | errors |');
      say('| --- | ---: | ---: | ---: | ---: | ---: |');
      say(`| chibo (Hive Gateway runtime, JWT verified, identity signed) | ${r.chibo.rps.toFixed(0)} | ${r.chibo.p50} | ${r.chibo.p90} | ${r.chibo.p99} | ${r.chibo.errors} |`);
      say(`| @apollo/gateway 2.14 (baseline, no JWT) | ${r.apollo.rps.toFixed(0)} | ${r.apollo.p50} | ${r.apollo.p90} | ${r.apollo.p99} | ${r.apollo.errors} |`);
      say(`| in-process floor (same subgraph schemas and resolvers stitched in memory: no HTTP between services, no JWT) | ${r.floor.rps.toFixed(0)} | ${r.floor.p50} | ${r.floor.p90} | ${r.floor.p99} | ${r.floor.errors} |`);
      say();
      say(`Ratio chibo / @apollo/gateway (a/b): **${r.ratio.toFixed(2)}×** (goal ≥ 2×: ${r.ratio >= 2 ? 'met' : 'not met'}). Ratio chibo / in-process floor (a/c): **${r.floorRatio.toFixed(2)}×** (goal ≥ 0.6×: ${r.floorRatio >= 0.6 ? 'met' : 'not met'}).`);
      say();
      const f = r.figures;
      say(`The ward's dashboard figures (Query.dashboard, three services), same load:`);
      say();
      say('| path | req/s | p50 ms | p90 ms | p99 ms | errors |');
      say('| --- | ---: | ---: | ---: | ---: | ---: |');
      say(`| chibo, cold (every request \`Cache-Control: no-cache\`: the three services asked each time) | ${f.cold.rps.toFixed(0)} | ${f.cold.p50} | ${f.cold.p90} | ${f.cold.p99} | ${f.cold.errors} |`);
      say(`| chibo, cached (the gateway's dashboard cache; JWT, limits and budget still per request) | ${f.cached.rps.toFixed(0)} | ${f.cached.p50} | ${f.cached.p90} | ${f.cached.p99} | ${f.cached.errors} |`);
      say(`| in-process floor | ${f.floor.rps.toFixed(0)} | ${f.floor.p50} | ${f.floor.p90} | ${f.floor.p99} | ${f.floor.errors} |`);
      say();
      say(`a/c for the figures: cold **${f.coldRatio.toFixed(2)}×** (${f.coldRatio >= 0.6 ? 'met' : 'not met'}), cached **${f.cachedRatio.toFixed(2)}×** (${f.cachedRatio >= 0.6 ? 'met' : 'not met'}); goal ≥ 0.6×.`);
      say();
    }
    if (run('sql')) {
      const rows = await sqlScenario(env);
      say('## 2. SQL statements per operation (counted at the pg driver, page sizes 5 and 50)');
      say();
      say('| operation | page size | statements |');
      say('| --- | ---: | ---: |');
      for (const r of rows) say(`| ${r.operation} | ${r.pageSize} | ${r.statements} |`);
      say();
    }
    if (run('live')) {
      const counts = smoke ? [20] : (args.find((a) => a.startsWith('--subscribers='))?.slice(14).split(',').map(Number) ?? [1000]);
      say('## 3. Live updates: graphql-ws subscribers across the tree, one meeting recorded in a cell');
      say();
      say('Subscribers run in a child process; they watch the city (administrators, inspectors), the ward and the cell (their staff and secretaries), 20 people per role and unit, so every one is affected. Latency: from the mutation\'s answer (its commit) to each subscriber\'s message. RSS: growth of the bench process (gateway and subgraphs, not the clients) per socket.');
      say();
      say('| subscribers | dashboards (unit × visibility) | p50 ms | p95 ms | p99 ms | max ms | missed | gateway+subgraphs RSS per socket | open all (s) |');
      say('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const n of counts) {
        const r = await liveScenario(env, { subscribers: n });
        say(`| ${r.subscribers} | ${r.dashboards} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.missed} | ${r.rssPerSocketKb.toFixed(1)} KB | ${r.openSeconds.toFixed(1)} |`);
      }
      say();
    }
    if (run('dashboard')) {
      const scales: GenerateScale[] = smoke ? ['demo'] : args.includes('--city-only') ? ['city'] : args.includes('--province-only') ? ['province'] : ['city', 'province', ...(args.includes('--nation') ? (['nation'] as const) : [])];
      const rows = await dashboardScenario(env, { scales, requests: smoke ? 5 : 50, onProgress: (m) => process.stdout.write(`${m}\n`) });
      const goal: Record<string, number> = { city: 30, province: 250 };
      say(`## 4. Dashboard figures at scale (Query.dashboard through the gateway, ${rows[0]?.requests ?? 0} sequential requests per unit after a warm-up)`);
      say();
      say('Cold: every request sent with `Cache-Control: no-cache`, so the gateway asks the three services; cached: the same requests answered from the gateway\'s dashboard cache (after the cold ones, in the same run).');
      say();
      say('| scale | members | cells | unit | cold p50 ms | cold p95 ms | cached p50 ms | cached p95 ms | goal p95 |');
      say('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |');
      for (const r of rows) {
        const g = goal[r.scale];
        const verdict = g ? `≤ ${g} ms: cold ${r.p95 <= g ? 'met' : 'not met'}, cached ${r.cachedP95 <= g ? 'met' : 'not met'}` : '—';
        say(`| ${r.scale} | ${r.members.toLocaleString('en')} | ${r.cells.toLocaleString('en')} | ${r.level}: ${r.unit} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.cachedP50.toFixed(1)} | ${r.cachedP95.toFixed(1)} | ${verdict} |`);
      }
      say();
      say(`Generation (tenant written with COPY, then the tree relayed to meetings and inspection): ${[...new Set(rows.map((r) => `${r.scale} ${r.generateSeconds.toFixed(1)} s`))].join(', ')}.`);
      say();
    }
    if (run('meetings')) {
      const r = await meetingsScenario(env, smoke ? { cells: 6, recordings: 2, flagRuns: 3, scoreLimit: 10 } : { cells: 240, recordings: 20, flagRuns: 20 });
      say(`## 6. Meetings: a whole meeting recorded; a quarter's flags and scores for ${r.cells} cells`);
      say();
      say('| operation | runs | p50 ms | p95 ms | SQL statements |');
      say('| --- | ---: | ---: | ---: | ---: |');
      say(`| record a whole meeting (9 mutations: meeting, 4 agenda items, attendance of 40, 12 contributions, resolution with 3 tasks, minutes approved) | ${r.recordings} | ${r.recordP50.toFixed(0)} | ${r.recordP95.toFixed(0)} | ${r.recordSteps.reduce((a, s) => a + s.statements, 0)} |`);
      say(`| a quarter's flags at the city (${r.cells} cells, ${r.meetingsInQuarter} meetings: 3 months of per-meeting flags, content balance, removal candidates, excused streaks, G-9 follow-up, dashboard) | ${r.flagsRuns} | ${r.flagsP50.toFixed(0)} | ${r.flagsP95.toFixed(0)} | ${r.flagsStatements} |`);
      say(`| score one meeting (G-7; ${r.scored} scored in ${r.scoreTotalSeconds.toFixed(1)} s) | ${r.scored} | ${r.scoreP50.toFixed(0)} | ${r.scoreP95.toFixed(0)} | ${r.scoreStatements} |`);
      say();
      say('SQL statements per step of recording a meeting (the same for any roll size, see services/meetings/test/record-cost.test.ts):');
      say();
      say('| step | statements |');
      say('| --- | ---: |');
      for (const s of r.recordSteps) say(`| ${s.operation} | ${s.statements} |`);
      say();
    }
    // Last: the import's hundreds of thousands of events keep the relays busy for minutes after.
    if (run('membership')) {
      // City scale as the seed describes Hà Tĩnh; the import at the size issue 3 asks for.
      const scale = smoke ? { grassroots: 3, cells: 4 } : { grassroots: 51, cells: 240 };
      // Search first: it also times how long the load's events take to reach the other
      // services, which must not queue behind the 100,000-row import's.
      process.stdout.write('Đo tìm kiếm / measuring name search…\n');
      const searched = await searchScenario(env, { members: smoke ? 200 : 8_400, searches: smoke ? 5 : 200, ...scale });
      process.stdout.write('Đo nhập danh sách / measuring member import…\n');
      const imported = await importScenario(env, { rows: smoke ? 300 : 100_000, ...scale });
      membershipLines = [MEMBERSHIP_START, ...membershipSection(imported, searched), MEMBERSHIP_END];
      for (const line of membershipLines) say(line);
    }
    const outFile = args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
    const docs = outFile ?? join(repoRoot(), 'docs', 'benchmarks.md');
    if (!smoke && onlyMembership) writeFileSync(docs, withSection(existsSync(docs) ? readFileSync(docs, 'utf8') : '', membershipLines));
    else if (!smoke || outFile) {
      // The tables are this run's; the hand-written reading of them (causes, what it would take) stays.
      const previous = existsSync(docs) ? readFileSync(docs, 'utf8') : '';
      const reading = previous.indexOf('## Reading these figures');
      writeFileSync(docs, out.join('\n') + '\n' + (reading >= 0 ? `\n${previous.slice(reading)}` : ''));
    }
  } finally {
    await env.close();
  }
}

const MEMBERSHIP_START = '<!-- bench:membership -->';
const MEMBERSHIP_END = '<!-- /bench:membership -->';

/** The document with the membership section replaced (or added before "Reading these figures"). */
function withSection(doc: string, lines: string[]): string {
  const block = lines.join('\n');
  const start = doc.indexOf(MEMBERSHIP_START);
  const end = doc.indexOf(MEMBERSHIP_END);
  if (start >= 0 && end > start) return doc.slice(0, start) + block + doc.slice(end + MEMBERSHIP_END.length);
  const reading = doc.indexOf('## Reading these figures');
  return reading >= 0 ? `${doc.slice(0, reading)}${block}\n\n${doc.slice(reading)}` : `${doc}\n${block}\n`;
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
