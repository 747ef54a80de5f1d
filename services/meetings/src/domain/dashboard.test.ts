import { NO_FIGURES, addFigures, dashboardOf, monthFiguresOf, quarterMonths, quarterRange, rollUp } from './dashboard';

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

  it('G-1: the quarter of a month, as months', () => {
    expect(quarterMonths('2026-11')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(quarterMonths('2026-01')).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});
