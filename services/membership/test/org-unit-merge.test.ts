import { MeetingKind, OrgUnitKind, PositionKind, Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { MEMBER, ROLL, registerOfficial, today, unit } from './fixtures';

const MERGE = `mutation($i: MergeOrgUnitInput!) { mergeOrgUnit(input: $i) {
  movedMembers
  merged { id validTo mergedIntoId mergedInto { id } }
  into { id validTo }
} }`;
const UNIT = 'query($id: ID!) { orgUnit(id: $id) { id name parentId validTo mergedIntoId history { kind effectiveOn parentIdBefore parentIdAfter relatedOrgUnitId } } }';
const HELD = 'query($id: ID!) { dashboard(orgUnitId: $id) { meetingsHeld cellCount } }';

/** T-2 merge (sáp nhập): members move with a date, history stays answerable, the unit closes. */
describe('merging org units (T-2)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let ward: string;
  let cellA: string;
  let cellB: string;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố sáp nhập');
    ward = await unit(city.admin, city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Nam Hà');
    cellA = await unit(city.admin, ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 1');
    cellB = await unit(city.admin, ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 2');
    await stack().settle();
  });

  const rollIds = async (cell: string, date: string) =>
    ((await city.admin.ok(ROLL, { cell, date })).cellRoll as { member: { id: string } }[]).map((e) => e.member.id).sort();

  it('T-2: merges a cell into another from a date; both rolls stay right on every date, and the merged cell stays queryable', async () => {
    const a1 = await registerOfficial(city.admin, cellA, 'Lê Văn Một');
    const a2 = await registerOfficial(city.admin, cellA, 'Lê Thị Hai');
    const b1 = await registerOfficial(city.admin, cellB, 'Phạm Văn Ba');
    const group = await unit(city.admin, cellA, OrgUnitKind.PARTY_GROUP, 'Tổ đảng số 1');
    await city.admin.ok('mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }', {
      i: { memberId: a1.id, kind: PositionKind.SECRETARY, startsOn: '2026-02-01' },
    });

    const WITHOUT = 'query($id: ID!) { dashboard(orgUnitId: $id) { cellsWithoutRegularMeeting } }';
    expect((await city.admin.ok(WITHOUT, { id: ward })).dashboard.cellsWithoutRegularMeeting).toBe(2);

    const res = await city.admin.ok(MERGE, { i: { id: cellA, intoId: cellB, effectiveOn: '2026-06-01', decisionNumber: '45-QĐ/ĐU' } });
    expect(res.mergeOrgUnit).toEqual({
      movedMembers: 2,
      merged: { id: cellA, validTo: '2026-06-01', mergedIntoId: cellB, mergedInto: { id: cellB } },
      into: { id: cellB, validTo: null },
    });

    // Who was in which cell on which date is still answerable.
    expect(await rollIds(cellA, '2026-05-31')).toEqual([a1.id, a2.id].sort());
    expect(await rollIds(cellA, '2026-06-01')).toEqual([]);
    expect(await rollIds(cellB, '2026-05-31')).toEqual([b1.id]);
    expect(await rollIds(cellB, '2026-06-01')).toEqual([a1.id, a2.id, b1.id].sort());

    const member = (await city.admin.ok(MEMBER, { id: a1.id })).member;
    expect(member.cell.id).toBe(cellB);
    expect(member.history.at(-1)).toMatchObject({ kind: 'TRANSFERRED', effectiveOn: '2026-06-01', decisionNumber: '45-QĐ/ĐU' });
    const posts = await city.admin.ok('query($id: ID!) { member(id: $id) { positions { kind endsOn orgUnit { id } } } }', { id: a1.id });
    expect(posts.member.positions).toEqual([{ kind: 'SECRETARY', endsOn: '2026-06-01', orgUnit: { id: cellA } }]);

    const closed = (await city.admin.ok(UNIT, { id: cellA })).orgUnit;
    expect(closed).toMatchObject({ id: cellA, name: 'Chi bộ tổ dân phố 1', validTo: '2026-06-01', mergedIntoId: cellB });
    expect(closed.history).toEqual([{ kind: 'MERGED', effectiveOn: '2026-06-01', parentIdBefore: ward, parentIdAfter: ward, relatedOrgUnitId: cellB }]);
    const moved = (await city.admin.ok(UNIT, { id: group })).orgUnit;
    expect(moved.parentId).toBe(cellB);
    expect(moved.history).toEqual([{ kind: 'MOVED', effectiveOn: '2026-06-01', parentIdBefore: cellA, parentIdAfter: cellB, relatedOrgUnitId: cellA }]);
    // The ward now counts one cell where it counted two.
    expect((await city.admin.ok(HELD, { id: ward })).dashboard.cellCount).toBe(1);

    await stack().settle();
    // Meetings no longer counts the merged cell among the cells that owe this month's meeting.
    expect((await city.admin.ok(WITHOUT, { id: ward })).dashboard.cellsWithoutRegularMeeting).toBe(1);
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT type, payload FROM membership.outbox WHERE tenant_id = $1 AND type IN ('OrgUnitMerged', 'MemberTransferred') ORDER BY seq`, [city.id]);
      expect(rows.map((r) => r.type)).toEqual(['MemberTransferred', 'MemberTransferred', 'OrgUnitMerged']);
      expect(rows[2].payload).toEqual({ orgUnitId: cellA, intoOrgUnitId: cellB, effectiveOn: '2026-06-01' });
    } finally {
      await sql.end();
    }
  });

  it('T-2: merges a ward committee into another; its cells follow, and meetings and inspection see them under the new ward', async () => {
    const other = await unit(city.admin, city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Bắc Hà');
    const cell = await unit(city.admin, other, OrgUnitKind.CELL, 'Chi bộ khối phố 7');
    await stack().settle();
    await city.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ', heldAt: new Date().toISOString() },
    });
    await stack().settle();
    const before = (await city.admin.ok(HELD, { id: ward })).dashboard;

    await city.admin.ok(MERGE, { i: { id: other, intoId: ward, effectiveOn: today() } });
    await stack().settle();
    expect((await city.admin.ok(HELD, { id: ward })).dashboard).toEqual({ meetingsHeld: before.meetingsHeld + 1, cellCount: before.cellCount + 1 });
    // Staff of the receiving ward now reach the cell's meetings.
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: ward });
    const meetings = await staff.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 5) { totalCount } } }', { id: cell });
    expect(meetings.orgUnit.meetings.totalCount).toBe(1);
    for (const service of ['meetings', 'inspection'] as const) {
      const sql = await stack().sql(service, 'admin');
      try {
        const { rows } = await sql.query(`SELECT parent_id, path FROM ${service}.org_unit WHERE tenant_id = $1 AND id = $2`, [city.id, cell]);
        expect(rows).toEqual([{ parent_id: ward, path: `/${city.rootOrgUnitId}/${ward}/${cell}/` }]);
        const closed = await sql.query(`SELECT to_char(closed_on, 'YYYY-MM-DD') AS closed_on FROM ${service}.org_unit WHERE tenant_id = $1 AND id = $2`, [city.id, other]);
        expect(closed.rows).toEqual([{ closed_on: today() }]);
      } finally {
        await sql.end();
      }
    }
  });

  describe('refusals: a typed error naming T-2, and nothing changes', () => {
    let sub: string;
    let open: string;
    beforeAll(async () => {
      open = await unit(city.admin, ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 9');
      sub = await unit(city.admin, city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ khối doanh nghiệp');
      await unit(city.admin, sub, OrgUnitKind.COMMITTEE, 'Đảng bộ bộ phận số 1');
      await stack().settle();
    });

    it.each([
      ['into itself', () => ({ id: open, intoId: open }), 'intoId'],
      ['into a unit of its own subtree', async () => ({ id: sub, intoId: (await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { children { id } } }', { id: sub })).orgUnit.children[0].id }), 'intoId'],
      ['a cell into a committee', () => ({ id: open, intoId: ward }), 'intoId'],
      ['into a unit already merged (closed)', () => ({ id: open, intoId: cellA }), 'intoId'],
      ['a unit already merged (closed)', () => ({ id: cellA, intoId: open }), 'id'],
      ['the root committee', () => ({ id: city.rootOrgUnitId, intoId: sub }), 'id'],
      ['dated in the future', () => ({ id: open, intoId: cellB, effectiveOn: '2099-01-01' }), 'effectiveOn', 'BAD_USER_INPUT'],
      ['dated before the receiving unit was founded', () => ({ id: open, intoId: cellB, effectiveOn: '2025-06-01' }), 'intoId'],
    ] as [string, () => Record<string, unknown> | Promise<Record<string, unknown>>, string, string?][])('T-2: refuses to merge %s', async (_name, input, field, code = 'RULE_VIOLATION') => {
      const res = await city.admin.execute(MERGE, { i: await input() });
      expect(res.errors?.[0].extensions).toMatchObject({ code, rule: 'T-2', field });
      expect((await city.admin.ok(UNIT, { id: open })).orgUnit).toMatchObject({ validTo: null, mergedIntoId: null, history: [] });
      expect((await city.admin.ok(UNIT, { id: sub })).orgUnit).toMatchObject({ validTo: null, history: [] });
    });

    it('T-2: a cell secretary cannot merge, and staff of another ward cannot see the units', async () => {
      const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: open });
      expect((await secretary.execute(MERGE, { i: { id: open, intoId: cellB } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const outsider = await city.user({ role: Role.COMMITTEE_STAFF, scope: sub });
      expect((await outsider.execute(MERGE, { i: { id: open, intoId: cellB } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await city.admin.ok(UNIT, { id: open })).orgUnit.validTo).toBeNull();
    });
  });
});
