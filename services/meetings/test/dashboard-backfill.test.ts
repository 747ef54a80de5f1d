import { MeetingKind } from '@chibo/domain';
import { useStack } from '@chibo/testkit';
import { DashboardUnitMonth1795560605971 } from '../src/store/migrations/1795560605971-DashboardUnitMonth';
/** Meetings held before the maintained figures existed get their figures from the migration. */
describe('the DashboardUnitMonth migration', () => {
  const stack = useStack({ ownDatabase: true });
  it('fills the figures of earlier meetings exactly as the events would have, and leaves row security forced', async () => {
    const city = await stack().createTenant('Đảng bộ có số liệu cũ');
    const tree = await city.seedTree();
    for (const [c, d] of [[tree.cell, '2026-10-31T18:00:00Z'] /* 1 November in Vietnam */, [tree.cell, '2026-10-03T01:00:00Z'], [tree.otherCell, '2026-11-02T01:00:00Z']]) {
      await city.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', { i: { cellId: c, kind: MeetingKind.REGULAR, title: 'x', heldAt: d } });
    }
    await stack().settle();
    const owner = await stack().sql('meetings', 'owner');
    const admin = await stack().sql('meetings', 'admin');
    const q = 'select tenant_id, org_unit_id, month, meetings_held, regular_held, thematic_held, expected, present, speakers from meetings.dashboard_unit_month where meetings_held > 0 order by 1,2,3';
    const before = (await admin.query(q)).rows;
    // As if the migration had not run yet: no table, meetings already held.
    await admin.query('drop table meetings.dashboard_unit_month');
    await owner.query('begin');
    await new DashboardUnitMonth1795560605971().up({ query: (s: string) => owner.query(s) } as never);
    await owner.query('commit');
    const after = (await admin.query(q)).rows;
    expect(after).toEqual(before);
    expect(before.length).toBe(3);
    const forced = (await admin.query("select relname, relforcerowsecurity from pg_class where relname in ('meeting','attendance','contribution','dashboard_unit_month') and relnamespace = 'meetings'::regnamespace")).rows;
    expect(forced.every((r: { relforcerowsecurity: boolean }) => r.relforcerowsecurity)).toBe(true);
    await owner.end();
    await admin.end();
  });
});
