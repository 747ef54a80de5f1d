import { AttendanceStatus, DomainError, MeetingStatus, nfc, type Principal } from '@chibo/domain';
import { loadForWrite, requireStatus, type LifecyclePorts } from './lifecycle';
import type { Meeting } from './meetings';
import type { RollMember } from './roll';

/** One member's attendance at one meeting (G-4). */
export interface AttendanceEntry {
  memberId: string;
  status: AttendanceStatus;
  reason: string | null;
}

/** G-4's counts and rate for one meeting. */
export interface AttendanceSummary {
  /** Members on the cell's roll on the meeting date. */
  onRoll: number;
  exempt: number;
  onDuty: number;
  temporarilyOut: number;
  /** The denominator: on the roll − exempt − on duty − temporarily transferred out. */
  expected: number;
  present: number;
  absentExcused: number;
  absentUnexcused: number;
  /** present ÷ expected, in [0, 1]; null when nobody was expected. */
  rate: number | null;
}

export function summarize(entries: Pick<AttendanceEntry, 'status'>[], temporarilyOut: number): AttendanceSummary {
  const count = (s: AttendanceStatus) => entries.filter((e) => e.status === s).length;
  const onRoll = entries.length + temporarilyOut;
  const exempt = count(AttendanceStatus.EXEMPT);
  const onDuty = count(AttendanceStatus.ON_DUTY);
  const expected = onRoll - exempt - onDuty - temporarilyOut;
  const present = count(AttendanceStatus.PRESENT);
  return {
    onRoll,
    exempt,
    onDuty,
    temporarilyOut,
    expected,
    present,
    absentExcused: count(AttendanceStatus.ABSENT_EXCUSED),
    absentUnexcused: count(AttendanceStatus.ABSENT_UNEXCUSED),
    rate: expected > 0 ? present / expected : null,
  };
}

/** The meeting's date in Vietnam (UTC+7), the date whose roll counts (G-4). */
export function meetingDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export interface AttendancePorts extends LifecyclePorts {
  rollOn(cellId: string, date: string): Promise<RollMember[]>;
  /** Writes the whole roll's attendance in one statement, replacing what was there. */
  saveAttendance(meeting: Meeting, entries: AttendanceEntry[], recordedBy: string): Promise<void>;
}

export interface RecordAttendanceCommand {
  meetingId: string;
  entries: { memberId: string; status: AttendanceStatus; reason?: string | null }[];
  /** Chủ trì — must be present. */
  chairMemberId?: string | null;
  /** Thư ký — takes the minutes; must be present. */
  secretaryMemberId?: string | null;
}

const REASON_MAX = 500;

const g4 = (vi: string, en: string, details: Record<string, unknown>) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'G-4', ...details });

/**
 * G-4: the attendance of a held meeting, for the whole roll on its date, in one command. Exempt
 * members (M-4) are recorded EXEMPT and may be left out; members temporarily transferred out
 * (M-8) are not counted and may not be listed; everyone else must be listed exactly once.
 */
export async function recordAttendance(principal: Principal, input: RecordAttendanceCommand, ports: AttendancePorts): Promise<{ meeting: Meeting; entries: AttendanceEntry[]; summary: AttendanceSummary }> {
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  requireStatus(meeting, [MeetingStatus.HELD], { vi: 'Chỉ điểm danh cuộc họp đã diễn ra và chưa thông qua biên bản', en: 'Attendance is recorded for a held meeting whose minutes are not approved' });
  const roll = await ports.rollOn(meeting.cellId, meetingDate(meeting.heldAt!));
  const onRoll = new Map(roll.map((r) => [r.memberId, r]));
  const given = new Map<string, AttendanceEntry>();
  for (const e of input.entries) {
    const memberId = e.memberId.toLowerCase();
    if (given.has(memberId)) {
      throw new DomainError('BAD_USER_INPUT', { vi: 'Một đảng viên được điểm danh hai lần', en: 'A member is listed twice' }, { field: 'entries', memberId });
    }
    const member = onRoll.get(memberId);
    if (!member) throw g4('Đảng viên không có trong danh sách chi bộ vào ngày họp', 'The member is not on the cell roll on the meeting date', { field: 'entries', memberId });
    if (member.temporarilyOut) {
      throw g4('Đảng viên đang chuyển sinh hoạt tạm thời, không tính vào danh sách điểm danh', 'The member is temporarily transferred out and not counted', { field: 'entries', memberId });
    }
    if ((member.status === 'EXEMPT') !== (e.status === AttendanceStatus.EXEMPT)) {
      throw new DomainError(
        'RULE_VIOLATION',
        { vi: 'Chỉ đảng viên được miễn sinh hoạt mới ghi là miễn, và họ luôn ghi là miễn', en: 'EXEMPT is for members exempted by the cell, and only for them' },
        { rule: 'M-4', field: 'entries', memberId },
      );
    }
    const reason = nfc(e.reason ?? '') || null;
    if (e.status === AttendanceStatus.ABSENT_EXCUSED && !reason) {
      throw new DomainError('BAD_USER_INPUT', { vi: 'Vắng có lý do phải ghi lý do', en: 'An excused absence needs its reason' }, { rule: 'G-4', field: 'reason', memberId });
    }
    if (reason && reason.length > REASON_MAX) {
      throw new DomainError('BAD_USER_INPUT', { vi: `Lý do tối đa ${REASON_MAX} ký tự`, en: `A reason is at most ${REASON_MAX} characters` }, { field: 'reason', memberId });
    }
    given.set(memberId, { memberId, status: e.status, reason });
  }
  for (const r of roll) {
    if (r.status === 'EXEMPT' && !r.temporarilyOut && !given.has(r.memberId)) given.set(r.memberId, { memberId: r.memberId, status: AttendanceStatus.EXEMPT, reason: null });
  }
  const missing = roll.filter((r) => !r.temporarilyOut && !given.has(r.memberId)).map((r) => r.memberId);
  if (missing.length) {
    throw g4(`Còn ${missing.length} đảng viên trong danh sách chưa được điểm danh`, `${missing.length} members on the roll are not listed`, { field: 'entries', missing });
  }
  const chair = input.chairMemberId?.toLowerCase() ?? meeting.chairMemberId;
  if (chair && given.get(chair)?.status !== AttendanceStatus.PRESENT) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Người chủ trì phải có mặt', en: 'The chair must be present' }, { rule: 'G-5', field: 'chairMemberId' });
  }
  const secretary = input.secretaryMemberId?.toLowerCase() ?? meeting.secretaryMemberId;
  if (secretary && given.get(secretary)?.status !== AttendanceStatus.PRESENT) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Thư ký cuộc họp phải có mặt', en: 'The secretary of the meeting must be present' }, { rule: 'G-4', field: 'secretaryMemberId' });
  }
  const entries = [...given.values()];
  const temporarilyOut = roll.filter((r) => r.temporarilyOut).length;
  const next: Meeting = { ...meeting, chairMemberId: chair ?? null, secretaryMemberId: secretary ?? null, rollSize: roll.length, rollTemporarilyOut: temporarilyOut };
  await ports.saveAttendance(next, entries, principal.subject);
  ports.publish({ type: 'MeetingContentChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, part: 'ATTENDANCE', heldAt: meeting.heldAt!.toISOString() } });
  return { meeting: next, entries, summary: summarize(entries, temporarilyOut) };
}
