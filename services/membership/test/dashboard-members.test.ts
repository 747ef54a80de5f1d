import { MemberStatus as S, OrgUnitKind, Role, monthPeriod } from '@chibo/domain';
import { useStack, type GatewayClient } from '@chibo/testkit';
import { ADMIT, EXEMPT, RECOGNISE, admitInput, daysAgo, integrator, monthsAgo, registerOfficial, seedCity, today, unit } from './fixtures';

const FIGURES = 'officialMembers probationaryMembers exemptMembers regulation213Members membersAdmittedThisYear membersAdmittedInPeriod';
const DASHBOARD = `query($id: ID!, $period: String) { dashboard(orgUnitId: $id, period: $period) { ${FIGURES} } }`;
const LIST = `query($id: ID!, $period: String, $category: DashboardMemberCategory!) {
  dashboard(orgUnitId: $id, period: $period) { members(category: $category) { id fullName status citizenId } }
}`;
const SET_213 = 'mutation($i: SetResidenceLiaisonInput!) { setResidenceLiaison(input: $i) { member { id } } }';
const CATEGORIES = ['OFFICIAL', 'PROBATIONARY', 'EXEMPT', 'REGULATION_213', 'ADMITTED_THIS_YEAR', 'ADMITTED_IN_PERIOD'] as const;
const FIGURE_OF = {
  OFFICIAL: 'officialMembers',
  PROBATIONARY: 'probationaryMembers',
  EXEMPT: 'exemptMembers',
  REGULATION_213: 'regulation213Members',
  ADMITTED_THIS_YEAR: 'membersAdmittedThisYear',
  ADMITTED_IN_PERIOD: 'membersAdmittedInPeriod',
} as const;

type Figures = Record<(typeof FIGURE_OF)[keyof typeof FIGURE_OF], number | null>;

/**
 * Members on the dashboard (issue #6): by status as of the period's end (or today), under
 * Regulation 213 with the subtree's residence cells, admitted in the year and in the period —
 * rolled up the tree, each count with the members behind it, for those who may see them.
 */
describe('member figures on the dashboard', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;
  let admin: GatewayClient;
  const m: Record<string, string> = {};
  /** The year the long-admitted probationary member joined, and was still probationary at its end. */
  let joinYear: string;

  const figures = async (user: GatewayClient, id: string, period?: string): Promise<Figures> => (await user.ok(DASHBOARD, { id, period })).dashboard;
  const names = async (user: GatewayClient, id: string, category: string, period?: string): Promise<string[] | null> => {
    const list = (await user.ok(LIST, { id, period, category })).dashboard.members as { fullName: string }[] | null;
    return list && list.map((x) => x.fullName);
  };

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố bảng theo dõi đảng viên');
    admin = ctx.city.admin;
    m.an = (await registerOfficial(ctx.staff, ctx.tree.cell, 'Bùi Văn An')).id;
    m.binh = (await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Cao Thị Bình')).id;
    m.cuong = (await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Đặng Văn Cường')).id;
    // Admitted today: probationary, admitted this year and this month.
    m.dung = (await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.cell, m.an, { fullName: 'Đỗ Văn Dũng', consideredOn: daysAgo(7), admittedOn: today(), citizenId: '042195007777' }) })).admitMember.member.id;
    // Admitted 14 months ago and recognised yesterday: probationary at the end of the year they joined.
    const admittedOn = monthsAgo(14);
    joinYear = admittedOn.slice(0, 4);
    m.em = (await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.cell, m.an, { fullName: 'Hồ Thị Em', consideredOn: monthsAgo(15), admittedOn, citizenId: null }) })).admitMember.member.id;
    await ctx.staff.ok(RECOGNISE, { i: { memberId: m.em, effectiveOn: daysAgo(1), decisionNumber: 'NQ 7-NQ/CB' } });
    // Exempt from activity since a week ago (M-4).
    await ctx.staff.ok(EXEMPT, { i: { memberId: m.cuong, effectiveOn: daysAgo(7), decisionNumber: 'NQ 9-NQ/CB', reason: 'Tuổi cao, sức khỏe yếu' } });
    // Works in the other cell, lives in the first: registered there under Regulation 213 (M-5).
    await ctx.staff.ok(SET_213, { i: { memberId: m.binh, category: 'YEARLY_FEEDBACK', residenceOrgUnitId: ctx.tree.cell, introducedOn: daysAgo(30) } });
  });

  it('counts the members of a cell by their status today, in the current period', async () => {
    expect(await figures(ctx.staff, ctx.tree.cell)).toEqual({
      officialMembers: 2, // An, Em (recognised yesterday)
      probationaryMembers: 1, // Dũng
      exemptMembers: 0,
      regulation213Members: 1, // Bình lives here
      membersAdmittedThisYear: joinYear === today().slice(0, 4) ? 2 : 1,
      membersAdmittedInPeriod: 1,
    });
    expect(await figures(ctx.staff, ctx.tree.otherCell)).toEqual({
      officialMembers: 1,
      probationaryMembers: 0,
      exemptMembers: 1,
      regulation213Members: 0,
      membersAdmittedThisYear: 0,
      membersAdmittedInPeriod: 0,
    });
  });

  it('rolls up: the ward and the city are the sum of their cells', async () => {
    const [a, b] = [await figures(ctx.staff, ctx.tree.cell), await figures(ctx.staff, ctx.tree.otherCell)];
    const sum = Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Figures]! + b[k as keyof Figures]!]));
    expect(await figures(ctx.staff, ctx.tree.ward)).toEqual(sum);
    expect(await figures(admin, ctx.city.rootOrgUnitId)).toEqual(sum);
  });

  it('M-10: a past period counts the members as they stood on its last day', async () => {
    const past = await figures(ctx.staff, ctx.tree.cell, joinYear);
    // On 31 December of that year: An official, Em probationary, Dũng not yet admitted; Bình not yet registered here.
    expect(past).toMatchObject({ officialMembers: 1, probationaryMembers: 1, exemptMembers: 0, regulation213Members: 0, membersAdmittedThisYear: 1, membersAdmittedInPeriod: 1 });
    expect(await names(ctx.staff, ctx.tree.cell, 'PROBATIONARY', joinYear)).toEqual(['Hồ Thị Em']);
    expect(await names(ctx.staff, ctx.tree.cell, 'OFFICIAL', joinYear)).toEqual(['Bùi Văn An']);
    // A quarter before the exemption: Cường was still an official member of the other cell.
    const quarterAgo = monthsAgo(4);
    const q = `${quarterAgo.slice(0, 4)}-Q${Math.floor((Number(quarterAgo.slice(5, 7)) - 1) / 3) + 1}`;
    expect(await figures(ctx.staff, ctx.tree.otherCell, q)).toMatchObject({ officialMembers: 2, exemptMembers: 0 });
  });

  it('drills into every count: exactly the members behind it, in Vietnamese name order', async () => {
    for (const unit of [ctx.tree.cell, ctx.tree.otherCell, ctx.tree.ward]) {
      const f = await figures(ctx.staff, unit);
      for (const category of CATEGORIES) {
        const list = await names(ctx.staff, unit, category);
        expect(list).toHaveLength(f[FIGURE_OF[category]]!);
      }
    }
    expect(await names(ctx.staff, ctx.tree.ward, 'OFFICIAL')).toEqual(['Bùi Văn An', 'Cao Thị Bình', 'Hồ Thị Em']);
    expect(await names(ctx.staff, ctx.tree.ward, 'EXEMPT')).toEqual(['Đặng Văn Cường']);
    expect(await names(ctx.staff, ctx.tree.cell, 'REGULATION_213')).toEqual(['Cao Thị Bình']);
    expect(await names(ctx.staff, ctx.tree.cell, 'ADMITTED_IN_PERIOD', monthPeriod(new Date()))).toEqual(['Đỗ Văn Dũng']);
  });

  it("keeps the service's rules: a member sees the counts of their cell but no list; a secretary the list, citizen ids masked; a key without membership:read nothing", async () => {
    const member = await ctx.city.user({ role: Role.MEMBER, scope: ctx.tree.cell, memberId: m.an });
    expect((await figures(member, ctx.tree.cell)).officialMembers).toBe(2);
    expect(await names(member, ctx.tree.cell, 'OFFICIAL')).toBeNull();

    const secretary = await ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.cell });
    const list = (await secretary.ok(LIST, { id: ctx.tree.cell, category: 'PROBATIONARY' })).dashboard.members;
    expect(list).toEqual([{ id: m.dung, fullName: 'Đỗ Văn Dũng', status: S.PROBATIONARY, citizenId: '0421******77' }]);
    const staffList = (await ctx.staff.ok(LIST, { id: ctx.tree.cell, category: 'PROBATIONARY' })).dashboard.members;
    expect(staffList[0].citizenId).toBe('042195007777');

    const blind = await integrator(stack(), ctx.city.id, ['meetings:read']);
    expect(await figures(blind, ctx.tree.ward)).toEqual({
      officialMembers: null,
      probationaryMembers: null,
      exemptMembers: null,
      regulation213Members: null,
      membersAdmittedThisYear: null,
      membersAdmittedInPeriod: null,
    });
    const reader = await integrator(stack(), ctx.city.id, ['meetings:read', 'membership:read']);
    expect((await figures(reader, ctx.tree.ward)).officialMembers).toBe(3);
  });

  it('several dashboards in one request each get their own figures', async () => {
    const q = `query($a: ID!, $b: ID!, $past: String) {
      a: dashboard(orgUnitId: $a) { officialMembers exemptMembers }
      b: dashboard(orgUnitId: $b) { officialMembers exemptMembers }
      pastA: dashboard(orgUnitId: $a, period: $past) { officialMembers probationaryMembers }
    }`;
    const res = await ctx.staff.ok(q, { a: ctx.tree.cell, b: ctx.tree.otherCell, past: joinYear });
    expect(res).toEqual({
      a: { officialMembers: 2, exemptMembers: 0 },
      b: { officialMembers: 1, exemptMembers: 1 },
      pastA: { officialMembers: 1, probationaryMembers: 1 },
    });
  });

  it('refuses a period that is none, with a typed error', async () => {
    const res = await ctx.staff.execute(DASHBOARD, { id: ctx.tree.cell, period: '2026-Q5' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

/** T-2: a past period counts members in the units that formed the subtree on its last day. */
describe('member figures follow the tree as it was', () => {
  const stack = useStack();

  it('a cell moved to another ward this month counts under its old ward for last year, under the new one now', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố cây tổ chức thay đổi');
    const admin = city.admin;
    const wardA = await unit(admin, city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Bắc Hà', '2020-01-01');
    const wardB = await unit(admin, city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Nam Hà', '2020-01-01');
    const cell = await unit(admin, wardA, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 7', '2020-01-01');
    await stack().settle();
    await registerOfficial(admin, cell, 'Lê Văn Long');
    await admin.ok('mutation($i: MoveOrgUnitInput!) { moveOrgUnit(input: $i) { orgUnit { id } } }', { i: { id: cell, newParentId: wardB, effectiveOn: today() } });
    const lastYear = String(Number(today().slice(0, 4)) - 1);
    const official = async (id: string, period?: string) => (await admin.ok(DASHBOARD, { id, period })).dashboard.officialMembers;
    expect([await official(wardA, lastYear), await official(wardB, lastYear)]).toEqual([1, 0]);
    expect([await official(wardA), await official(wardB)]).toEqual([0, 1]);
    const listed = (await admin.ok(LIST, { id: wardA, period: lastYear, category: 'OFFICIAL' })).dashboard.members;
    expect(listed.map((x: { fullName: string }) => x.fullName)).toEqual(['Lê Văn Long']);
  });
});
