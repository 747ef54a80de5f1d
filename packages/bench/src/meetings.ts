import { AgendaCategory, AttendanceStatus, ContributionKind, Gender, MeetingKind, MemberStatus } from '@chibo/domain';
import type { GatewayClient } from '@chibo/testkit';
import type { StatementCounter } from './sql-counter';

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
