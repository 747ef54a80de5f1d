import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@chibo/domain';
import { repoRoot } from '@chibo/service-kit';
import { useStack, type TenantHandle } from '@chibo/testkit';

const MAIN = join(repoRoot(), 'packages', 'cli', 'dist', 'main.js');

/** Runs the built CLI as an operator would (needs `pnpm build` first, like ProcessStack). */
function chibo(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `pnpm chibo import members FILE --tenant …` (issue 3): preview, commit, re-run, against the database. */
describe('chibo import members', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let file: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('packages/cli/dist is missing: run `pnpm build` first');
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (CLI)');
    tree = await city.seedTree();
    const rows = [
      'STT;Họ và tên;Ngày sinh;Giới tính;Số thẻ đảng viên;Ngày vào Đảng;Ngày chính thức;Chi bộ;Số CCCD',
      '1;Nguyễn Văn An;19/05/1970;Nam;CLI-001;03/02/2000;03/02/2001;Chi bộ tổ dân phố 3;042070001234',
      '2;Trần Thị Bích;31/02/1980;Nữ;CLI-002;03/02/2005;;Chi bộ tổ dân phố 3;',
      `3;${'Lê Thị Hồng'.normalize('NFD')};08/03/1985;Nữ;CLI-003;10/10/2010;10/10/2011;Chi bộ tổ dân phố 5;`,
      '4;Phạm Đức Dũng;01/01/1990;Nam;CLI-004;01/06/2015;;Chi bộ tổ dân phố 5;',
      '5;Hồ Văn Nam;01/01/1991;Nam;CLI-005;01/06/2016;01/06/2017;Chi bộ tổ dân phố 5;',
    ];
    file = join(mkdtempSync(join(tmpdir(), 'chibo-import-')), 'danh-sach.csv');
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);
    env = { CHIBO_ADMIN_URL: stack().options.adminUrl, CHIBO_DB_PASSWORD: stack().options.password, CHIBO_LOG_LEVEL: 'warn' };
  }, 60_000);

  const members = async () => {
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query('SELECT party_card_number AS card, full_name AS name, status FROM membership.member WHERE tenant_id = $1 ORDER BY party_card_number', [city.id]);
      return rows as { card: string; name: string; status: string }[];
    } finally {
      await sql.end();
    }
  };

  it('previews: counts by outcome and the errors on stdout, a progress bar on stderr, nothing written', async () => {
    const r = await chibo(['import', 'members', file, '--tenant', city.id, '--batch', '2'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NEW 4 · UPDATE 0 · UNCHANGED 0 · ERROR 1');
    expect(r.stdout).toMatch(/dòng\/row 3: Cột «Ngày sinh»: .*31\/02\/1980.* \/ Column «Ngày sinh»: .*not a calendar date/);
    expect(r.stdout).toContain('Cột không đọc / columns ignored: STT');
    // Batches of 2: 2, 4, then 5 of 5 rows, each with a rate and an ETA.
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => /(\d+)\/5 dòng\/rows/.exec(l)?.[1])).toEqual(['2', '4', '5']);
    expect(lines[2]).toMatch(/^\[#+\] 100% 5\/5 dòng\/rows · [\d,]+ dòng\/s · còn\/ETA 0\.0 s$/);
    expect(await members()).toEqual([]);
  }, 60_000);

  it('commits the good rows with --commit (NFC, citizen id readable by the service), and a second run changes nothing', async () => {
    const r = await chibo(['import', 'members', file, '--tenant', city.id, '--commit'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đã nhập / imported: 5 dòng/rows');
    expect(await members()).toEqual([
      { card: 'CLI-001', name: 'Nguyễn Văn An', status: 'OFFICIAL' },
      { card: 'CLI-003', name: 'Lê Thị Hồng', status: 'OFFICIAL' },
      { card: 'CLI-004', name: 'Phạm Đức Dũng', status: 'PROBATIONARY' },
      { card: 'CLI-005', name: 'Hồ Văn Nam', status: 'OFFICIAL' },
    ]);
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const { members: page } = await staff.ok(`query($u: ID) { members(orgUnitId: $u, name: "nguyen van an", first: 5) { nodes { citizenId cell { name } } } }`, { u: tree.ward });
    expect(page.nodes).toEqual([{ citizenId: '042070001234', cell: { name: 'Chi bộ tổ dân phố 3' } }]);

    const again = await chibo(['import', 'members', file, '--tenant', city.id, '--commit'], env);
    expect(again.stdout).toContain('NEW 0 · UPDATE 0 · UNCHANGED 4 · ERROR 1');
  }, 60_000);

  it('with --scope it judges as that subtree\'s staff: other cells are unknown; a bad tenant or file is a one-line error', async () => {
    // Scoped to "tổ dân phố 5": its three members are there; tổ dân phố 3 is out of reach.
    const scoped = await chibo(['import', 'members', file, '--tenant', city.id, '--scope', tree.otherCell], env);
    expect(scoped.stdout).toContain('NEW 0 · UPDATE 0 · UNCHANGED 3 · ERROR 2');
    expect(scoped.stdout).toContain('dòng/row 2: Cột «Chi bộ»: không có chi bộ «Chi bộ tổ dân phố 3» trong phạm vi của bạn');
    const bad = await chibo(['import', 'members', file, '--tenant', 'nope'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^chibo: --tenant phải là mã UUID/);
    const missing = await chibo(['import', 'members', '/nonexistent.csv', '--tenant', city.id], env);
    expect(missing.stderr).toContain('no such file');
  }, 60_000);
});
