import { MemberStatus as S, RemovalGround, Role, TransferKind } from '@chibo/domain';
import { useStack } from '@chibo/testkit';
import { addWorkingDays } from '../src/domain/dates';
import { MEMBER, REMOVE, ROLL, daysAgo, monthsAgo, registerOfficial, seedCity, today } from './fixtures';

const TRANSFER = `mutation($i: TransferMemberInput!) { transferMember(input: $i) {
  member { id status cell { id } }
  transfer { id kind decisionDate startsOn until reportedOn startDeadline reportDeadline lateStart lateReport fromCell { id } toCell { id } }
} }`;
const ARRIVAL = `mutation($i: RecordTransferArrivalInput!) { recordTransferArrival(input: $i) { transfer { id reportedOn lateReport } } }`;
const TRANSFERS = `query($id: ID!) { member(id: $id) { transfers { id kind startsOn lateStart lateReport } history { kind effectiveOn } } }`;

/** M-8 within a tenant: a move with dates, the 60/30 working-day deadlines flagged, temporary stays. */
describe('transfers between cells of a tenant (M-8)', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố chuyển sinh hoạt');
  });

  const rollIds = async (cell: string, date: string) => (await ctx.staff.ok(ROLL, { cell, date })).cellRoll.map((e: { member: { id: string } }) => e.member.id);

  it('M-8: an official transfer moves the member from its start date, flags a late start, and tells meetings', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Ngô Văn Chuyển');
    const decisionDate = daysAgo(120);
    const res = await ctx.staff.ok(TRANSFER, { i: { memberId: m.id, toCellId: ctx.tree.otherCell, kind: TransferKind.OFFICIAL, decisionNumber: 'QĐ 301-QĐ/ĐU', decisionDate, startsOn: today() } });
    const t = res.transferMember.transfer;
    expect(res.transferMember.member).toEqual({ id: m.id, status: S.OFFICIAL, cell: { id: ctx.tree.otherCell } });
    expect(t).toMatchObject({
      kind: 'OFFICIAL',
      startDeadline: addWorkingDays(decisionDate, 60),
      reportDeadline: addWorkingDays(today(), 30),
      lateStart: true,
      lateReport: false,
      fromCell: { id: ctx.tree.cell },
      toCell: { id: ctx.tree.otherCell },
    });
    expect(await rollIds(ctx.tree.cell, daysAgo(1))).toContain(m.id);
    expect(await rollIds(ctx.tree.cell, today())).not.toContain(m.id);
    expect(await rollIds(ctx.tree.otherCell, today())).toContain(m.id);

    await stack().settle();
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT payload FROM membership.outbox WHERE tenant_id = $1 AND type = 'MemberTransferred' AND payload->>'memberId' = $2`, [ctx.city.id, m.id]);
      expect(rows.map((r) => r.payload)).toEqual([{ memberId: m.id, fromCellId: ctx.tree.cell, toCellId: ctx.tree.otherCell, kind: 'OFFICIAL', effectiveOn: today(), until: null }]);
    } finally {
      await sql.end();
    }

    const arrived = await ctx.staff.ok(ARRIVAL, { i: { transferId: t.id, reportedOn: today() } });
    expect(arrived.recordTransferArrival.transfer).toEqual({ id: t.id, reportedOn: today(), lateReport: false });
    const twice = await ctx.staff.execute(ARRIVAL, { i: { transferId: t.id, reportedOn: today() } });
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('M-8: flags a member who has not reported within 30 working days', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Đinh Văn Chậm');
    await ctx.staff.ok(TRANSFER, { i: { memberId: m.id, toCellId: ctx.tree.otherCell, kind: TransferKind.OFFICIAL, decisionDate: daysAgo(70), startsOn: daysAgo(60) } });
    const { member } = await ctx.staff.ok(TRANSFERS, { id: m.id });
    expect(member.transfers).toEqual([expect.objectContaining({ kind: 'OFFICIAL', startsOn: daysAgo(60), lateStart: false, lateReport: true })]);
    expect(member.history.map((h: { kind: string }) => h.kind)).toEqual(['REGISTERED', 'TRANSFERRED']);
  });

  it('M-8: a temporary transfer keeps the member on the home roll, marked away, and out of the host roll', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Mạc Thị Tạm');
    const startsOn = monthsAgo(1);
    const until = monthsAgo(-5);
    const res = await ctx.staff.ok(TRANSFER, { i: { memberId: m.id, toCellId: ctx.tree.otherCell, kind: TransferKind.TEMPORARY, decisionDate: startsOn, startsOn, until } });
    expect(res.transferMember.member.cell).toEqual({ id: ctx.tree.cell });
    expect(res.transferMember.transfer).toMatchObject({ kind: 'TEMPORARY', until, lateStart: false, lateReport: false, startDeadline: null });
    const home = (await ctx.staff.ok(ROLL, { cell: ctx.tree.cell, date: today() })).cellRoll;
    expect(home.find((e: { member: { id: string } }) => e.member.id === m.id)).toMatchObject({ status: S.OFFICIAL, temporarilyAway: true });
    const before = (await ctx.staff.ok(ROLL, { cell: ctx.tree.cell, date: daysAgo(40) })).cellRoll;
    expect(before.find((e: { member: { id: string } }) => e.member.id === m.id)).toMatchObject({ temporarilyAway: false });
    expect(await rollIds(ctx.tree.otherCell, today())).not.toContain(m.id);
  });

  it.each([
    ['M-8: a temporary transfer of a full year is refused', { until: monthsAgo(-11) }, false],
    ['M-8: a temporary transfer of under 3 months is refused', { until: daysAgo(-30) }, false],
    ['M-8: a temporary transfer without an end is refused', { until: null }, false],
    ['M-8: study may last up to 2 years', { until: monthsAgo(-23), forStudy: true }, true],
    ['M-8: study beyond 2 years is refused', { until: monthsAgo(-24), forStudy: true }, false],
  ])('%s', async (_name, over, ok) => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Tạ Văn Hạn');
    const res = await ctx.staff.execute(TRANSFER, { i: { memberId: m.id, toCellId: ctx.tree.otherCell, kind: TransferKind.TEMPORARY, decisionDate: monthsAgo(1), startsOn: monthsAgo(1), ...over } });
    if (ok) expect(res.errors).toBeUndefined();
    else {
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-8' });
      const { member } = await ctx.staff.ok(TRANSFERS, { id: m.id });
      expect(member.transfers).toEqual([]);
      expect(member.history).toHaveLength(1);
    }
  });

  it('M-8: refuses to move a member who is off the rolls, or into the cell they are in', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Quách Văn Xóa');
    await ctx.staff.ok(REMOVE, { i: { memberId: m.id, effectiveOn: daysAgo(3), ground: RemovalGround.NO_PROGRESS_AFTER_HELP } });
    const off = await ctx.staff.execute(TRANSFER, { i: { memberId: m.id, toCellId: ctx.tree.otherCell, kind: TransferKind.OFFICIAL, decisionDate: daysAgo(1), startsOn: today() } });
    expect(off.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-8' });
    const n = await registerOfficial(ctx.staff, ctx.tree.cell, 'Kiều Văn Ở');
    const same = await ctx.staff.execute(TRANSFER, { i: { memberId: n.id, toCellId: ctx.tree.cell, kind: TransferKind.OFFICIAL, decisionDate: daysAgo(1), startsOn: today() } });
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-8', field: 'toCellId' });
  });

  it('lets a cell secretary move no one out of their subtree, and another tenant nothing at all', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Lục Văn Giữ');
    const secretary = await ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.cell });
    const res = await secretary.execute(TRANSFER, { i: { memberId: m.id, toCellId: ctx.tree.otherCell, kind: TransferKind.OFFICIAL, decisionDate: daysAgo(1), startsOn: today() } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'toCellId' });

    const other = await seedCity(stack, 'Đảng bộ khác');
    const cross = await other.city.admin.execute(TRANSFER, { i: { memberId: m.id, toCellId: other.tree.cell, kind: TransferKind.OFFICIAL, decisionDate: daysAgo(1), startsOn: today() } });
    expect(cross.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { member } = await ctx.staff.ok(MEMBER, { id: m.id });
    expect(member.cell.id).toBe(ctx.tree.cell);
    expect(member.history).toHaveLength(1);
  });
});
