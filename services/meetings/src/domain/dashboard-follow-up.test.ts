import { TaskCheckOutcome, parseReportingPeriod } from '@chibo/domain';
import { followUpFigures, followUpWindow, tasksOfPeriod, themeCalendar } from './dashboard-follow-up';
import type { TaskFollowUpRow } from './follow-up';
import { ThemeTargetKind, cellsBehindTheme, sumThemeFacts, themeFactsByCell, type CellThemeRow } from './theme';

const NOW = new Date('2026-11-25T03:00:00Z'); // 25 Nov 2026, 10:00 in Vietnam
const window = (p: string) => followUpWindow(parseReportingPeriod(p)!, NOW);

describe('the window a dashboard period is judged in', () => {
  it.each<[string, string, { from: string; to: string; cutoff: string; year: number; over: boolean }]>([
    ['a past month: over, judged at its end', '2026-10', { from: '2026-10-01', to: '2026-11-01', cutoff: '2026-11-01', year: 2026, over: true }],
    ['the current month: judged today', '2026-11', { from: '2026-11-01', to: '2026-12-01', cutoff: '2026-11-25', year: 2026, over: false }],
    ['a quarter', '2026-Q3', { from: '2026-07-01', to: '2026-10-01', cutoff: '2026-10-01', year: 2026, over: true }],
    ['the running year', '2026', { from: '2026-01-01', to: '2027-01-01', cutoff: '2026-11-25', year: 2026, over: false }],
    ['a term: its year is the current one', '2025-2030', { from: '2025-01-01', to: '2030-01-01', cutoff: '2026-11-25', year: 2026, over: false }],
    ['a past year', '2025', { from: '2025-01-01', to: '2026-01-01', cutoff: '2026-01-01', year: 2025, over: true }],
    ['a future month: nothing begun, its own year', '2027-02', { from: '2027-02-01', to: '2027-03-01', cutoff: '2026-11-25', year: 2027, over: false }],
  ])('%s (%s)', (_name, period, expected) => {
    const w = window(period);
    expect({ from: w.from, to: w.to, cutoff: w.cutoff, year: w.year, over: w.asOf < NOW }).toEqual(expected);
  });
});

const task = (id: string, dueOn: string, outcome: TaskCheckOutcome | null, target?: [number, string, number]): TaskFollowUpRow => ({
  id,
  resolutionId: 'r',
  cellId: 'c',
  dueOn,
  outcome,
  targetValue: target?.[0] ?? null,
  targetUnit: target?.[1] ?? null,
  achieved: target?.[2] ?? 0,
});

describe('G-9: the tasks a period answers for', () => {
  it.each<[string, TaskFollowUpRow, string, boolean]>([
    ['due in the period', task('t', '2026-10-15', null), '2026-10', true],
    ['due in the period and done', task('t', '2026-10-15', TaskCheckOutcome.COMPLETED), '2026-10', true],
    ['due before the period, still open: carried over', task('t', '2026-09-30', TaskCheckOutcome.IN_PROGRESS), '2026-10', true],
    ['due before the period and done: belongs to its own period', task('t', '2026-09-30', TaskCheckOutcome.COMPLETED), '2026-10', false],
    ['due before the period, concluded NOT_COMPLETED: not carried for ever', task('t', '2026-09-30', TaskCheckOutcome.NOT_COMPLETED), '2026-10', false],
    ['due before the period, never checked: carried over', task('t', '2026-01-31', null), '2026-10', true],
    ['due after the period', task('t', '2026-11-01', null), '2026-10', false],
    ['a quarter takes its three months', task('t', '2026-08-31', TaskCheckOutcome.COMPLETED), '2026-Q3', true],
  ])('%s', (_name, t, period, counted) => {
    expect(tasksOfPeriod([t], window(period))).toHaveLength(counted ? 1 : 0);
  });

  it('G-8/G-9: done, overdue and open split the period’s tasks; mobilised sums the targets by unit', () => {
    const f = followUpFigures(
      [
        { id: 'r1', cellId: 'c', reviewed: true, laterRegularHeld: true },
        { id: 'r2', cellId: 'c', reviewed: false, laterRegularHeld: true },
        { id: 'r3', cellId: 'c', reviewed: false, laterRegularHeld: false },
      ],
      [
        task('done', '2026-11-03', TaskCheckOutcome.COMPLETED, [100_000_000, 'VND', 120_000_000]),
        task('late', '2026-11-10', TaskCheckOutcome.IN_PROGRESS, [100_000_000, 'VND', 35_000_000]),
        task('carried', '2026-08-01', null),
        task('failed', '2026-11-05', TaskCheckOutcome.NOT_COMPLETED),
        task('open', '2026-11-25', null, [40, 'bóng đèn', 12]),
      ],
      window('2026-11'),
    );
    expect(f).toMatchObject({
      resolutionsAdopted: 3,
      resolutionsReviewed: 1,
      resolutionsAwaitingReview: 1,
      tasksDone: 1,
      tasksOverdue: 3,
      tasksOpen: 1,
      adoptedResolutionIds: ['r1', 'r2', 'r3'],
      unreviewedResolutionIds: ['r2'],
      overdueTaskIds: ['late', 'carried', 'failed'],
      doneTaskIds: ['done'],
    });
    expect(f.resourcesMobilized).toEqual([
      { unit: 'bóng đèn', target: 40, achieved: 12, taskIds: ['open'] },
      { unit: 'VND', target: 200_000_000, achieved: 155_000_000, taskIds: ['done', 'late'] },
    ]);
  });
});

describe('G-10/G-12: a year judged up to a moment', () => {
  it.each<[string, string, number, number, string]>([
    ['the running year: quarters and months begun by today', '2026-11-25T03:00:00Z', 4, 11, '2026-11-26'],
    ['up to the end of March: one quarter, three months', '2026-03-31T17:00:00Z', 1, 3, '2026-04-01'],
    ['a whole year', '2027-01-01T00:00:00Z', 4, 12, '2027-01-01'],
  ])('%s', (_name, asOf, quarters, months, toDate) => {
    const c = themeCalendar(2026, new Date(asOf));
    expect([c.quarters.length, c.months, c.fromDate, c.toDate]).toEqual([quarters, months, '2026-01-01', toDate]);
    expect(c.quarters[c.quarters.length - 1]!.to.getTime()).toBeLessThanOrEqual(new Date(asOf).getTime());
  });
});

describe('G-12: per cell, summed, and the cells behind', () => {
  const row = (cellId: string, o: Partial<CellThemeRow> = {}): CellThemeRow => ({ cellId, closed: false, missedAThematicQuarter: false, scoredMeetings: 0, goodMeetings: 0, monthsWithRegular: 10, ...o });
  const cells = [row('a'), row('b', { missedAThematicQuarter: true, scoredMeetings: 4, goodMeetings: 1 }), row('c', { closed: true, missedAThematicQuarter: true, monthsWithRegular: 2 })];
  const byCell = themeFactsByCell(cells, [{ cellId: 'a', reviewed: true, laterRegularHeld: true }, { cellId: 'a', reviewed: false, laterRegularHeld: false }, { cellId: 'b', reviewed: false, laterRegularHeld: true }], 10);
  const theme = { year: 2026, title: 't', targets: [{ kind: ThemeTargetKind.CELLS_WITH_THEMATIC_EVERY_QUARTER, threshold: 0.9 }, { kind: ThemeTargetKind.MEETINGS_RATED_GOOD, threshold: 0.7 }] };

  it('G-12: a subtree’s facts are its cells’ added up', () => {
    expect(sumThemeFacts(byCell.values())).toEqual({ cells: 3, cellsMissingAThematicQuarter: 2, scoredMeetings: 4, goodMeetings: 1, resolutionsDue: 2, resolutionsReviewed: 1, cellMonths: 30, cellMonthsWithRegular: 22 });
  });

  it('G-12: a cell is behind when its own figures miss a measurable target; a closed cell never is', () => {
    expect(cellsBehindTheme(theme, cells, byCell)).toEqual(['b']);
  });
});
