import { randomUUID } from 'node:crypto';
import { DomainError, MemberEventKind as E, MEETING_HOLDING_KINDS, TransferKind, nfc, type Principal, type WorkingCalendar } from '@chibo/domain';
import { addMonths, addWorkingDays, parseDate, todayVn } from './dates';
import { assertOnRolls, canWriteMember } from './member-rules';
import { applyEvent, readableMember, type Member, type MemberPorts } from './members';
import type { OrgUnit } from './org-units';

/** Chuyển sinh hoạt đảng trong đảng bộ — a move of a member between two cells of the tenant (M-8). */
export interface Transfer {
  id: string;
  memberId: string;
  kind: TransferKind;
  fromCellId: string;
  toCellId: string;
  decisionNumber: string | null;
  decisionDate: string;
  /** The day the member leaves the home cell (starts the transfer). */
  startsOn: string;
  /** TEMPORARY only: the day the member is back on the home cell (exclusive end). */
  until: string | null;
  forStudy: boolean;
  /** The day the member reported to the new cell. */
  reportedOn: string | null;
  recordedBy: string;
}

export interface TransferPorts extends MemberPorts {
  insertTransfer(t: Transfer): Promise<void>;
  findTransfer(id: string): Promise<Transfer | null>;
  transfersOf(memberIds: readonly string[]): Promise<Transfer[]>;
  setTransferReported(id: string, reportedOn: string): Promise<void>;
}

/** M-8 deadlines in working days (weekends and public holidays excluded). */
export const START_WITHIN_WORKING_DAYS = 60;
export const REPORT_WITHIN_WORKING_DAYS = 30;

export interface TransferDeadlines {
  startDeadline: string | null;
  reportDeadline: string | null;
  lateStart: boolean;
  lateReport: boolean;
}

/**
 * M-8: an OFFICIAL transfer must start within 60 working days of the decision, and the member
 * reports to the new cell within 30 working days of leaving; lateness is flagged, not refused
 * (the move has happened). A report not yet made is late once its deadline has passed.
 */
export function transferDeadlines(t: Pick<Transfer, 'kind' | 'decisionDate' | 'startsOn' | 'reportedOn'>, today: string, calendar?: WorkingCalendar): TransferDeadlines {
  if (t.kind !== TransferKind.OFFICIAL) return { startDeadline: null, reportDeadline: null, lateStart: false, lateReport: false };
  const startDeadline = addWorkingDays(t.decisionDate, START_WITHIN_WORKING_DAYS, calendar);
  const reportDeadline = addWorkingDays(t.startsOn, REPORT_WITHIN_WORKING_DAYS, calendar);
  return {
    startDeadline,
    reportDeadline,
    lateStart: t.startsOn > startDeadline,
    lateReport: t.reportedOn ? t.reportedOn > reportDeadline : today > reportDeadline,
  };
}

const rule = (vi: string, en: string, details: Record<string, unknown> = {}) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'M-8', ...details });

/** M-8 TEMPORARY: 3 months to under 1 year; for study, 3 months to 2 years. */
export function assertTemporaryPeriod(startsOn: string, until: string | null, forStudy: boolean): void {
  if (!until) throw rule('Chuyển sinh hoạt tạm thời phải có thời hạn', 'A temporary transfer needs an end date', { field: 'until' });
  if (until < addMonths(startsOn, 3)) throw rule('Chuyển sinh hoạt tạm thời ít nhất 3 tháng', 'A temporary transfer lasts at least 3 months', { field: 'until' });
  const max = forStudy ? addMonths(startsOn, 24) : addMonths(startsOn, 12);
  const tooLong = forStudy ? until > max : until >= max;
  if (tooLong) {
    throw rule(
      forStudy ? 'Chuyển sinh hoạt tạm thời để học tập không quá 2 năm' : 'Chuyển sinh hoạt tạm thời dưới 1 năm',
      forStudy ? 'A temporary transfer for study lasts at most 2 years' : 'A temporary transfer lasts less than 1 year',
      { field: 'until' },
    );
  }
}

export interface TransferMemberCommand {
  memberId: string;
  toCellId: string;
  kind: TransferKind;
  decisionNumber?: string | null;
  decisionDate: string;
  startsOn: string;
  until?: string | null;
  forStudy?: boolean | null;
  reportedOn?: string | null;
}

const cellNotFound = () => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy chi bộ', en: 'Cell not found' }, { field: 'toCellId' });

async function targetCell(principal: Principal, ports: MemberPorts, id: string): Promise<OrgUnit> {
  const cell = await ports.findOrgUnit(id);
  if (!cell || !canWriteMember(principal, cell.lineage)) throw cellNotFound();
  if (!MEETING_HOLDING_KINDS.includes(cell.kind)) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Đảng viên sinh hoạt tại chi bộ', en: 'Members belong to a cell' }, { rule: 'T-2', field: 'toCellId' });
  }
  return cell;
}

/**
 * M-8 within a tenant: OFFICIAL moves the member to the new cell's roll from `startsOn`;
 * TEMPORARY keeps them on the home roll (out of the host's counts) until `until`.
 */
export async function transferMember(principal: Principal, input: TransferMemberCommand, ports: TransferPorts, now = new Date()): Promise<{ member: Member; transfer: Transfer }> {
  const { member, cell: home } = await readableMember(principal, ports, input.memberId);
  if (!canWriteMember(principal, home.lineage)) throw new DomainError('FORBIDDEN');
  const target = await targetCell(principal, ports, input.toCellId);
  if (target.id === member.cellId) throw rule('Chi bộ chuyển đến trùng chi bộ hiện tại', 'The member is already in this cell', { field: 'toCellId' });
  const decisionDate = parseDate(input.decisionDate, 'decisionDate');
  const startsOn = parseDate(input.startsOn, 'startsOn');
  const today = todayVn(now);
  if (startsOn > today) throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày chuyển không thể ở tương lai', en: 'The start date cannot be in the future' }, { field: 'startsOn', rule: 'M-8' });
  if (startsOn < decisionDate) throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày chuyển không thể trước ngày quyết định', en: 'A transfer cannot start before its decision' }, { field: 'startsOn', rule: 'M-8' });
  const forStudy = !!input.forStudy;
  const until = input.kind === TransferKind.TEMPORARY && input.until ? parseDate(input.until, 'until') : null;
  if (input.kind === TransferKind.TEMPORARY) assertTemporaryPeriod(startsOn, until, forStudy);
  const reportedOn = input.reportedOn ? parseDate(input.reportedOn, 'reportedOn') : null;
  if (reportedOn && (reportedOn < startsOn || reportedOn > today)) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày báo đến phải từ ngày chuyển đến hôm nay', en: 'The report date lies between the start and today' }, { field: 'reportedOn' });
  }
  const transfer: Transfer = {
    id: randomUUID(),
    memberId: member.id,
    kind: input.kind,
    fromCellId: member.cellId,
    toCellId: target.id,
    decisionNumber: input.decisionNumber ? nfc(input.decisionNumber) || null : null,
    decisionDate,
    startsOn,
    until,
    forStudy,
    reportedOn,
    recordedBy: principal.subject,
  };
  const moved = await applyEvent(ports, member, E.TRANSFERRED, startsOn, principal.subject, (s) => assertOnRolls(s.status, 'M-8'), {
    decisionNumber: transfer.decisionNumber,
    decisionDate,
    sourceRef: `transfer:${transfer.id}`,
    ...(input.kind === TransferKind.OFFICIAL ? { cellId: target.id, fromCellId: member.cellId } : {}),
  });
  await ports.insertTransfer(transfer);
  ports.publish({
    type: 'MemberTransferred',
    payload: { memberId: member.id, fromCellId: transfer.fromCellId, toCellId: target.id, kind: input.kind, effectiveOn: startsOn, until },
  });
  return { member: moved, transfer };
}

/** The member reported to the new cell (M-8: within 30 working days, else flagged). */
export async function recordTransferArrival(principal: Principal, input: { transferId: string; reportedOn: string }, ports: TransferPorts, now = new Date()): Promise<Transfer> {
  const transfer = await ports.findTransfer(input.transferId);
  const target = transfer ? await ports.findOrgUnit(transfer.toCellId) : null;
  if (!transfer || !target || !canWriteMember(principal, target.lineage)) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy quyết định chuyển sinh hoạt', en: 'Transfer not found' }, { transferId: input.transferId });
  }
  const reportedOn = parseDate(input.reportedOn, 'reportedOn');
  if (transfer.reportedOn) throw new DomainError('CONFLICT', { vi: 'Đã ghi nhận ngày báo đến', en: 'The arrival is already recorded' }, { rule: 'M-8' });
  if (reportedOn < transfer.startsOn || reportedOn > todayVn(now)) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày báo đến phải từ ngày chuyển đến hôm nay', en: 'The report date lies between the start and today' }, { field: 'reportedOn' });
  }
  await ports.setTransferReported(transfer.id, reportedOn);
  return { ...transfer, reportedOn };
}
