import { MeetingKind, OrgUnitKind, Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { registerOfficial, today } from './fixtures';

const MOVE = 'mutation($i: MoveOrgUnitInput!) { moveOrgUnit(input: $i) { orgUnit { id parentId } } }';
const DISSOLVE = 'mutation($i: DissolveOrgUnitInput!) { dissolveOrgUnit(input: $i) { orgUnit { id validTo } } }';
const HELD = 'query($id: ID!) { dashboard(orgUnitId: $id) { meetingsHeld cellCount } }';

/** T-2: units move and dissolve without losing history, and every service follows the tree. */
describe('re-parenting and dissolving org units (T-2)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let district: string;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố sắp xếp');
    tree = await city.seedTree();
    district = await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ khối cơ quan');
    await stack().settle();
    await city.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ', heldAt: new Date().toISOString() },
    });
    await stack().settle();
  });

  it('T-2: moves a ward with its cells under another committee; meetings and membership follow', async () => {
    expect((await city.admin.ok(HELD, { id: district })).dashboard).toEqual({ meetingsHeld: 0, cellCount: 0 });
    const moved = await city.admin.ok(MOVE, { i: { id: tree.ward, newParentId: district } });
    expect(moved.moveOrgUnit.orgUnit.parentId).toBe(district);
    await stack().settle();
    // The ward's figures now count under the district, and the city still counts them once.
    expect((await city.admin.ok(HELD, { id: district })).dashboard).toEqual({ meetingsHeld: 1, cellCount: 2 });
    expect((await city.admin.ok(HELD, { id: city.rootOrgUnitId })).dashboard).toEqual({ meetingsHeld: 1, cellCount: 2 });
    const cell = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { parent { parent { name } } } }', { id: tree.cell });
    expect(cell.orgUnit.parent.parent.name).toBe('Đảng bộ khối cơ quan');
    // Staff of the district now reach the moved cell's meetings.
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: district });
    const meetings = await staff.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 5) { totalCount } } }', { id: tree.cell });
    expect(meetings.orgUnit.meetings.totalCount).toBe(1);
  });

  it.each([
    ['T-2: a unit under its own subtree', () => ({ id: district, newParentId: tree.cell }), 'RULE_VIOLATION'],
    ['T-2: a cell under a cell', () => ({ id: tree.otherCell, newParentId: tree.cell }), 'RULE_VIOLATION'],
    ['T-2: the root committee', () => ({ id: city.rootOrgUnitId, newParentId: district }), 'RULE_VIOLATION'],
  ])('refuses to move %s, and changes nothing', async (_name, input, code) => {
    const res = await city.admin.execute(MOVE, { i: input() });
    expect(res.errors?.[0].extensions?.code).toBe(code);
    const parent = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { parentId } }', { id: tree.otherCell });
    expect(parent.orgUnit.parentId).toBe(tree.ward);
  });

  it("refuses a staff member who does not administer the new parent", async () => {
    const wardStaff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const res = await wardStaff.execute(MOVE, { i: { id: tree.otherCell, newParentId: city.rootOrgUnitId } });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('T-2: dissolves an empty cell, which stays queryable with its history', async () => {
    const empty = await city.createOrgUnit(tree.ward, OrgUnitKind.CELL, 'Chi bộ sáp nhập');
    await stack().settle();
    // Created today, so dissolved today at the earliest (a change cannot predate the founding).
    const res = await city.admin.ok(DISSOLVE, { i: { id: empty, effectiveOn: today() } });
    expect(res.dissolveOrgUnit.orgUnit.validTo).toBe(today());
    const still = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { name validTo } }', { id: empty });
    expect(still.orgUnit).toEqual({ name: 'Chi bộ sáp nhập', validTo: today() });
    const moveInto = await city.admin.execute(MOVE, { i: { id: tree.otherCell, newParentId: empty } });
    expect(moveInto.errors?.[0].extensions?.code).toBe('RULE_VIOLATION');
  });

  it('T-2: refuses to dissolve a cell whose members have not been transferred', async () => {
    const cell = await city.createOrgUnit(district, OrgUnitKind.CELL, 'Chi bộ còn đảng viên');
    await stack().settle();
    await registerOfficial(city.admin, cell, 'Nguyễn Văn An');
    const res = await city.admin.execute(DISSOLVE, { i: { id: cell } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'T-2', activeMembers: 1 });
    const still = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { validTo } }', { id: cell });
    expect(still.orgUnit.validTo).toBeNull();
  });
});
