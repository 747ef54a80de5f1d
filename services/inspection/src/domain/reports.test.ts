import { ReportPeriodKind as K, reportRange } from './reports';

describe('D-9: reporting periods', () => {
  it.each<[string, K, number, number | null, { from: string; to: string } | null]>([
    ['D-9: a month', K.MONTH, 2026, 2, { from: '2026-02-01', to: '2026-02-28' }],
    ['D-9: February of a leap year', K.MONTH, 2028, 2, { from: '2028-02-01', to: '2028-02-29' }],
    ['D-9: a quarter', K.QUARTER, 2026, 3, { from: '2026-07-01', to: '2026-09-30' }],
    ['D-9: six months is the first half-year', K.SIX_MONTHS, 2026, null, { from: '2026-01-01', to: '2026-06-30' }],
    ['D-9: nine months from January', K.NINE_MONTHS, 2026, null, { from: '2026-01-01', to: '2026-09-30' }],
    ['D-9: a year', K.YEAR, 2026, null, { from: '2026-01-01', to: '2026-12-31' }],
    ['D-9: month 13 is refused', K.MONTH, 2026, 13, null],
    ['D-9: quarter 0 is refused', K.QUARTER, 2026, 0, null],
  ])('%s', (_name, kind, year, index, expected) => {
    if (expected) expect(reportRange({ kind, year, index })).toEqual(expected);
    else expect(() => reportRange({ kind, year, index })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ rule: 'D-9' }) }));
  });
});
