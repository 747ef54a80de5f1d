import { StatementCounter } from '@chibo/bench';
import { AgendaCategory, AttendanceStatus, MeetingKind, Role, TaskCheckOutcome } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';

const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }';
const ATTEND = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }';
const ITEM = 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }';
const ADOPT = 'mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id tasks { id title } } } }';
const PROGRESS = 'mutation($i: ReportTaskProgressInput!) { reportTaskProgress(input: $i) { progress { id } } }';
const REVIEW = 'mutation($i: ReviewResolutionInput!) { reviewResolution(input: $i) { resolution { status } } }';
const REGISTER = 'mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }';

const FIGURES = `query($id: ID!, $p: String) { dashboard(orgUnitId: $id, period: $p) {
  resolutionsAdopted resolutionsReviewed resolutionsAwaitingReview tasksDone tasksOverdue tasksOpen
  resourcesMobilized { unit target achieved } removalCandidates
} }`;
const DRILL = `query($id: ID!, $p: String) { dashboard(orgUnitId: $id, period: $p) {
  adoptedResolutions { number } unreviewedResolutions { number }
  overdueTasks { title dueOn outcome } doneTasks { title } vnd: resourceTasks(unit: "VND") { title targetValue }
  removalCandidateList { id fullName }
  themeProgress { kind threshold value met explanation } cellsBehindTheme { id name }
} }`;

let card = 0;

/**
 * Issue #6, part B, through the gateway: a ward of two cells with known facts — a resolution
 * reviewed at the next regular meeting and one not, a task overdue, a money target partly
 * raised, a member absent without reason in three months, a yearly theme — and what each
 * figure of the dashboard, and the records behind it, say for a month, a quarter and a year.
 */
describe('dashboard: resolutions, tasks, resources, removal candidates and the yearly theme', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let staff: GatewayClient;
  let secretary: GatewayClient;
  let a: string[];
  let b: string[];

  async function members(cellId: string, names: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const fullName of names) {
      ids.push(
        (
          await city.admin.ok(REGISTER, {
            i: { cellId, fullName, dateOfBirth: '1975-01-01', gender: 'MALE', status: 'OFFICIAL', admittedOn: '2001-01-01', officialOn: '2002-01-01', partyCardNumber: `DFU${process.pid}${Date.now() % 100000}${++card}` },
          })
        ).registerMember.member.id,
      );
    }
    return ids;
  }

  async function meeting(client: GatewayClient, cellId: string, kind: MeetingKind, heldAt: string, attendance: [string, AttendanceStatus][]): Promise<string> {
    const id = (await client.ok(RECORD, { i: { cellId, kind, title: 'Sinh hoạt chi bộ', heldAt } })).recordMeeting.meeting.id;
    await client.ok(ATTEND, { i: { meetingId: id, chairMemberId: attendance[0]![0], entries: attendance.map(([memberId, status]) => ({ memberId, status, reason: status === AttendanceStatus.ABSENT_EXCUSED ? 'Ốm' : null })) } });
    return id;
  }

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ theo dõi bảng tổng hợp');
    tree = await city.seedTree();
    a = await members(tree.cell, ['Trần Văn An', 'Lê Thị Bình', 'Phạm Văn Cường', 'Hoàng Thị Dung', 'Võ Văn Em']);
    b = await members(tree.otherCell, ['Ngô Văn Giang', 'Đỗ Thị Hà', 'Bùi Văn Khánh']);
    await stack().settle();
    staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const otherSecretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell });
    const all = (ids: string[], except?: string) => ids.map((id): [string, AttendanceStatus] => [id, id === except ? AttendanceStatus.ABSENT_UNEXCUSED : AttendanceStatus.PRESENT]);

    // Võ Văn Em misses January's, March's and May's meetings without reason (G-10): a removal candidate from May on.
    for (const heldAt of ['2026-01-03T01:00:00.000Z', '2026-03-03T01:00:00.000Z', '2026-05-03T01:00:00.000Z']) {
      await meeting(secretary, tree.cell, MeetingKind.REGULAR, heldAt, all(a, a[4]));
    }
    // September: two resolutions. 01 raises money (100 million, 60 million by the end of September, 10 more in October)
    // and holds a talk; 02 cleans the alley.
    const sept = await meeting(secretary, tree.cell, MeetingKind.REGULAR, '2026-09-03T01:00:00.000Z', all(a));
    const r1 = (
      await secretary.ok(ADOPT, {
        i: {
          meetingId: sept, number: '01-NQ/CB', text: 'Xây dựng tuyến phố văn minh', votesFor: 5, votesAgainst: 0, votesAbstain: 0,
          tasks: [
            { title: 'Vận động nhân dân đóng góp kinh phí', ownerGroup: 'Chi ủy', dueOn: '2026-09-25', targetValue: 100_000_000, targetUnit: 'VND' },
            { title: 'Tổ chức buổi tuyên truyền', ownerMemberId: a[1], dueOn: '2026-09-20' },
          ],
        },
      })
    ).adoptResolution.resolution;
    await secretary.ok(ADOPT, {
      i: { meetingId: sept, number: '02-NQ/CB', text: 'Tổng vệ sinh ngõ xóm', votesFor: 5, votesAgainst: 0, votesAbstain: 0, tasks: [{ title: 'Tổng vệ sinh ngõ 12', ownerGroup: 'Tổ 3', dueOn: '2026-09-30' }] },
    });
    await secretary.ok(PROGRESS, { i: { taskId: r1.tasks[0].id, reportedOn: '2026-09-20', amount: 60_000_000, note: 'Các hộ tổ 3' } });
    await secretary.ok(PROGRESS, { i: { taskId: r1.tasks[0].id, reportedOn: '2026-10-05', amount: 10_000_000, note: 'Gia đình ông Hùng' } });
    // October's regular meeting reviews 01 (the talk done, the money still being raised) and forgets 02 (G-9).
    const oct = await meeting(secretary, tree.cell, MeetingKind.REGULAR, '2026-10-03T01:00:00.000Z', all(a));
    const review = (await secretary.ok(ITEM, { i: { meetingId: oct, category: AgendaCategory.RESOLUTION_REVIEW, title: 'Kiểm điểm nghị quyết tháng 9', presenterMemberId: a[0], plannedMinutes: 20, actualMinutes: 20 } })).addAgendaItem.agendaItem.id;
    await secretary.ok(REVIEW, {
      i: { resolutionId: r1.id, meetingId: oct, agendaItemId: review, checks: [{ taskId: r1.tasks[0].id, outcome: TaskCheckOutcome.IN_PROGRESS }, { taskId: r1.tasks[1].id, outcome: TaskCheckOutcome.COMPLETED }] },
    });
    // The other cell: a thematic meeting every quarter, and a resolution due next year.
    for (const heldAt of ['2026-02-15T01:00:00.000Z', '2026-05-15T01:00:00.000Z', '2026-08-15T01:00:00.000Z']) await meeting(otherSecretary, tree.otherCell, MeetingKind.THEMATIC, heldAt, all(b));
    const septB = await meeting(otherSecretary, tree.otherCell, MeetingKind.REGULAR, '2026-09-04T01:00:00.000Z', all(b));
    await otherSecretary.ok(ADOPT, {
      i: { meetingId: septB, number: '01-NQ/CB', text: 'Phát triển đảng viên mới', votesFor: 3, votesAgainst: 0, votesAbstain: 0, tasks: [{ title: 'Giới thiệu quần chúng ưu tú', ownerGroup: 'Chi ủy', dueOn: '2027-06-30' }] },
    });
    await city.admin.ok('mutation($i: SetYearlyThemeInput!) { setYearlyTheme(input: $i) { year } }', {
      i: { year: 2026, title: 'Nâng cao chất lượng sinh hoạt chi bộ', targets: [{ kind: 'CELLS_WITH_THEMATIC_EVERY_QUARTER', threshold: 0.9 }, { kind: 'RESOLUTIONS_REVIEWED', threshold: 1 }] },
    });
  }, 180_000);

  it('G-8/G-9 for September: two of three resolutions due for review, one reviewed, one forgotten; one task done, two overdue; 60 of 100 million raised', async () => {
    const ward = (await staff.ok(FIGURES, { id: tree.ward, p: '2026-09' })).dashboard;
    expect(ward).toEqual({
      resolutionsAdopted: 3,
      resolutionsReviewed: 1,
      resolutionsAwaitingReview: 1,
      tasksDone: 1,
      tasksOverdue: 2,
      tasksOpen: 0,
      resourcesMobilized: [{ unit: 'VND', target: 100_000_000, achieved: 60_000_000 }],
      removalCandidates: 1,
    });
    const d = (await staff.ok(DRILL, { id: tree.ward, p: '2026-09' })).dashboard;
    expect(d.adoptedResolutions.map((r: { number: string }) => r.number).sort()).toEqual(['01-NQ/CB', '01-NQ/CB', '02-NQ/CB']);
    expect(d.unreviewedResolutions).toEqual([{ number: '02-NQ/CB' }]);
    expect(d.overdueTasks).toEqual([
      { title: 'Vận động nhân dân đóng góp kinh phí', dueOn: '2026-09-25', outcome: 'IN_PROGRESS' },
      { title: 'Tổng vệ sinh ngõ 12', dueOn: '2026-09-30', outcome: null },
    ]);
    expect(d.doneTasks).toEqual([{ title: 'Tổ chức buổi tuyên truyền' }]);
    expect(d.vnd).toEqual([{ title: 'Vận động nhân dân đóng góp kinh phí', targetValue: 100_000_000 }]);
  });

  it('October: no new resolution; the two overdue tasks carry over, and October’s 10 million counts', async () => {
    const ward = (await staff.ok(FIGURES, { id: tree.ward, p: '2026-10' })).dashboard;
    expect(ward).toMatchObject({ resolutionsAdopted: 0, resolutionsReviewed: 0, resolutionsAwaitingReview: 0, tasksDone: 0, tasksOverdue: 2, tasksOpen: 0, resourcesMobilized: [{ unit: 'VND', target: 100_000_000, achieved: 70_000_000 }] });
  });

  it('a committee’s figures are its cells’ added up', async () => {
    const [ward, cellA, cellB] = await Promise.all([tree.ward, tree.cell, tree.otherCell].map(async (id) => (await staff.ok(FIGURES, { id, p: '2026-09' })).dashboard));
    expect(cellA).toEqual({ ...ward, resolutionsAdopted: 2 });
    expect(cellB).toEqual({ resolutionsAdopted: 1, resolutionsReviewed: 0, resolutionsAwaitingReview: 0, tasksDone: 0, tasksOverdue: 0, tasksOpen: 0, resourcesMobilized: [], removalCandidates: 0 });
  });

  it('a quarter, a year and a term sum their months: the same September facts, October’s money, the task due next year', async () => {
    const figures = async (p: string) => (await staff.ok(FIGURES, { id: tree.ward, p })).dashboard;
    const september = await figures('2026-09');
    expect(await figures('2026-Q3')).toEqual(september);
    // The year holds October's 10 million too; the other cell's task is due in 2027, outside it.
    expect(await figures('2026')).toEqual({ ...september, resourcesMobilized: [{ unit: 'VND', target: 100_000_000, achieved: 70_000_000 }] });
    // The fourth quarter adopted nothing; the two tasks still open carry over as overdue.
    expect(await figures('2026-Q4')).toMatchObject({ resolutionsAdopted: 0, tasksDone: 0, tasksOverdue: 2, removalCandidates: 1 });
    // The term takes the 2027 task as well (open or overdue, depending on today).
    const term = await figures('2025-2030');
    expect([term.resolutionsAdopted, term.tasksDone, term.tasksOverdue + term.tasksOpen]).toEqual([3, 1, 3]);
    expect((await staff.execute(FIGURES, { id: tree.ward, p: '2026-Q5' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });

  it('G-10: removal candidates as of the period’s end — not yet in April (two months), from May on (three)', async () => {
    const count = async (p: string) => (await staff.ok(FIGURES, { id: tree.ward, p })).dashboard.removalCandidates;
    expect(await count('2026-04')).toBe(0);
    expect(await count('2026-05')).toBe(1);
    const d = (await staff.ok(DRILL, { id: tree.ward, p: '2026-09' })).dashboard;
    expect(d.removalCandidateList).toEqual([{ id: a[4], fullName: 'Võ Văn Em' }]);
  });

  it('G-10: the names only for those who act on the roll; a member and an integrator see null, not an error', async () => {
    const q = `query($id: ID!) { dashboard(orgUnitId: $id, period: "2026-09") { resolutionsAdopted removalCandidates removalCandidateList { id fullName } } }`;
    expect((await secretary.ok(q, { id: tree.cell })).dashboard).toEqual({ resolutionsAdopted: 2, removalCandidates: 1, removalCandidateList: [{ id: a[4], fullName: 'Võ Văn Em' }] });
    expect((await city.admin.ok(q, { id: tree.cell })).dashboard.removalCandidates).toBe(1);
    const member = await city.user({ role: Role.MEMBER, scope: tree.cell, memberId: a[0] });
    expect((await member.ok(q, { id: tree.cell })).dashboard).toEqual({ resolutionsAdopted: 2, removalCandidates: null, removalCandidateList: null });
    const integrator = await city.user({ role: Role.INTEGRATOR, scopes: ['meetings:read', 'membership:read'] });
    expect((await integrator.ok(q, { id: tree.cell })).dashboard).toMatchObject({ removalCandidates: null, removalCandidateList: null });
    // Another cell's secretary cannot open this cell's dashboard at all.
    const other = await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell });
    expect((await other.execute(q, { id: tree.cell })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('G-12: the theme’s progress up to the end of September, and the cell behind it', async () => {
    const d = (await staff.ok(DRILL, { id: tree.ward, p: '2026-09' })).dashboard;
    expect(d.themeProgress).toEqual([
      { kind: 'CELLS_WITH_THEMATIC_EVERY_QUARTER', threshold: 0.9, value: 0.5, met: false, explanation: '1/2 chi bộ sinh hoạt chuyên đề đủ các quý (50%); chỉ tiêu ≥ 90%' },
      { kind: 'RESOLUTIONS_REVIEWED', threshold: 1, value: 0.5, met: false, explanation: '1/2 nghị quyết được kiểm điểm việc thực hiện (50%); chỉ tiêu ≥ 100%' },
    ]);
    expect(d.cellsBehindTheme).toEqual([{ id: tree.cell, name: expect.any(String) }]);
    // The other cell alone: a thematic meeting every quarter so far, no resolution due yet — on track.
    const own = (await staff.ok(DRILL, { id: tree.otherCell, p: '2026-09' })).dashboard;
    expect(own.themeProgress.map((t: { value: number | null; met: boolean }) => [t.value, t.met])).toEqual([[1, true], [null, false]]);
    expect(own.cellsBehindTheme).toEqual([]);
  });

  it('drill-downs stop at `first`', async () => {
    const d = (await staff.ok('query($id: ID!) { dashboard(orgUnitId: $id, period: "2026-09") { adoptedResolutions(first: 1) { number } overdueTasks(first: 1) { title } } }', { id: tree.ward })).dashboard;
    expect([d.adoptedResolutions.length, d.overdueTasks]).toEqual([1, [{ title: 'Vận động nhân dân đóng góp kinh phí' }]]);
    const big = await staff.execute('query($id: ID!) { dashboard(orgUnitId: $id, period: "2026-09") { doneTasks(first: 101) { id } } }', { id: tree.ward });
    expect(['BAD_USER_INPUT', 'LIMIT_EXCEEDED']).toContain(big.errors?.[0].extensions?.code);
  });

  it('costs the same SQL statements for one cell as for the whole city: nothing is done once per cell or per record', async () => {
    const all = `query($id: ID!) { dashboard(orgUnitId: $id, period: "2026-09") {
      resolutionsAdopted resolutionsReviewed resolutionsAwaitingReview tasksDone tasksOverdue tasksOpen resourcesMobilized { unit target achieved } removalCandidates themeProgress { kind value }
      adoptedResolutions { id } unreviewedResolutions { id } overdueTasks { id } doneTasks { id } resourceTasks(unit: "VND") { id } removalCandidateList { id } cellsBehindTheme { id }
    } }`;
    await city.admin.ok(all, { id: tree.city }); // warm caches and plans
    for (const s of Object.values(stack().services)) {
      await s.relay.stop();
      await s.webhooks?.stop();
    }
    const counter = StatementCounter.install();
    try {
      // The request itself (authentication, budget, the unit's scope check) without any of these figures.
      const bare = await counter.measure(() => city.admin.ok('query($id: ID!) { dashboard(orgUnitId: $id, period: "2026-09") { period } }', { id: tree.city }));
      const cell = await counter.measure(() => city.admin.ok(all, { id: tree.cell }));
      const whole = await counter.measure(() => city.admin.ok(all, { id: tree.city }));
      expect(whole.result.dashboard.adoptedResolutions).toHaveLength(3);
      expect(cell.result.dashboard.adoptedResolutions).toHaveLength(2);
      expect(whole.statements).toBe(cell.statements);
      // Three figure sets (each computed once, not once per field) and five drill-downs, each a short
      // transaction, and membership naming the candidates: 39 today; once per field it was 118.
      expect(whole.statements - bare.statements).toBeLessThanOrEqual(45);
    } finally {
      counter.restore();
      for (const s of Object.values(stack().services)) {
        await s.relay.start();
        s.webhooks?.start();
      }
    }
  });

  // Last: it adds a September resolution the tests above do not expect.
  it('live: a resolution adopted at a September meeting reaches the ward’s September dashboard, with the removal figure still gated per viewer', async () => {
    const LIVE = 'subscription($id: ID!) { dashboardUpdated(orgUnitId: $id, period: "2026-09") { resolutionsAdopted tasksOpen removalCandidates } }';
    const sub = staff.subscribe(LIVE, { id: tree.ward });
    const member = await city.user({ role: Role.MEMBER, scope: tree.cell, memberId: a[0] });
    const own = member.subscribe(LIVE, { id: tree.cell });
    try {
      const first = (await sub.next(10_000)).data!.dashboardUpdated;
      expect(first).toEqual({ resolutionsAdopted: 3, tasksOpen: 0, removalCandidates: 1 });
      expect((await own.next(10_000)).data!.dashboardUpdated).toEqual({ resolutionsAdopted: 2, tasksOpen: 0, removalCandidates: null });
      const meetingId = (await secretary.ok(RECORD, { i: { cellId: tree.cell, kind: MeetingKind.EXTRAORDINARY, title: 'Sinh hoạt bất thường', heldAt: '2026-09-20T01:00:00.000Z' } })).recordMeeting.meeting.id;
      await secretary.ok(ATTEND, { i: { meetingId, chairMemberId: a[0], entries: a.map((memberId) => ({ memberId, status: AttendanceStatus.PRESENT })) } });
      await secretary.ok(ADOPT, { i: { meetingId, number: '03-NQ/CB', text: 'Phòng chống bão lụt', votesFor: 5, votesAgainst: 0, votesAbstain: 0, tasks: [{ title: 'Kiểm tra nhà yếu', ownerGroup: 'Chi ủy', dueOn: '2026-09-30' }] } });
      let last = first;
      while (last.resolutionsAdopted !== 4) last = (await sub.next(15_000)).data!.dashboardUpdated;
      expect(last).toEqual({ resolutionsAdopted: 4, tasksOpen: 0, removalCandidates: 1 });
      let mine = { resolutionsAdopted: 2, removalCandidates: null as number | null };
      while (mine.resolutionsAdopted !== 3) mine = (await own.next(15_000)).data!.dashboardUpdated;
      expect(mine.removalCandidates).toBeNull();
    } finally {
      await sub.close();
      await own.close();
    }
  });
});
