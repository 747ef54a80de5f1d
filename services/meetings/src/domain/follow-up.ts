import { TaskCheckOutcome } from '@chibo/domain';

/** One resolution of a subtree, with what G-9 needs to judge its follow-up. */
export interface ResolutionFollowUpRow {
  id: string;
  cellId: string;
  reviewed: boolean;
  /** A later regular meeting of the cell was held: the review was due there. */
  laterRegularHeld: boolean;
}

export interface TaskFollowUpRow {
  id: string;
  resolutionId: string;
  cellId: string;
  dueOn: string;
  outcome: TaskCheckOutcome | null;
  targetValue: number | null;
  targetUnit: string | null;
  achieved: number;
}

/** Nguồn lực huy động — what the subtree's tasks set out to mobilise and what was reported, per unit (VND, bóng đèn …). */
export interface Mobilized {
  unit: string;
  target: number;
  achieved: number;
  /** The tasks with a target in this unit (the records behind the totals). */
  taskIds: string[];
}

/** G-9 rolled up over a subtree (kiểm tra, giám sát việc thực hiện nghị quyết). */
export interface FollowUpRollUp {
  resolutions: number;
  reviewed: number;
  /** Flag: the next regular meeting was held and the resolution was not reviewed there. */
  notReviewed: number;
  /** reviewed ÷ resolutions whose review has fallen due; null when none has. */
  reviewedShare: number | null;
  tasks: number;
  tasksCompleted: number;
  /** Flag: past the due date and not checked COMPLETED. */
  tasksOverdue: number;
  mobilized: Mobilized[];
  notReviewedResolutionIds: string[];
  overdueTaskIds: string[];
  completedTaskIds: string[];
}

export function rollUpFollowUp(resolutions: ResolutionFollowUpRow[], tasks: TaskFollowUpRow[], today: string): FollowUpRollUp {
  const due = resolutions.filter((r) => r.reviewed || r.laterRegularHeld);
  const notReviewed = resolutions.filter((r) => !r.reviewed && r.laterRegularHeld);
  const overdue = tasks.filter((t) => t.dueOn < today && t.outcome !== TaskCheckOutcome.COMPLETED);
  const completed = tasks.filter((t) => t.outcome === TaskCheckOutcome.COMPLETED);
  const byUnit = new Map<string, Mobilized>();
  for (const t of tasks) {
    if (t.targetValue === null) continue;
    const unit = t.targetUnit ?? '';
    const m = byUnit.get(unit) ?? { unit, target: 0, achieved: 0, taskIds: [] };
    m.target += t.targetValue;
    m.achieved += t.achieved;
    m.taskIds.push(t.id);
    byUnit.set(unit, m);
  }
  return {
    resolutions: resolutions.length,
    reviewed: resolutions.filter((r) => r.reviewed).length,
    notReviewed: notReviewed.length,
    reviewedShare: due.length ? due.filter((r) => r.reviewed).length / due.length : null,
    tasks: tasks.length,
    tasksCompleted: completed.length,
    tasksOverdue: overdue.length,
    mobilized: [...byUnit.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'vi')),
    notReviewedResolutionIds: notReviewed.map((r) => r.id),
    overdueTaskIds: overdue.map((t) => t.id),
    completedTaskIds: completed.map((t) => t.id),
  };
}

/** What a held meeting's per-meeting flags are computed from (G-4, G-5, G-6). */
export interface MeetingFlagFacts {
  id: string;
  expected: number | null;
  present: number;
  /** Distinct speakers other than the chair. */
  speakers: number;
  chairSpoke: boolean;
  totalMinutes: number;
  professionalMinutes: number;
}

export interface MeetingFlagLists {
  /** G-5: the chair spoke and nobody else did. */
  onlyChairSpoke: string[];
  /** G-6: PROFESSIONAL share of the minutes above the rule set's threshold. */
  professionalShareExceeded: string[];
  /** G-4: attendance below the rule set's minimum. */
  lowAttendance: string[];
}

export function meetingFlags(rows: MeetingFlagFacts[], rules: { professionalShareMax: number; attendanceRateMin: number }): MeetingFlagLists {
  return {
    onlyChairSpoke: rows.filter((r) => r.chairSpoke && r.speakers === 0).map((r) => r.id),
    professionalShareExceeded: rows.filter((r) => r.totalMinutes > 0 && r.professionalMinutes / r.totalMinutes > rules.professionalShareMax).map((r) => r.id),
    lowAttendance: rows.filter((r) => r.expected !== null && r.expected > 0 && r.present / r.expected < rules.attendanceRateMin).map((r) => r.id),
  };
}
