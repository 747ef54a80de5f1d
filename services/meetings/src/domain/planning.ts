import {
  DomainError,
  MEETING_HOLDING_KINDS,
  MeetingKind,
  MeetingStatus,
  isPeriod,
  periodRange,
  requireInScope,
  requireOperation,
  requireTenant,
  type OrgUnitKind,
  type Principal,
} from '@chibo/domain';
import { quarterRange } from './dashboard';
import { newMeeting, type Meeting, type MeetingPorts } from './meetings';

/**
 * G-1: every cell holds a regular meeting each month — due on the 3rd under Chỉ thị 50 — and at
 * least one thematic meeting a quarter, which does not replace the month's regular meeting.
 * The planner puts the missing ones on each cell's calendar as PLANNED; running it again plans
 * nothing twice. (The day is a constant until the per-tenant rule set exists; a 3rd falling on
 * a Sunday stays the 3rd: cells meet on Sundays too, and the directive names the date.)
 */
export const REGULAR_MEETING_DAY = 3;
export const THEMATIC_MEETING_DAY = 15;
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface PlanningCell {
  id: string;
  kind: OrgUnitKind;
}

export interface PlanningPorts extends Pick<MeetingPorts, 'insertMeeting' | 'publish'> {
  unitLineage(orgUnitId: string): Promise<string[] | null>;
  cellsInSubtree(orgUnitId: string): Promise<PlanningCell[]>;
  /** Kinds of meetings each cell has in [from, to), cancelled ones left out. */
  meetingKindsByCell(cellIds: readonly string[], from: Date, to: Date): Promise<Map<string, Set<MeetingKind>>>;
}

/** 08:00 in Vietnam on a day of the period's month. */
function dayOf(period: string, day: number): Date {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day, 8) - VN_OFFSET_MS);
}

export async function planMonth(principal: Principal, input: { orgUnitId: string; period: string }, ports: PlanningPorts, now = new Date()): Promise<Meeting[]> {
  const tenantId = requireTenant(principal);
  requireOperation(principal, 'planMeetings');
  if (!isPeriod(input.period)) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Kỳ phải có dạng YYYY-MM', en: 'Period must look like YYYY-MM' }, { field: 'period' });
  }
  const lineage = await ports.unitLineage(input.orgUnitId);
  if (!lineage) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { field: 'orgUnitId' });
  requireInScope(principal, lineage, input.orgUnitId);

  const month = periodRange(input.period)!;
  const quarter = quarterRange(input.period)!;
  const firstMonthOfQuarter = month.from.getTime() === quarter.from.getTime();
  const cells = (await ports.cellsInSubtree(input.orgUnitId)).filter((c) => MEETING_HOLDING_KINDS.includes(c.kind));
  const ids = cells.map((c) => c.id);
  const inMonth = await ports.meetingKindsByCell(ids, month.from, month.to);
  const inQuarter = await ports.meetingKindsByCell(ids, quarter.from, quarter.to);
  const [y, m] = input.period.split('-');
  const planned: Meeting[] = [];
  for (const cell of cells) {
    if (!inMonth.get(cell.id)?.has(MeetingKind.REGULAR)) {
      planned.push(
        newMeeting(tenantId, cell.id, {
          kind: MeetingKind.REGULAR,
          status: MeetingStatus.PLANNED,
          title: `Sinh hoạt chi bộ thường kỳ tháng ${m}/${y}`,
          scheduledAt: dayOf(input.period, REGULAR_MEETING_DAY),
          statusChangedAt: now,
          statusChangedBy: principal.subject,
        }),
      );
    }
    if (firstMonthOfQuarter && !inQuarter.get(cell.id)?.has(MeetingKind.THEMATIC)) {
      planned.push(
        newMeeting(tenantId, cell.id, {
          kind: MeetingKind.THEMATIC,
          status: MeetingStatus.PLANNED,
          title: `Sinh hoạt chuyên đề quý ${Math.floor((Number(m) - 1) / 3) + 1}/${y}`,
          scheduledAt: dayOf(input.period, THEMATIC_MEETING_DAY),
          statusChangedAt: now,
          statusChangedBy: principal.subject,
        }),
      );
    }
  }
  for (const meeting of planned) {
    await ports.insertMeeting(meeting, principal.subject);
    ports.publish({ type: 'MeetingStatusChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, from: null, to: MeetingStatus.PLANNED, heldAt: null } });
  }
  return planned;
}
