import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, MeetingStatus, type Principal } from '@chibo/domain';
import type { AgendaItem, Contribution } from './agenda';
import { meetingDate, summarize, type AttendanceEntry } from './attendance';
import { assertCanRead, type CellFacts, type Meeting } from './meetings';
import type { Resolution, ResolutionTask } from './resolutions';

/**
 * Biên bản sinh hoạt chi bộ — the minutes of a meeting, composed only from what was recorded,
 * in the customary layout: the party's header, time and place, who chaired and who took the
 * minutes, attendance by name, the content item by item with the opinions given on it, the
 * resolution with its vote, and the signatures. This is the document's content; rendering it to
 * PDF is the schema room's business.
 */
export interface MinutesDocument {
  /** Left block: the committee above, the cell, and the customary asterisk. */
  issuer: string[];
  /** Right block: "ĐẢNG CỘNG SẢN VIỆT NAM" and the date line. */
  party: string[];
  title: string[];
  sections: { heading: string; lines: string[] }[];
  closing: string[];
  signatures: { role: string; name: string }[];
  /** File name for a download: ascii, no spaces. */
  fileName: string;
}

export interface MinutesFacts {
  meeting: Meeting;
  cell: CellFacts;
  agenda: AgendaItem[];
  attendance: AttendanceEntry[];
  contributions: Contribution[];
  resolutions: (Resolution & { tasks: ResolutionTask[] })[];
}

/** Names from membership, asked for by id when the minutes are made (no copy kept here). */
export interface MinutesNames {
  members: Map<string, string>;
  orgUnits: Map<string, string>;
}

const CATEGORY_VI: Record<AgendaCategory, string> = {
  [AgendaCategory.PARTY_BUILDING]: 'Công tác xây dựng Đảng',
  [AgendaCategory.DISSEMINATION]: 'Phổ biến văn bản, thông tin thời sự, chính sách',
  [AgendaCategory.IDEOLOGY]: 'Tình hình tư tưởng đảng viên và nhân dân',
  [AgendaCategory.HCM_STUDY]: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  [AgendaCategory.CRITICISM]: 'Phê bình và tự phê bình',
  [AgendaCategory.RESOLUTION_REVIEW]: 'Kiểm điểm việc thực hiện nghị quyết kỳ trước',
  [AgendaCategory.ADMISSION]: 'Công tác phát triển đảng viên',
  [AgendaCategory.PROFESSIONAL]: 'Công tác chuyên môn',
  [AgendaCategory.OTHER]: 'Nội dung khác',
};

const CONTRIBUTION_VI: Record<ContributionKind, string> = {
  [ContributionKind.OPINION]: 'phát biểu ý kiến',
  [ContributionKind.PROPOSAL]: 'đề xuất',
  [ContributionKind.CRITICISM]: 'phê bình',
  [ContributionKind.QUESTION]: 'đặt câu hỏi',
};

const KIND_TITLE: Record<MeetingKind, string> = {
  [MeetingKind.REGULAR]: 'SINH HOẠT CHI BỘ THƯỜNG KỲ',
  [MeetingKind.THEMATIC]: 'SINH HOẠT CHI BỘ CHUYÊN ĐỀ',
  [MeetingKind.CELL_COMMITTEE]: 'HỌP CHI ỦY',
  [MeetingKind.EXTRAORDINARY]: 'SINH HOẠT CHI BỘ BẤT THƯỜNG',
  [MeetingKind.SEMINAR]: 'TỌA ĐÀM',
};

const VN_MS = 7 * 3_600_000;
const two = (n: number) => String(n).padStart(2, '0');

/** "08 giờ 30 phút" in Vietnam time. */
function clock(at: Date): string {
  const t = new Date(at.getTime() + VN_MS);
  return `${two(t.getUTCHours())} giờ ${two(t.getUTCMinutes())} phút`;
}

/** "ngày 03 tháng 11 năm 2026" in Vietnam time. */
function longDate(at: Date | string): string {
  const [y, m, d] = (typeof at === 'string' ? at : meetingDate(at)).split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** 0.667 → "66,7%" (Vietnamese decimal comma). */
const percent = (x: number) => `${String(Math.round(x * 1000) / 10).replace('.', ',')}%`;

/** 100000000 → "100.000.000" (Vietnamese digit grouping). */
export function groupDigits(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** Every member id the minutes name, for one call to membership. */
export function namedMemberIds(f: MinutesFacts): string[] {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => id && ids.add(id);
  add(f.meeting.chairMemberId);
  add(f.meeting.secretaryMemberId);
  f.attendance.forEach((a) => add(a.memberId));
  f.agenda.forEach((a) => add(a.presenterMemberId));
  f.contributions.forEach((c) => add(c.memberId));
  f.resolutions.forEach((r) => r.tasks.forEach((t) => add(t.ownerMemberId)));
  return [...ids];
}

/** Who may have the minutes: whoever may read the meeting (same scope, same subtree). */
export function assertMayReadMinutes(principal: Principal, cell: CellFacts): void {
  assertCanRead(principal, cell);
}

export function composeMinutes(f: MinutesFacts, names: MinutesNames): MinutesDocument {
  const { meeting } = f;
  const at = meeting.heldAt ?? meeting.scheduledAt;
  const person = (id: string | null | undefined) => (id ? `đồng chí ${names.members.get(id) ?? '(không rõ tên)'}` : '(chưa ghi)');
  const nameOf = (id: string) => names.members.get(id) ?? '(không rõ tên)';
  const byName = (ids: string[]) => ids.map(nameOf).sort((a, b) => a.localeCompare(b, 'vi'));
  const cellName = names.orgUnits.get(f.cell.id) ?? 'Chi bộ';
  const parentId = f.cell.lineage.length > 1 ? f.cell.lineage[f.cell.lineage.length - 2] : null;
  const parentName = parentId ? names.orgUnits.get(parentId) : undefined;

  const issuer = [...(parentName ? [parentName.toLocaleUpperCase('vi')] : []), cellName.toLocaleUpperCase('vi'), '*'];
  const party = ['ĐẢNG CỘNG SẢN VIỆT NAM', at ? `${meeting.location ? `${meeting.location}, ` : ''}${longDate(at)}` : ''];
  const month = at ? meetingDate(at).slice(0, 7).split('-').reverse().join('/') : '';
  const title = ['BIÊN BẢN', `${KIND_TITLE[meeting.kind]}${meeting.kind === MeetingKind.REGULAR && month ? ` THÁNG ${month}` : ''}`, meeting.title];

  const sections: MinutesDocument['sections'] = [];
  sections.push({
    heading: 'I. THỜI GIAN, ĐỊA ĐIỂM',
    lines: [at ? `Vào hồi ${clock(at)}, ${longDate(at)}.` : 'Thời gian: (chưa ghi).', `Địa điểm: ${meeting.location ?? '(chưa ghi)'}.`],
  });

  const s = summarize(f.attendance, meeting.rollTemporarilyOut ?? 0);
  const of = (status: AttendanceStatus) => f.attendance.filter((a) => a.status === status);
  const rate = s.rate === null ? '' : ` (đạt ${percent(s.rate)})`;
  const composition = [`Chủ trì: ${person(meeting.chairMemberId)}.`, `Thư ký: ${person(meeting.secretaryMemberId)}.`];
  if (f.attendance.length) {
    composition.push(
      `Tổng số đảng viên của chi bộ: ${s.onRoll}; miễn sinh hoạt: ${s.exempt}; làm nhiệm vụ đặc biệt: ${s.onDuty}; chuyển sinh hoạt tạm thời: ${s.temporarilyOut}; phải có mặt: ${s.expected}.`,
      `Có mặt: ${s.present}/${s.expected} đồng chí${rate}: ${byName(of(AttendanceStatus.PRESENT).map((a) => a.memberId)).join(', ') || 'không có'}.`,
      `Vắng có lý do: ${s.absentExcused}${s.absentExcused ? `: ${of(AttendanceStatus.ABSENT_EXCUSED).map((a) => `${nameOf(a.memberId)} (${a.reason ?? 'có lý do'})`).sort((a, b) => a.localeCompare(b, 'vi')).join(', ')}` : ''}.`,
      `Vắng không lý do: ${s.absentUnexcused}${s.absentUnexcused ? `: ${byName(of(AttendanceStatus.ABSENT_UNEXCUSED).map((a) => a.memberId)).join(', ')}` : ''}.`,
    );
    const exempt = of(AttendanceStatus.EXEMPT).map((a) => a.memberId);
    if (exempt.length) composition.push(`Miễn sinh hoạt: ${byName(exempt).join(', ')}.`);
    const onDuty = of(AttendanceStatus.ON_DUTY).map((a) => a.memberId);
    if (onDuty.length) composition.push(`Làm nhiệm vụ đặc biệt: ${byName(onDuty).join(', ')}.`);
  } else {
    composition.push('Chưa điểm danh.');
  }
  sections.push({ heading: 'II. THÀNH PHẦN', lines: composition });

  const content: string[] = [];
  if (!f.agenda.length) content.push('(Chưa ghi nội dung.)');
  f.agenda.forEach((item, i) => {
    const minutes = item.actualMinutes ?? item.plannedMinutes;
    content.push(`${i + 1}. ${item.title} — ${CATEGORY_VI[item.category]}. Trình bày: ${person(item.presenterMemberId)}; thời lượng ${minutes} phút.`);
    const opinions = f.contributions.filter((c) => c.agendaItemId === item.id);
    if (opinions.length) {
      content.push(`   Ý kiến thảo luận (${opinions.length}):`);
      for (const c of opinions) content.push(`   - Đồng chí ${nameOf(c.memberId)} ${CONTRIBUTION_VI[c.kind]}.`);
    } else {
      content.push('   Không có ý kiến thảo luận.');
    }
  });
  sections.push({ heading: 'III. NỘI DUNG VÀ Ý KIẾN THẢO LUẬN', lines: content });

  const resolution: string[] = [];
  for (const r of f.resolutions) {
    const voters = r.votesFor + r.votesAgainst + r.votesAbstain;
    const share = voters ? ` (${percent(r.votesFor / voters)})` : '';
    resolution.push(`Nghị quyết số ${r.number}: ${r.text}`);
    r.tasks.forEach((t, i) => {
      const owner = t.ownerMemberId ? person(t.ownerMemberId) : (t.ownerGroup ?? '(chưa phân công)');
      const target = t.targetValue !== null ? `; chỉ tiêu: ${groupDigits(t.targetValue)}${t.targetUnit ? ` ${t.targetUnit}` : ''}` : '';
      resolution.push(`   ${i + 1}. ${t.title} — phụ trách: ${owner}; thời hạn: ${longDate(t.dueOn)}${target}.`);
    });
    resolution.push(`Biểu quyết: tán thành ${r.votesFor}/${voters} đồng chí${share}; không tán thành ${r.votesAgainst}; không biểu quyết ${r.votesAbstain}.`);
  }
  if (!f.resolutions.length) resolution.push(meeting.draftResolution ? `Dự thảo nghị quyết (chưa biểu quyết): ${meeting.draftResolution}` : 'Không ban hành nghị quyết.');
  sections.push({ heading: 'IV. NGHỊ QUYẾT VÀ BIỂU QUYẾT', lines: resolution });

  const closing = [
    meeting.endedAt ? `Buổi sinh hoạt kết thúc vào hồi ${clock(meeting.endedAt)} cùng ngày.` : 'Giờ kết thúc: (chưa ghi).',
    meeting.status === MeetingStatus.MINUTES_APPROVED ? 'Biên bản đã được đọc lại và thông qua trước chi bộ.' : 'Biên bản chưa được chi bộ thông qua.',
  ];
  const fileName = `bien-ban-${at ? meetingDate(at) : 'chua-hop'}-${meeting.id.slice(0, 8)}.pdf`;
  return {
    issuer,
    party,
    title,
    sections,
    closing,
    signatures: [
      { role: 'THƯ KÝ', name: meeting.secretaryMemberId ? nameOf(meeting.secretaryMemberId) : '' },
      { role: 'CHỦ TRÌ', name: meeting.chairMemberId ? nameOf(meeting.chairMemberId) : '' },
    ],
    fileName,
  };
}
