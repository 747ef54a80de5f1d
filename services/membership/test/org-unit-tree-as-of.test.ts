import { OrgUnitKind, Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { unit } from './fixtures';

const TREE = 'query($root: ID!, $asOf: String) { orgUnitTree(rootId: $root, asOf: $asOf) { id name parentId depth kind } }';
const MOVE = 'mutation($i: MoveOrgUnitInput!) { moveOrgUnit(input: $i) { orgUnit { id parentId } } }';
const RENAME = 'mutation($i: RenameOrgUnitInput!) { renameOrgUnit(input: $i) { orgUnit { id name } } }';
const MERGE = 'mutation($i: MergeOrgUnitInput!) { mergeOrgUnit(input: $i) { movedMembers } }';
const DISSOLVE = 'mutation($i: DissolveOrgUnitInput!) { dissolveOrgUnit(input: $i) { orgUnit { id } } }';

/** T-2: the tree as it was on a date, from the dated changes of every unit. */
describe('the org tree as it was on a date (T-2)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let wardA: string;
  let wardB: string;
  let cell: string;
  let small: string;
  let gone: string;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố lịch sử');
    wardA = await unit(city.admin, city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Bắc Hà');
    wardB = await unit(city.admin, city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Nam Hà');
    cell = await unit(city.admin, wardA, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 4');
    small = await unit(city.admin, wardB, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 8');
    gone = await unit(city.admin, wardB, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 9', '2026-03-01');
    await stack().settle();
    await city.admin.ok(MOVE, { i: { id: cell, newParentId: wardB, effectiveOn: '2026-06-01' } });
    await city.admin.ok(RENAME, { i: { id: cell, name: 'Chi bộ khu phố 4', effectiveOn: '2026-07-01' } });
    await city.admin.ok(MERGE, { i: { id: small, intoId: cell, effectiveOn: '2026-08-01' } });
    await city.admin.ok(DISSOLVE, { i: { id: gone, effectiveOn: '2026-09-01' } });
  });

  const tree = async (root: string, asOf: string | null) =>
    ((await city.admin.ok(TREE, { root, asOf })).orgUnitTree as { id: string; name: string; parentId: string; depth: number }[]).map((u) => [u.id, u.parentId, u.name, u.depth]);

  it('T-2: a cell moved on 1/6 is under its old ward as of 31/5 and under the new one as of 1/6', async () => {
    expect(await tree(city.rootOrgUnitId, '2026-05-31')).toEqual([
      [city.rootOrgUnitId, null, 'Đảng bộ thành phố lịch sử', 0],
      [wardA, city.rootOrgUnitId, 'Đảng bộ phường Bắc Hà', 1],
      [cell, wardA, 'Chi bộ tổ dân phố 4', 2],
      [wardB, city.rootOrgUnitId, 'Đảng bộ phường Nam Hà', 1],
      [small, wardB, 'Chi bộ tổ dân phố 8', 2],
      [gone, wardB, 'Chi bộ tổ dân phố 9', 2],
    ]);
    expect(await tree(wardA, '2026-06-01')).toEqual([[wardA, city.rootOrgUnitId, 'Đảng bộ phường Bắc Hà', 0]]);
    expect(await tree(wardB, '2026-06-01')).toEqual([
      [wardB, city.rootOrgUnitId, 'Đảng bộ phường Nam Hà', 0],
      [cell, wardB, 'Chi bộ tổ dân phố 4', 1],
      [small, wardB, 'Chi bộ tổ dân phố 8', 1],
      [gone, wardB, 'Chi bộ tổ dân phố 9', 1],
    ]);
  });

  it('T-2: renames, merges and dissolutions show from their dates; a unit is absent before its founding', async () => {
    expect((await tree(wardB, '2026-07-31')).map((r) => r[2])).toEqual(['Đảng bộ phường Nam Hà', 'Chi bộ khu phố 4', 'Chi bộ tổ dân phố 8', 'Chi bộ tổ dân phố 9']);
    expect((await tree(wardB, '2026-08-01')).map((r) => r[0])).toEqual([wardB, cell, gone]);
    expect((await tree(wardB, '2026-09-01')).map((r) => r[0])).toEqual([wardB, cell]);
    expect((await tree(wardB, null)).map((r) => r[0])).toEqual([wardB, cell]);
    expect((await tree(wardB, '2026-02-28')).map((r) => r[0])).toEqual([wardB, small]);
    const before = await city.admin.execute(TREE, { root: wardA, asOf: '2025-12-31' });
    expect(before.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', rule: 'T-2' });
    const merged = await city.admin.execute(TREE, { root: small, asOf: '2026-08-01' });
    expect(merged.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await tree(small, '2026-07-31')).map((r) => r[0])).toEqual([small]);
  });

  it('T-2: a change cannot be dated before the unit’s latest change, nor in the future', async () => {
    const early = await city.admin.execute(MOVE, { i: { id: cell, newParentId: wardA, effectiveOn: '2026-06-15' } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'T-2', field: 'effectiveOn', latest: '2026-07-01' });
    const future = await city.admin.execute(RENAME, { i: { id: cell, name: 'Chi bộ tương lai', effectiveOn: '2099-01-01' } });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'T-2', field: 'effectiveOn' });
    expect((await tree(wardB, null)).map((r) => r[2])).toEqual(['Đảng bộ phường Nam Hà', 'Chi bộ khu phố 4']);
  });

  it('T-2: staff see the tree of their own subtree only', async () => {
    const staffA = await city.user({ role: Role.COMMITTEE_STAFF, scope: wardA });
    expect((await staffA.execute(TREE, { root: wardB, asOf: '2026-05-31' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const own = await staffA.ok(TREE, { root: wardA, asOf: '2026-05-31' });
    expect(own.orgUnitTree.map((u: { id: string }) => u.id)).toEqual([wardA, cell]);
    const other = await stack().createTenant('Đảng bộ khác');
    expect((await other.admin.execute(TREE, { root: wardA, asOf: null })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
