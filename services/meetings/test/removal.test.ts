import { AttendanceStatus, MeetingKind, Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { admitMembers } from './helpers';

const CANDIDATES = 'query($id: ID!, $year: Int!) { orgUnit(id: $id) { removalCandidates(year: $year) { memberId cellId months } } }';

/** G-10 / M-6: unexcused absence in three months of a year proposes removal; it is never applied. */
describe('removal candidates (G-10)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let members: string[];

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    members = await admitMembers(stack(), city, tree.cell, 4);
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    // an: unexcused in Jan, Mar and May; binh: Jan and Mar only (and twice in March); cuong: always present;
    // dung: absent with reason at all four meetings.
    const plan: [string, string, AttendanceStatus, AttendanceStatus][] = [
      ['2026-01-03T01:00:00.000Z', MeetingKind.REGULAR, AttendanceStatus.ABSENT_UNEXCUSED, AttendanceStatus.ABSENT_UNEXCUSED],
      ['2026-03-03T01:00:00.000Z', MeetingKind.REGULAR, AttendanceStatus.ABSENT_UNEXCUSED, AttendanceStatus.ABSENT_UNEXCUSED],
      ['2026-03-20T01:00:00.000Z', MeetingKind.THEMATIC, AttendanceStatus.PRESENT, AttendanceStatus.ABSENT_UNEXCUSED],
      // 31 May 23:30 Vietnam time is still May.
      ['2026-05-31T16:30:00.000Z', MeetingKind.REGULAR, AttendanceStatus.ABSENT_UNEXCUSED, AttendanceStatus.ABSENT_EXCUSED],
    ];
    for (const [heldAt, kind, an, binh] of plan) {
      const r = await secretary.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', { i: { cellId: tree.cell, kind, title: 'Sinh hoạt', heldAt } });
      await secretary.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
        i: {
          meetingId: r.recordMeeting.meeting.id,
          entries: [
            { memberId: members[0], status: an },
            { memberId: members[1], status: binh, reason: binh === AttendanceStatus.ABSENT_EXCUSED ? 'Ốm' : null },
            { memberId: members[2], status: AttendanceStatus.PRESENT },
            { memberId: members[3], status: AttendanceStatus.ABSENT_EXCUSED, reason: 'Đi học tập trung' },
          ],
        },
      });
    }
  }, 60_000);

  it('G-10: the ward sees the member absent without reason in three months, and only them', async () => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const res = await staff.ok(CANDIDATES, { id: tree.ward, year: 2026 });
    expect(res.orgUnit.removalCandidates).toEqual([{ memberId: members[0], cellId: tree.cell, months: ['2026-01', '2026-03', '2026-05'] }]);
    expect((await staff.ok(CANDIDATES, { id: tree.ward, year: 2025 })).orgUnit.removalCandidates).toEqual([]);
  });

  it('G-10: absent with reason four meetings in a row is flagged, and is not a removal ground', async () => {
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const res = await secretary.ok('query($id: ID!, $year: Int!) { orgUnit(id: $id) { excusedAbsenceStreaks(year: $year) { memberId cellId longest } } }', { id: tree.cell, year: 2026 });
    expect(res.orgUnit.excusedAbsenceStreaks).toEqual([{ memberId: members[3], cellId: tree.cell, longest: 4 }]);
  });

  it("G-10: a member cannot list their cell's removal candidates", async () => {
    const member = await city.user({ role: Role.MEMBER, scope: tree.cell });
    expect((await member.execute(CANDIDATES, { id: tree.cell, year: 2026 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
