import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@chibo/service-kit';
import { startBenchEnv } from './env';
import { liveScenario } from './live';
import { gatewayScenario, sqlScenario } from './scenarios';

/**
 * `pnpm bench [gateway|sql|live …] [--smoke]`: runs the scenarios in one process, prints a table
 * for each and writes docs/benchmarks.md. Figures are ratios against a baseline measured in
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
  const env = await startBenchEnv(smoke ? { wards: 2, cellsPerWard: 3, meetingsPerCell: 1 } : {});
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
    say('Not built yet: scenario 4 (dashboard figures at city/province/nation scale, needs the data generator) and 5 (import throughput vs COPY).');
    if (!smoke) writeFileSync(join(repoRoot(), 'docs', 'benchmarks.md'), out.join('\n') + '\n');
  } finally {
    await env.close();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
