import { randomUUID } from 'node:crypto';
import { MemberRating as R, RemovalGround, Role } from '@chibo/domain';
import { HttpEventSink } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';
import { EXEMPT, REMOVE, daysAgo, registerOfficial, seedCity, today } from './fixtures';

const RATE = `mutation($i: RateMembersInput!) { rateMembers(input: $i) { year excellent good completed notCompleted ratings { rating member { id } } } }`;
const RATINGS = `query($cell: ID!, $year: Int!) { cellRatings(cellId: $cell, year: $year) { excellent good completed notCompleted ratings { rating member { fullName } } } }`;
const BADGES = `query($unit: ID, $occasion: String!, $since: String) { badgesDue(orgUnitId: $unit, occasion: $occasion, since: $since) { years anniversaryOn member { id fullName } } }`;

/** M-7 yearly rating with its 20 % cap, and M-9 party badges, through the gateway. */
describe('yearly rating (M-7) and party badges (M-9)', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;
  const year = Number(today().slice(0, 4));
  let five: string[];

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố xếp loại');
    five = [];
    for (const name of ['Hà Văn Một', 'Hà Văn Hai', 'Hà Văn Ba', 'Hà Văn Bốn', 'Hà Văn Năm']) five.push((await registerOfficial(ctx.staff, ctx.tree.cell, name)).id);
  });

  const rate = (cellId: string, ratings: [string, R][]) => ({ i: { cellId, year, decisionNumber: 'BB 12/2026', ratings: ratings.map(([memberId, rating]) => ({ memberId, rating })) } });

  it('M-7: accepts 4 GOOD and 1 EXCELLENT (exactly 20 %), and refuses a second EXCELLENT, changing nothing', async () => {
    const ok = await ctx.staff.ok(RATE, rate(ctx.tree.cell, [[five[0], R.EXCELLENT], [five[1], R.GOOD], [five[2], R.GOOD], [five[3], R.GOOD], [five[4], R.GOOD]]));
    expect(ok.rateMembers).toMatchObject({ year, excellent: 1, good: 4, completed: 0, notCompleted: 0 });

    const over = await ctx.staff.execute(RATE, rate(ctx.tree.cell, [[five[1], R.EXCELLENT]]));
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-7', excellent: 2, good: 3 });
    const after = await ctx.staff.ok(RATINGS, { cell: ctx.tree.cell, year });
    expect(after.cellRatings).toMatchObject({ excellent: 1, good: 4 });

    const corrected = await ctx.staff.ok(RATE, rate(ctx.tree.cell, [[five[0], R.GOOD], [five[1], R.EXCELLENT]]));
    expect(corrected.rateMembers).toMatchObject({ excellent: 1, good: 4 });
    const ex = corrected.rateMembers.ratings.find((r: { rating: string }) => r.rating === 'EXCELLENT');
    expect(ex.member.id).toBe(five[1]);
  });

  it('M-7: refuses exempt members and members of another cell; a batch fails as a whole', async () => {
    const exempt = await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Lê Văn Miễn');
    const a = await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Lê Văn Tốt');
    await ctx.staff.ok(EXEMPT, { i: { memberId: exempt.id, effectiveOn: daysAgo(1), reason: 'Tuổi cao' } });
    const res = await ctx.staff.execute(RATE, rate(ctx.tree.otherCell, [[a.id, R.GOOD], [exempt.id, R.COMPLETED]]));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-7', memberId: exempt.id });
    const elsewhere = await ctx.staff.execute(RATE, rate(ctx.tree.otherCell, [[five[0], R.GOOD]]));
    expect(elsewhere.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-7', memberId: five[0] });
    expect((await ctx.staff.ok(RATINGS, { cell: ctx.tree.otherCell, year })).cellRatings.ratings).toEqual([]);
  });

  it('M-7: a member disciplined this year is rated COMPLETED at most; an annulment lifts the cap', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Vũ Văn Kỷ Luật');
    const sink = new HttpEventSink('test', () => stack().services.membership.subgraph.url.replace(/\/graphql$/, '/events'), stack().options.internalSecret);
    const payload = { caseId: randomUUID(), subjectKind: 'MEMBER' as const, memberId: m.id, orgUnitId: null, form: 'WARNING', effectiveOn: today(), annulled: false };
    const envelope = (annulled: boolean) => ({ id: randomUUID(), tenantId: ctx.city.id, type: 'DisciplineDecided' as const, source: 'inspection', occurredAt: new Date().toISOString(), payload: { ...payload, annulled } });
    await sink.deliver(envelope(false));
    const good = await ctx.staff.execute(RATE, rate(ctx.tree.otherCell, [[m.id, R.GOOD]]));
    expect(good.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-7', rating: 'GOOD' });
    const completed = await ctx.staff.ok(RATE, rate(ctx.tree.otherCell, [[m.id, R.COMPLETED]]));
    expect(completed.rateMembers.completed).toBe(1);
    await sink.deliver(envelope(true));
    const regraded = await ctx.staff.ok(RATE, rate(ctx.tree.otherCell, [[m.id, R.GOOD]]));
    expect(regraded.rateMembers).toMatchObject({ good: 1, completed: 0 });
  });

  it('keeps ratings to the cell, the subtree and the tenant', async () => {
    const secretary = await ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.otherCell });
    expect((await secretary.execute(RATINGS, { cell: ctx.tree.cell, year })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await secretary.execute(RATE, rate(ctx.tree.cell, [[five[0], R.GOOD]]))).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const other = await seedCity(stack, 'Đảng bộ khác xếp loại');
    for (const [q, v] of [
      [RATINGS, { cell: ctx.tree.cell, year }],
      [RATE, rate(ctx.tree.cell, [[five[0], R.NOT_COMPLETED]])],
      [RATE, rate(other.tree.cell, [[five[0], R.NOT_COMPLETED]])],
    ] as const) {
      const res = await other.city.admin.execute(q, v);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|RULE_VIOLATION/);
    }
    expect((await ctx.staff.ok(RATINGS, { cell: ctx.tree.cell, year })).cellRatings).toMatchObject({ excellent: 1, good: 4, notCompleted: 0 });
  });

  it('M-9: lists the members of a subtree due for a party badge at an award occasion', async () => {
    const thirty = await registerOfficial(ctx.staff, ctx.tree.cell, 'Tôn Văn Ba Mươi', { admittedOn: '1997-01-10', officialOn: '1998-01-10' });
    const fortyFive = await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Âu Thị Bốn Lăm', { dateOfBirth: '1955-04-30', admittedOn: '1981-09-02', officialOn: '1982-09-02' });
    await registerOfficial(ctx.staff, ctx.tree.cell, 'Chưa Đến Hạn', { admittedOn: '1997-03-01', officialOn: '1998-03-01' });
    const gone = await registerOfficial(ctx.staff, ctx.tree.cell, 'Đã Xóa Tên', { admittedOn: '1996-12-01', officialOn: '1997-12-01' });
    await ctx.staff.ok(REMOVE, { i: { memberId: gone.id, effectiveOn: today(), ground: RemovalGround.CARD_RETURNED_OR_DESTROYED } });

    const res = await ctx.staff.ok(BADGES, { unit: ctx.tree.ward, occasion: '2027-02-03', since: '2026-02-03' });
    expect(res.badgesDue).toEqual([
      { years: 45, anniversaryOn: '2026-09-02', member: { id: fortyFive.id, fullName: 'Âu Thị Bốn Lăm' } },
      { years: 30, anniversaryOn: '2027-01-10', member: { id: thirty.id, fullName: 'Tôn Văn Ba Mươi' } },
    ]);
    const cellOnly = await ctx.staff.ok(BADGES, { unit: ctx.tree.cell, occasion: '2027-02-03', since: '2026-02-03' });
    expect(cellOnly.badgesDue.map((b: { member: { id: string } }) => b.member.id)).toEqual([thirty.id]);
    const secretary = await ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.otherCell });
    expect((await secretary.execute(BADGES, { unit: ctx.tree.cell, occasion: '2027-02-03' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const bad = await ctx.staff.execute(BADGES, { occasion: '2027-02-03', since: '2027-03-01' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
  });
});
