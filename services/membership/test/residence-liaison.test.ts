import { RemovalGround, Role } from '@chibo/domain';
import { useStack, type GatewayClient } from '@chibo/testkit';
import { REMOVE, registerOfficial, seedCity, today } from './fixtures';

const SET = `mutation($i: SetResidenceLiaisonInput!) { setResidenceLiaison(input: $i) {
  member { id } liaison { category placeKind residenceTenantId residenceName introducedOn residenceOrgUnit { id } }
} }`;
const FEEDBACK = 'mutation($i: RecordResidenceFeedbackInput!) { recordResidenceFeedback(input: $i) { feedback { year receivedOn comment } } }';
const DUE = 'query($year: Int!, $unit: ID) { residenceFeedbackOutstanding(year: $year, orgUnitId: $unit) { member { id fullName } liaison { category placeKind } } }';
const MEMBER_213 = 'query($id: ID!) { member(id: $id) { residenceLiaison { category placeKind residenceName } residenceFeedback { year comment } } }';

/** M-5 (Regulation 213): categories, the residence organisation, and the yearly feedback forms. */
describe('residence liaison under Regulation 213 (M-5)', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;
  let elsewhere: string;
  const m: Record<string, string> = {};

  const due = async (user: GatewayClient, year: number, unit: string | null) =>
    ((await user.ok(DUE, { year, unit })).residenceFeedbackOutstanding as { member: { fullName: string } }[]).map((d) => d.member.fullName);

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố nơi cư trú');
    elsewhere = (await stack().createTenant('Đảng bộ thành phố Vinh')).id;
    for (const [key, cell, name] of [
      ['inTenant', ctx.tree.cell, 'Bùi Văn An'],
      ['otherTenant', ctx.tree.cell, 'Cao Thị Bình'],
      ['outside', ctx.tree.otherCell, 'Đặng Văn Cường'],
      ['soldier', ctx.tree.cell, 'Đỗ Văn Dũng'],
      ['exempt', ctx.tree.cell, 'Hồ Thị Em'],
      ['late', ctx.tree.cell, 'Võ Văn Giang'],
    ] as const) {
      m[key] = (await registerOfficial(ctx.staff, cell, name)).id;
    }
  });

  it('M-5: records the residence in this tenant, another tenant, or outside, by category', async () => {
    const inTenant = await ctx.staff.ok(SET, { i: { memberId: m.inTenant, category: 'YEARLY_FEEDBACK', residenceOrgUnitId: ctx.tree.otherCell, introducedOn: '2025-03-01' } });
    expect(inTenant.setResidenceLiaison.liaison).toEqual({
      category: 'YEARLY_FEEDBACK',
      placeKind: 'IN_TENANT',
      residenceTenantId: null,
      residenceName: null,
      introducedOn: '2025-03-01',
      residenceOrgUnit: { id: ctx.tree.otherCell },
    });
    const other = await ctx.staff.ok(SET, {
      i: { memberId: m.otherTenant, category: 'YEARLY_FEEDBACK', residenceTenantId: elsewhere, residenceName: 'Chi bộ khối 5, phường Trường Thi', introducedOn: '2025-01-10' },
    });
    expect(other.setResidenceLiaison.liaison).toMatchObject({ placeKind: 'OTHER_TENANT', residenceTenantId: elsewhere, residenceName: 'Chi bộ khối 5, phường Trường Thi', residenceOrgUnit: null });
    const outside = await ctx.staff.ok(SET, { i: { memberId: m.outside, category: 'YEARLY_FEEDBACK', residenceName: 'Chi bộ thôn 2, xã Thạch Hạ', introducedOn: '2024-05-01' } });
    expect(outside.setResidenceLiaison.liaison).toMatchObject({ placeKind: 'OUTSIDE', residenceName: 'Chi bộ thôn 2, xã Thạch Hạ' });
    await ctx.staff.ok(SET, { i: { memberId: m.soldier, category: 'INTRODUCED_EXEMPT', residenceName: 'Chi bộ tổ dân phố 1, phường Bắc Hà', introducedOn: '2024-05-01' } });
    await ctx.staff.ok(SET, { i: { memberId: m.exempt, category: 'EXEMPT_FROM_INTRODUCTION', introducedOn: '2024-05-01' } });
    await ctx.staff.ok(SET, { i: { memberId: m.late, category: 'YEARLY_FEEDBACK', residenceName: 'Chi bộ thôn 4', introducedOn: '2026-02-01' } });
    const read = await ctx.staff.ok(MEMBER_213, { id: m.exempt });
    expect(read.member).toEqual({ residenceLiaison: { category: 'EXEMPT_FROM_INTRODUCTION', placeKind: 'OUTSIDE', residenceName: null }, residenceFeedback: [] });
  });

  it('M-5: lists the feedback forms outstanding for a year, by subtree; only category (c) owes one', async () => {
    expect(await due(ctx.staff, 2025, ctx.tree.ward)).toEqual(['Bùi Văn An', 'Cao Thị Bình', 'Đặng Văn Cường']);
    expect(await due(ctx.staff, 2025, ctx.tree.cell)).toEqual(['Bùi Văn An', 'Cao Thị Bình']);
    expect(await due(ctx.staff, 2026, ctx.tree.ward)).toEqual(['Bùi Văn An', 'Cao Thị Bình', 'Đặng Văn Cường', 'Võ Văn Giang']);
    expect(await due(ctx.city.admin, 2025, null)).toEqual(['Bùi Văn An', 'Cao Thị Bình', 'Đặng Văn Cường']);
  });

  it('M-5: the member list filters by category', async () => {
    const q = 'query($unit: ID, $c: [ResidenceCategory!]) { members(orgUnitId: $unit, residenceCategories: $c, first: 20) { totalCount nodes { fullName } } }';
    const names = async (c: string[]) => (await ctx.staff.ok(q, { unit: ctx.tree.ward, c })).members.nodes.map((n: { fullName: string }) => n.fullName);
    expect(await names(['INTRODUCED_EXEMPT', 'EXEMPT_FROM_INTRODUCTION'])).toEqual(['Đỗ Văn Dũng', 'Hồ Thị Em']);
    expect(await names(['YEARLY_FEEDBACK'])).toEqual(['Bùi Văn An', 'Cao Thị Bình', 'Đặng Văn Cường', 'Võ Văn Giang']);
    expect((await ctx.staff.ok(q, { unit: ctx.tree.ward, c: null })).members.totalCount).toBe(6);
  });

  it('M-5: the residence cell of this tenant or the member’s own committee records the year’s feedback, once', async () => {
    // The residence cell's secretary writes it, though the member belongs to another cell.
    const residenceSecretary = await ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.otherCell });
    const fb = await residenceSecretary.ok(FEEDBACK, { i: { memberId: m.inTenant, year: 2025, receivedOn: '2025-12-20', comment: 'Gương mẫu thực hiện nghĩa vụ công dân nơi cư trú' } });
    expect(fb.recordResidenceFeedback.feedback).toEqual({ year: 2025, receivedOn: '2025-12-20', comment: 'Gương mẫu thực hiện nghĩa vụ công dân nơi cư trú' });
    await ctx.staff.ok(FEEDBACK, { i: { memberId: m.otherTenant, year: 2025, receivedOn: '2026-01-05', comment: 'Tốt' } });
    expect(await due(ctx.staff, 2025, ctx.tree.ward)).toEqual(['Đặng Văn Cường']);

    const twice = await ctx.staff.execute(FEEDBACK, { i: { memberId: m.inTenant, year: 2025, receivedOn: '2025-12-21', comment: 'Lần hai' } });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'M-5' });
    const soldier = await ctx.staff.execute(FEEDBACK, { i: { memberId: m.soldier, year: 2025, receivedOn: '2025-12-21', comment: 'x' } });
    expect(soldier.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-5' });
    const early = await ctx.staff.execute(FEEDBACK, { i: { memberId: m.outside, year: 2025, receivedOn: '2024-12-31', comment: 'x' } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedOn' });
    // A secretary of a cell that is neither the member's nor their residence finds no one.
    const stranger = await ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.cell });
    const denied = await stranger.execute(FEEDBACK, { i: { memberId: m.outside, year: 2025, receivedOn: '2025-12-21', comment: 'x' } });
    expect(denied.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await due(ctx.staff, 2025, ctx.tree.ward)).toEqual(['Đặng Văn Cường']);
    expect((await ctx.staff.ok(MEMBER_213, { id: m.inTenant })).member.residenceFeedback).toEqual([{ year: 2025, comment: 'Gương mẫu thực hiện nghĩa vụ công dân nơi cư trú' }]);
  });

  it('M-5: a member who left the rolls owes nothing', async () => {
    await ctx.staff.ok(REMOVE, { i: { memberId: m.outside, effectiveOn: today(), ground: RemovalGround.CARD_RETURNED_OR_DESTROYED } });
    expect(await due(ctx.staff, 2025, ctx.tree.ward)).toEqual([]);
  });

  it.each([
    ['two places at once', () => ({ memberId: m.late, category: 'YEARLY_FEEDBACK', residenceOrgUnitId: ctx.tree.otherCell, residenceName: 'x', introducedOn: '2025-01-01' }), 'BAD_USER_INPUT'],
    ['no place for category (c)', () => ({ memberId: m.late, category: 'YEARLY_FEEDBACK', introducedOn: '2025-01-01' }), 'BAD_USER_INPUT'],
    ['the member’s own cell as residence', () => ({ memberId: m.late, category: 'YEARLY_FEEDBACK', residenceOrgUnitId: ctx.tree.cell, introducedOn: '2025-01-01' }), 'RULE_VIOLATION'],
    ['an introduction dated in the future', () => ({ memberId: m.late, category: 'YEARLY_FEEDBACK', residenceName: 'x', introducedOn: '2099-01-01' }), 'BAD_USER_INPUT'],
    ['another tenant without the organisation’s name', () => ({ memberId: m.late, category: 'YEARLY_FEEDBACK', residenceTenantId: elsewhere, introducedOn: '2025-01-01' }), 'BAD_USER_INPUT'],
  ])('M-5: refuses %s and keeps the record as it was', async (_name, input, expected) => {
    const res = await ctx.staff.execute(SET, { i: input() });
    expect(res.errors?.[0].extensions).toMatchObject({ code: expected, rule: 'M-5' });
    expect((await ctx.staff.ok(MEMBER_213, { id: m.late })).member.residenceLiaison).toEqual({ category: 'YEARLY_FEEDBACK', placeKind: 'OUTSIDE', residenceName: 'Chi bộ thôn 4' });
  });

  it('M-5: another tenant sees none of it', async () => {
    const other = await stack().createTenant('Đảng bộ khác');
    expect((await other.admin.execute(DUE, { year: 2025, unit: ctx.tree.ward })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await other.admin.execute(SET, { i: { memberId: m.late, category: 'INTRODUCED_EXEMPT', residenceName: 'x', introducedOn: '2025-01-01' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await due(other.admin, 2025, null)).toEqual([]);
  });
});
