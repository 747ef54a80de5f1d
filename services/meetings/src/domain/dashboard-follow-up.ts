import { TaskCheckOutcome, elapsedMonths, periodRange, type ReportingPeriod } from '@chibo/domain';
import { meetingDate } from './attendance';
import { rollUpFollowUp, type Mobilized, type ResolutionFollowUpRow, type TaskFollowUpRow } from './follow-up';

/**
 * What the dashboard's follow-up figures (G-8, G-9) and its "as of the period's end" figures
 * (G-10, G-12) look at, for one reporting period (month, quarter, year or term).
 */
export interface FollowUpWindow {
  /** First day of the period and the day after its last (YYYY-MM-DD, Vietnam): resolutions adopted, tasks due. */
  from: string;
  to: string;
  /** A task due before this day and not COMPLETED is overdue: today while the period runs, the day after it once it is over. */
  cutoff: string;
  /** The instant the period is judged at: now, or its end once it is over. */
  asOf: Date;
  /** The calendar year of the period's last month begun by now (its first month when none has): the year of G-10 and G-12. */
  year: number;
}

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

export function followUpWindow(period: ReportingPeriod, now: Date = new Date()): FollowUpWindow {
  const first = period.months[0]!;
  const last = period.months[period.months.length - 1]!;
  const to = `${nextMonth(last)}-01`;
  const today = meetingDate(now);
  const begun = elapsedMonths(period, now);
  return {
    from: `${first}-01`,
    to,
    cutoff: today < to ? today : to,
    asOf: now < period.to ? now : period.to,
    year: Number((begun[begun.length - 1] ?? first).slice(0, 4)),
  };
}

/** Still open: not checked yet, or checked IN_PROGRESS (a COMPLETED or NOT_COMPLETED check concludes a task). */
export function isOpenTask(t: Pick<TaskFollowUpRow, 'outcome'>): boolean {
  return t.outcome === null || t.outcome === TaskCheckOutcome.IN_PROGRESS;
}

/**
 * The tasks a period answers for: those due in it, and those due before it still open when it
 * begins (carried over: overdue until a check concludes them). A task due later than the period
 * is not counted, whenever its resolution was adopted; a concluded one stays in its own period.
 */
export function tasksOfPeriod<T extends Pick<TaskFollowUpRow, 'dueOn' | 'outcome'>>(tasks: T[], w: Pick<FollowUpWindow, 'from' | 'to'>): T[] {
  return tasks.filter((t) => (t.dueOn >= w.from && t.dueOn < w.to) || (t.dueOn < w.from && isOpenTask(t)));
}

/** Nghị quyết và nhiệm vụ trên bảng theo dõi — G-8/G-9 for one period, rolled up over a subtree. */
export interface FollowUpFigures {
  /** Resolutions adopted at meetings held in the period. */
  resolutionsAdopted: number;
  /** Of those, reviewed (G-9 check recorded at a later meeting), by now. */
  resolutionsReviewed: number;
  /** Of those, flagged by G-9: the next regular meeting was held and did not review it. */
  resolutionsAwaitingReview: number;
  /** Tasks of the period (see `tasksOfPeriod`) checked COMPLETED. */
  tasksDone: number;
  /** Tasks of the period past their due date at the cutoff and not checked COMPLETED. */
  tasksOverdue: number;
  /** Tasks of the period neither done nor overdue (due from the cutoff on). */
  tasksOpen: number;
  /** Targets of the period's tasks and the amounts reported on them before the period's end, per unit. */
  resourcesMobilized: Mobilized[];
  adoptedResolutionIds: string[];
  unreviewedResolutionIds: string[];
  overdueTaskIds: string[];
  doneTaskIds: string[];
}

/**
 * G-8/G-9 of a period from the subtree's rows: `resolutions` adopted in the period, `tasks` due
 * up to its end (filtered here); the counting itself is the follow-up roll-up's (`rollUpFollowUp`).
 */
export function followUpFigures(resolutions: ResolutionFollowUpRow[], tasks: TaskFollowUpRow[], w: FollowUpWindow): FollowUpFigures {
  const r = rollUpFollowUp(resolutions, tasksOfPeriod(tasks, w), w.cutoff);
  return {
    resolutionsAdopted: r.resolutions,
    resolutionsReviewed: r.reviewed,
    resolutionsAwaitingReview: r.notReviewed,
    tasksDone: r.tasksCompleted,
    tasksOverdue: r.tasksOverdue,
    tasksOpen: r.tasks - r.tasksCompleted - r.tasksOverdue,
    resourcesMobilized: r.mobilized,
    adoptedResolutionIds: resolutions.map((x) => x.id),
    unreviewedResolutionIds: r.notReviewedResolutionIds,
    overdueTaskIds: r.overdueTaskIds,
    doneTaskIds: r.completedTaskIds,
  };
}

/** The instants of a Vietnam calendar year, up to `asOf`, and its quarters and months begun by then. */
export interface ThemeCalendar {
  from: Date;
  to: Date;
  /** Quarters begun before `asOf`, each cut at `asOf`. */
  quarters: { from: Date; to: Date }[];
  /** Months begun before `asOf`. */
  months: number;
  /** The same span as dates (YYYY-MM-DD, Vietnam; `toDate` exclusive), for resolutions adopted in it. */
  fromDate: string;
  toDate: string;
}

export function themeCalendar(year: number, asOf: Date): ThemeCalendar {
  const month = (m: number) => periodRange(`${year}-${String(m).padStart(2, '0')}`)!;
  const cut = (d: Date) => (d < asOf ? d : asOf);
  const quarters: { from: Date; to: Date }[] = [];
  for (let q = 0; q < 4; q++) {
    const from = month(q * 3 + 1).from;
    if (from >= asOf) break;
    quarters.push({ from, to: cut(month(q * 3 + 3).to) });
  }
  let months = 0;
  for (let m = 1; m <= 12; m++) if (month(m).from < asOf) months++;
  const to = cut(month(12).to);
  const lastDay = Date.parse(`${meetingDate(new Date(to.getTime() - 1))}T00:00:00Z`);
  return { from: month(1).from, to, quarters, months, fromDate: `${year}-01-01`, toDate: new Date(lastDay + 86_400_000).toISOString().slice(0, 10) };
}
