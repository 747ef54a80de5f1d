import { randomUUID } from 'node:crypto';
import {
  DomainError,
  MEETING_HOLDING_KINDS,
  MeetingKind,
  MeetingStatus,
  OrgUnitKind,
  hasRole,
  Role,
  nfc,
  requireInScope,
  requireScope,
  requireRole,
  requireTenant,
  type DomainEvent,
  type HigherDocumentRegistered,
  type MeetingContentChanged,
  type YearlyThemeSet,
  type MeetingStatusChanged,
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
  /** When it is planned to take place (PLANNED, PREPARED); null for a meeting recorded after the fact. */
  scheduledAt: Date | null;
  heldAt: Date | null;
  endedAt: Date | null;
  /** Chủ trì — the member who chaired it (G-5: their words do not count as participation). */
  chairMemberId: string | null;
  /** Thư ký — the member who took the minutes. */
  secretaryMemberId: string | null;
  /** Địa điểm — where it takes or took place. */
  location: string | null;
  /** Dự thảo nghị quyết — ready before the meeting (G-2 PREPARED). */
  draftResolution: string | null;
  cancelReason: string | null;
  statusChangedAt: Date | null;
  statusChangedBy: string | null;
  /** The roll the attendance was taken against (G-4), fixed when attendance is recorded. */
  rollSize: number | null;
  rollTemporarilyOut: number | null;
}

export interface CellFacts {
  id: string;
  kind: OrgUnitKind;
  lineage: string[];
}

/** Events the meetings service publishes. */
export type MeetingEvent = DomainEvent | MeetingStatusChanged | MeetingContentChanged | HigherDocumentRegistered | YearlyThemeSet;

export interface MeetingPorts {
  findCell(id: string): Promise<CellFacts | null>;
  insertMeeting(meeting: Meeting, createdBy: string): Promise<void>;
  publish(event: MeetingEvent): void;
}

export interface RecordMeetingCommand {
  cellId: string;
  kind: MeetingKind;
  title: string;
  heldAt: Date;
  location?: string | null;
}

export const TITLE_MAX = 300;
// A clock a few minutes fast on a phone should not reject a meeting that just ended.
export const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

/** Roles that write meetings: a cell's secretary for their cell, staff and admins for their subtree. */
export const MEETING_WRITERS = [Role.CELL_SECRETARY, Role.COMMITTEE_STAFF, Role.CITY_ADMIN];

/**
 * Who may record meetings: the writer roles, and an integrator whose API key carries
 * `meetings:write` (e.g. a ward's own software sending its cells' meetings), within the key's
 * tenant and scope like anyone else. A key without it is FORBIDDEN, naming the scope.
 */
export function requireMeetingWriter(principal: Principal): void {
  if (hasRole(principal, Role.INTEGRATOR)) {
    requireScope(principal, 'meetings:write');
    return;
  }
  requireRole(principal, ...MEETING_WRITERS);
}

/** G-1: cells hold cell meetings of every kind; committees hold seminars (tọa đàm). */
export function assertMayHold(unit: CellFacts, kind: MeetingKind): void {
  if (MEETING_HOLDING_KINDS.includes(unit.kind)) return;
  if (kind === MeetingKind.SEMINAR && unit.kind === OrgUnitKind.COMMITTEE) return;
  throw new DomainError(
    'RULE_VIOLATION',
    { vi: 'Chỉ chi bộ mới ghi nhận sinh hoạt chi bộ; đảng bộ chỉ tổ chức tọa đàm', en: 'Only cells hold cell meetings; committees hold seminars only' },
    { rule: 'G-1', field: 'cellId', kind: unit.kind, meetingKind: kind },
  );
}

export const LOCATION_MAX = 300;

/** Địa điểm: optional, NFC, at most LOCATION_MAX characters. */
export function cleanLocation(value: string | null | undefined): string | null {
  const location = nfc(value ?? '');
  if (location.length > LOCATION_MAX) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Địa điểm tối đa ${LOCATION_MAX} ký tự`, en: `Location is at most ${LOCATION_MAX} characters` }, { field: 'location' });
  }
  return location || null;
}

export function cleanTitle(value: string | null | undefined): string {
  const title = nfc(value ?? '');
  if (!title || title.length > TITLE_MAX) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Tiêu đề phải có từ 1 đến ${TITLE_MAX} ký tự`, en: `Title must be 1 to ${TITLE_MAX} characters` }, { field: 'title' });
  }
  return title;
}

export async function findCellInScope(principal: Principal, cellId: string, ports: Pick<MeetingPorts, 'findCell'>): Promise<CellFacts> {
  const cell = await ports.findCell(cellId);
  if (!cell) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy chi bộ', en: 'Cell not found' }, { field: 'cellId' });
  requireInScope(principal, cell.lineage, cell.id);
  return cell;
}

export function newMeeting(tenantId: string, cellId: string, fields: Partial<Meeting> & Pick<Meeting, 'kind' | 'status' | 'title'>): Meeting {
  return {
    id: randomUUID(),
    tenantId,
    cellId,
    scheduledAt: null,
    heldAt: null,
    endedAt: null,
    chairMemberId: null,
    secretaryMemberId: null,
    location: null,
    draftResolution: null,
    cancelReason: null,
    statusChangedAt: null,
    statusChangedBy: null,
    rollSize: null,
    rollTemporarilyOut: null,
    ...fields,
  };
}

/**
 * Record a meeting that has been held (G-2: it enters as HELD). Cell secretaries record their
 * own cell's meetings; committee staff and city administrators those of their subtree.
 */
export async function recordMeeting(principal: Principal, input: RecordMeetingCommand, ports: MeetingPorts, now = new Date()): Promise<Meeting> {
  const tenantId = requireTenant(principal);
  requireMeetingWriter(principal);
  const cell = await findCellInScope(principal, input.cellId, ports);
  assertMayHold(cell, input.kind);
  const title = cleanTitle(input.title);
  if (Number.isNaN(input.heldAt.getTime()) || input.heldAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Thời gian họp không thể ở tương lai', en: 'A held meeting cannot be in the future' }, { field: 'heldAt', rule: 'G-2' });
  }
  const meeting = newMeeting(tenantId, cell.id, {
    kind: input.kind,
    status: MeetingStatus.HELD,
    title,
    heldAt: input.heldAt,
    location: cleanLocation(input.location),
    statusChangedAt: now,
    statusChangedBy: principal.subject,
  });
  await ports.insertMeeting(meeting, principal.subject);
  ports.publish({ type: 'MeetingRecorded', payload: { meetingId: meeting.id, cellId: cell.id, kind: meeting.kind, heldAt: input.heldAt.toISOString() } });
  return meeting;
}

/** Meetings are confidential to the tenant and the subtree: the same scope as the cell's. */
export function assertCanRead(principal: Principal, cell: CellFacts): void {
  requireScope(principal, 'meetings:read');
  requireInScope(principal, cell.lineage, cell.id);
}
