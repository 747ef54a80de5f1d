import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, Role, monthPeriod } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';
import { admitMembers } from './helpers';

const DASHBOARD = `subscription($id: ID!, $period: String) { dashboardUpdated(orgUnitId: $id, period: $period) {
  orgUnitId period meetingsHeld regularMeetingsHeld attendanceRate participationRate
  thematicMeetingsThisQuarter cellsWithoutRegularMeeting cellsWithoutThematicThisQuarter
} }`;

/** The meetings figures of OrgUnitDashboard, rolled up the tree (G-1, G-4, G-5). */
describe("the meetings service's dashboard figures", () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;

  async function meeting(user: GatewayClient, cellId: string, kind: MeetingKind, heldAt: string, members: string[], present: number, speakers: number) {
    const r = await user.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', { i: { cellId, kind, title: 'Sinh hoạt', heldAt } });
    const meetingId = r.recordMeeting.meeting.id;
    const a = await user.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
      i: { meetingId, category: AgendaCategory.PARTY_BUILDING, title: 'Xây dựng Đảng', plannedMinutes: 90, actualMinutes: 90 },
    });
    await user.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: { meetingId, chairMemberId: members[0], entries: members.map((memberId, i) => ({ memberId, status: i < present ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT_UNEXCUSED })) },
    });
    if (speakers) {
      await user.ok('mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }', {
        i: { meetingId, contributions: members.slice(0, speakers + 1).map((memberId) => ({ memberId, agendaItemId: a.addAgendaItem.agendaItem.id, kind: ContributionKind.OPINION })) },
      });
    }
  }

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const tdp3 = await admitMembers(stack(), city, tree.cell, 20);
    const tdp5 = await admitMembers(stack(), city, tree.otherCell, 5);
    await meeting(staff, tree.cell, MeetingKind.REGULAR, '2026-11-03T01:00:00.000Z', tdp3, 17, 3);
    await meeting(staff, tree.otherCell, MeetingKind.THEMATIC, '2026-10-10T01:00:00.000Z', tdp5, 5, 0);
    await stack().settle();
  }, 60_000);

  async function now(user: GatewayClient, id: string, period: string) {
    const sub = user.subscribe(DASHBOARD, { id, period });
    try {
      return await sub.next(10_000);
    } finally {
      await sub.close();
    }
  }

  it('G-1, G-4, G-5: the ward sees its month and quarter, rolled up from its cells', async () => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const msg = await now(staff, tree.ward, '2026-11');
    expect(msg.errors).toBeUndefined();
    const d = msg.data!.dashboardUpdated;
    expect(d).toMatchObject({ meetingsHeld: 1, regularMeetingsHeld: 1, thematicMeetingsThisQuarter: 1, cellsWithoutRegularMeeting: 1, cellsWithoutThematicThisQuarter: 1 });
    expect(d.attendanceRate).toBeCloseTo(0.85);
    expect(d.participationRate).toBeCloseTo(3 / 17);
  });

  it('G-1: a quarter is the calendar quarter: October counts for December, not for September', async () => {
    const admin = city.admin;
    const dec = (await now(admin, tree.city, '2026-12')).data!.dashboardUpdated;
    // A month not yet begun owes no regular meeting (G-1): its cells are flagged only once it has.
    const decemberBegun = monthPeriod(new Date()) >= '2026-12';
    expect(dec).toMatchObject({ regularMeetingsHeld: 0, attendanceRate: null, thematicMeetingsThisQuarter: 1, cellsWithoutRegularMeeting: decemberBegun ? 2 : 0 });
    const sep = (await now(admin, tree.city, '2026-09')).data!.dashboardUpdated;
    expect(sep).toMatchObject({ thematicMeetingsThisQuarter: 0, cellsWithoutThematicThisQuarter: 2 });
  });

  it("a secretary's dashboard covers only their own cell", async () => {
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell });
    const d = (await now(secretary, tree.otherCell, '2026-10')).data!.dashboardUpdated;
    expect(d).toMatchObject({ regularMeetingsHeld: 0, attendanceRate: 1, participationRate: 0, thematicMeetingsThisQuarter: 1, cellsWithoutRegularMeeting: 1, cellsWithoutThematicThisQuarter: 0 });
  });

  it('G-4: recording attendance pushes a live update with the new rate to the ward and the city', async () => {
    const fresh = await stack().createTenant('Đảng bộ thành phố mới');
    const t = await fresh.seedTree();
    await admitMembers(stack(), fresh, t.otherCell, 5);
    const staff = await fresh.user({ role: Role.COMMITTEE_STAFF, scope: t.city });
    const period = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const sub = staff.subscribe(DASHBOARD, { id: t.city, period });
    try {
      const first = await sub.next(10_000);
      expect(first.data!.dashboardUpdated.attendanceRate).toBeNull();
      const r = await staff.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
        i: { cellId: t.otherCell, kind: MeetingKind.EXTRAORDINARY, title: 'Họp bất thường', heldAt: new Date(Date.now() - 60_000).toISOString() },
      });
      const roll = await staff.ok('query($id: ID!, $on: String!) { orgUnit(id: $id) { attendanceRoll(on: $on) { memberId status } } }', {
        id: t.otherCell,
        on: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10),
      });
      const entries = roll.orgUnit.attendanceRoll.map((m: { memberId: string }, i: number) => ({ memberId: m.memberId, status: i < 4 ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT_UNEXCUSED }));
      await staff.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', { i: { meetingId: r.recordMeeting.meeting.id, entries } });
      // Updates are coalesced and may carry other services' changes: wait for the one with the rate.
      const update = await nextWhere(sub, (d) => d.attendanceRate !== null);
      expect(update).toMatchObject({ meetingsHeld: 1, regularMeetingsHeld: 0 });
      expect(update.attendanceRate).toBeCloseTo(4 / 5);
    } finally {
      await sub.close();
    }
  });

  it('G-6: a cell whose meetings are each under 50 % professional can exceed it over the quarter', async () => {
    const fresh = await stack().createTenant('Đảng bộ thành phố G-6');
    const t = await fresh.seedTree();
    const staff = await fresh.user({ role: Role.COMMITTEE_STAFF, scope: t.ward });
    const record = async (heldAt: string, items: [AgendaCategory, number][]) => {
      const r = await staff.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', { i: { cellId: t.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt', heldAt } });
      for (const [category, minutes] of items) {
        await staff.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
          i: { meetingId: r.recordMeeting.meeting.id, category, title: 'Nội dung', plannedMinutes: minutes, actualMinutes: minutes },
        });
      }
      return r.recordMeeting.meeting.id;
    };
    const october = await record('2026-10-03T01:00:00.000Z', [[AgendaCategory.PROFESSIONAL, 60], [AgendaCategory.OTHER, 30]]);
    const november = await record('2026-11-03T01:00:00.000Z', [[AgendaCategory.PROFESSIONAL, 40], [AgendaCategory.IDEOLOGY, 50]]);
    const one = await staff.ok('query($id: ID!) { meeting(id: $id) { contentBalance { professionalShare professionalShareExceeded } } }', { id: november });
    expect(one.meeting.contentBalance.professionalShareExceeded).toBe(false);
    const first = await staff.ok('query($id: ID!) { meeting(id: $id) { contentBalance { professionalShareExceeded } } }', { id: october });
    expect(first.meeting.contentBalance.professionalShareExceeded).toBe(true);
    const q = 'query($id: ID!, $p: String!) { orgUnit(id: $id) { quarterContentBalance(period: $p) { totalMinutes professionalShare professionalShareExceeded } } }';
    const ward = await staff.ok(q, { id: t.ward, p: '2026-12' });
    expect(ward.orgUnit.quarterContentBalance).toMatchObject({ totalMinutes: 180, professionalShareExceeded: true });
    expect(ward.orgUnit.quarterContentBalance.professionalShare).toBeCloseTo(100 / 180);
    const other = await staff.ok(q, { id: t.otherCell, p: '2026-11' });
    expect(other.orgUnit.quarterContentBalance).toMatchObject({ totalMinutes: 0, professionalShare: null, professionalShareExceeded: false });
  });
});

/** The next dashboard message that satisfies `pred` (each message is the whole dashboard as it stands). */
async function nextWhere(sub: { next(t?: number): Promise<{ data?: any }> }, pred: (d: any) => boolean): Promise<any> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const msg = await sub.next(Math.max(1, deadline - Date.now()));
    if (msg.data?.dashboardUpdated && pred(msg.data.dashboardUpdated)) return msg.data.dashboardUpdated;
  }
}
