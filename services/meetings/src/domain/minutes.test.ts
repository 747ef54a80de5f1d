import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, MeetingStatus, OrgUnitKind, ResolutionStatus } from '@chibo/domain';
import { newMeeting } from './meetings';
import { composeMinutes, groupDigits, namedMemberIds, type MinutesFacts } from './minutes';

const names = {
  members: new Map([
    ['m1', 'Nguyễn Thị Hường'],
    ['m2', 'Trần Văn Đức'],
    ['m3', 'Lê Văn Ánh'],
  ]),
  orgUnits: new Map([
    ['ward', 'Đảng bộ phường Tân Giang'],
    ['cell', 'Chi bộ tổ dân phố 3'],
  ]),
};

function facts(over: Partial<MinutesFacts['meeting']> = {}): MinutesFacts {
  const meeting = {
    ...newMeeting('t', 'cell', { kind: MeetingKind.REGULAR, status: MeetingStatus.MINUTES_APPROVED, title: 'Tuyến phố kiểu mẫu' }),
    heldAt: new Date('2026-11-03T12:30:00Z'),
    endedAt: new Date('2026-11-03T14:15:00Z'),
    chairMemberId: 'm1',
    secretaryMemberId: 'm2',
    location: 'Nhà văn hóa',
    ...over,
  };
  return {
    meeting,
    cell: { id: 'cell', kind: OrgUnitKind.CELL, lineage: ['city', 'ward', 'cell'] },
    agenda: [{ id: 'a1', meetingId: meeting.id, position: 1, category: AgendaCategory.PARTY_BUILDING, title: 'Xây dựng Đảng', presenterMemberId: 'm1', plannedMinutes: 60, actualMinutes: 75 }],
    attendance: [
      { memberId: 'm1', status: AttendanceStatus.PRESENT, reason: null },
      { memberId: 'm2', status: AttendanceStatus.PRESENT, reason: null },
      { memberId: 'm3', status: AttendanceStatus.ABSENT_UNEXCUSED, reason: null },
    ],
    contributions: [{ id: 'c1', meetingId: meeting.id, agendaItemId: 'a1', memberId: 'm2', kind: ContributionKind.CRITICISM }],
    resolutions: [
      {
        id: 'r1', meetingId: meeting.id, cellId: 'cell', number: '07-NQ/CB', text: 'Xây dựng tuyến phố', votesFor: 2, votesAgainst: 0, votesAbstain: 0, status: ResolutionStatus.ADOPTED, adoptedOn: '2026-11-03', reviewedAt: null, reviewMeetingId: null,
        tasks: [{ id: 't1', resolutionId: 'r1', position: 1, title: 'Vận động', ownerMemberId: null, ownerGroup: 'Chi ủy', dueOn: '2026-12-31', targetValue: 100_000_000, targetUnit: 'VND', outcome: null, checkNote: null }],
      },
    ],
  };
}

const text = (f: MinutesFacts) => {
  const d = composeMinutes(f, names);
  return [...d.issuer, ...d.party, ...d.title, ...d.sections.flatMap((s) => [s.heading, ...s.lines]), ...d.closing, ...d.signatures.flatMap((s) => [s.role, s.name])].join('\n');
};

describe('the minutes (biên bản) from recorded facts', () => {
  it.each<[string, Partial<MinutesFacts['meeting']>, string]>([
    ['header: the committee above and the cell, upper case', {}, 'ĐẢNG BỘ PHƯỜNG TÂN GIANG\nCHI BỘ TỔ DÂN PHỐ 3\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nNhà văn hóa, ngày 03 tháng 11 năm 2026'],
    ['time in Vietnam (12:30 UTC is 19:30)', {}, 'Vào hồi 19 giờ 30 phút, ngày 03 tháng 11 năm 2026.'],
    ['chair and secretary by name', {}, 'Chủ trì: đồng chí Nguyễn Thị Hường.\nThư ký: đồng chí Trần Văn Đức.'],
    ['attendance with the rate and the absent by name', {}, 'Có mặt: 2/3 đồng chí (đạt 66,7%): Nguyễn Thị Hường, Trần Văn Đức.'],
    ['unexcused absences by name', {}, 'Vắng không lý do: 1: Lê Văn Ánh.'],
    ['opinions under their item', {}, '   - Đồng chí Trần Văn Đức phê bình.'],
    ['the resolution, its task and target with Vietnamese digit grouping, and the vote', {}, 'chỉ tiêu: 100.000.000 VND.\nBiểu quyết: tán thành 2/2 đồng chí (100%); không tán thành 0; không biểu quyết 0.'],
    ['approved minutes say so', {}, 'Buổi sinh hoạt kết thúc vào hồi 21 giờ 15 phút cùng ngày.\nBiên bản đã được đọc lại và thông qua trước chi bộ.'],
    ['held but not approved: said plainly', { status: MeetingStatus.HELD }, 'Biên bản chưa được chi bộ thông qua.'],
    ['no secretary recorded: marked, not invented', { secretaryMemberId: null }, 'Thư ký: (chưa ghi).'],
    ['a thematic meeting has its own title', { kind: MeetingKind.THEMATIC }, 'SINH HOẠT CHI BỘ CHUYÊN ĐỀ'],
  ])('%s', (_name, over, expected) => {
    expect(text(facts(over))).toContain(expected);
  });

  it('asks membership for every member it names, once each', () => {
    expect(namedMemberIds(facts()).sort()).toEqual(['m1', 'm2', 'm3']);
  });

  it.each<[number, string]>([
    [100_000_000, '100.000.000'],
    [999, '999'],
    [1000, '1.000'],
    [1234.5, '1.234,5'],
  ])('groupDigits(%p) = %p', (n, s) => expect(groupDigits(n)).toBe(s));
});
