import { AgendaCategory, AttendanceStatus, MeetingKind, Role, TaskCheckOutcome } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';
import { admitMembers } from './helpers';

const RESOLUTION = `query($id: ID!) { resolution(id: $id) {
  number status notReviewed reviewMeetingId
  tasks { title targetValue targetUnit achieved achievedShare overdue outcome progress { amount note } }
} }`;

/**
 * G-8, G-9 through the gateway: chi bộ tổ dân phố 3's model-street resolution, the
 * contributions as they come in, and its review at the next regular meeting.
 */
describe('resolutions and their follow-up (G-8, G-9)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let members: string[];
  let secretary: GatewayClient;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    members = await admitMembers(stack(), city, tree.cell, 10);
    secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
  }, 60_000);

  async function held(heldAt: string, review = false): Promise<{ meetingId: string; reviewItem?: string }> {
    const r = await secretary.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ', heldAt },
    });
    const meetingId = r.recordMeeting.meeting.id;
    await secretary.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: { meetingId, entries: members.map((memberId) => ({ memberId, status: AttendanceStatus.PRESENT })) },
    });
    if (!review) return { meetingId };
    const a = await secretary.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
      i: { meetingId, category: AgendaCategory.RESOLUTION_REVIEW, title: 'Kiểm điểm Nghị quyết 05-NQ/CB', plannedMinutes: 20, actualMinutes: 25 },
    });
    return { meetingId, reviewItem: a.addAgendaItem.agendaItem.id };
  }

  it('G-8/G-9: the model street: 100,000,000 VND raised as contributions arrive, reviewed at the next meeting', async () => {
    const september = await held('2026-09-03T01:00:00.000Z');
    const adopted = await secretary.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id status adoptedOn } } }', {
      i: {
        meetingId: september.meetingId,
        number: '05-NQ/CB',
        text: 'Xây dựng tuyến phố văn minh kiểu mẫu tổ dân phố 3',
        votesFor: 10,
        votesAgainst: 0,
        votesAbstain: 0,
        tasks: [
          { title: 'Vận động nhân dân đóng góp kinh phí', ownerGroup: 'Chi ủy và Ban công tác Mặt trận', dueOn: '2026-10-31', targetValue: 100_000_000, targetUnit: 'VND' },
          { title: 'Lắp 40 bóng đèn chiếu sáng', ownerMemberId: members[1], dueOn: '2026-11-15', targetValue: 40, targetUnit: 'bóng' },
        ],
      },
    });
    const resolutionId = adopted.adoptResolution.resolution.id;
    expect(adopted.adoptResolution.resolution).toMatchObject({ status: 'ADOPTED', adoptedOn: '2026-09-03' });

    const before = await secretary.ok(RESOLUTION, { id: resolutionId });
    const [money, lamps] = before.resolution.tasks;
    const taskIds = await secretary.ok('query($id: ID!) { resolution(id: $id) { tasks { id } } }', { id: resolutionId });
    const [moneyId, lampsId] = taskIds.resolution.tasks.map((t: { id: string }) => t.id);
    expect(money).toMatchObject({ targetValue: 100_000_000, targetUnit: 'VND', achieved: 0 });
    for (const [amount, note] of [
      [35_000_000, 'Gia đình ông Trần Văn Hùng'],
      [50_000_000, 'Các hộ dân tổ 3'],
      [18_500_000, 'Doanh nghiệp trên địa bàn'],
    ] as const) {
      await secretary.ok('mutation($i: ReportTaskProgressInput!) { reportTaskProgress(input: $i) { progress { id } } }', { i: { taskId: moneyId, reportedOn: '2026-09-20', amount, note } });
    }
    await secretary.ok('mutation($i: ReportTaskProgressInput!) { reportTaskProgress(input: $i) { progress { id } } }', { i: { taskId: lampsId, reportedOn: '2026-09-25', amount: 25, note: 'Đã lắp 25 bóng' } });

    const october = await held('2026-10-03T01:00:00.000Z', true);
    const pending = (await secretary.ok(RESOLUTION, { id: resolutionId })).resolution;
    expect(pending).toMatchObject({ status: 'IN_PROGRESS', notReviewed: true });
    expect(pending.tasks[0]).toMatchObject({ achieved: 103_500_000, achievedShare: 1.035 });
    expect(pending.tasks[0].progress.map((p: { note: string }) => p.note)).toContain('Gia đình ông Trần Văn Hùng');
    expect(lamps.overdue).toBe(true);

    const reviewed = await secretary.ok('mutation($i: ReviewResolutionInput!) { reviewResolution(input: $i) { resolution { status reviewMeetingId } } }', {
      i: {
        resolutionId,
        meetingId: october.meetingId,
        agendaItemId: october.reviewItem,
        checks: [
          { taskId: moneyId, outcome: TaskCheckOutcome.COMPLETED, note: 'Vượt chỉ tiêu' },
          { taskId: lampsId, outcome: TaskCheckOutcome.IN_PROGRESS },
        ],
      },
    });
    expect(reviewed.reviewResolution.resolution).toEqual({ status: 'IN_PROGRESS', reviewMeetingId: october.meetingId });
    const after = (await secretary.ok(RESOLUTION, { id: resolutionId })).resolution;
    expect(after.notReviewed).toBe(false);
    expect(after.tasks.map((t: { outcome: string; overdue: boolean }) => [t.outcome, t.overdue])).toEqual([
      ['COMPLETED', false],
      ['IN_PROGRESS', true],
    ]);
    const onMeeting = await secretary.ok('query($id: ID!) { meeting(id: $id) { resolutions { number } } }', { id: september.meetingId });
    expect(onMeeting.meeting.resolutions).toEqual([{ number: '05-NQ/CB' }]);
  });

  it('G-8: a vote without a majority is refused and nothing is recorded', async () => {
    const m = await held('2026-08-03T01:00:00.000Z');
    const res = await secretary.execute('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id } } }', {
      i: { meetingId: m.meetingId, number: '04-NQ/CB', text: 'x', votesFor: 5, votesAgainst: 5, votesAbstain: 0, tasks: [{ title: 'x', ownerGroup: 'Chi ủy', dueOn: '2026-12-01' }] },
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'G-8' });
    const seen = await secretary.ok('query($id: ID!) { meeting(id: $id) { resolutions { id } } }', { id: m.meetingId });
    expect(seen.meeting.resolutions).toEqual([]);
  });

  it("T-1: another tenant reads and changes nothing of this tenant's resolutions; members only read", async () => {
    const m = await held('2026-07-03T01:00:00.000Z');
    const a = await secretary.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id } } }', {
      i: { meetingId: m.meetingId, number: '03-NQ/CB', text: 'Nghị quyết tháng 7', votesFor: 10, votesAgainst: 0, votesAbstain: 0, tasks: [{ title: 'Dọn vệ sinh', ownerGroup: 'Tổ 1', dueOn: '2026-07-31' }] },
    });
    const id = a.adoptResolution.resolution.id;
    const { resolution } = await secretary.ok('query($id: ID!) { resolution(id: $id) { tasks { id } } }', { id });
    const taskId = resolution.tasks[0].id;
    const other = await stack().createTenant('Đảng bộ thành phố khác');
    const probes: [string, Record<string, unknown>][] = [
      [RESOLUTION, { id }],
      ['mutation($i: ReportTaskProgressInput!) { reportTaskProgress(input: $i) { progress { id } } }', { i: { taskId, reportedOn: '2026-07-10', note: 'Giả mạo' } }],
      ['mutation($i: ReviewResolutionInput!) { reviewResolution(input: $i) { resolution { id } } }', { i: { resolutionId: id, meetingId: m.meetingId, agendaItemId: taskId, checks: [] } }],
    ];
    for (const [query, variables] of probes) {
      const res = await other.admin.execute(query, variables);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const member = await city.user({ role: Role.MEMBER, scope: tree.cell });
    expect((await member.ok(RESOLUTION, { id })).resolution.number).toBe('03-NQ/CB');
    expect((await member.execute(probes[1][0], probes[1][1])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await secretary.ok(RESOLUTION, { id })).resolution.tasks[0].progress).toEqual([]);
  });
});
