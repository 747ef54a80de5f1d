import { OrgUnitKind, type Role } from '@chibo/domain';
import { useStack, type GatewayClient } from '@chibo/testkit';
import { seedCity } from './fixtures';
import { HEADER, memberList, toCsv, toXlsx, type ListRow } from './import-fixtures';

const REPORT = `{ committed counts { new update unchanged error } ignoredColumns
  rows { line outcome partyCardNumber fullName memberId changes errors { column field code rule messageVi messageEn } notes { field messageEn } } }`;
const PREVIEW = `mutation($i: MemberImportInput!) { previewMemberImport(input: $i) ${REPORT} }`;
const COMMIT = `mutation($i: MemberImportInput!) { commitMemberImport(input: $i) ${REPORT} }`;

interface Issue {
  column: string | null;
  field: string | null;
  code: string;
  rule: string | null;
  messageVi: string;
  messageEn: string;
}
interface Row {
  line: number;
  outcome: string;
  partyCardNumber: string | null;
  fullName: string | null;
  memberId: string | null;
  changes: string[];
  errors: Issue[];
  notes: { field: string; messageEn: string }[];
}
interface Report {
  committed: boolean;
  counts: { new: number; update: number; unchanged: number; error: number };
  ignoredColumns: string[];
  rows: Row[];
}

const b64 = (b: Buffer) => b.toString('base64');

/** Member import (issue 3): preview, commit, re-import, through the gateway as committee staff do it. */
describe('member import from the committees’ files', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;
  let otherWard: string;
  let otherCell: string;
  let list: ListRow[];

  const WARD = 'Đảng bộ phường Tân Giang';
  const OTHER_WARD = 'Đảng bộ phường Bắc Hà';

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố Hà Tĩnh (nhập danh sách)');
    otherWard = await ctx.city.createOrgUnit(ctx.city.rootOrgUnitId, OrgUnitKind.COMMITTEE, OTHER_WARD);
    otherCell = await ctx.city.createOrgUnit(otherWard, OrgUnitKind.CELL, 'Chi bộ khối phố 9');
    // Same name as a cell of Tân Giang: only the committee column tells them apart.
    await ctx.city.createOrgUnit(otherWard, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 3');
    await stack().settle();
    list = memberList({
      rows: 1000,
      cardPrefix: 'HT',
      cells: [
        { name: 'Chi bộ tổ dân phố 3', committee: WARD },
        { name: 'Chi bộ tổ dân phố 5', committee: WARD },
      ],
      otherSubtreeCell: { name: 'Chi bộ khối phố 9', committee: OTHER_WARD },
    });
  }, 60_000);

  const sql = async <T = Record<string, unknown>>(query: string, params: unknown[]): Promise<T[]> => {
    const c = await stack().sql('membership', 'admin');
    try {
      return (await c.query(query, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  const memberCount = async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM membership.member WHERE tenant_id = $1', [ctx.city.id]))[0].n;
  const outboxCount = async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM membership.outbox WHERE tenant_id = $1', [ctx.city.id]))[0].n;

  const preview = async (user: GatewayClient, file: Buffer) => (await user.ok<{ previewMemberImport: Report }>(PREVIEW, { i: { fileBase64: b64(file) } })).previewMemberImport;
  const commit = async (user: GatewayClient, file: Buffer) => (await user.ok<{ commitMemberImport: Report }>(COMMIT, { i: { fileBase64: b64(file) } })).commitMemberImport;

  /** What the preview must say of each generated row, from how the row was built. */
  function expectJudged(rows: Row[], firstLine: number) {
    expect(rows).toHaveLength(list.length);
    list.forEach((built, i) => {
      const r = rows[i];
      expect(r.line).toBe(firstLine + i);
      if (!built.fault) {
        expect({ line: r.line, outcome: r.outcome, errors: r.errors }).toEqual({ line: r.line, outcome: 'NEW', errors: [] });
      } else {
        expect(r.outcome).toBe('ERROR');
        const e = r.errors.find((x) => x.field === built.fault!.field);
        expect({ line: r.line, kind: built.fault.kind, error: e }).toEqual({ line: r.line, kind: built.fault.kind, error: expect.objectContaining({ messageVi: expect.any(String), messageEn: expect.any(String) }) });
        if ('rule' in built.fault) expect(e!.rule).toBe(built.fault.rule);
        if (built.fault.kind === 'calendar') expect(e!.messageEn).toContain('not a calendar date');
        if (built.fault.kind === 'duplicate') expect(e!.code).toBe('CONFLICT');
      }
      // Non-NFC text is normalised, noted, and never the reason for an error.
      expect(r.notes.some((n) => n.field === 'fullName')).toBe(built.nfd);
      if (r.fullName) expect(r.fullName).toBe(r.fullName.normalize('NFC'));
    });
  }

  it('previews 1,000 rows: bad dates, 31/02, duplicate cards, M-1, M-2, unknown cells are errors; non-NFC names are normalised; nothing is written', async () => {
    const before = await memberCount();
    const report = await preview(ctx.staff, toCsv(list));
    const faulty = list.filter((r) => r.fault).length;
    expect(report.committed).toBe(false);
    expect(report.counts).toEqual({ new: list.length - faulty, update: 0, unchanged: 0, error: faulty });
    expect(report.ignoredColumns).toEqual(['STT', 'Ghi chú']);
    expectJudged(report.rows, 2);
    // Both rows of a duplicated card are refused, each naming the other.
    const dup = report.rows.filter((r) => r.partyCardNumber === 'HTD0');
    expect(dup.map((r) => r.errors[0].messageEn)).toEqual([expect.stringContaining('row(s) 13'), expect.stringContaining('row(s) 12')]);
    expect(report.rows[3].errors[0]).toMatchObject({ column: 'Ngày sinh', field: 'dateOfBirth', messageVi: expect.stringContaining('31/02') });
    expect(await memberCount()).toBe(before);
  }, 60_000);

  it('an XLSX of the same rows (title row, real date cells) gives the same preview as the CSV', async () => {
    const fromCsv = await preview(ctx.staff, toCsv(list));
    const fromXlsx = await preview(ctx.staff, await toXlsx(list));
    expectJudged(fromXlsx.rows, 3);
    const shape = (r: Report) => r.rows.map((x) => ({ outcome: x.outcome, card: x.partyCardNumber, name: x.fullName, errors: x.errors.map((e) => [e.field, e.code, e.rule]) }));
    expect(shape(fromXlsx)).toEqual(shape(fromCsv));
    expect(fromXlsx.counts).toEqual(fromCsv.counts);
  }, 60_000);

  it('commits only the good rows, in one go, with the same events as registering them one by one; a re-import changes nothing', async () => {
    const before = await memberCount();
    const outboxBefore = await outboxCount();
    const report = await commit(ctx.staff, toCsv(list));
    const good = list.filter((r) => !r.fault);
    expect(report.committed).toBe(true);
    expect(report.counts.new).toBe(good.length);
    expect(await memberCount()).toBe(before + good.length);

    const stored = await sql<{ party_card_number: string; full_name: string; status: string; official_on: string | null }>(
      `SELECT party_card_number, full_name, status, to_char(official_on, 'YYYY-MM-DD') AS official_on FROM membership.member WHERE tenant_id = $1`,
      [ctx.city.id],
    );
    const byCard = new Map(stored.map((s) => [s.party_card_number, s]));
    for (const r of list) {
      const s = byCard.get(r.card);
      if (r.fault) expect({ card: r.card, stored: s }).toEqual({ card: r.card, stored: undefined });
      else {
        expect(s).toMatchObject({ full_name: r.fullName.normalize('NFC'), status: r.officialOn ? 'OFFICIAL' : 'PROBATIONARY' });
      }
    }
    // Found by an accent-free search, as any member registered through the API.
    const found = await ctx.staff.ok(`query($u: ID, $n: String) { members(orgUnitId: $u, name: $n, first: 5) { totalCount } }`, { u: ctx.tree.ward, n: good[0].fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd') });
    expect(found.members.totalCount).toBeGreaterThan(0);

    const added = (await outboxCount()) - outboxBefore;
    const officials = good.filter((r) => r.officialOn).length;
    expect(added).toBe(good.length + officials);

    const outboxAfterCommit = await outboxCount();
    const again = await commit(ctx.staff, toCsv(list));
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: good.length, error: list.length - good.length });
    expect(await memberCount()).toBe(before + good.length);
    expect(await outboxCount()).toBe(outboxAfterCommit);
  }, 120_000);

  it('a changed name is an UPDATE of that member only; a probationary member the file shows official is recognised (M-2)', async () => {
    // Admitted long enough ago that a year of probation is over.
    const target = list.find((r) => !r.fault && r.officialOn === '' && !r.nfd && Number(r.admittedOn.slice(-4)) < 2020)!;
    const renamed = list.find((r) => !r.fault && r.officialOn !== '' && r !== target)!;
    const [y, m, d] = target.admittedOn.split('/').reverse().map(Number);
    const officialOn = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y + 1}`;
    const edited = [
      { ...renamed, fullName: `${renamed.fullName} Anh` },
      { ...target, officialOn },
    ];
    const outboxBefore = await outboxCount();
    const report = await commit(ctx.staff, toCsv(edited));
    expect(report.counts).toEqual({ new: 0, update: 2, unchanged: 0, error: 0 });
    expect(report.rows.map((r) => r.changes)).toEqual([['fullName'], ['officialOn']]);
    const { member } = await ctx.staff.ok(`query($id: ID!) { member(id: $id) { status officialOn history { kind effectiveOn } } }`, { id: report.rows[1].memberId });
    expect(member).toMatchObject({ status: 'OFFICIAL', officialOn: `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` });
    expect(member.history.map((h: { kind: string }) => h.kind)).toEqual(['REGISTERED', 'RECOGNISED']);
    // The rename is no lifecycle event but is told as a record change (ids only); the recognition as a status change.
    expect((await outboxCount()) - outboxBefore).toBe(2);
  }, 60_000);

  it('a row moving a member to another cell, or changing their admission date, is refused: those are transfers and history (M-8, M-10)', async () => {
    const good = list.filter((r) => !r.fault);
    const moved = { ...good[0], cell: good[0].cell === 'Chi bộ tổ dân phố 3' ? 'Chi bộ tổ dân phố 5' : 'Chi bộ tổ dân phố 3' };
    const redated = { ...good[2], admittedOn: good[2].admittedOn.replace(/^\d\d\/\d\d/, '01/01') };
    expect(redated.admittedOn).not.toBe(good[2].admittedOn);
    const report = await preview(ctx.staff, toCsv([moved, redated]));
    expect(report.rows.map((r) => [r.outcome, r.errors[0]?.rule])).toEqual([
      ['ERROR', 'M-8'],
      ['ERROR', 'M-10'],
    ]);
  });

  it('an Excel number cell that lost the CCCD\'s leading 0 gets it back, noted; the citizen id is stored encrypted and shown to staff', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số thẻ đảng viên', 'Ngày vào Đảng', 'Chi bộ', 'Số CCCD']);
    ws.addRow(['Đinh Thị Cúc', new Date(Date.UTC(1981, 6, 14)), 'Nữ', 93001234, new Date(Date.UTC(2004, 4, 19)), 'Chi bộ tổ dân phố 5', 42181001234]);
    const report = await commit(ctx.staff, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(report.rows[0]).toMatchObject({ outcome: 'NEW', partyCardNumber: '93001234', notes: [expect.objectContaining({ field: 'citizenId' })] });
    const { member } = await ctx.staff.ok(`query($id: ID!) { member(id: $id) { citizenId dateOfBirth admittedOn status } }`, { id: report.rows[0].memberId });
    expect(member).toEqual({ citizenId: '042181001234', dateOfBirth: '1981-07-14', admittedOn: '2004-05-19', status: 'PROBATIONARY' });
    const [stored] = await sql<{ c: string }>('SELECT citizen_id_cipher AS c FROM membership.member WHERE tenant_id = $1 AND id = $2', [ctx.city.id, report.rows[0].memberId]);
    expect(stored.c).not.toContain('042181001234');
  });

  it('the same new rows committed twice at once are written once: the other commit finds them or fails whole (CONFLICT)', async () => {
    const fresh = memberList({ rows: 150, cardPrefix: 'CC', cells: [{ name: 'Chi bộ tổ dân phố 5', committee: WARD }], otherSubtreeCell: { name: '', committee: '' } }).filter((r) => !r.fault);
    const before = await memberCount();
    const file = b64(toCsv(fresh));
    const answers = await Promise.all([ctx.staff.execute(COMMIT, { i: { fileBase64: file } }), ctx.staff.execute(COMMIT, { i: { fileBase64: file } })]);
    const outcomes = answers.map((a) => (a.errors ? a.errors[0].extensions?.code : JSON.stringify(a.data.commitMemberImport.counts)));
    expect(outcomes).toContain(JSON.stringify({ new: fresh.length, update: 0, unchanged: 0, error: 0 }));
    for (const o of outcomes) expect([JSON.stringify({ new: fresh.length, update: 0, unchanged: 0, error: 0 }), JSON.stringify({ new: 0, update: 0, unchanged: fresh.length, error: 0 }), 'CONFLICT']).toContain(o);
    expect(await memberCount()).toBe(before + fresh.length);
  });

  it('a cell secretary cannot import, not even preview', async () => {
    const secretary = await ctx.city.user({ role: 'cell_secretary' as Role, scope: ctx.tree.cell });
    const before = await memberCount();
    for (const op of [PREVIEW, COMMIT]) {
      const res = await secretary.execute(op, { i: { fileBase64: b64(toCsv(list.slice(0, 5))) } });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', messageVi: expect.any(String), messageEn: expect.any(String) });
    }
    expect(await memberCount()).toBe(before);
  });

  it('committee staff cannot put rows into another subtree, nor take over a card registered there', async () => {
    const cityAdmin = ctx.city.admin;
    // A member of Bắc Hà, registered by the city.
    const theirs = memberList({ rows: 1, cardPrefix: 'BH', cells: [{ name: 'Chi bộ khối phố 9', committee: OTHER_WARD }], otherSubtreeCell: { name: '', committee: '' } });
    expect((await commit(cityAdmin, toCsv(theirs))).counts.new).toBe(1);
    const before = await memberCount();
    const attempt = [
      // Into their cell, by name with the committee, and by the cell's id.
      { ...list[40], card: 'X-1', cell: 'Chi bộ khối phố 9', committee: OTHER_WARD },
      { ...list[41], card: 'X-2', cell: otherCell, committee: '' },
      // Their member's card, placed in our cell.
      { ...theirs[0], cell: 'Chi bộ tổ dân phố 5', committee: WARD },
    ];
    const report = await commit(ctx.staff, toCsv(attempt));
    expect(report.counts).toEqual({ new: 0, update: 0, unchanged: 0, error: 3 });
    expect(report.rows.map((r) => r.errors[0].field)).toEqual(['cell', 'cell', 'partyCardNumber']);
    expect(report.rows[2].memberId).toBeNull();
    expect(await memberCount()).toBe(before);
    // The city sees two cells named "Chi bộ tổ dân phố 3": without the committee column it cannot guess.
    const ambiguous = await preview(cityAdmin, toCsv([{ ...list[42], card: 'X-3', committee: '' }]));
    expect(ambiguous.rows[0].errors[0]).toMatchObject({ field: 'cell', messageEn: expect.stringContaining('2 cells') });
  }, 60_000);

  it('refuses a file without the required columns, naming them, and a body over 1 MiB pointing to the CLI', async () => {
    const header = HEADER.filter((h) => h !== 'Số thẻ đảng viên' && h !== 'Ngày sinh');
    const res = await ctx.staff.execute(PREVIEW, { i: { fileBase64: b64(toCsv([], header)) } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', missing: ['dateOfBirth', 'partyCardNumber'] });
    expect(res.errors?.[0].extensions?.messageVi).toContain('«Số thẻ đảng viên»');

    const big = await ctx.staff.post(JSON.stringify({ query: PREVIEW, variables: { i: { fileBase64: 'A'.repeat(1_200_000) } } }));
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'bodyBytes', messageEn: expect.stringContaining('chibo import members') });
  });
});
