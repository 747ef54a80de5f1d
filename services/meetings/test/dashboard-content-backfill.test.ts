import { AgendaCategory, MeetingKind } from '@chibo/domain';
import { useStack } from '@chibo/testkit';
import { DashboardContentQuality1795568691466 } from '../src/store/migrations/1795568691466-DashboardContentQuality';

const NEW_COLUMNS = [
  ...['party_building', 'dissemination', 'ideology', 'hcm_study', 'criticism', 'resolution_review', 'admission', 'professional', 'other'].map((c) => `minutes_${c}`),
  ...['good', 'fair', 'average', 'poor'].map((l) => `level_${l}`),
];

/** Meetings held and scored before the G-6/G-7 columns existed get their minutes and levels from the migration. */
describe('the DashboardContentQuality migration', () => {
  const stack = useStack({ ownDatabase: true });
  it('fills minutes per category and levels of earlier meetings exactly as the events would have, and leaves row security forced', async () => {
    const city = await stack().createTenant('Đảng bộ có nội dung cũ');
    const tree = await city.seedTree();
    const meetings: [string, string, [AgendaCategory, number | null][], boolean][] = [
      [tree.cell, '2026-10-31T18:00:00Z' /* 1 November in Vietnam */, [[AgendaCategory.PROFESSIONAL, 60], [AgendaCategory.IDEOLOGY, 30]], true],
      [tree.cell, '2026-10-03T01:00:00Z', [[AgendaCategory.PARTY_BUILDING, 45], [AgendaCategory.PARTY_BUILDING, 15], [AgendaCategory.OTHER, null]], true],
      [tree.otherCell, '2026-11-02T01:00:00Z', [[AgendaCategory.HCM_STUDY, 90]], false],
    ];
    for (const [cellId, heldAt, items, score] of meetings) {
      const r = await city.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', { i: { cellId, kind: MeetingKind.REGULAR, title: 'x', heldAt } });
      const meetingId = r.recordMeeting.meeting.id;
      for (const [category, actualMinutes] of items) {
        await city.admin.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', { i: { meetingId, category, title: 'Nội dung', plannedMinutes: 30, actualMinutes } });
      }
      if (score) await city.admin.ok('mutation($i: ScoreMeetingInput!) { scoreMeeting(input: $i) { meeting { id } } }', { i: { meetingId } });
    }
    await stack().settle();
    const owner = await stack().sql('meetings', 'owner');
    const admin = await stack().sql('meetings', 'admin');
    const q = `select tenant_id, org_unit_id, month, ${NEW_COLUMNS.join(', ')} from meetings.dashboard_unit_month where meetings_held > 0 order by 1,2,3`;
    const before = (await admin.query(q)).rows;
    // As if the migration had not run yet: the older columns only, meetings already held and scored.
    await admin.query(`alter table meetings.dashboard_unit_month ${NEW_COLUMNS.map((c) => `drop column ${c}`).join(', ')}`);
    await owner.query('begin');
    await new DashboardContentQuality1795568691466().up({ query: (s: string) => owner.query(s) } as never);
    await owner.query('commit');
    const after = (await admin.query(q)).rows;
    expect(after).toEqual(before);
    expect(before).toHaveLength(3);
    expect(before.map((r: Record<string, number>) => r.minutes_party_building + r.minutes_professional + r.minutes_hcm_study)).toEqual(expect.arrayContaining([60, 60, 90]));
    expect(before.reduce((a: number, r: Record<string, number>) => a + r.level_good + r.level_fair + r.level_average + r.level_poor, 0)).toBe(2);
    const forced = (await admin.query("select relname, relforcerowsecurity from pg_class where relname in ('meeting','agenda_item','meeting_score','dashboard_unit_month') and relnamespace = 'meetings'::regnamespace")).rows;
    expect(forced).toHaveLength(4);
    expect(forced.every((r: { relforcerowsecurity: boolean }) => r.relforcerowsecurity)).toBe(true);
    await owner.end();
    await admin.end();
  });
});
