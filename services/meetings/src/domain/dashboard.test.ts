import { AgendaCategory, requireReportingPeriod } from '@chibo/domain';
import { NO_FIGURES, addFigures, contentSharesOf, dashboardOf, monthFiguresOf, monthFiguresWith, qualityLevelsOf, quarterRange, regularMeetingRate, rollUp, termMonthsOf } from './dashboard';
import { QualityLevel } from './quality';

describe('dashboard roll-ups (G-1, G-4, G-5)', () => {
  it('G-4/G-5: rates over a subtree weigh each meeting by its members, and skip meetings without attendance', () => {
    const d = rollUp([
      { kind: 'REGULAR', expected: 40, present: 34, speakers: 10 },
      { kind: 'REGULAR', expected: 10, present: 6, speakers: 0 },
      { kind: 'THEMATIC', expected: null, present: 0, speakers: 0 },
    ]);
    expect(d).toEqual({ regularMeetingsHeld: 2, attendanceRate: 40 / 50, participationRate: 10 / 40 });
  });

  it('no meetings give no rates, not zero', () => expect(rollUp([])).toEqual({ regularMeetingsHeld: 0, attendanceRate: null, participationRate: null }));

  it.each<[string, string, string, string]>([
    ['G-1: January is in the first quarter', '2026-01', '2025-12-31T17:00:00.000Z', '2026-03-31T17:00:00.000Z'],
    ['G-1: November is in the fourth quarter, which ends with the year', '2026-11', '2026-09-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    ['G-1: June closes the second quarter', '2026-06', '2026-03-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z'],
  ])('%s', (_name, period, from, to) => {
    const q = quarterRange(period)!;
    expect([q.from.toISOString(), q.to.toISOString()]).toEqual([from, to]);
  });
});

describe('maintained month figures', () => {
  const meetings = [
    { kind: 'REGULAR', expected: 40, present: 34, speakers: 10 },
    { kind: 'REGULAR', expected: 10, present: 6, speakers: 0 },
    { kind: 'THEMATIC', expected: null, present: 3, speakers: 1 },
    { kind: 'EXTRAORDINARY', expected: 12, present: 12, speakers: 4 },
  ];

  it('summed per unit, then over units, give what rolling up every meeting gives', () => {
    const perUnit = [monthFiguresOf(meetings.slice(0, 1)), monthFiguresOf(meetings.slice(1, 3)), monthFiguresOf(meetings.slice(3))];
    const summed = perUnit.reduce(addFigures, NO_FIGURES);
    expect(dashboardOf(summed)).toEqual(rollUp(meetings));
    expect(summed).toMatchObject({ meetingsHeld: 4, regularHeld: 2, thematicHeld: 1 });
  });

  it('G-6, G-7: minutes per category and levels are sums, shares and counts are taken at the end', () => {
    const a = monthFiguresOf([
      { kind: 'REGULAR', expected: null, present: 0, speakers: 0, minutes: { [AgendaCategory.PROFESSIONAL]: 60, [AgendaCategory.OTHER]: 30 }, level: QualityLevel.FAIR },
      { kind: 'REGULAR', expected: null, present: 0, speakers: 0, minutes: {}, level: null },
    ]);
    const b = monthFiguresOf([{ kind: 'THEMATIC', expected: null, present: 0, speakers: 0, minutes: { [AgendaCategory.PROFESSIONAL]: 40, [AgendaCategory.IDEOLOGY]: 50 }, level: QualityLevel.GOOD }]);
    const f = addFigures(a, b);
    expect(contentSharesOf(f)).toEqual([
      { category: AgendaCategory.IDEOLOGY, minutes: 50, share: 50 / 180 },
      { category: AgendaCategory.PROFESSIONAL, minutes: 100, share: 100 / 180 },
      { category: AgendaCategory.OTHER, minutes: 30, share: 30 / 180 },
    ]);
    expect(qualityLevelsOf(f)).toEqual([
      { level: QualityLevel.GOOD, count: 1 },
      { level: QualityLevel.FAIR, count: 1 },
      { level: QualityLevel.AVERAGE, count: 0 },
      { level: QualityLevel.POOR, count: 0 },
    ]);
    expect(contentSharesOf(NO_FIGURES)).toEqual([]);
    // Summed apart (one SQL aggregate each) they give the same month.
    const plain = [{ kind: 'REGULAR', expected: null, present: 0, speakers: 0 }];
    expect(monthFiguresWith(plain, { [AgendaCategory.PROFESSIONAL]: 60 }, { [QualityLevel.FAIR]: 1 })).toEqual(
      monthFiguresOf([{ ...plain[0]!, minutes: { [AgendaCategory.PROFESSIONAL]: 60 }, level: QualityLevel.FAIR }]),
    );
  });

  it.each<[string, number, number, number | null]>([
    ['G-1: every due cell-month met', 6, 6, 1],
    ['G-1: two of eight missed', 8, 6, 0.75],
    ['G-1: nothing due yet gives no rate, not zero', 0, 0, null],
  ])('%s', (_name, due, met, rate) => expect(regularMeetingRate(due, met)).toBe(rate));
});

describe('"this term" of a period (G-1, cells without a thematic meeting this term)', () => {
  it.each<[string, string, string, string, number]>([
    ['a month: from the term opening to that month', '2026-02', '2025-01', '2026-02', 14],
    ['a quarter: up to its last month', '2026-Q1', '2025-01', '2026-03', 15],
    ['a year: up to its December', '2026', '2025-01', '2026-12', 24],
    ['a term is its own term', '2025-2030', '2025-01', '2029-12', 60],
    ['2030 opens the next term', '2030-05', '2030-01', '2030-05', 5],
    ['2024 is in the term 2020-2025', '2024', '2020-01', '2024-12', 60],
  ])('%s', (_name, period, first, last, count) => {
    const months = termMonthsOf(requireReportingPeriod(period));
    expect([months[0], months[months.length - 1], months.length]).toEqual([first, last, count]);
  });
});
