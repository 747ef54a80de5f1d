import { MemberStatus as S, PositionKind, RemovalGround, TransferKind } from '@chibo/domain';
import { useStack } from '@chibo/testkit';
import { ADMIT, DEATH, EXEMPT, MEMBER, MEMBERS, RECOGNISE, REGISTER, REMOVE, ROLL, admitInput, daysAgo, monthsAgo, registerOfficial, seedCity, today } from './fixtures';

const END_EXEMPTION = 'mutation($i: MemberLifecycleInput!) { endMemberExemption(input: $i) { member { id status } } }';
const TRANSFER = 'mutation($i: TransferMemberInput!) { transferMember(input: $i) { member { id } } }';
const ASSIGN = 'mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }';
const FUTURE = '2999-01-01';

/** M-4's end of exemption, future dates refused naming their rule, and M-8 temporary stays. */
describe('lifecycle dates and the end of an exemption', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố ngày tháng');
  });

  const rollStatus = async (cell: string, date: string, id: string) =>
    ((await ctx.staff.ok(ROLL, { cell, date })).cellRoll as { status: string; member: { id: string } }[]).find((e) => e.member.id === id)?.status;

  it('M-4: an exemption ends on a date, by a decision, and the member is back to the status held before', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Phan Văn Miễn');
    await ctx.staff.ok(EXEMPT, { i: { memberId: m.id, effectiveOn: daysAgo(30), reason: 'Ốm dài ngày', decisionNumber: 'NQ 12' } });
    const ended = await ctx.staff.ok(END_EXEMPTION, { i: { memberId: m.id, effectiveOn: daysAgo(5), decisionNumber: 'NQ 20', decisionDate: daysAgo(6) } });
    expect(ended.endMemberExemption.member).toEqual({ id: m.id, status: S.OFFICIAL });
    const { member } = await ctx.staff.ok(MEMBER, { id: m.id });
    expect(member.history.map((h: { kind: string; effectiveOn: string; decisionNumber: string | null }) => [h.kind, h.effectiveOn, h.decisionNumber])).toEqual([
      ['REGISTERED', '2000-02-03', null],
      ['EXEMPTED', daysAgo(30), 'NQ 12'],
      ['EXEMPTION_ENDED', daysAgo(5), 'NQ 20'],
    ]);
    expect(await rollStatus(ctx.tree.cell, daysAgo(10), m.id)).toBe(S.EXEMPT);
    expect(await rollStatus(ctx.tree.cell, today(), m.id)).toBe(S.OFFICIAL);

    const again = await ctx.staff.execute(END_EXEMPTION, { i: { memberId: m.id, effectiveOn: today() } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-4' });

    await stack().settle();
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT payload FROM membership.outbox WHERE tenant_id = $1 AND type = 'MemberStatusChanged' AND payload->>'memberId' = $2 ORDER BY seq`, [ctx.city.id, m.id]);
      expect(rows.map((r) => [r.payload.status, r.payload.effectiveOn])).toEqual([
        ['OFFICIAL', '2001-02-03'],
        ['EXEMPT', daysAgo(30)],
        ['OFFICIAL', daysAgo(5)],
      ]);
    } finally {
      await sql.end();
    }
  });

  it('M-4: an exemption cannot end before it began', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Lâm Văn Sớm');
    await ctx.staff.ok(EXEMPT, { i: { memberId: m.id, effectiveOn: daysAgo(10), reason: 'Tuổi cao' } });
    const res = await ctx.staff.execute(END_EXEMPTION, { i: { memberId: m.id, effectiveOn: daysAgo(20) } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-10' });
    expect((await ctx.staff.ok(MEMBER, { id: m.id })).member.status).toBe(S.EXEMPT);
  });

  describe('a lifecycle date in the future is refused with the rule it breaks, and nothing changes', () => {
    let official: { id: string };
    let probationary: { id: string };
    let exempt: { id: string };
    beforeAll(async () => {
      official = await registerOfficial(ctx.staff, ctx.tree.cell, 'Tương Lai Chính Thức');
      probationary = (await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.cell, official.id, { fullName: 'Tương Lai Dự Bị', admittedOn: monthsAgo(13), consideredOn: monthsAgo(13) }) })).admitMember.member;
      exempt = await registerOfficial(ctx.staff, ctx.tree.cell, 'Tương Lai Miễn');
      await ctx.staff.ok(EXEMPT, { i: { memberId: exempt.id, effectiveOn: daysAgo(3), reason: 'Ốm' } });
    });

    it.each([
      ['M-1', 'admission', () => [ADMIT, { i: admitInput(ctx.tree.cell, official.id, { fullName: 'Chưa Kết Nạp', admittedOn: FUTURE, consideredOn: daysAgo(1) }) }]],
      ['M-1', 'registration', () => [REGISTER, { i: { cellId: ctx.tree.cell, fullName: 'Chưa Có', dateOfBirth: '1980-01-01', gender: 'MALE', status: 'PROBATIONARY', admittedOn: FUTURE } }]],
      ['M-2', 'recognition', () => [RECOGNISE, { i: { memberId: probationary.id, effectiveOn: FUTURE } }]],
      ['M-4', 'exemption', () => [EXEMPT, { i: { memberId: official.id, effectiveOn: FUTURE, reason: 'x' } }]],
      ['M-4', 'end of exemption', () => [END_EXEMPTION, { i: { memberId: exempt.id, effectiveOn: FUTURE } }]],
      ['M-6', 'removal', () => [REMOVE, { i: { memberId: official.id, effectiveOn: FUTURE, ground: RemovalGround.NO_PROGRESS_AFTER_HELP } }]],
      ['M-10', 'death', () => [DEATH, { i: { memberId: official.id, effectiveOn: FUTURE } }]],
      ['M-8', 'transfer', () => [TRANSFER, { i: { memberId: official.id, toCellId: ctx.tree.otherCell, kind: TransferKind.OFFICIAL, decisionDate: today(), startsOn: FUTURE } }]],
      ['M-3', 'post', () => [ASSIGN, { i: { memberId: official.id, kind: PositionKind.CELL_COMMITTEE_MEMBER, startsOn: FUTURE } }]],
    ] as [string, string, () => [string, Record<string, unknown>]][])('%s: %s', async (rule, _what, op) => {
      const [query, vars] = op();
      const res = await ctx.staff.execute(query, vars);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
      for (const id of [official.id, probationary.id, exempt.id]) {
        const { member } = await ctx.staff.ok(`query($id: ID!) { member(id: $id) { status cell { id } history { kind } positions { kind } } }`, { id });
        expect(member.positions).toEqual([]);
        expect(member.cell.id).toBe(ctx.tree.cell);
        expect(member.history.at(-1).kind).toBe(id === exempt.id ? 'EXEMPTED' : id === probationary.id ? 'ADMITTED' : 'REGISTERED');
      }
      expect((await ctx.staff.ok(MEMBERS, { unit: ctx.tree.cell, name: 'Chưa', first: 5 })).members.totalCount).toBe(0);
    });
  });

  it('M-8: a member on a temporary transfer stays in the home cell’s counts and lists, and out of the host’s', async () => {
    const host = await ctx.city.createOrgUnit(ctx.tree.ward, 'CELL' as never, 'Chi bộ nơi đến tạm thời');
    await stack().settle();
    const m = await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Khổng Văn Tạm');
    await ctx.staff.ok(TRANSFER, { i: { memberId: m.id, toCellId: host, kind: TransferKind.TEMPORARY, decisionDate: monthsAgo(1), startsOn: monthsAgo(1), until: monthsAgo(-4) } });
    const count = async (unit: string) => (await ctx.staff.ok(MEMBERS, { unit, first: 100 })).members.nodes.map((n: { id: string }) => n.id);
    expect(await count(host)).toEqual([]);
    expect(await count(ctx.tree.otherCell)).toContain(m.id);
    expect(await rollStatus(host, today(), m.id)).toBeUndefined();
    expect(await rollStatus(ctx.tree.otherCell, today(), m.id)).toBe(S.OFFICIAL);
    // T-3 counts the host's own members only: still no official member there.
    const warnings = await ctx.staff.ok('query($id: ID!) { orgUnit(id: $id) { warnings { code } } }', { id: host });
    expect(warnings.orgUnit.warnings.map((w: { code: string }) => w.code)).toContain('FEW_OFFICIAL_MEMBERS');
  });
});
