import { OrgUnitKind, PositionKind as P, Role } from '@chibo/domain';
import { useStack } from '@chibo/testkit';
import { daysAgo, registerOfficial, seedCity } from './fixtures';

const WARNINGS = `query($id: ID!) { orgUnit(id: $id) { name warnings { code rule messageVi messageEn } } }`;
const RENAME = `mutation($i: RenameOrgUnitInput!) { renameOrgUnit(input: $i) { orgUnit { id name } } }`;
const ASSIGN = `mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }`;

/** T-3 warnings on the unit and renaming a unit (T-2), through the gateway. */
describe('org unit structure', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố cơ cấu');
  });

  const codes = async (id: string) => (await ctx.staff.ok(WARNINGS, { id })).orgUnit.warnings.map((w: { code: string }) => w.code);

  it('T-3: warns a cell with fewer than 3 official members, and stops once it has them', async () => {
    expect(await codes(ctx.tree.cell)).toEqual(['FEW_OFFICIAL_MEMBERS']);
    const res = await ctx.staff.ok(WARNINGS, { id: ctx.tree.cell });
    expect(res.orgUnit.warnings[0]).toMatchObject({ rule: 'T-3', messageVi: expect.stringContaining('0 đảng viên chính thức') });
    for (const n of ['Một', 'Hai', 'Ba']) await registerOfficial(ctx.staff, ctx.tree.cell, `Đảng Viên ${n}`);
    expect(await codes(ctx.tree.cell)).toEqual([]);
    expect(await codes(ctx.tree.ward)).toEqual([]);
  });

  it('T-3: warns a cell of 9 official members without a cell committee, until three hold its posts', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 9; i++) ids.push((await registerOfficial(ctx.staff, ctx.tree.otherCell, `Thành Viên ${i}`)).id);
    expect(await codes(ctx.tree.otherCell)).toEqual(['NO_CELL_COMMITTEE']);
    await ctx.staff.ok(ASSIGN, { i: { memberId: ids[0], kind: P.SECRETARY, startsOn: daysAgo(30) } });
    await ctx.staff.ok(ASSIGN, { i: { memberId: ids[1], kind: P.DEPUTY_SECRETARY, startsOn: daysAgo(30) } });
    expect(await codes(ctx.tree.otherCell)).toEqual(['NO_CELL_COMMITTEE']);
    await ctx.staff.ok(ASSIGN, { i: { memberId: ids[2], kind: P.CELL_COMMITTEE_MEMBER, startsOn: daysAgo(30) } });
    expect(await codes(ctx.tree.otherCell)).toEqual([]);
  });

  it('T-2: renames a unit in scope with an NFC name; refuses out of scope, other tenants and secretaries', async () => {
    const cell = await ctx.city.createOrgUnit(ctx.tree.ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 7');
    const res = await ctx.staff.ok(RENAME, { i: { id: cell, name: 'Chi bô\u0323 tô\u0309 dân phô\u0301 7 mới ' } });
    expect(res.renameOrgUnit.orgUnit).toEqual({ id: cell, name: 'Chi bộ tổ dân phố 7 mới' });
    const secretary = await ctx.city.user({ role: Role.CELL_SECRETARY, scope: cell });
    expect((await secretary.execute(RENAME, { i: { id: cell, name: 'Tự đổi' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherWard = await ctx.city.createOrgUnit(ctx.city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường khác');
    const staffElsewhere = await ctx.city.user({ role: Role.COMMITTEE_STAFF, scope: otherWard });
    expect((await staffElsewhere.execute(RENAME, { i: { id: cell, name: 'Đổi trộm' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const other = await stack().createTenant('Đảng bộ khác cơ cấu');
    expect((await other.admin.execute(RENAME, { i: { id: cell, name: 'Đổi chéo' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await other.admin.execute(WARNINGS, { id: ctx.tree.cell })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await ctx.staff.execute(RENAME, { i: { id: cell, name: '   ' } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await ctx.staff.ok(WARNINGS, { id: cell })).orgUnit.name).toBe('Chi bộ tổ dân phố 7 mới');
  });
});
