import { quarterRange, rollUp } from './dashboard';

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
