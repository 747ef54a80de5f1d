import { InspectionKind, MeetingKind, Role } from '@chibo/domain';
import { SERVICE_NAMES, pendingSchemaChanges } from '@chibo/service-kit';
import { SERVICES, committedSupergraph, composeFromCode, testDatabase, useStack } from '@chibo/testkit';

describe('the supergraph and the migrations match the code', () => {
  it('composes to exactly the committed services/gateway/supergraph.graphql (run `pnpm supergraph` after a schema change)', async () => {
    expect(await composeFromCode()).toBe(committedSupergraph());
  });

  it.each(SERVICE_NAMES)('%s: the committed migrations produce exactly the entities (run `pnpm migration:generate`)', async (name) => {
    const pending = await pendingSchemaChanges({ module: SERVICES[name], ...(await testDatabase()) });
    expect(pending).toEqual([]);
  });
});

describe('fields resolved across services through the gateway', () => {
  const stack = useStack();

  it('resolves meeting { cell { name } } and inspection { orgUnit { name } } from membership', async () => {
    const t = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    const tree = await t.seedTree();
    const recorded = await t.admin.ok(
      `mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id title cell { id name kind parent { name } } } } }`,
      { i: { cellId: tree.cell, kind: MeetingKind.THEMATIC, title: 'Chuyên đề học tập và làm theo Bác', heldAt: '2026-11-03T01:00:00.000Z' } },
    );
    expect(recorded.recordMeeting.meeting).toMatchObject({
      title: 'Chuyên đề học tập và làm theo Bác',
      cell: { id: tree.cell, name: 'Chi bộ tổ dân phố 3', kind: 'CELL', parent: { name: 'Đảng bộ phường Tân Giang' } },
    });

    const list = await t.admin.ok(`query($id: ID!) { orgUnit(id: $id) { name meetings(first: 10) { totalCount nodes { title kind cell { name } } } } }`, { id: tree.cell });
    expect(list.orgUnit.meetings).toEqual({ totalCount: 1, nodes: [{ title: 'Chuyên đề học tập và làm theo Bác', kind: 'THEMATIC', cell: { name: 'Chi bộ tổ dân phố 3' } }] });

    const inspector = await t.user({ role: Role.INSPECTOR, scope: tree.ward });
    const opened = await inspector.ok(`mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { kind status orgUnit { name } } } }`, {
      i: { kind: InspectionKind.SIGNS_OF_VIOLATION, orgUnitId: tree.cell, title: 'Kiểm tra khi có dấu hiệu vi phạm' },
    });
    expect(opened.openInspection.inspection).toEqual({ kind: 'SIGNS_OF_VIOLATION', status: 'DECIDED', orgUnit: { name: 'Chi bộ tổ dân phố 3' } });
  });

  it('refuses page sizes above 100 with a typed error', async () => {
    const t = await stack().createTenant('Đảng bộ phân trang');
    const res = await t.admin.execute(`query($id: ID!) { orgUnit(id: $id) { meetings(first: 1000) { totalCount } } }`, { id: t.rootOrgUnitId });
    // Refused at the gateway before any subgraph is asked (cost.ts); the subgraph's own
    // BAD_USER_INPUT check stays behind it as a second wall.
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'first', max: 100 });
  });
});
