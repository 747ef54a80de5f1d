import { TaskCheckOutcome } from '@chibo/domain';
import { meetingFlags, rollUpFollowUp, type MeetingFlagFacts } from './follow-up';
import { ThemeTargetKind, themeProgress } from './theme';

const facts = (over: Partial<MeetingFlagFacts>): MeetingFlagFacts => ({ id: 'm', expected: 20, present: 20, speakers: 3, chairSpoke: true, totalMinutes: 100, professionalMinutes: 0, ...over });
const rules = { professionalShareMax: 0.5, attendanceRateMin: 0.85 };

describe('per-meeting flags at their boundaries', () => {
  it.each<[string, Partial<MeetingFlagFacts>, [boolean, boolean, boolean]]>([
    ['G-6: professional share exactly 50 % is not flagged', { professionalMinutes: 50 }, [false, false, false]],
    ['G-6: 50.5 % is flagged', { professionalMinutes: 50.5 }, [false, true, false]],
    ['G-4: attendance exactly 85 % is not low', { expected: 20, present: 17 }, [false, false, false]],
    ['G-4: 16 of 20 (80 %) is low', { expected: 20, present: 16 }, [false, false, true]],
    ['G-4: no attendance recorded is not judged', { expected: null, present: 0 }, [false, false, false]],
    ['G-5: only the chair spoke', { speakers: 0, chairSpoke: true }, [true, false, false]],
    ['G-5: nobody spoke is not "only the chair"', { speakers: 0, chairSpoke: false }, [false, false, false]],
    ['G-6: a meeting without minutes recorded is not judged', { totalMinutes: 0, professionalMinutes: 0 }, [false, false, false]],
  ])('%s', (_name, over, [chair, prof, low]) => {
    const f = meetingFlags([facts(over)], rules);
    expect([f.onlyChairSpoke.length > 0, f.professionalShareExceeded.length > 0, f.lowAttendance.length > 0]).toEqual([chair, prof, low]);
  });
});

describe('G-9 roll-up', () => {
  it('G-9: a resolution is due for review once a later regular meeting was held; overdue means past due and not COMPLETED', () => {
    const r = rollUpFollowUp(
      [
        { id: 'r1', cellId: 'c1', reviewed: true, laterRegularHeld: true },
        { id: 'r2', cellId: 'c1', reviewed: false, laterRegularHeld: true },
        { id: 'r3', cellId: 'c2', reviewed: false, laterRegularHeld: false },
      ],
      [
        { id: 't1', resolutionId: 'r1', cellId: 'c1', dueOn: '2026-10-31', outcome: TaskCheckOutcome.COMPLETED, targetValue: 100_000_000, targetUnit: 'VND', achieved: 103_500_000 },
        { id: 't2', resolutionId: 'r2', cellId: 'c1', dueOn: '2026-10-31', outcome: null, targetValue: 40, targetUnit: 'bóng', achieved: 25 },
        { id: 't3', resolutionId: 'r3', cellId: 'c2', dueOn: '2026-11-01', outcome: null, targetValue: null, targetUnit: null, achieved: 0 },
      ],
      '2026-11-01',
    );
    expect(r).toMatchObject({ resolutions: 3, reviewed: 1, notReviewed: 1, reviewedShare: 0.5, tasks: 3, tasksCompleted: 1, tasksOverdue: 1, notReviewedResolutionIds: ['r2'], overdueTaskIds: ['t2'], completedTaskIds: ['t1'] });
    expect(r.mobilized).toEqual([
      { unit: 'bóng', target: 40, achieved: 25, taskIds: ['t2'] },
      { unit: 'VND', target: 100_000_000, achieved: 103_500_000, taskIds: ['t1'] },
    ]);
  });
});

describe('G-12 progress', () => {
  const f = { cells: 240, cellsMissingAThematicQuarter: 24, scoredMeetings: 100, goodMeetings: 69, resolutionsDue: 0, resolutionsReviewed: 0, cellMonths: 2880, cellMonthsWithRegular: 2880 };
  it.each<[string, ThemeTargetKind, number, number | null, boolean]>([
    ['G-12: 216/240 = 90 % meets "≥ 90 %" exactly', ThemeTargetKind.CELLS_WITH_THEMATIC_EVERY_QUARTER, 0.9, 0.9, true],
    ['G-12: 69 % GOOD misses "≥ 70 %"', ThemeTargetKind.MEETINGS_RATED_GOOD, 0.7, 0.69, false],
    ['G-12: no resolution due yet: nothing to measure, not met', ThemeTargetKind.RESOLUTIONS_REVIEWED, 1, null, false],
    ['G-12: every cell met every month', ThemeTargetKind.REGULAR_MEETINGS_HELD, 1, 1, true],
  ])('%s', (_name, kind, threshold, value, met) => {
    const [p] = themeProgress({ year: 2026, title: 't', targets: [{ kind, threshold }] }, f);
    expect([p.value, p.met]).toEqual([value, met]);
    expect(p.explanation).toMatch(/chỉ tiêu ≥/);
  });
});
