import { randomUUID } from 'node:crypto';
import {
  DomainError,
  MEETING_HOLDING_KINDS,
  MeetingKind,
  MeetingStatus,
  OrgUnitKind,
  Role,
  nfc,
  requireInScope,
  requireRole,
  requireTenant,
  type DomainEvent,
  type Principal,
} from '@chibo/domain';

/** Cuộc họp chi bộ — a meeting as the rules see it. */
export interface Meeting {
  id: string;
  tenantId: string;
  cellId: string;
  kind: MeetingKind;
  status: MeetingStatus;
  title: string;
  heldAt: Date | null;
}

export interface CellFacts {
  id: string;
  kind: OrgUnitKind;
  lineage: string[];
}

export interface MeetingPorts {
  findCell(id: string): Promise<CellFacts | null>;
  insertMeeting(meeting: Meeting, createdBy: string): Promise<void>;
  publish(event: DomainEvent): void;
}

export interface RecordMeetingCommand {
  cellId: string;
  kind: MeetingKind;
  title: string;
  heldAt: Date;
}

const TITLE_MAX = 300;
// A clock a few minutes fast on a phone should not reject a meeting that just ended.
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

/**
 * Record a meeting that has been held (G-2: it enters as HELD). Cell secretaries record their
 * own cell's meetings; committee staff and city administrators those of their subtree.
 */
export async function recordMeeting(principal: Principal, input: RecordMeetingCommand, ports: MeetingPorts, now = new Date()): Promise<Meeting> {
  const tenantId = requireTenant(principal);
  requireRole(principal, Role.CELL_SECRETARY, Role.COMMITTEE_STAFF, Role.CITY_ADMIN);
  const cell = await ports.findCell(input.cellId);
  if (!cell) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy chi bộ', en: 'Cell not found' }, { field: 'cellId' });
  requireInScope(principal, cell.lineage, cell.id);
  if (!MEETING_HOLDING_KINDS.includes(cell.kind)) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Chỉ chi bộ mới ghi nhận sinh hoạt chi bộ', en: 'Only cells hold cell meetings' },
      { rule: 'G-1', field: 'cellId', kind: cell.kind },
    );
  }
  const title = nfc(input.title ?? '');
  if (!title || title.length > TITLE_MAX) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Tiêu đề phải có từ 1 đến ${TITLE_MAX} ký tự`, en: `Title must be 1 to ${TITLE_MAX} characters` }, { field: 'title' });
  }
  if (Number.isNaN(input.heldAt.getTime()) || input.heldAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Thời gian họp không thể ở tương lai', en: 'A held meeting cannot be in the future' }, { field: 'heldAt', rule: 'G-2' });
  }
  const meeting: Meeting = { id: randomUUID(), tenantId, cellId: cell.id, kind: input.kind, status: MeetingStatus.HELD, title, heldAt: input.heldAt };
  await ports.insertMeeting(meeting, principal.subject);
  ports.publish({ type: 'MeetingRecorded', payload: { meetingId: meeting.id, cellId: cell.id, kind: meeting.kind, heldAt: input.heldAt.toISOString() } });
  return meeting;
}

/** Meetings are confidential to the tenant and the subtree: the same scope as the cell's. */
export function assertCanRead(principal: Principal, cell: CellFacts): void {
  requireInScope(principal, cell.lineage, cell.id);
}
