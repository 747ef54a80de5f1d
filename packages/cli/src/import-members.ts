import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Role, isUuid, type Principal } from '@chibo/domain';
import { UnitOfWork, appDataSource, dataDir, localSecrets } from '@chibo/service-kit';
import { MEMBERSHIP_ENTITIES, MemberImportStore, importMembers, readMemberFile, type ImportReport } from '@chibo/membership';

const USAGE = 'usage: pnpm chibo import members FILE --tenant <uuid|demo> [--commit] [--scope <orgUnitId>] [--batch 1000]';

/** `12345` → `12,345` without depending on the machine's locale. */
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const seconds = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(s < 10 ? 1 : 0)} s`);

/**
 * Progress on stderr: one line redrawn in a terminal, a line per batch otherwise (logs, CI), so
 * stdout stays the report.
 */
export function progressBar(out: NodeJS.WriteStream = process.stderr, width = 30) {
  const started = performance.now();
  return (done: number, total: number) => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : 0;
    const filled = total ? Math.round((done / total) * width) : width;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${total ? Math.floor((done / total) * 100) : 100}% ${n(done)}/${n(total)} dòng/rows · ${n(rate)} dòng/s · còn/ETA ${seconds(eta)}`;
    if (out.isTTY) out.write(`\r${line}${done >= total ? '\n' : ''}`);
    else out.write(`${line}\n`);
  };
}

function tenantOf(value: string | undefined): string {
  if (value === 'demo') {
    const file = join(dataDir(), 'demo.json');
    if (!existsSync(file)) throw new Error('chưa có đảng bộ mẫu: chạy `pnpm start` trước / no demo tenant yet: run `pnpm start` first');
    return (JSON.parse(readFileSync(file, 'utf8')) as { tenantId: string }).tenantId;
  }
  if (!value || !isUuid(value)) throw new Error(`--tenant phải là mã UUID hoặc "demo" / must be a UUID or "demo"\n${USAGE}`);
  return value;
}

export function printReport(r: ImportReport, say: (line: string) => void, maxErrors = 20): void {
  say(`${r.committed ? 'Đã nhập / imported' : 'Xem trước / preview'}: ${n(r.rows.length)} dòng/rows`);
  say(`  NEW ${n(r.counts.NEW)} · UPDATE ${n(r.counts.UPDATE)} · UNCHANGED ${n(r.counts.UNCHANGED)} · ERROR ${n(r.counts.ERROR)}`);
  if (r.ignoredColumns.length) say(`  Cột không đọc / columns ignored: ${r.ignoredColumns.join(', ')}`);
  const errors = r.rows.filter((row) => row.errors.length);
  for (const row of errors.slice(0, maxErrors)) {
    for (const e of row.errors) say(`  dòng/row ${row.line}: ${e.messageVi}${e.rule ? ` (${e.rule})` : ''} / ${e.messageEn}`);
  }
  if (errors.length > maxErrors) say(`  … và/and ${n(errors.length - maxErrors)} dòng lỗi khác / more rows with errors`);
  if (!r.committed && r.counts.NEW + r.counts.UPDATE > 0) say('Chạy lại với --commit để ghi các dòng hợp lệ / run again with --commit to write the good rows');
}

/**
 * `chibo import members FILE --tenant …`: the same import as the GraphQL mutations (same rules,
 * same store, one transaction), straight against the database like `tenant:export`, for files
 * too big for a request. It acts as the tenant's city administrator, or as committee staff of
 * `--scope` to check a file the way that subtree's staff would.
 */
export async function importCommand(argv: string[], say: (line: string) => void): Promise<void> {
  const [what, ...rest] = argv;
  if (what !== 'members') throw new Error(USAGE);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { tenant: { type: 'string' }, commit: { type: 'boolean', default: false }, scope: { type: 'string' }, batch: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new Error(USAGE);
  if (!existsSync(file)) throw new Error(`không có tệp / no such file: ${file}`);
  const tenantId = tenantOf(values.tenant);
  if (values.scope && !isUuid(values.scope)) throw new Error('--scope phải là mã UUID của tổ chức đảng / must be an org unit UUID');
  const adminUrl = process.env.CHIBO_ADMIN_URL ?? process.env.DATABASE_URL ?? `postgres://postgres:${encodeURIComponent(localSecrets().dbPassword)}@127.0.0.1:54329/chibo`;
  const password = process.env.CHIBO_DB_PASSWORD ?? localSecrets().dbPassword;
  const principal: Principal = {
    tenantId,
    subject: `cli:${userInfo().username}`,
    roles: [values.scope ? Role.COMMITTEE_STAFF : Role.CITY_ADMIN],
    scopeOrgUnitId: values.scope ?? null,
  };

  const sheet = await readMemberFile(readFileSync(file));
  const ds = appDataSource({ adminUrl, password, service: 'membership', entities: MEMBERSHIP_ENTITIES, poolSize: 1 });
  await ds.initialize();
  try {
    const progress = progressBar();
    const report = await new UnitOfWork(ds, tenantId, 'membership').run((tx) =>
      importMembers(principal, sheet, new MemberImportStore(tx), { commit: values.commit, batchSize: values.batch ? Number(values.batch) : 1000, onBatch: (done, total) => progress(done, total) }),
    );
    printReport(report, say);
  } finally {
    await ds.destroy();
  }
}
