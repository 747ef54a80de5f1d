import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, OrgUnitKind, Role } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';
import { admitMembers } from './helpers';

const heldAt = '2026-11-03T01:00:00.000Z';
const MEETING = 'query($id: ID!) { meeting(id: $id) { id status agenda { id } attendance { present rate } } }';

/** Every write door of the meetings service, and who may open it (DESIGN.md §2, T-1). */
const doors = (meetingId: string, cellId: string, memberId: string, itemId: string): [string, string, Record<string, unknown>][] => [
  ['planMeeting', 'mutation($i: PlanMeetingInput!) { planMeeting(input: $i) { meeting { id } } }', { i: { cellId, kind: MeetingKind.THEMATIC, title: 'Chuyên đề', scheduledAt: heldAt } }],
  ['addAgendaItem', 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', { i: { meetingId, category: AgendaCategory.OTHER, title: 'Chen ngang', plannedMinutes: 5, actualMinutes: 5 } }],
  ['recordAttendance', 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', { i: { meetingId, entries: [{ memberId, status: AttendanceStatus.ABSENT_UNEXCUSED }] } }],
  ['recordContributions', 'mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }', { i: { meetingId, contributions: [{ memberId, agendaItemId: itemId, kind: ContributionKind.CRITICISM }] } }],
  ['approveMinutes', 'mutation($i: ApproveMinutesInput!) { approveMinutes(input: $i) { meeting { id } } }', { i: { meetingId } }],
  ['cancelMeeting', 'mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { meeting { id } } }', { i: { meetingId, reason: 'Giả mạo' } }],
  ['prepareMeeting', 'mutation($i: PrepareMeetingInput!) { prepareMeeting(input: $i) { meeting { id } } }', { i: { meetingId, draftResolution: 'Giả mạo' } }],
  ['holdMeeting', 'mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { meeting { id } } }', { i: { meetingId, heldAt } }],
];

describe('who may read and write meetings (roles, subtrees, tenants)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let members: string[];
  let meetingId: string;
  let itemId: string;
  let secretary: GatewayClient;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    members = await admitMembers(stack(), city, tree.cell, 3);
    secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const rec = await secretary.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ tháng 11', heldAt },
    });
    meetingId = rec.recordMeeting.meeting.id;
    const item = await secretary.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
      i: { meetingId, category: AgendaCategory.PARTY_BUILDING, title: 'Xây dựng Đảng', plannedMinutes: 60, actualMinutes: 70 },
    });
    itemId = item.addAgendaItem.agendaItem.id;
    await secretary.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: { meetingId, entries: members.map((memberId) => ({ memberId, status: AttendanceStatus.PRESENT })) },
    });
  }, 60_000);

  const snapshot = () => city.admin.ok(MEETING, { id: meetingId });

  it("a member sees their own cell's meeting, with attendance, and may not change anything", async () => {
    const member = await city.user({ role: Role.MEMBER, scope: tree.cell, memberId: members[0] });
    const seen = await member.ok(MEETING, { id: meetingId });
    expect(seen.meeting).toMatchObject({ id: meetingId, attendance: { present: 3, rate: 1 } });
    const before = await snapshot();
    for (const [name, query, variables] of doors(meetingId, tree.cell, members[0], itemId)) {
      const res = await member.execute(query, variables);
      expect([name, res.errors?.[0].extensions?.code]).toEqual([name, 'FORBIDDEN']);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a member of another cell does not see this cell's meeting", async () => {
    const member = await city.user({ role: Role.MEMBER, scope: tree.otherCell });
    const res = await member.execute(MEETING, { id: meetingId });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a secretary of another cell and staff of another ward find no such meeting, and change nothing', async () => {
    const otherWard = await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Bắc Hà');
    await stack().settle();
    const outsiders = [await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell }), await city.user({ role: Role.COMMITTEE_STAFF, scope: otherWard })];
    const before = await snapshot();
    for (const user of outsiders) {
      for (const [name, query, variables] of doors(meetingId, tree.cell, members[0], itemId)) {
        const res = await user.execute(query, variables);
        expect([name, res.data ?? null, res.errors?.[0].extensions?.code]).toEqual([name, null, 'NOT_FOUND']);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('committee staff record within their subtree', async () => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const res = await staff.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { position } } }', {
      i: { meetingId, category: AgendaCategory.DISSEMINATION, title: 'Phổ biến Nghị quyết', plannedMinutes: 20, actualMinutes: 20 },
    });
    expect(res.addAgendaItem.agendaItem.position).toBeGreaterThan(1);
  });

  it("T-1: another tenant's users try every door with this tenant's ids: nothing is found, nothing changes", async () => {
    const other = await stack().createTenant('Đảng bộ thành phố khác');
    await other.seedTree();
    const before = await snapshot();
    for (const user of [other.admin, await other.user({ role: Role.COMMITTEE_STAFF, scope: other.rootOrgUnitId })]) {
      const read = await user.execute(MEETING, { id: meetingId });
      expect(read.data).toBeNull();
      expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      for (const [name, query, variables] of doors(meetingId, tree.cell, members[0], itemId)) {
        const res = await user.execute(query, variables);
        expect([name, res.data ?? null, res.errors?.[0].extensions?.code]).toEqual([name, null, 'NOT_FOUND']);
      }
    }
    await stack().settle();
    expect(await snapshot()).toEqual(before);
  });
});
