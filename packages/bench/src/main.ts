import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@chibo/service-kit';
import { startBenchEnv } from './env';
import { importScenario, membershipSection, searchScenario } from './membership';
import { gatewayScenario, liveScenario, sqlScenario } from './scenarios';

/**
 * `pnpm bench [gateway|sql|live|membership …] [--smoke]`: runs the scenarios in one process, prints a
 * table for each and writes docs/benchmarks.md (`pnpm bench membership` alone rewrites only its
 * own section there). Figures are ratios against a baseline measured in
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
      say();
      say(`Ratio chibo / @apollo/gateway: **${r.ratio.toFixed(2)}×** (goal ≥ 2×: ${r.ratio >= 2 ? 'met' : 'not met'}). The in-process floor (one schema without federation) is not built yet.`);
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
      const n = smoke ? 20 : 1000;
      const r = await liveScenario(env, { subscribers: n });
      say(`## 3. Live updates: ${r.subscribers} graphql-ws subscribers, one meeting recorded`);
      say();
      say('| subscribers | p50 ms | p95 ms | p99 ms | RSS per socket (whole process: client, gateway and subgraphs) |');
      say('| ---: | ---: | ---: | ---: | ---: |');
      say(`| ${r.subscribers} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rssPerSocketKb.toFixed(1)} KB |`);
      say();
    }
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
    say('Not built yet: scenario 4 (dashboard figures at city/province/nation scale, needs the data generator).');
    const docs = join(repoRoot(), 'docs', 'benchmarks.md');
    if (!smoke && onlyMembership) writeFileSync(docs, withSection(existsSync(docs) ? readFileSync(docs, 'utf8') : '', membershipLines));
    else if (!smoke) writeFileSync(docs, out.join('\n') + '\n');
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
