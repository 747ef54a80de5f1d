#!/usr/bin/env node
import 'reflect-metadata';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate, isRole, isUuid, Role } from '@chibo/domain';
import {
  DEFAULT_PORTS,
  SERVICE_NAMES,
  createLogger,
  dataDir,
  dropDatabase,
  ensureDatabase,
  exportTenant,
  importTenant,
  freePort,
  generateMigration,
  localSecrets,
  prepareDatabase,
  repoRoot,
  startEmbeddedPostgres,
  withDatabase,
  type ServiceName,
} from '@chibo/service-kit';
import { loadOrCreateLocalKeys, mintToken } from '@chibo/gateway';
import { SERVICES, SUPERGRAPH_FILE, Stack, committedSupergraph, composeFromCode, generateTenants } from '@chibo/testkit';
import { importCommand } from './import-members';
import { progressBar } from './progress';
import { DEMO_KIND, DEMO_TENANT_NAME, seedDemo, type DemoTenant } from './seed';
import { serve } from './serve';
import { DASHBOARD_DIST, startWebGateway } from './web';

const say = (msg: string) => process.stdout.write(`${msg}\n`);
const fail = (msg: string): never => {
  process.stderr.write(`chibo: ${msg}\n`);
  process.exit(1);
};

const EMBEDDED_PORT = 54329;
const demoFile = () => join(dataDir(), 'demo.json');

async function database(logger = createLogger({ component: 'cli' })) {
  const secrets = localSecrets();
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    await ensureDatabase(url, new URL(url).pathname.slice(1) || 'chibo');
    return { adminUrl: url, password: secrets.dbPassword, stop: async () => undefined };
  }
  say('• PostgreSQL nhúng / embedded PostgreSQL (.data/pg)');
  const port = await freePort().then(async (fallback) => ((await isFree(EMBEDDED_PORT)) ? EMBEDDED_PORT : fallback));
  const pg = await startEmbeddedPostgres({ dir: join(dataDir(), 'pg'), port, password: secrets.dbPassword, logger });
  const adminUrl = withDatabase(pg.adminUrl, 'chibo');
  await ensureDatabase(adminUrl, 'chibo');
  return { adminUrl, password: secrets.dbPassword, stop: () => pg.stop() };
}

async function isFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function start() {
  const started = Date.now();
  const logger = createLogger({ component: 'chibo' }, (process.env.CHIBO_LOG_LEVEL as 'info') ?? 'warn');
  const secrets = localSecrets();
  const db = await database(logger);
  for (const name of SERVICE_NAMES) {
    const applied = await prepareDatabase(SERVICES[name], db);
    say(`• ${name}: lược đồ sẵn sàng / schema ready${applied.length ? ` (${applied.length} migration mới)` : ''}`);
  }
  const stack = await Stack.start({
    adminUrl: db.adminUrl,
    password: db.password,
    internalSecret: secrets.internalSecret,
    keysDir: join(dataDir(), 'keys'),
    // The stack's own gateway stays internal; the public one (below) also serves the dashboard.
    ports: { ...DEFAULT_PORTS, gateway: 0 },
    logger,
    jobs: true,
  });
  let web: Awaited<ReturnType<typeof startWebGateway>> | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\nĐang dừng / stopping…');
    await web?.close().catch(() => undefined);
    await stack.stop().catch((e) => logger.error('stop failed', { error: (e as Error).message }));
    await db.stop().catch(() => undefined);
    say('Đã dừng / stopped.');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const demo = await ensureDemo(stack);
  const wardOf = await stack
    .client(await mintToken(stack.keys, { tenantId: demo.tenantId, roles: [Role.CITY_ADMIN], subject: 'demo-check', scopeOrgUnitId: null }))
    .ok<{ orgUnit: { parentId: string } }>('query($id: ID!) { orgUnit(id: $id) { parentId } }', { id: demo.firstCellId });
  web = await startWebGateway(stack, demo, DEFAULT_PORTS.gateway, wardOf.orgUnit.parentId);
  const base = web.url.replace(/\/graphql$/, '');
  const token = await mintToken(stack.keys, { tenantId: demo.tenantId, roles: [Role.CITY_ADMIN], subject: 'demo-city-admin', scopeOrgUnitId: null }, { expiresIn: '12h' });
  say('');
  say(`chibo đang chạy / is running (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  say(`  GraphQL:        ${web.url}`);
  if (existsSync(DASHBOARD_DIST)) {
    say(`  Bảng điều hành: ${base}/  (dashboard, tài khoản demo / demo accounts)`);
    say(`  GraphiQL:       ${base}/graphiql`);
  }
  say(`  Đảng bộ mẫu:    ${DEMO_TENANT_NAME} (${demo.tenantId})`);
  say(`  Token (city_admin, 12h):\n    ${token}`);
  say(`  Thử / try:`);
  say(`    curl -s ${web.url} -H 'content-type: application/json' -H "authorization: Bearer <token>" \\`);
  say(`      -d '{"query":"{ currentTenant { name rootOrgUnit { name children { name children { name } } } } }"}'`);
  say(`  Token khác / other roles: pnpm chibo token --tenant demo --role cell_secretary --scope <orgUnitId>`);
  say('  Ctrl-C để dừng / to stop');
}

async function ensureDemo(stack: Stack): Promise<DemoTenant> {
  if (existsSync(demoFile())) {
    const saved = JSON.parse(readFileSync(demoFile(), 'utf8')) as DemoTenant;
    const client = stack.client(await mintToken(stack.keys, { tenantId: saved.tenantId, roles: [Role.CITY_ADMIN], subject: 'demo-check', scopeOrgUnitId: null }));
    const res = await client.execute('{ currentTenant { id } }');
    if (res.data?.currentTenant?.id === saved.tenantId && saved.kind === DEMO_KIND) return saved;
  }
  const bar = progressBar('  ');
  const started = Date.now();
  const demo = await seedDemo(stack, (m) => say(`• ${m}`), bar.update);
  bar.end();
  say(`• Đảng bộ mẫu đã tạo / demo generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  writeFileSync(demoFile(), JSON.stringify(demo, null, 2));
  return demo;
}

async function token(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { tenant: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' }, member: { type: 'string' }, expires: { type: 'string', default: '12h' } },
  });
  if (!values.role || !isRole(values.role)) fail(`--role phải là một trong / must be one of: ${Object.values(Role).join(', ')}`);
  let tenantId: string | null = values.tenant ?? null;
  if (tenantId === 'demo') {
    if (!existsSync(demoFile())) fail('chưa có đảng bộ mẫu: chạy `pnpm start` trước / no demo tenant yet: run `pnpm start` first');
    tenantId = (JSON.parse(readFileSync(demoFile(), 'utf8')) as DemoTenant).tenantId;
  }
  if (tenantId !== null && !isUuid(tenantId)) fail('--tenant phải là mã UUID hoặc "demo" / must be a UUID or "demo"');
  if (!tenantId && values.role !== Role.PLATFORM_ADMIN) fail('--tenant là bắt buộc / is required (except for platform_admin)');
  if (values.scope && !isUuid(values.scope)) fail('--scope phải là mã UUID của tổ chức đảng / must be an org unit UUID');
  const keys = await loadOrCreateLocalKeys(join(dataDir(), 'keys'));
  say(
    await mintToken(
      keys,
      { tenantId, roles: [values.role as Role], subject: `cli-${values.role}`, scopeOrgUnitId: values.scope ?? null, memberId: values.member ?? null },
      { expiresIn: values.expires },
    ),
  );
}

async function supergraph(argv: string[]) {
  const composed = await composeFromCode();
  if (argv.includes('--write')) {
    writeFileSync(SUPERGRAPH_FILE, composed);
    say(`đã ghi / wrote ${SUPERGRAPH_FILE.replace(repoRoot() + '/', '')}`);
  } else if (composed !== committedSupergraph()) {
    fail('supergraph.graphql lệch với mã nguồn / drifted from the code: run `pnpm supergraph`');
  } else say('supergraph khớp / matches the code');
}

async function migrationGenerate(argv: string[]) {
  const [service, name] = argv;
  if (!service || !(SERVICE_NAMES as string[]).includes(service) || !name) fail(`usage: pnpm migration:generate <${SERVICE_NAMES.join('|')}> <Name>`);
  const dbName = `chibo_gen_${Date.now().toString(36)}`;
  let adminUrl: string;
  let stop = async () => undefined as void;
  if (process.env.DATABASE_URL) adminUrl = withDatabase(process.env.DATABASE_URL, dbName);
  else {
    const dir = mkdtempSync(join(tmpdir(), 'chibo-gen-'));
    const pg = await startEmbeddedPostgres({ dir, password: 'gen', durable: false });
    adminUrl = withDatabase(pg.adminUrl, dbName);
    stop = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await ensureDatabase(adminUrl, dbName);
    const dir = join(repoRoot(), 'services', service, 'src', 'store', 'migrations');
    const { file, up } = await generateMigration({ module: SERVICES[service as ServiceName], adminUrl, password: 'gen', name, dir });
    if (!file) say('không có thay đổi / no changes');
    else say(`đã tạo / wrote ${file}\n${up.join('\n')}\nThêm lớp này vào migrations/index.ts / add the class to migrations/index.ts`);
    if (process.env.DATABASE_URL) await dropDatabase(adminUrl, dbName);
  } finally {
    await stop();
  }
}

/** Schemas, roles and migrations of every service (a deployment runs it as a Job before rollout). */
async function migrateCommand() {
  const adminUrl = process.env.CHIBO_ADMIN_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) fail('CHIBO_ADMIN_URL (or DATABASE_URL) is not set');
  const password = process.env.CHIBO_DB_PASSWORD ?? localSecrets().dbPassword;
  for (const name of SERVICE_NAMES) {
    const applied = await prepareDatabase(SERVICES[name], { adminUrl: adminUrl!, password });
    say(`• ${name}: ${applied.length ? applied.join(', ') : 'đã cập nhật / up to date'}`);
  }
}

/** `chibo tenant:export --tenant ID [--out FILE]` / `chibo tenant:import FILE` (operators). */
async function tenantExport(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { tenant: { type: 'string' }, out: { type: 'string' } } });
  const adminUrl = process.env.CHIBO_ADMIN_URL ?? process.env.DATABASE_URL;
  if (!adminUrl || !values.tenant) fail('usage: CHIBO_ADMIN_URL=… chibo tenant:export --tenant <uuid> [--out FILE]');
  const lines: string[] = [];
  const r = await exportTenant(adminUrl!, values.tenant!, (l) => lines.push(l));
  if (values.out) writeFileSync(values.out, lines.join(''));
  else process.stdout.write(lines.join(''));
  process.stderr.write(`đã xuất / exported ${r.rows} rows from ${r.tables} tables\n`);
}

async function tenantImport(argv: string[]) {
  const adminUrl = process.env.CHIBO_ADMIN_URL ?? process.env.DATABASE_URL;
  if (!adminUrl || !argv[0]) fail('usage: CHIBO_ADMIN_URL=… chibo tenant:import FILE');
  const r = await importTenant(adminUrl!, readFileSync(argv[0], 'utf8').split('\n'), (table, n) => process.stderr.write(`• ${table}: ${n}\n`));
  say(`đã nhập / imported ${r.rows} rows`);
}

const SCALES = ['demo', 'city', 'province', 'nation'] as const;

/**
 * `chibo generate --scale city|province|nation [--tenants N] [--seed S] [--to YYYY-MM-DD]`:
 * realistic tenants for demos and benchmarks, each in one transaction, written with COPY.
 */
async function generate(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string', default: 'city' }, tenants: { type: 'string' }, seed: { type: 'string', default: '1' }, to: { type: 'string' } } });
  const scale = values.scale as (typeof SCALES)[number];
  if (!SCALES.includes(scale)) fail(`--scale phải là một trong / must be one of: ${SCALES.join(', ')}`);
  const tenants = Number(values.tenants ?? (scale === 'nation' ? 63 : 1));
  const seed = Number(values.seed);
  if (!Number.isInteger(tenants) || tenants < 1) fail('--tenants phải là số nguyên dương / must be a positive integer');
  if (!Number.isInteger(seed)) fail('--seed phải là số nguyên / must be an integer');
  if (values.to && !isIsoDate(values.to)) fail('--to phải có dạng / must be YYYY-MM-DD');
  const db = await database();
  try {
    for (const name of SERVICE_NAMES) await prepareDatabase(SERVICES[name], db);
    say(`• Sinh dữ liệu / generating ${tenants} × ${scale} (seed ${seed})${scale === 'nation' ? ' — 5.5 triệu đảng viên, vài phút / 5.5 million members, several minutes' : ''}`);
    const started = Date.now();
    const bar = progressBar();
    const summaries = await generateTenants(db.adminUrl, { scale, tenants, seed, to: values.to }, (i, step, done, total) =>
      bar.update(tenants > 1 ? `${i + 1}/${tenants} ${step}` : step, done, total),
    );
    bar.end();
    for (const s of summaries) say(`  ${s.tenantId}  ${s.name}: ${s.units.toLocaleString('en')} tổ chức / units, ${s.members.toLocaleString('en')} đảng viên / members`);
    const members = summaries.reduce((n, s) => n + s.members, 0);
    say(`• Xong / done: ${members.toLocaleString('en')} members in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.stop();
  }
}

/** An embedded PostgreSQL in the foreground until SIGTERM/SIGINT (fault tests restart it). */
async function postgres(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' }, port: { type: 'string' }, password: { type: 'string' } } });
  if (!values.dir || !values.port || !values.password) fail('usage: chibo postgres --dir DIR --port PORT --password PASSWORD');
  const pg = await startEmbeddedPostgres({ dir: values.dir!, port: Number(values.port), password: values.password!, durable: false });
  say(`ready ${pg.adminUrl.replace(/:[^:@/]+@/, ':***@')}`);
  const stop = () => pg.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[]) => Promise<void>> = {
  start,
  generate,
  token,
  supergraph,
  'migration:generate': migrationGenerate,
  serve,
  postgres,
  migrate: migrateCommand,
  'tenant:export': tenantExport,
  'tenant:import': tenantImport,
  // `import members FILE`: expected failures (bad file, usage) say so without a stack trace.
  import: (argv) => importCommand(argv, say).catch((err: Error) => fail(err.message)),
};
if (!command || !commands[command]) {
  fail(`lệnh / commands: ${Object.keys(commands).join(', ')}`);
} else {
  commands[command](rest).catch((err: Error) => fail(err.stack ?? err.message));
}
