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
import { regularMeetingDate, ruleSetOn, type RuleSetPorts } from './rule-set';

/**
 * G-1: every cell holds a regular meeting each month — on the day of the tenant's rule set (the
 * 3rd under Chỉ thị 50 by default, see `regularMeetingDate` for Sundays) — and at least one
 * thematic meeting a quarter, which does not replace the month's regular meeting. The planner
 * puts the missing ones on each cell's calendar as PLANNED; running it again plans nothing twice.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface PlanningCell {
  id: string;
  kind: OrgUnitKind;
}

export interface PlanningPorts extends Pick<MeetingPorts, 'insertMeeting' | 'publish'>, Pick<RuleSetPorts, 'ruleSetOn'> {
  /** Serialises planners of one tenant (the mutation, and the timer of every replica) until the transaction ends. */
  lockPlanning(): Promise<void>;
  unitLineage(orgUnitId: string): Promise<string[] | null>;
  cellsInSubtree(orgUnitId: string): Promise<PlanningCell[]>;
  /** Kinds of meetings each cell has in [from, to), cancelled ones left out. */
  meetingKindsByCell(cellIds: readonly string[], from: Date, to: Date): Promise<Map<string, Set<MeetingKind>>>;
}

/** 08:00 in Vietnam on a date (YYYY-MM-DD). */
function morningOf(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 8) - VN_OFFSET_MS);
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

  const cells = await ports.cellsInSubtree(input.orgUnitId);
  return planCells(tenantId, principal.subject, cells, input.period, ports, now);
}

/**
 * Plans the month for the given cells under the rule set in force on the month's first day.
 * Shared by the mutation and the service's own timer (which acts as `system:planner`).
 */
export async function planCells(tenantId: string, actor: string, units: PlanningCell[], period: string, ports: PlanningPorts, now = new Date()): Promise<Meeting[]> {
  await ports.lockPlanning();
  const rules = await ruleSetOn(`${period}-01`, ports);
  const month = periodRange(period)!;
  const quarter = quarterRange(period)!;
  const firstMonthOfQuarter = month.from.getTime() === quarter.from.getTime();
  const cells = units.filter((c) => MEETING_HOLDING_KINDS.includes(c.kind));
  const ids = cells.map((c) => c.id);
  const inMonth = await ports.meetingKindsByCell(ids, month.from, month.to);
  const inQuarter = await ports.meetingKindsByCell(ids, quarter.from, quarter.to);
  const [y, m] = period.split('-');
  const planned: Meeting[] = [];
  for (const cell of cells) {
    if (!inMonth.get(cell.id)?.has(MeetingKind.REGULAR)) {
      planned.push(
        newMeeting(tenantId, cell.id, {
          kind: MeetingKind.REGULAR,
          status: MeetingStatus.PLANNED,
          title: `Sinh hoạt chi bộ thường kỳ tháng ${m}/${y}`,
          scheduledAt: morningOf(regularMeetingDate(period, rules)),
          statusChangedAt: now,
          statusChangedBy: actor,
        }),
      );
    }
    if (firstMonthOfQuarter && !inQuarter.get(cell.id)?.has(MeetingKind.THEMATIC)) {
      planned.push(
        newMeeting(tenantId, cell.id, {
          kind: MeetingKind.THEMATIC,
          status: MeetingStatus.PLANNED,
          title: `Sinh hoạt chuyên đề quý ${Math.floor((Number(m) - 1) / 3) + 1}/${y}`,
          scheduledAt: morningOf(`${period}-${String(rules.thematicMeetingDay).padStart(2, '0')}`),
          statusChangedAt: now,
          statusChangedBy: actor,
        }),
      );
    }
  }
  for (const meeting of planned) {
    await ports.insertMeeting(meeting, actor);
    ports.publish({ type: 'MeetingStatusChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, from: null, to: MeetingStatus.PLANNED, heldAt: null } });
  }
  return planned;
}
