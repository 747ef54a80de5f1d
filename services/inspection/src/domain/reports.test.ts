import { ReportPeriodKind as K, reportRange } from './reports';

describe('D-9: reporting periods', () => {
  it.each<[string, K, number, number | null, { from: string; to: string } | null]>([
    ['D-9: a month', K.MONTH, 2026, 2, { from: '2026-02-01', to: '2026-02-28' }],
    ['D-9: February of a leap year', K.MONTH, 2028, 2, { from: '2028-02-01', to: '2028-02-29' }],
    ['D-9: a quarter', K.QUARTER, 2026, 3, { from: '2026-07-01', to: '2026-09-30' }],
    ['D-9: six months is the first half-year', K.SIX_MONTHS, 2026, null, { from: '2026-01-01', to: '2026-06-30' }],
    ['D-9: nine months from January', K.NINE_MONTHS, 2026, null, { from: '2026-01-01', to: '2026-09-30' }],
    ['D-9: a year', K.YEAR, 2026, null, { from: '2026-01-01', to: '2026-12-31' }],
    ['D-9: a term without its congress date is five calendar years', K.TERM, 2025, null, { from: '2025-01-01', to: '2029-12-31' }],
    ['D-9: month 13 is refused', K.MONTH, 2026, 13, null],
    ['D-9: quarter 0 is refused', K.QUARTER, 2026, 0, null],
  ])('%s', (_name, kind, year, index, expected) => {
    if (expected) expect(reportRange({ kind, year, index })).toEqual(expected);
    else expect(() => reportRange({ kind, year, index })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ rule: 'D-9' }) }));
  });
});

describe('D-9: a term (nhiệm kỳ) runs from its congress to the day before the next', () => {
  it.each<[string, number, string, { from: string; to: string } | null]>([
    ['D-9: term 2020–2025 opened on 15/10/2020', 2020, '2020-10-15', { from: '2020-10-15', to: '2025-10-14' }],
    ['D-9: a congress on 29 February ends the term on 28 February five years on', 2024, '2024-02-29', { from: '2024-02-29', to: '2029-02-28' }],
    ['D-9: the congress date must fall in the year named', 2020, '2021-01-10', null],
    ['D-9: an impossible congress date is refused', 2020, '2020-02-30', null],
  ])('%s', (_name, year, termStartsOn, expected) => {
    if (expected) expect(reportRange({ kind: K.TERM, year, termStartsOn })).toEqual(expected);
    else expect(() => reportRange({ kind: K.TERM, year, termStartsOn })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field: 'termStartsOn' }) }));
  });
});
