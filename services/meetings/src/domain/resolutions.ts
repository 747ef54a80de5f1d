import { randomUUID } from 'node:crypto';
import { AgendaCategory, AttendanceStatus, DomainError, MeetingStatus, ResolutionStatus, TaskCheckOutcome, nfc, requireRole, requireTenant, type Principal } from '@chibo/domain';
import type { AgendaItem } from './agenda';
import { meetingDate } from './attendance';
import { loadForWrite, requireStatus, type LifecyclePorts } from './lifecycle';
import { requireMeetingWriter, cleanTitle, type Meeting } from './meetings';

/** Nghị quyết chi bộ — adopted at a held meeting (G-8). */
export interface Resolution {
  id: string;
  meetingId: string;
  cellId: string;
  number: string;
  text: string;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  status: ResolutionStatus;
  /** The meeting date (Vietnam) the resolution was adopted on. */
  adoptedOn: string;
  /** When the follow-up check (G-9) was recorded, and at which meeting. */
  reviewedAt: Date | null;
  reviewMeetingId: string | null;
}

/** Nhiệm vụ — a task of a resolution, with owner, due date and a measurable target where there is one. */
export interface ResolutionTask {
  id: string;
  resolutionId: string;
  position: number;
  title: string;
  ownerMemberId: string | null;
  ownerGroup: string | null;
  dueOn: string;
  targetValue: number | null;
  targetUnit: string | null;
  /** The last follow-up check's outcome; null until checked. */
  outcome: TaskCheckOutcome | null;
  checkNote: string | null;
}

/** Báo cáo tiến độ — progress on a task, with the amount achieved (e.g. VND raised) and evidence. */
export interface TaskProgress {
  id: string;
  taskId: string;
  reportedOn: string;
  amount: number | null;
  note: string;
  evidence: string | null;
}

export interface ResolutionPorts extends LifecyclePorts {
  attendanceOf(meetingId: string): Promise<{ memberId: string; status: AttendanceStatus }[]>;
  agendaItems(meetingId: string): Promise<AgendaItem[]>;
  findResolution(id: string): Promise<Resolution | null>;
  resolutionNumberTaken(cellId: string, number: string): Promise<boolean>;
  insertResolution(r: Resolution, tasks: ResolutionTask[], createdBy: string): Promise<void>;
  tasksOf(resolutionId: string): Promise<ResolutionTask[]>;
  findTask(id: string): Promise<ResolutionTask | null>;
  insertProgress(p: TaskProgress, reportedBy: string): Promise<void>;
  updateResolutionStatus(r: Resolution): Promise<void>;
  saveChecks(resolution: Resolution, checks: { taskId: string; outcome: TaskCheckOutcome; note: string | null }[], checkedBy: string): Promise<void>;
}

const g8 = (vi: string, en: string, details: Record<string, unknown> = {}) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'G-8', ...details });
const bad = (field: string, vi: string, en: string) => new DomainError('BAD_USER_INPUT', { vi, en }, { field, rule: 'G-8' });
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s));

export interface AdoptResolutionCommand {
  meetingId: string;
  number: string;
  text: string;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  tasks: { title: string; ownerMemberId?: string | null; ownerGroup?: string | null; dueOn: string; targetValue?: number | null; targetUnit?: string | null }[];
}

/**
 * G-8: a resolution adopted at a held meeting: a number unique in the cell, its text, the vote
 * (only members present vote; more than half of the votes cast in favour), and its tasks.
 */
export async function adoptResolution(principal: Principal, input: AdoptResolutionCommand, ports: ResolutionPorts): Promise<{ resolution: Resolution; tasks: ResolutionTask[] }> {
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  requireStatus(meeting, [MeetingStatus.HELD], { vi: 'Nghị quyết được thông qua tại cuộc họp đã diễn ra, trước khi thông qua biên bản', en: 'A resolution is adopted at a held meeting before its minutes are approved' }, 'G-8');
  const number = nfc(input.number ?? '');
  if (!number || number.length > 50) throw bad('number', 'Số nghị quyết có từ 1 đến 50 ký tự', 'The number is 1 to 50 characters');
  const text = nfc(input.text ?? '');
  if (!text || text.length > 20_000) throw bad('text', 'Nội dung nghị quyết có từ 1 đến 20000 ký tự', 'The text is 1 to 20000 characters');
  const votes = [input.votesFor, input.votesAgainst, input.votesAbstain];
  if (votes.some((v) => !Number.isInteger(v) || v < 0)) throw bad('votesFor', 'Số phiếu phải là số nguyên không âm', 'Votes are whole, non-negative numbers');
  const present = (await ports.attendanceOf(meeting.id)).filter((a) => a.status === AttendanceStatus.PRESENT).length;
  if (!present) throw g8('Phải điểm danh trước khi biểu quyết', 'Record attendance before the vote', { field: 'attendance' });
  const cast = votes.reduce((a, b) => a + b, 0);
  if (cast > present) throw g8(`Tổng số phiếu (${cast}) vượt số đảng viên có mặt (${present})`, `${cast} votes from ${present} members present`, { field: 'votesFor', present, cast });
  if (input.votesFor * 2 <= cast) throw g8('Nghị quyết không được quá nửa số phiếu tán thành', 'The resolution did not get more than half of the votes cast', { field: 'votesFor' });
  if (!input.tasks.length) throw g8('Nghị quyết phải có ít nhất một nhiệm vụ', 'A resolution needs at least one task', { field: 'tasks' });
  if (await ports.resolutionNumberTaken(meeting.cellId, number)) {
    throw new DomainError('CONFLICT', { vi: `Chi bộ đã có nghị quyết số ${number}`, en: `The cell already has resolution ${number}` }, { rule: 'G-8', field: 'number' });
  }
  const adoptedOn = meetingDate(meeting.heldAt!);
  const resolution: Resolution = {
    id: randomUUID(),
    meetingId: meeting.id,
    cellId: meeting.cellId,
    number,
    text,
    votesFor: input.votesFor,
    votesAgainst: input.votesAgainst,
    votesAbstain: input.votesAbstain,
    status: ResolutionStatus.ADOPTED,
    adoptedOn,
    reviewedAt: null,
    reviewMeetingId: null,
  };
  const tasks = input.tasks.map((t, i): ResolutionTask => {
    const ownerGroup = nfc(t.ownerGroup ?? '') || null;
    const ownerMemberId = t.ownerMemberId?.toLowerCase() ?? null;
    if (!ownerGroup && !ownerMemberId) throw bad('tasks', 'Mỗi nhiệm vụ phải có người hoặc tổ phụ trách', 'Every task needs an owner (member or group)');
    if (!isDate(t.dueOn) || t.dueOn < adoptedOn) throw bad('dueOn', 'Hạn hoàn thành phải là ngày (YYYY-MM-DD) không trước ngày họp', 'The due date is a date not before the meeting');
    const targetValue = t.targetValue ?? null;
    const targetUnit = nfc(t.targetUnit ?? '') || null;
    if ((targetValue === null) !== (targetUnit === null) || (targetValue !== null && !(targetValue > 0))) {
      throw bad('targetValue', 'Chỉ tiêu đo được cần cả giá trị dương và đơn vị (ví dụ 100000000 VND)', 'A measurable target needs a positive value and its unit (e.g. 100000000 VND)');
    }
    return { id: randomUUID(), resolutionId: resolution.id, position: i + 1, title: cleanTitle(t.title), ownerMemberId, ownerGroup, dueOn: t.dueOn, targetValue, targetUnit, outcome: null, checkNote: null };
  });
  await ports.insertResolution(resolution, tasks, principal.subject);
  ports.publish({ type: 'MeetingContentChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, part: 'RESOLUTIONS', heldAt: meeting.heldAt!.toISOString() } });
  return { resolution, tasks };
}

function requireWriter(principal: Principal): void {
  requireTenant(principal);
  requireMeetingWriter(principal);
}

/** Loads a resolution for a change, with the same doors as its meeting. */
async function loadResolution(principal: Principal, resolutionId: string, ports: ResolutionPorts): Promise<{ resolution: Resolution; meeting: Meeting }> {
  requireWriter(principal);
  const resolution = await ports.findResolution(resolutionId);
  const notFound = new DomainError('NOT_FOUND', { vi: 'Không tìm thấy nghị quyết', en: 'Resolution not found' }, { resolutionId });
  if (!resolution) throw notFound;
  try {
    const { meeting } = await loadForWrite(principal, resolution.meetingId, ports);
    return { resolution, meeting };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw notFound;
    throw e;
  }
}

export interface ReportProgressCommand {
  taskId: string;
  reportedOn: string;
  amount?: number | null;
  note: string;
  evidence?: string | null;
}

/** G-8: progress on a task as it arrives (e.g. a household's contribution); the resolution is then IN_PROGRESS. */
export async function reportTaskProgress(principal: Principal, input: ReportProgressCommand, ports: ResolutionPorts, today: string): Promise<TaskProgress> {
  requireWriter(principal);
  const task = await ports.findTask(input.taskId);
  if (!task) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy nhiệm vụ', en: 'Task not found' }, { taskId: input.taskId });
  }
  const { resolution, meeting } = await loadResolution(principal, task.resolutionId, ports);
  if (![ResolutionStatus.ADOPTED, ResolutionStatus.IN_PROGRESS].includes(resolution.status)) {
    throw g8(`Nghị quyết đã được kết luận (${resolution.status}), không nhận thêm báo cáo tiến độ`, `The resolution is concluded (${resolution.status})`, { currentStatus: resolution.status });
  }
  if (!isDate(input.reportedOn) || input.reportedOn > today || input.reportedOn < resolution.adoptedOn) {
    throw bad('reportedOn', 'Ngày báo cáo phải từ ngày thông qua nghị quyết đến hôm nay', 'The report date is between adoption and today');
  }
  const amount = input.amount ?? null;
  if (amount !== null && !(amount >= 0 && Number.isFinite(amount))) throw bad('amount', 'Số lượng phải không âm', 'The amount cannot be negative');
  if (amount !== null && task.targetValue === null) throw bad('amount', 'Nhiệm vụ không có chỉ tiêu đo được', 'The task has no measurable target');
  const note = nfc(input.note ?? '');
  if (!note || note.length > 2000) throw bad('note', 'Báo cáo cần nội dung (tối đa 2000 ký tự)', 'A report needs a note (at most 2000 characters)');
  const progress: TaskProgress = { id: randomUUID(), taskId: task.id, reportedOn: input.reportedOn, amount, note, evidence: nfc(input.evidence ?? '') || null };
  await ports.insertProgress(progress, principal.subject);
  if (resolution.status === ResolutionStatus.ADOPTED) await ports.updateResolutionStatus({ ...resolution, status: ResolutionStatus.IN_PROGRESS });
  ports.publish({ type: 'MeetingContentChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, part: 'RESOLUTIONS', heldAt: meeting.heldAt?.toISOString() ?? null } });
  return progress;
}

/** G-8: the resolution's status from its tasks' checks. */
export function statusFromChecks(outcomes: TaskCheckOutcome[]): ResolutionStatus {
  if (outcomes.every((o) => o === TaskCheckOutcome.COMPLETED)) return ResolutionStatus.COMPLETED;
  if (outcomes.some((o) => o === TaskCheckOutcome.IN_PROGRESS)) return ResolutionStatus.IN_PROGRESS;
  if (outcomes.some((o) => o === TaskCheckOutcome.COMPLETED)) return ResolutionStatus.PARTIALLY_COMPLETED;
  return ResolutionStatus.NOT_COMPLETED;
}

export interface ReviewResolutionCommand {
  resolutionId: string;
  /** The later meeting where it was reviewed, and its RESOLUTION_REVIEW item. */
  meetingId: string;
  agendaItemId: string;
  checks: { taskId: string; outcome: TaskCheckOutcome; note?: string | null }[];
}

/**
 * G-9: the follow-up check at a later held meeting of the same cell, under a RESOLUTION_REVIEW
 * item, with one check per task; the checks set the resolution's status (G-8).
 */
export async function reviewResolution(principal: Principal, input: ReviewResolutionCommand, ports: ResolutionPorts, now = new Date()): Promise<Resolution> {
  const { resolution, meeting: adoptedAt } = await loadResolution(principal, input.resolutionId, ports);
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  const g9 = (vi: string, en: string, details: Record<string, unknown> = {}) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'G-9', ...details });
  if (meeting.cellId !== resolution.cellId) throw g9('Nghị quyết được kiểm điểm tại cuộc họp của chính chi bộ', "A resolution is reviewed at its own cell's meeting", { field: 'meetingId' });
  requireStatus(meeting, [MeetingStatus.HELD], { vi: 'Kiểm điểm nghị quyết tại cuộc họp đã diễn ra', en: 'A review happens at a held meeting' }, 'G-9');
  if (meeting.id === adoptedAt.id || meeting.heldAt! <= adoptedAt.heldAt!) throw g9('Kiểm điểm tại một cuộc họp sau cuộc họp thông qua nghị quyết', 'The review is at a meeting after the adoption', { field: 'meetingId' });
  const item = (await ports.agendaItems(meeting.id)).find((a) => a.id === input.agendaItemId.toLowerCase());
  if (!item || item.category !== AgendaCategory.RESOLUTION_REVIEW) {
    throw g9('Cần một nội dung "kiểm điểm nghị quyết" trong chương trình cuộc họp', 'A RESOLUTION_REVIEW item of this meeting is needed', { field: 'agendaItemId' });
  }
  if (![ResolutionStatus.ADOPTED, ResolutionStatus.IN_PROGRESS].includes(resolution.status)) {
    throw g9(`Nghị quyết đã được kết luận (${resolution.status})`, `The resolution is concluded (${resolution.status})`, { currentStatus: resolution.status });
  }
  const tasks = await ports.tasksOf(resolution.id);
  const byTask = new Map(input.checks.map((c) => [c.taskId.toLowerCase(), c]));
  if (byTask.size !== input.checks.length || tasks.length !== byTask.size || tasks.some((t) => !byTask.has(t.id))) {
    throw g9('Phải kiểm tra mỗi nhiệm vụ của nghị quyết đúng một lần', 'Check every task of the resolution exactly once', { field: 'checks', tasks: tasks.length });
  }
  const checks = tasks.map((t) => ({ taskId: t.id, outcome: byTask.get(t.id)!.outcome, note: nfc(byTask.get(t.id)!.note ?? '') || null }));
  const next: Resolution = { ...resolution, status: statusFromChecks(checks.map((c) => c.outcome)), reviewedAt: now, reviewMeetingId: meeting.id };
  await ports.saveChecks(next, checks, principal.subject);
  ports.publish({ type: 'MeetingContentChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, part: 'RESOLUTIONS', heldAt: meeting.heldAt!.toISOString() } });
  return next;
}

/** G-9 flag: a later regular meeting of the cell was held and the resolution was never reviewed. */
export function notReviewed(resolution: Pick<Resolution, 'reviewedAt' | 'adoptedOn'>, laterRegularHeld: boolean): boolean {
  return !resolution.reviewedAt && laterRegularHeld;
}

/** G-9 flag: past its due date and not checked COMPLETED. */
export function overdue(task: Pick<ResolutionTask, 'dueOn' | 'outcome'>, today: string): boolean {
  return task.dueOn < today && task.outcome !== TaskCheckOutcome.COMPLETED;
}

/** Progress toward a measurable target: Σ amounts reported, and that ÷ the target. */
export function achieved(task: Pick<ResolutionTask, 'targetValue'>, progress: Pick<TaskProgress, 'amount'>[]): { total: number; share: number | null } {
  const total = progress.reduce((a, p) => a + (p.amount ?? 0), 0);
  return { total, share: task.targetValue ? total / task.targetValue : null };
}

