import { Role } from '@chibo/domain';
import { useStack } from '@chibo/testkit';

const PLAN = 'mutation($id: ID!, $p: String!) { planMeetings(orgUnitId: $id, period: $p) { created meetings { kind status scheduledAt cell { name } } } }';

/** G-1 through the gateway: staff plan a ward's month; cells see their planned meetings. */
describe('planning the regular and thematic meetings (G-1)', () => {
  const stack = useStack();

  it('plans the month once for every cell of a ward, visible in the cells and to nobody else', async () => {
    const city = await stack().createTenant('Đảng bộ lập lịch');
    const tree = await city.seedTree();
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const first = await staff.ok(PLAN, { id: tree.ward, p: '2027-01' });
    expect(first.planMeetings.created).toBe(4); // two cells × (regular + first-of-quarter thematic)
    expect(first.planMeetings.meetings.map((m: { cell: { name: string } }) => m.cell.name).sort()).toEqual([
      'Chi bộ tổ dân phố 3',
      'Chi bộ tổ dân phố 3',
      'Chi bộ tổ dân phố 5',
      'Chi bộ tổ dân phố 5',
    ]);
    const again = await staff.ok(PLAN, { id: tree.ward, p: '2027-01' });
    expect(again.planMeetings.created).toBe(0);
    const listed = await staff.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 10) { totalCount nodes { status } } } }', { id: tree.cell });
    expect(listed.orgUnit.meetings.totalCount).toBe(2);

    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    expect((await secretary.execute(PLAN, { id: tree.ward, p: '2027-02' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await stack().createTenant('Đảng bộ khác');
    expect((await other.admin.execute(PLAN, { id: tree.ward, p: '2027-02' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
