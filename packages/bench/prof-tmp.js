require('reflect-metadata');
const { startBenchEnv, importScenario } = require('./dist');
const { MemberImportStore } = require('@chibo/membership');
const { Transaction } = require('@chibo/service-kit');
const { ensureDatabase, withDatabase } = require('@chibo/service-kit');
const acc = {};
const wrap = (proto, name, label) => { const orig = proto[name]; proto[name] = async function (...a) { const t = performance.now(); try { return await orig.apply(this, a); } finally { acc[label] = (acc[label] || 0) + performance.now() - t; } }; };
for (const m of ['allOrgUnits', 'membersByCard', 'insertMembers', 'appendEvents', 'memberEvents']) wrap(MemberImportStore.prototype, m, m);
wrap(Transaction.prototype, 'flushOutbox', 'flushOutbox');
(async () => {
  const url = withDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'chibo_prof_' + Date.now());
  await ensureDatabase(url, new URL(url).pathname.slice(1));
  const env = await startBenchEnv({ database: { adminUrl: url, password: 'prof' }, wards: 1, cellsPerWard: 1, meetingsPerCell: 0 });
  const r = await importScenario(env, { rows: 30000, grassroots: 10, cells: 40 });
  console.log(JSON.stringify({ importMs: r.importMs, copyMs: r.copyMs, ratio: r.ratio, acc }, null, 1));
  await env.close();
  process.exit(0);
})();
