import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { GenerateScale } from '@chibo/domain';
import { repoRoot } from '@chibo/service-kit';
import { startBenchEnv } from './env';
import { dashboardScenario, gatewayScenario, liveScenario, sqlScenario } from './scenarios';

/**
 * `pnpm bench [gateway|sql|live|dashboard …] [--smoke] [--city-only | --nation] [--out=FILE]`: runs the scenarios in one process, prints a table
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
    if (run('dashboard')) {
      const scales: GenerateScale[] = smoke ? ['demo'] : args.includes('--city-only') ? ['city'] : ['city', 'province', ...(args.includes('--nation') ? (['nation'] as const) : [])];
      const rows = await dashboardScenario(env, { scales, requests: smoke ? 5 : 50, onProgress: (m) => process.stdout.write(`${m}\n`) });
      const goal: Record<string, number> = { city: 30, province: 250 };
      say(`## 4. Dashboard figures at scale (Query.dashboard through the gateway, ${rows[0]?.requests ?? 0} sequential requests per unit after a warm-up)`);
      say();
      say('| scale | members | cells | unit | p50 ms | p95 ms | goal p95 |');
      say('| --- | ---: | ---: | --- | ---: | ---: | --- |');
      for (const r of rows) {
        const g = goal[r.scale];
        say(`| ${r.scale} | ${r.members.toLocaleString('en')} | ${r.cells.toLocaleString('en')} | ${r.level}: ${r.unit} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${g ? `≤ ${g} ms: ${r.p95 <= g ? 'met' : 'not met'}` : '—'} |`);
      }
      say();
      say(`Generation (tenant written with COPY, then the tree relayed to meetings and inspection): ${[...new Set(rows.map((r) => `${r.scale} ${r.generateSeconds.toFixed(1)} s`))].join(', ')}.`);
      say();
    }
    say('Not built yet: scenario 5 (import throughput vs COPY).');
    const outFile = args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
    if (!smoke || outFile) writeFileSync(outFile ?? join(repoRoot(), 'docs', 'benchmarks.md'), out.join('\n') + '\n');
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
