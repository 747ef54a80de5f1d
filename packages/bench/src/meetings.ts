import { randomUUID } from 'node:crypto';
import { AgendaCategory, AttendanceStatus, ContributionKind, Gender, MeetingKind, MemberStatus, OrgUnitKind, Role } from '@chibo/domain';
import { generateMeetings } from '@chibo/meetings';
import type { GatewayClient, Stack } from '@chibo/testkit';
import { StatementCounter } from './sql-counter';

export interface StepFigure {
  operation: string;
  statements: number;
  ms: number;
}

const AGENDA: [AgendaCategory, string, number][] = [
  [AgendaCategory.RESOLUTION_REVIEW, 'Kiểm điểm thực hiện nghị quyết tháng trước', 20],
  [AgendaCategory.DISSEMINATION, 'Phổ biến Chỉ thị, văn bản mới của cấp trên', 25],
  [AgendaCategory.PARTY_BUILDING, 'Công tác xây dựng Đảng, phát triển đảng viên', 30],
  [AgendaCategory.PROFESSIONAL, 'Nhiệm vụ chuyên môn tháng tới', 20],
];

/** Registers `n` official members in a cell through membership's API; returns their ids. */
export async function registerMembers(admin: GatewayClient, cellId: string, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await admin.ok<{ registerMember: { member: { id: string } } }>('mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }', {
      i: {
        cellId,
        fullName: `Đảng viên ${tag} số ${i + 1}`,
        dateOfBirth: '1975-01-01',
        gender: i % 2 ? Gender.MALE : Gender.FEMALE,
        status: MemberStatus.OFFICIAL,
        admittedOn: '2000-01-01',
        officialOn: '2001-01-01',
        partyCardNumber: `${tag}-${i}`.slice(0, 40),
      },
    });
    ids.push(r.registerMember.member.id);
  }
  return ids;
}

/**
 * A whole cell meeting recorded through the gateway, as a secretary does it after the meeting:
 * the meeting, its agenda, the attendance of the whole roll, the discussion, the resolution with
 * its tasks, the minutes approved. Each step's SQL statements (when a counter is given) and time.
 */
export async function recordFullMeeting(client: GatewayClient, cellId: string, members: string[], heldAt: Date, counter?: StatementCounter): Promise<{ meetingId: string; steps: StepFigure[] }> {
  const steps: StepFigure[] = [];
  const step = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const { result, statements } = counter ? await counter.measure(work) : { result: await work(), statements: 0 };
    steps.push({ operation, statements, ms: performance.now() - t0 });
    return result;
  };
  const rec = await step('recordMeeting', () =>
    client.ok<{ recordMeeting: { meeting: { id: string } } }>('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId, kind: MeetingKind.REGULAR, title: 'Sinh hoạt chi bộ thường kỳ', heldAt: heldAt.toISOString(), location: 'Nhà văn hóa' },
    }),
  );
  const meetingId = rec.recordMeeting.meeting.id;
  const items: string[] = [];
  for (const [n, [category, title, minutes]] of AGENDA.entries()) {
    const a = await step(`addAgendaItem #${n + 1}`, () =>
      client.ok<{ addAgendaItem: { agendaItem: { id: string } } }>('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
        i: { meetingId, category, title, presenterMemberId: members[n % members.length], plannedMinutes: minutes, actualMinutes: minutes + 5 },
      }),
    );
    items.push(a.addAgendaItem.agendaItem.id);
  }
  const absent = Math.floor(members.length / 10);
  await step(`recordAttendance (${members.length} members)`, () =>
    client.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: {
        meetingId,
        chairMemberId: members[0],
        secretaryMemberId: members[1],
        entries: members.map((memberId, i) =>
          i >= members.length - absent ? { memberId, status: AttendanceStatus.ABSENT_EXCUSED, reason: 'Đi công tác' } : { memberId, status: AttendanceStatus.PRESENT },
        ),
      },
    }),
  );
  const speakers = members.slice(2, Math.min(members.length - absent, 14));
  await step(`recordContributions (${speakers.length})`, () =>
    client.ok('mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }', {
      i: { meetingId, contributions: speakers.map((memberId, i) => ({ memberId, agendaItemId: items[i % items.length], kind: i % 3 ? ContributionKind.OPINION : ContributionKind.PROPOSAL })) },
    }),
  );
  const present = members.length - absent;
  await step('adoptResolution (3 tasks)', () =>
    client.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id } } }', {
      i: {
        meetingId,
        number: `NQ-${meetingId.slice(0, 8)}`,
        text: 'Nghị quyết sinh hoạt chi bộ thường kỳ',
        votesFor: present,
        votesAgainst: 0,
        votesAbstain: 0,
        tasks: [
          { title: 'Vận động đóng góp xây dựng tuyến phố kiểu mẫu', ownerGroup: 'Chi ủy', dueOn: '2027-12-31', targetValue: 100_000_000, targetUnit: 'VND' },
          { title: 'Lắp đèn chiếu sáng', ownerMemberId: members[2], dueOn: '2027-12-31', targetValue: 40, targetUnit: 'bóng' },
          { title: 'Thăm hỏi gia đình chính sách', ownerMemberId: members[3], dueOn: '2027-12-31' },
        ],
      },
    }),
  );
  await step('approveMinutes', () => client.ok('mutation($i: ApproveMinutesInput!) { approveMinutes(input: $i) { meeting { id } } }', { i: { meetingId } }));
  return { meetingId, steps };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export interface MeetingsFigures {
  recordings: number;
  recordP50: number;
  recordP95: number;
  recordSteps: StepFigure[];
  cells: number;
  meetingsInQuarter: number;
  flagsRuns: number;
  flagsP50: number;
  flagsP95: number;
  flagsStatements: number;
  scored: number;
  scoreP50: number;
  scoreP95: number;
  scoreStatements: number;
  scoreTotalSeconds: number;
}

/** The quarter the bench judges: the third of 2026, all in the past, all generated. */
const QUARTER = { months: ['2026-07', '2026-08', '2026-09'], from: '2026-07-01', to: '2026-10-01', year: 2026 };

export const QUARTER_FLAGS_QUERY = `query($id: ID!, $m1: String!, $m2: String!, $m3: String!, $year: Int!) {
  orgUnit(id: $id) {
    m1: meetingFlags(period: $m1) { onlyChairSpoke { id } professionalShareExceeded { id } lowAttendance { id } }
    m2: meetingFlags(period: $m2) { onlyChairSpoke { id } professionalShareExceeded { id } lowAttendance { id } }
    m3: meetingFlags(period: $m3) { onlyChairSpoke { id } professionalShareExceeded { id } lowAttendance { id } }
    quarterContentBalance(period: $m3) { professionalShare professionalShareExceeded }
    removalCandidates(year: $year) { memberId }
    excusedAbsenceStreaks(year: $year) { memberId }
    resolutionFollowUp(year: $year) { notReviewed tasksOverdue }
  }
  dashboard(orgUnitId: $id, period: $m3) { cellsWithoutThematicThisQuarter cellsWithoutRegularMeeting attendanceRate participationRate }
}`;

/**
 * `pnpm bench meetings`: (1) a whole meeting recorded through the gateway by a cell's secretary,
 * 40 members on the roll — latency of the whole and SQL statements per step; (2) a quarter's
 * flags for a city of `cells` cells (one query at the city), and (3) the quality score of every
 * meeting held in the quarter, one scoreMeeting each. Data for (2) and (3) comes from the
 * meetings generator (12 months, COPY).
 */
export async function meetingsScenario(env: { stack: Stack }, o: { cells: number; recordings: number; flagRuns: number; scoreLimit?: number }): Promise<MeetingsFigures> {
  const stack = env.stack;
  const tenant = await stack.createTenant(`Đảng bộ đo sinh hoạt ${Date.now()}`);
  const ward = await tenant.createOrgUnit(tenant.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường đo');
  const recordCell = await tenant.createOrgUnit(ward, OrgUnitKind.CELL, 'Chi bộ ghi biên bản');
  const cells: string[] = [];
  for (let i = 0; i < o.cells; i++) cells.push(await tenant.createOrgUnit(ward, OrgUnitKind.CELL, `Chi bộ tổ dân phố ${i + 1}`));
  const members = await registerMembers(tenant.admin, recordCell, 40, `R${Date.now() % 1e6}`);
  await stack.settle(120_000);

  // (1) Recording whole meetings, one a month going back, as the cell's secretary.
  const secretary = await tenant.user({ role: Role.CELL_SECRETARY, scope: recordCell });
  const totals: number[] = [];
  for (let i = 0; i < o.recordings; i++) {
    const heldAt = new Date(Date.UTC(2026, 9 - i, 3, 12, 30)); // one a month going back (Date rolls the year)
    const t0 = performance.now();
    await recordFullMeeting(secretary, recordCell, members, heldAt);
    totals.push(performance.now() - t0);
  }
  for (const s of Object.values(stack.services)) await s.relay.stop();
  const counter = StatementCounter.install();
  let recordSteps: StepFigure[];
  try {
    recordSteps = (await recordFullMeeting(secretary, recordCell, members, new Date(Date.UTC(2025, 0, 3, 12, 30)), counter)).steps;
  } finally {
    counter.restore();
    for (const s of Object.values(stack.services)) await s.relay.start();
  }

  // (2) and (3): a year of generated meetings for the city's cells.
  const units = [
    { id: tenant.rootOrgUnitId, parentId: null, kind: OrgUnitKind.COMMITTEE, name: tenant.name, validFrom: '2000-01-01' },
    { id: ward, parentId: tenant.rootOrgUnitId, kind: OrgUnitKind.COMMITTEE, name: 'Đảng bộ phường đo', validFrom: '2000-01-01' },
    ...cells.map((id, i) => ({ id, parentId: ward, kind: OrgUnitKind.CELL, name: `Chi bộ tổ dân phố ${i + 1}`, validFrom: '2000-01-01' })),
  ];
  const generated = cells.flatMap((cellId, c) =>
    Array.from({ length: 30 }, (_, i) => ({ id: randomUUID(), cellId, fullName: `Đảng viên ${c}.${i}`, gender: Gender.MALE, birthDate: '1970-01-01', admittedOn: '2010-01-01', officialOn: '2011-01-01', status: MemberStatus.OFFICIAL })),
  );
  const sql = await stack.sql('meetings', 'app');
  try {
    await sql.query('BEGIN');
    await sql.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
    await generateMeetings(sql, { tenantId: tenant.id, name: tenant.name, scale: 'city', seed: 42, from: '2025-10-01', to: '2026-09-30', units, members: generated });
    await sql.query('COMMIT');
  } catch (err) {
    await sql.query('ROLLBACK');
    throw err;
  } finally {
    await sql.end();
  }

  const staff = await tenant.user({ role: Role.COMMITTEE_STAFF, scope: tenant.rootOrgUnitId });
  const vars = { id: tenant.rootOrgUnitId, m1: QUARTER.months[0], m2: QUARTER.months[1], m3: QUARTER.months[2], year: QUARTER.year };
  await staff.ok(QUARTER_FLAGS_QUERY, vars); // warm
  const flagTimes: number[] = [];
  for (let i = 0; i < o.flagRuns; i++) {
    const t0 = performance.now();
    await staff.ok(QUARTER_FLAGS_QUERY, vars);
    flagTimes.push(performance.now() - t0);
  }
  const admin = await stack.sql('meetings', 'admin');
  let ids: string[];
  try {
    const { rows } = await admin.query(
      `SELECT id FROM meetings.meeting WHERE tenant_id = $1 AND held_at >= $2::date - interval '7 hours' AND held_at < $3::date - interval '7 hours' ORDER BY held_at, id`,
      [tenant.id, QUARTER.from, QUARTER.to],
    );
    ids = rows.map((r: { id: string }) => r.id);
  } finally {
    await admin.end();
  }
  const toScore = ids.slice(0, o.scoreLimit ?? ids.length);
  const SCORE = 'mutation($i: ScoreMeetingInput!) { scoreMeeting(input: $i) { meeting { qualityScore { totalPoints level } } } }';
  const scoreTimes: number[] = [];
  const started = performance.now();
  for (const meetingId of toScore) {
    const t0 = performance.now();
    await staff.ok(SCORE, { i: { meetingId } });
    scoreTimes.push(performance.now() - t0);
  }
  const scoreTotalSeconds = (performance.now() - started) / 1000;

  for (const s of Object.values(stack.services)) await s.relay.stop();
  const counter2 = StatementCounter.install();
  let flagsStatements: number;
  let scoreStatements: number;
  try {
    flagsStatements = (await counter2.measure(() => staff.ok(QUARTER_FLAGS_QUERY, vars))).statements;
    scoreStatements = (await counter2.measure(() => staff.ok(SCORE, { i: { meetingId: ids[0] } }))).statements;
  } finally {
    counter2.restore();
    for (const s of Object.values(stack.services)) await s.relay.start();
  }
  return {
    recordings: o.recordings,
    recordP50: percentile(totals, 50),
    recordP95: percentile(totals, 95),
    recordSteps,
    cells: o.cells,
    meetingsInQuarter: ids.length,
    flagsRuns: o.flagRuns,
    flagsP50: percentile(flagTimes, 50),
    flagsP95: percentile(flagTimes, 95),
    flagsStatements,
    scored: toScore.length,
    scoreP50: percentile(scoreTimes, 50),
    scoreP95: percentile(scoreTimes, 95),
    scoreStatements,
    scoreTotalSeconds,
  };
}
