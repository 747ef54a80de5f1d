import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, OrgUnitKind, Role } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';
import { admitMembers } from './helpers';

const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }';
const ITEM = 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }';
const ATTEND = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }';
const SPEAK = 'mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }';
const DISSEMINATE = 'mutation($i: RecordDisseminationInput!) { recordDissemination(input: $i) { meeting { id } } }';
const DOCS = `query($id: ID!) { orgUnit(id: $id) { higherDocuments { number disseminateBy orgUnit { id }
  dissemination { overdue pending { id } done { cell { id } meeting { id } disseminatedOn } } } } }`;

/** G-9 rolled up, per-meeting flags, G-11 documents passed on, G-12 the yearly theme — through the gateway. */
describe('follow-up, flags, documents and the yearly theme over a ward', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let staff: GatewayClient;
  let secretary: GatewayClient;
  let otherSecretary: GatewayClient;
  let a: string[];
  let b: string[];
  let septA: string;
  let septB: string;
  let documentId: string;

  async function meeting(client: GatewayClient, cellId: string, heldAt: string, members: string[], o: { present?: number; items: [AgendaCategory, number][]; speakers?: string[] }) {
    const id = (await client.ok(RECORD, { i: { cellId, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ', heldAt } })).recordMeeting.meeting.id;
    const items: string[] = [];
    for (const [category, minutes] of o.items) items.push((await client.ok(ITEM, { i: { meetingId: id, category, title: category, presenterMemberId: members[0], plannedMinutes: minutes, actualMinutes: minutes } })).addAgendaItem.agendaItem.id);
    const present = o.present ?? members.length;
    await client.ok(ATTEND, {
      i: { meetingId: id, chairMemberId: members[0], entries: members.map((memberId, i) => ({ memberId, status: i < present ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT_UNEXCUSED })) },
    });
    if (o.speakers?.length) await client.ok(SPEAK, { i: { meetingId: id, contributions: o.speakers.map((memberId) => ({ memberId, agendaItemId: items[0], kind: ContributionKind.OPINION })) } });
    return { id, items };
  }

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ theo dõi nghị quyết');
    tree = await city.seedTree();
    a = await admitMembers(stack(), city, tree.cell, 5);
    b = await admitMembers(stack(), city, tree.otherCell, 5);
    staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    otherSecretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell });

    documentId = (
      await staff.ok('mutation($i: RegisterHigherDocumentInput!) { registerHigherDocument(input: $i) { id } }', {
        i: { orgUnitId: tree.ward, kind: 'DIRECTIVE', number: '35-CT/TW', title: 'Về đại hội đảng bộ các cấp', issuer: 'Ban Chấp hành Trung ương', issuedOn: '2026-06-14', disseminateBy: '2026-10-31' },
      })
    ).registerHigherDocument.id;

    // Cell A, September: 60 of 80 minutes professional, only the chair spoke; it passes the directive on.
    const sept = await meeting(secretary, tree.cell, '2026-09-03T01:00:00.000Z', a, { items: [[AgendaCategory.PROFESSIONAL, 60], [AgendaCategory.DISSEMINATION, 20]], speakers: [a[0]] });
    septA = sept.id;
    await secretary.ok(DISSEMINATE, { i: { meetingId: septA, agendaItemId: sept.items[1], documentIds: [documentId] } });
    await secretary.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id } } }', {
      i: {
        meetingId: septA, number: '05-NQ/CB', text: 'Xây dựng tuyến phố văn minh kiểu mẫu', votesFor: 5, votesAgainst: 0, votesAbstain: 0,
        tasks: [{ title: 'Vận động nhân dân đóng góp kinh phí', ownerGroup: 'Chi ủy', dueOn: '2026-10-15', targetValue: 100_000_000, targetUnit: 'VND' }],
      },
    });
    const task = (await secretary.ok('query($id: ID!) { meeting(id: $id) { resolutions { tasks { id } } } }', { id: septA })).meeting.resolutions[0].tasks[0].id;
    await secretary.ok('mutation($i: ReportTaskProgressInput!) { reportTaskProgress(input: $i) { progress { id } } }', { i: { taskId: task, reportedOn: '2026-09-20', amount: 35_000_000, note: 'Gia đình ông Hùng' } });
    // October's regular meeting came and went without reviewing it (G-9).
    await meeting(secretary, tree.cell, '2026-10-03T01:00:00.000Z', a, { items: [[AgendaCategory.PARTY_BUILDING, 90]], speakers: [a[1], a[2]] });
    // Cell B, September: party building, several speakers, but only 3 of 5 came.
    septB = (await meeting(otherSecretary, tree.otherCell, '2026-09-04T01:00:00.000Z', b, { present: 3, items: [[AgendaCategory.PARTY_BUILDING, 90]], speakers: [b[1], b[2]] })).id;
  }, 120_000);

  it('G-9: the ward sees the resolution not reviewed at the next meeting, the overdue task and what was mobilised', async () => {
    const r = await staff.ok(
      'query($id: ID!) { orgUnit(id: $id) { resolutionFollowUp(year: 2026) { resolutions reviewed notReviewed reviewedShare tasks tasksOverdue mobilized { unit target achieved } notReviewedResolutions { number } overdueTasks { title } } } }',
      { id: tree.ward },
    );
    expect(r.orgUnit.resolutionFollowUp).toEqual({
      resolutions: 1,
      reviewed: 0,
      notReviewed: 1,
      reviewedShare: 0,
      tasks: 1,
      tasksOverdue: 1,
      mobilized: [{ unit: 'VND', target: 100_000_000, achieved: 35_000_000 }],
      notReviewedResolutions: [{ number: '05-NQ/CB' }],
      overdueTasks: [{ title: 'Vận động nhân dân đóng góp kinh phí' }],
    });
    // The other cell's subtree has nothing to follow up.
    const other = await staff.ok('query($id: ID!) { orgUnit(id: $id) { resolutionFollowUp(year: 2026) { resolutions notReviewed } } }', { id: tree.otherCell });
    expect(other.orgUnit.resolutionFollowUp).toEqual({ resolutions: 0, notReviewed: 0 });
  });

  it("G-4/G-5/G-6: a month's flagged meetings, by the tenant's thresholds", async () => {
    const q = 'query($id: ID!, $p: String!) { orgUnit(id: $id) { meetingFlags(period: $p) { onlyChairSpoke { id } professionalShareExceeded { id } lowAttendance { id } } } }';
    const sept = await staff.ok(q, { id: tree.ward, p: '2026-09' });
    expect(sept.orgUnit.meetingFlags).toEqual({ onlyChairSpoke: [{ id: septA }], professionalShareExceeded: [{ id: septA }], lowAttendance: [{ id: septB }] });
    // A tenant that tolerates 80 % professional content and 60 % attendance flags neither.
    await city.admin.ok('mutation($i: SetMeetingRuleSetInput!) { setMeetingRuleSet(input: $i) { ruleSet { version } } }', {
      i: { effectiveFrom: '2026-01-01', regularMeetingDay: 3, sundayRule: 'KEEP', thematicMeetingDay: 15, attendanceRateMin: 0.6, professionalShareMax: 0.8, unexcusedMonthsForRemoval: 3, excusedStreakMax: 3 },
    });
    const relaxed = await staff.ok(q, { id: tree.ward, p: '2026-09' });
    expect(relaxed.orgUnit.meetingFlags).toEqual({ onlyChairSpoke: [{ id: septA }], professionalShareExceeded: [], lowAttendance: [] });
  });

  it('G-11: which cells passed the directive on, at which meeting; each secretary sees only their own cell', async () => {
    const seen = await staff.ok(DOCS, { id: tree.ward });
    expect(seen.orgUnit.higherDocuments).toEqual([
      { number: '35-CT/TW', disseminateBy: '2026-10-31', orgUnit: { id: tree.ward }, dissemination: { overdue: true, pending: [{ id: tree.otherCell }], done: [{ cell: { id: tree.cell }, meeting: { id: septA }, disseminatedOn: '2026-09-03' }] } },
    ]);
    const items = await secretary.ok('query($id: ID!) { meeting(id: $id) { agenda { category documents { number issuer } } } }', { id: septA });
    expect(items.meeting.agenda.map((i: { category: string; documents: unknown[] }) => [i.category, i.documents])).toEqual([
      ['PROFESSIONAL', []],
      ['DISSEMINATION', [{ number: '35-CT/TW', issuer: 'Ban Chấp hành Trung ương' }]],
    ]);
    const own = await otherSecretary.ok(DOCS, { id: tree.otherCell });
    expect(own.orgUnit.higherDocuments[0].dissemination).toEqual({ overdue: true, pending: [{ id: tree.otherCell }], done: [] });
    // Only under a DISSEMINATION item (G-3), and only documents meant for the cell.
    const item = (await otherSecretary.ok('query($id: ID!) { meeting(id: $id) { agenda { id } } }', { id: septB })).meeting.agenda[0].id;
    const wrongItem = await otherSecretary.execute(DISSEMINATE, { i: { meetingId: septB, agendaItemId: item, documentIds: [documentId] } });
    expect(wrongItem.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'G-3' });
    const otherWard = await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Bắc Hà');
    await stack().settle();
    const foreign = (
      await city.admin.ok('mutation($i: RegisterHigherDocumentInput!) { registerHigherDocument(input: $i) { id } }', {
        i: { orgUnitId: otherWard, kind: 'PLAN', number: '12-KH/ĐU', title: 'Kế hoạch riêng của phường khác', issuer: 'Đảng ủy phường Bắc Hà', issuedOn: '2026-08-01', disseminateBy: '2026-12-31' },
      })
    ).registerHigherDocument.id;
    const sept = (await secretary.ok('query($id: ID!) { meeting(id: $id) { agenda { id category } } }', { id: septA })).meeting.agenda.find((i: { category: string }) => i.category === 'DISSEMINATION').id;
    const notOurs = await secretary.execute(DISSEMINATE, { i: { meetingId: septA, agendaItemId: sept, documentIds: [foreign] } });
    expect(notOurs.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await secretary.execute('mutation($i: RegisterHigherDocumentInput!) { registerHigherDocument(input: $i) { id } }', {
      i: { orgUnitId: tree.cell, kind: 'PLAN', number: '1-KH', title: 'x', issuer: 'x', issuedOn: '2026-08-01', disseminateBy: '2026-12-31' },
    })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('G-1: cells with no thematic meeting all term', async () => {
    const r = await staff.ok('query($id: ID!) { orgUnit(id: $id) { cellsWithoutThematicMeetingSince(since: "2025-10-01") { id } } }', { id: tree.ward });
    expect(r.orgUnit.cellsWithoutThematicMeetingSince.map((c: { id: string }) => c.id).sort()).toEqual([tree.cell, tree.otherCell].sort());
  });

  it("G-12: the theme's targets with progress computed from the records", async () => {
    await city.admin.ok('mutation($i: SetYearlyThemeInput!) { setYearlyTheme(input: $i) { year } }', {
      i: {
        year: 2026,
        title: 'Tạo bước đột phá về công tác cán bộ; nâng cao chất lượng sinh hoạt chi bộ; tăng cường công tác kiểm tra, giám sát, kỷ luật Đảng',
        targets: [{ kind: 'CELLS_WITH_THEMATIC_EVERY_QUARTER', threshold: 0.9 }, { kind: 'RESOLUTIONS_REVIEWED', threshold: 1 }],
      },
    });
    expect((await staff.execute('mutation($i: SetYearlyThemeInput!) { setYearlyTheme(input: $i) { year } }', { i: { year: 2026, title: 'x', targets: [] } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const r = await staff.ok('query($id: ID!) { orgUnit(id: $id) { yearlyTheme(year: 2026) { title targets { kind threshold value met explanation } } } }', { id: tree.ward });
    expect(r.orgUnit.yearlyTheme.title).toMatch(/^Tạo bước đột phá/);
    expect(r.orgUnit.yearlyTheme.targets).toEqual([
      { kind: 'CELLS_WITH_THEMATIC_EVERY_QUARTER', threshold: 0.9, value: 0, met: false, explanation: '0/2 chi bộ sinh hoạt chuyên đề đủ các quý (0%); chỉ tiêu ≥ 90%' },
      { kind: 'RESOLUTIONS_REVIEWED', threshold: 1, value: 0, met: false, explanation: '0/1 nghị quyết được kiểm điểm việc thực hiện (0%); chỉ tiêu ≥ 100%' },
    ]);
  });
});
