import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, OrgUnitKind, Role } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';
import { admitMembers } from './helpers';

const SCORE = 'mutation($i: ScoreMeetingInput!) { scoreMeeting(input: $i) { meeting { qualityScore { rubricVersion totalPoints level items { key points explanation } } } } }';
const ADJUST = 'mutation($i: AdjustMeetingScoreInput!) { adjustMeetingScore(input: $i) { meeting { qualityScore { computedPoints adjustment adjustmentReason totalPoints level } } } }';
const RUBRIC = 'mutation($i: SetQualityRubricInput!) { setQualityRubric(input: $i) { rubric { version effectiveFrom } } }';

/** G-7 through the gateway: committee staff score and adjust; a new rubric does not rescore older meetings. */
describe('meeting quality scores (G-7)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let members: string[];
  let secretary: GatewayClient;
  let staff: GatewayClient;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    members = await admitMembers(stack(), city, tree.cell, 20);
    secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
  }, 60_000);

  /** A recorded meeting: 90 minutes of agenda with a resolution review, 18 of 20 present (90 %), 6 speakers besides the chair. */
  async function recorded(heldAt: string): Promise<string> {
    const r = await secretary.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ', heldAt },
    });
    const meetingId = r.recordMeeting.meeting.id;
    const items: string[] = [];
    for (const [category, mins] of [
      [AgendaCategory.PARTY_BUILDING, 60],
      [AgendaCategory.RESOLUTION_REVIEW, 30],
    ] as const) {
      const a = await secretary.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
        i: { meetingId, category, title: 'Nội dung', presenterMemberId: members[0], plannedMinutes: mins, actualMinutes: mins },
      });
      items.push(a.addAgendaItem.agendaItem.id);
    }
    await secretary.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: { meetingId, chairMemberId: members[0], entries: members.map((memberId, i) => ({ memberId, status: i < 18 ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT_UNEXCUSED })) },
    });
    await secretary.ok('mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }', {
      i: { meetingId, contributions: members.slice(0, 7).map((memberId) => ({ memberId, agendaItemId: items[0], kind: ContributionKind.OPINION })) },
    });
    await secretary.ok('mutation($i: ApproveMinutesInput!) { approveMinutes(input: $i) { meeting { id } } }', { i: { meetingId } });
    return meetingId;
  }

  it('G-7: staff score a meeting from its facts, each point explained, and adjust it with a reason', async () => {
    const meetingId = await recorded('2026-09-03T01:00:00.000Z');
    const { scoreMeeting } = await staff.ok(SCORE, { i: { meetingId } });
    const score = scoreMeeting.meeting.qualityScore;
    // No chi ủy meeting before it (10), no planned time to compare (5), no draft resolution (5).
    expect(score).toMatchObject({ rubricVersion: 0, totalPoints: 80, level: 'FAIR' });
    expect(score.items).toContainEqual({ key: 'ATTENDANCE', points: 20, explanation: 'Tỷ lệ dự họp 90% > 85%: 20/20' });
    expect(score.items).toContainEqual({ key: 'PARTICIPATION', points: 15, explanation: 'Tỷ lệ phát biểu 33.3% ≥ 30%: 15/15' });

    const noReason = await staff.execute(ADJUST, { i: { meetingId, points: 5, reason: ' ' } });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'G-7' });
    const { adjustMeetingScore } = await staff.ok(ADJUST, { i: { meetingId, points: -10.1, reason: 'Biên bản không ghi ý kiến phản biện' } });
    expect(adjustMeetingScore.meeting.qualityScore).toEqual({ computedPoints: 80, adjustment: -10.1, adjustmentReason: 'Biên bản không ghi ý kiến phản biện', totalPoints: 69.9, level: 'AVERAGE' });
  });

  it('G-7: a new rubric version scores meetings from its date and does not rescore older ones', async () => {
    const older = await recorded('2026-10-03T01:00:00.000Z');
    const newer = await recorded('2026-11-03T01:00:00.000Z');
    await staff.ok(SCORE, { i: { meetingId: older } });
    const forbidden = await staff.execute(RUBRIC, { i: strict('2026-11-01') });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { setQualityRubric } = await city.admin.ok(RUBRIC, { i: strict('2026-11-01') });
    expect(setQualityRubric.rubric.version).toBe(1);
    const backdated = await city.admin.execute(RUBRIC, { i: strict('2026-10-15') });
    expect(backdated.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'G-7' });

    const rescored = await staff.ok(SCORE, { i: { meetingId: older } });
    expect(rescored.scoreMeeting.meeting.qualityScore).toMatchObject({ rubricVersion: 0, totalPoints: 80 });
    const fresh = await staff.ok(SCORE, { i: { meetingId: newer } });
    const item = fresh.scoreMeeting.meeting.qualityScore.items.find((i: { key: string }) => i.key === 'ATTENDANCE');
    expect(fresh.scoreMeeting.meeting.qualityScore).toMatchObject({ rubricVersion: 1, totalPoints: 60, level: 'AVERAGE' });
    expect(item.explanation).toBe('Tỷ lệ dự họp 90% ≤ 95%: 0/20');
  });

  it('G-7: secretaries and members do not score; staff of another ward find no such meeting', async () => {
    const meetingId = await recorded('2026-08-03T01:00:00.000Z');
    const member = await city.user({ role: Role.MEMBER, scope: tree.cell });
    for (const user of [secretary, member]) {
      expect((await user.execute(SCORE, { i: { meetingId } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const otherWard = await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Nam Hà');
    await stack().settle();
    const outsider = await city.user({ role: Role.COMMITTEE_STAFF, scope: otherWard });
    expect((await outsider.execute(SCORE, { i: { meetingId } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const other = await stack().createTenant('Đảng bộ thành phố khác');
    expect((await other.admin.execute(ADJUST, { i: { meetingId, points: 20, reason: 'Giả mạo' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const seen = await secretary.ok('query($id: ID!) { meeting(id: $id) { qualityScore { totalPoints } } }', { id: meetingId });
    expect(seen.meeting.qualityScore).toBeNull();
  });
});

/** The default rubric, but attendance must exceed 95 %. */
function strict(effectiveFrom: string) {
  return {
    effectiveFrom,
    attendanceRateAbove: 0.95,
    excusedStreakMax: 3,
    minDurationMinutes: 90,
    participationRateMin: 0.3,
    lateToleranceMinutes: 15,
    cellCommitteeWithinDays: 30,
    points: [
      ['ATTENDANCE', 20],
      ['EXCUSED_STREAK', 5],
      ['CELL_COMMITTEE', 10],
      ['CONTENT_ASSIGNED', 10],
      ['DRAFT_RESOLUTION', 5],
      ['ON_TIME', 5],
      ['DURATION', 10],
      ['PARTICIPATION', 15],
      ['MINUTES', 10],
      ['RESOLUTION_REVIEW', 10],
    ].map(([item, points]) => ({ item, points })),
  };
}
