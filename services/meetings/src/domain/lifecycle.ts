import { DomainError, MeetingKind, MeetingStatus, isInScope, nfc, requireRole, requireTenant, type Principal } from '@chibo/domain';
import {
  FUTURE_TOLERANCE_MS,
  requireMeetingWriter,
  assertMayHold,
  cleanLocation,
  cleanTitle,
  findCellInScope,
  newMeeting,
  type CellFacts,
  type Meeting,
  type MeetingPorts,
} from './meetings';

/** What moves a meeting along G-2. */
export enum MeetingAction {
  PREPARE = 'PREPARE',
  HOLD = 'HOLD',
  APPROVE_MINUTES = 'APPROVE_MINUTES',
  CANCEL = 'CANCEL',
}

/**
 * G-2 as a table: PLANNED → PREPARED → HELD → MINUTES_APPROVED, and CANCELLED (with a reason)
 * from any state before the meeting took place. Nothing leaves MINUTES_APPROVED or CANCELLED.
 */
export const TRANSITIONS: Readonly<Record<MeetingStatus, Partial<Record<MeetingAction, MeetingStatus>>>> = {
  [MeetingStatus.PLANNED]: { [MeetingAction.PREPARE]: MeetingStatus.PREPARED, [MeetingAction.CANCEL]: MeetingStatus.CANCELLED },
  [MeetingStatus.PREPARED]: { [MeetingAction.HOLD]: MeetingStatus.HELD, [MeetingAction.CANCEL]: MeetingStatus.CANCELLED },
  [MeetingStatus.HELD]: { [MeetingAction.APPROVE_MINUTES]: MeetingStatus.MINUTES_APPROVED },
  [MeetingStatus.MINUTES_APPROVED]: {},
  [MeetingStatus.CANCELLED]: {},
};

const STATUS_VI: Record<MeetingStatus, string> = {
  [MeetingStatus.PLANNED]: 'đã lên kế hoạch',
  [MeetingStatus.PREPARED]: 'đã chuẩn bị',
  [MeetingStatus.HELD]: 'đã họp',
  [MeetingStatus.MINUTES_APPROVED]: 'đã thông qua biên bản',
  [MeetingStatus.CANCELLED]: 'đã hủy',
};

/** The states a meeting in `status` may move to next. */
export function allowedNext(status: MeetingStatus): MeetingStatus[] {
  return Object.values(TRANSITIONS[status] ?? {});
}

/** The state `action` leads to from `status`, or a RULE_VIOLATION naming the current state and the allowed ones. */
export function nextStatus(status: MeetingStatus, action: MeetingAction): MeetingStatus {
  const to = TRANSITIONS[status]?.[action];
  if (to) return to;
  const allowed = allowedNext(status);
  throw new DomainError(
    'RULE_VIOLATION',
    {
      vi: `Cuộc họp đang ở trạng thái ${status} (${STATUS_VI[status]}); ${allowed.length ? `chỉ có thể chuyển sang ${allowed.join(', ')}` : 'không thể chuyển tiếp'}`,
      en: `The meeting is ${status}; ${allowed.length ? `it can only move to ${allowed.join(', ')}` : 'it cannot move any further'}`,
    },
    { rule: 'G-2', currentStatus: status, action, allowedNext: allowed },
  );
}

/** The part of the agenda the lifecycle looks at. */
export interface AgendaFacts {
  id: string;
  presenterMemberId: string | null;
}

export interface LifecyclePorts extends MeetingPorts {
  findMeeting(id: string): Promise<Meeting | null>;
  updateMeeting(meeting: Meeting): Promise<void>;
  agendaOf(meetingId: string): Promise<AgendaFacts[]>;
  attendanceCount(meetingId: string): Promise<number>;
  /** Sets the actual minutes of several agenda items in one statement. */
  setActualMinutes(meetingId: string, minutes: { agendaItemId: string; actualMinutes: number }[]): Promise<void>;
}

const meetingNotFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc họp', en: 'Meeting not found' }, { meetingId: id });

/**
 * Loads a meeting for a change: a writer's role first (a member is FORBIDDEN everywhere), then
 * the meeting, then its cell in the principal's subtree (outside it, the meeting does not exist).
 */
export async function loadForWrite(principal: Principal, meetingId: string, ports: Pick<LifecyclePorts, 'findMeeting' | 'findCell'>): Promise<{ meeting: Meeting; cell: CellFacts }> {
  requireTenant(principal);
  requireMeetingWriter(principal);
  const meeting = await ports.findMeeting(meetingId);
  if (!meeting) throw meetingNotFound(meetingId);
  const cell = await ports.findCell(meeting.cellId);
  if (!cell) throw meetingNotFound(meetingId);
  if (!isInScope(principal, cell.lineage)) throw meetingNotFound(meetingId);
  return { meeting, cell };
}

/** A RULE_VIOLATION (G-2) unless the meeting is in one of `statuses`: the state names what may still change. */
export function requireStatus(meeting: Meeting, statuses: MeetingStatus[], what: { vi: string; en: string }, rule = 'G-2'): void {
  if (statuses.includes(meeting.status)) return;
  throw new DomainError(
    'RULE_VIOLATION',
    { vi: `${what.vi}: cuộc họp đang ở trạng thái ${meeting.status} (${STATUS_VI[meeting.status]})`, en: `${what.en}: the meeting is ${meeting.status}` },
    { rule, currentStatus: meeting.status, allowedStatuses: statuses },
  );
}

async function move(principal: Principal, meeting: Meeting, to: MeetingStatus, changes: Partial<Meeting>, ports: LifecyclePorts, now: Date): Promise<Meeting> {
  const from = meeting.status;
  const next: Meeting = { ...meeting, ...changes, status: to, statusChangedAt: now, statusChangedBy: principal.subject };
  await ports.updateMeeting(next);
  ports.publish({
    type: 'MeetingStatusChanged',
    payload: { meetingId: next.id, cellId: next.cellId, from, to, heldAt: next.heldAt?.toISOString() ?? null },
  });
  return next;
}

export interface PlanMeetingCommand {
  cellId: string;
  kind: MeetingKind;
  title: string;
  scheduledAt: Date;
  location?: string | null;
}

/** G-2: a meeting starts as PLANNED, for a cell and a date. */
export async function planMeeting(principal: Principal, input: PlanMeetingCommand, ports: MeetingPorts, now = new Date()): Promise<Meeting> {
  const tenantId = requireTenant(principal);
  requireMeetingWriter(principal);
  const cell = await findCellInScope(principal, input.cellId, ports);
  assertMayHold(cell, input.kind);
  const title = cleanTitle(input.title);
  if (Number.isNaN(input.scheduledAt.getTime())) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Thời gian dự kiến không hợp lệ', en: 'Invalid scheduled time' }, { field: 'scheduledAt' });
  }
  const meeting = newMeeting(tenantId, cell.id, {
    kind: input.kind,
    status: MeetingStatus.PLANNED,
    title,
    scheduledAt: input.scheduledAt,
    location: cleanLocation(input.location),
    statusChangedAt: now,
    statusChangedBy: principal.subject,
  });
  await ports.insertMeeting(meeting, principal.subject);
  ports.publish({ type: 'MeetingStatusChanged', payload: { meetingId: meeting.id, cellId: cell.id, from: null, to: MeetingStatus.PLANNED, heldAt: null } });
  return meeting;
}

const TEXT_MAX = 20_000;

/**
 * G-2 PREPARED: the content is assigned (an agenda whose every item has a presenter) and the
 * draft resolution is ready. A seminar (tọa đàm) collects opinions and adopts no resolution.
 */
export async function prepareMeeting(principal: Principal, input: { meetingId: string; draftResolution?: string | null }, ports: LifecyclePorts, now = new Date()): Promise<Meeting> {
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  const to = nextStatus(meeting.status, MeetingAction.PREPARE);
  const agenda = await ports.agendaOf(meeting.id);
  if (!agenda.length || agenda.some((a) => !a.presenterMemberId)) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Chưa phân công nội dung: chương trình phải có ít nhất một nội dung và mỗi nội dung có người trình bày', en: 'Content not assigned: the agenda needs at least one item and a presenter for every item' },
      { rule: 'G-2', field: 'agenda', items: agenda.length, withoutPresenter: agenda.filter((a) => !a.presenterMemberId).length },
    );
  }
  const draft = nfc(input.draftResolution ?? '');
  if (meeting.kind !== MeetingKind.SEMINAR && !draft) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Chưa có dự thảo nghị quyết', en: 'The draft resolution is not ready' }, { rule: 'G-2', field: 'draftResolution' });
  }
  if (draft.length > TEXT_MAX) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Dự thảo nghị quyết tối đa ${TEXT_MAX} ký tự`, en: `Draft resolution is at most ${TEXT_MAX} characters` }, { field: 'draftResolution' });
  }
  return move(principal, meeting, to, { draftResolution: draft || null }, ports, now);
}

export interface HoldMeetingCommand {
  meetingId: string;
  heldAt: Date;
  endedAt?: Date | null;
  /** Where it took place, when it differs from the plan or was not planned. */
  location?: string | null;
  /** How long each agenda item actually took (G-3). */
  agenda?: { agendaItemId: string; actualMinutes: number }[] | null;
}

/** G-2 HELD: the prepared meeting took place, from `heldAt` to `endedAt`. */
export async function holdMeeting(principal: Principal, input: HoldMeetingCommand, ports: LifecyclePorts, now = new Date()): Promise<Meeting> {
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  const to = nextStatus(meeting.status, MeetingAction.HOLD);
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  if (Number.isNaN(input.heldAt.getTime()) || input.heldAt.getTime() > limit) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Thời gian họp không thể ở tương lai', en: 'A held meeting cannot be in the future' }, { field: 'heldAt', rule: 'G-2' });
  }
  const endedAt = input.endedAt ?? null;
  if (endedAt && (Number.isNaN(endedAt.getTime()) || endedAt.getTime() <= input.heldAt.getTime() || endedAt.getTime() > limit)) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Giờ kết thúc phải sau giờ bắt đầu và không ở tương lai', en: 'The end must be after the start and not in the future' }, { field: 'endedAt' });
  }
  const actuals = (input.agenda ?? []).map((a) => ({ agendaItemId: a.agendaItemId.toLowerCase(), actualMinutes: a.actualMinutes }));
  if (actuals.length) {
    const ids = new Set((await ports.agendaOf(meeting.id)).map((a) => a.id));
    for (const a of actuals) {
      if (!ids.has(a.agendaItemId)) {
        throw new DomainError('RULE_VIOLATION', { vi: 'Nội dung không thuộc chương trình cuộc họp này', en: 'The agenda item is not on this meeting' }, { rule: 'G-3', field: 'agendaItemId', agendaItemId: a.agendaItemId });
      }
      if (!Number.isInteger(a.actualMinutes) || a.actualMinutes < 0 || a.actualMinutes > 600) {
        throw new DomainError('BAD_USER_INPUT', { vi: 'Số phút phải là số nguyên từ 0 đến 600', en: 'Minutes must be a whole number from 0 to 600' }, { field: 'actualMinutes' });
      }
    }
    await ports.setActualMinutes(meeting.id, actuals);
  }
  const location = input.location === undefined || input.location === null ? meeting.location : cleanLocation(input.location);
  return move(principal, meeting, to, { heldAt: input.heldAt, endedAt, location }, ports, now);
}

/** G-2 MINUTES_APPROVED: the minutes (with the attendance they record) were approved. */
export async function approveMinutes(principal: Principal, input: { meetingId: string }, ports: LifecyclePorts, now = new Date()): Promise<Meeting> {
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  const to = nextStatus(meeting.status, MeetingAction.APPROVE_MINUTES);
  if (!(await ports.attendanceCount(meeting.id))) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Biên bản chưa đầy đủ: chưa điểm danh đảng viên', en: 'The minutes are incomplete: attendance has not been recorded' },
      { rule: 'G-4', field: 'attendance' },
    );
  }
  return move(principal, meeting, to, {}, ports, now);
}

const REASON_MAX = 1000;

/** G-2 CANCELLED, always with a reason; the meeting stays on record. */
export async function cancelMeeting(principal: Principal, input: { meetingId: string; reason: string }, ports: LifecyclePorts, now = new Date()): Promise<Meeting> {
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  const to = nextStatus(meeting.status, MeetingAction.CANCEL);
  const reason = nfc(input.reason ?? '');
  if (!reason || reason.length > REASON_MAX) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Phải ghi lý do hủy cuộc họp (tối đa 1000 ký tự)', en: 'A cancellation needs a reason (at most 1000 characters)' }, { field: 'reason', rule: 'G-2' });
  }
  return move(principal, meeting, to, { cancelReason: reason }, ports, now);
}
