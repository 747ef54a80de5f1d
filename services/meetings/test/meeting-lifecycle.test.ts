import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, Role } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';
import { admitMembers, recordStatements } from './helpers';

const PLAN = 'mutation($i: PlanMeetingInput!) { planMeeting(input: $i) { meeting { id status allowedNextStatuses } } }';
const ADD_ITEM = 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id position } meeting { id } } }';
const PREPARE = 'mutation($i: PrepareMeetingInput!) { prepareMeeting(input: $i) { meeting { status draftResolution } } }';
const HOLD = 'mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { meeting { status heldAt } } }';
const ATTEND = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id chairMemberId } } }';
const SPEAK = 'mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }';
const APPROVE = 'mutation($i: ApproveMinutesInput!) { approveMinutes(input: $i) { meeting { status } } }';
const CANCEL = 'mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { meeting { status cancelReason } } }';
const MEETING = `query($id: ID!) { meeting(id: $id) {
  id status kind title chairMemberId
  agenda { id position category title presenterMemberId plannedMinutes actualMinutes }
  attendance { onRoll exempt onDuty temporarilyOut expected present absentExcused absentUnexcused rate entries { memberId status reason } }
  contributions { memberId agendaItemId kind }
  participationRate onlyChairSpoke
  contentBalance { totalMinutes professionalShare professionalShareExceeded categories { category minutes share } }
} }`;

const heldAt = '2026-11-03T01:00:00.000Z';

/**
 * A whole cell meeting recorded through the gateway as a secretary would: plan, agenda with
 * presenters, preparation, the meeting itself, attendance for the whole roll, who spoke, and
 * the approved minutes (G-1..G-6).
 */
describe('a cell meeting from plan to approved minutes, through the gateway (G-2..G-6)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let secretary: GatewayClient;
  let members: string[];

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    members = await admitMembers(stack(), city, tree.cell, 40);
  }, 60_000);

  async function plannedWithAgenda(user = secretary, cellId = tree.cell) {
    const { planMeeting } = await user.ok(PLAN, { i: { cellId, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ tháng 11', scheduledAt: heldAt } });
    const id: string = planMeeting.meeting.id;
    const items: string[] = [];
    for (const [category, title, minutes] of [
      [AgendaCategory.DISSEMINATION, 'Quán triệt Chỉ thị 50', 40],
      [AgendaCategory.PROFESSIONAL, 'Công tác tổ dân phố', 30],
      [AgendaCategory.RESOLUTION_REVIEW, 'Kiểm điểm nghị quyết tháng 10', 20],
    ] as const) {
      const r = await user.ok(ADD_ITEM, { i: { meetingId: id, category, title, presenterMemberId: members[0], plannedMinutes: minutes } });
      items.push(r.addAgendaItem.agendaItem.id);
    }
    return { id, items };
  }

  async function heldMeeting() {
    const m = await plannedWithAgenda();
    await secretary.ok(PREPARE, { i: { meetingId: m.id, draftResolution: 'Dự thảo nghị quyết tháng 11' } });
    await secretary.ok(HOLD, {
      i: {
        meetingId: m.id,
        heldAt,
        endedAt: '2026-11-03T02:45:00.000Z',
        agenda: [
          { agendaItemId: m.items[0], actualMinutes: 45 },
          { agendaItemId: m.items[1], actualMinutes: 40 },
          { agendaItemId: m.items[2], actualMinutes: 15 },
        ],
      },
    });
    return m;
  }

  const entriesFor = (ids: string[]) =>
    ids.map((memberId, i) =>
      i < 34 ? { memberId, status: AttendanceStatus.PRESENT } : i < 38 ? { memberId, status: AttendanceStatus.ABSENT_EXCUSED, reason: 'Đi công tác' } : { memberId, status: AttendanceStatus.ABSENT_UNEXCUSED },
    );

  it('G-2..G-6: records the whole meeting and reads back the rates and flags', async () => {
    const m = await heldMeeting();
    await secretary.ok(ATTEND, { i: { meetingId: m.id, chairMemberId: members[0], entries: entriesFor(members) } });
    await secretary.ok(SPEAK, {
      i: {
        meetingId: m.id,
        contributions: [
          { memberId: members[0], agendaItemId: m.items[0], kind: ContributionKind.OPINION },
          { memberId: members[1], agendaItemId: m.items[0], kind: ContributionKind.PROPOSAL },
          { memberId: members[2], agendaItemId: m.items[1], kind: ContributionKind.QUESTION },
          { memberId: members[1], agendaItemId: m.items[2], kind: ContributionKind.CRITICISM },
        ],
      },
    });
    expect((await secretary.ok(APPROVE, { i: { meetingId: m.id } })).approveMinutes.meeting.status).toBe('MINUTES_APPROVED');

    const { meeting } = await secretary.ok(MEETING, { id: m.id });
    expect(meeting.status).toBe('MINUTES_APPROVED');
    expect(meeting.agenda.map((a: { position: number; actualMinutes: number }) => [a.position, a.actualMinutes])).toEqual([
      [1, 45],
      [2, 40],
      [3, 15],
    ]);
    expect(meeting.attendance).toMatchObject({ onRoll: 40, expected: 40, present: 34, absentExcused: 4, absentUnexcused: 2, rate: 0.85 });
    expect(meeting.attendance.entries).toHaveLength(40);
    expect(meeting.attendance.entries.find((e: { memberId: string }) => e.memberId === members[35])).toEqual({ memberId: members[35], status: 'ABSENT_EXCUSED', reason: 'Đi công tác' });
    expect(meeting.participationRate).toBeCloseTo(2 / 34);
    expect(meeting.onlyChairSpoke).toBe(false);
    expect(meeting.contentBalance).toMatchObject({ totalMinutes: 100, professionalShare: 0.4, professionalShareExceeded: false });
  });

  it('G-2: an invalid transition is refused with the current state and the allowed ones, and changes nothing', async () => {
    const m = await heldMeeting();
    const res = await secretary.execute(CANCEL, { i: { meetingId: m.id, reason: 'Nhầm' } });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'G-2', currentStatus: 'HELD', allowedNext: ['MINUTES_APPROVED'] });
    expect(res.errors?.[0].extensions?.messageVi).toContain('HELD');
    const refused = await secretary.execute(APPROVE, { i: { meetingId: m.id } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'G-4' });
    expect((await secretary.ok(MEETING, { id: m.id })).meeting.status).toBe('HELD');
  });

  it('G-2: a planned meeting is cancelled with its reason and stays on record', async () => {
    const m = await plannedWithAgenda();
    const noReason = await secretary.execute(CANCEL, { i: { meetingId: m.id, reason: '  ' } });
    expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const { cancelMeeting } = await secretary.ok(CANCEL, { i: { meetingId: m.id, reason: 'Trùng lịch bầu cử đại biểu' } });
    expect(cancelMeeting.meeting).toEqual({ status: 'CANCELLED', cancelReason: 'Trùng lịch bầu cử đại biểu' });
    const list = await secretary.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 100) { nodes { id status } } } }', { id: tree.cell });
    expect(list.orgUnit.meetings.nodes).toContainEqual({ id: m.id, status: 'CANCELLED' });
  });

  it('G-4: a whole roll that misses a member is refused as a whole: nothing is recorded', async () => {
    const m = await heldMeeting();
    const res = await secretary.execute(ATTEND, { i: { meetingId: m.id, entries: entriesFor(members).slice(1) } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'G-4', missing: [members[0]] });
    expect((await secretary.ok(MEETING, { id: m.id })).meeting.attendance).toBeNull();
  });

  it('G-5: a meeting where only the chair spoke is flagged', async () => {
    const m = await heldMeeting();
    await secretary.ok(ATTEND, { i: { meetingId: m.id, chairMemberId: members[0], entries: entriesFor(members) } });
    await secretary.ok(SPEAK, { i: { meetingId: m.id, contributions: [{ memberId: members[0], agendaItemId: m.items[0], kind: ContributionKind.OPINION }] } });
    const { meeting } = await secretary.ok(MEETING, { id: m.id });
    expect(meeting).toMatchObject({ onlyChairSpoke: true, participationRate: 0 });
  });

  it('G-4, G-5, G-8: attendance, contributions and a resolution with tasks cost the same few SQL statements for 40 members as for 5', async () => {
    const small = await admitMembers(stack(), city, tree.otherCell, 5);
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const big = await heldMeeting();
    const other = await plannedWithAgenda(staff, tree.otherCell);
    await staff.ok(PREPARE, { i: { meetingId: other.id, draftResolution: 'Dự thảo' } });
    await staff.ok(HOLD, { i: { meetingId: other.id, heldAt } });
    await stack().settle();

    const ds = stack().services.meetings.dataSource;
    const statementsOf = async (run: () => Promise<unknown>, marker = /INSERT INTO "meetings"\."attendance"/) => {
      const rec = recordStatements(ds);
      try {
        await run();
      } finally {
        rec.restore();
      }
      return rec.transactionWith(marker);
    };
    const forty = await statementsOf(() => secretary.ok(ATTEND, { i: { meetingId: big.id, entries: entriesFor(members) } }));
    const five = await statementsOf(() => staff.ok(ATTEND, { i: { meetingId: other.id, entries: entriesFor(small) } }));
    expect(forty.length).toBe(five.length);
    expect(forty.length).toBeLessThanOrEqual(12);
    expect(forty.filter((sql) => /"meetings"\."attendance"/.test(sql))).toHaveLength(1);
  });
});
