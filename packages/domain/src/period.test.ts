import { PeriodKind, currentQuarterOf, elapsedMonths, parseReportingPeriod, periodDays, requireReportingPeriod } from './period';

describe('reporting periods of a dashboard (month, quarter, year, term)', () => {
  it.each([
    ['2026-11', PeriodKind.MONTH, ['2026-11']],
    ['2026-q4', PeriodKind.QUARTER, ['2026-10', '2026-11', '2026-12']],
    ['2026-Q1', PeriodKind.QUARTER, ['2026-01', '2026-02', '2026-03']],
  ])('%s is a %s of months %j', (text, kind, months) => {
    expect(parseReportingPeriod(text)).toMatchObject({ kind, months });
  });

  it('a year has twelve months and a term sixty, starting in January of its first year, in Vietnam time', () => {
    const year = parseReportingPeriod('2026')!;
    expect(year.months).toHaveLength(12);
    expect(year.from).toEqual(new Date('2025-12-31T17:00:00Z'));
    expect(year.to).toEqual(new Date('2026-12-31T17:00:00Z'));
    const term = parseReportingPeriod('2025-2030')!;
    expect(term.kind).toBe(PeriodKind.TERM);
    expect(term.months).toHaveLength(60);
    expect([term.months[0], term.months[59]]).toEqual(['2025-01', '2029-12']);
  });

  it.each(['2026-13', '2026-Q5', '2025-2031', '2025-2024', '26', 'quý 4', ''])('refuses %j with a typed bilingual error', (text) => {
    expect(parseReportingPeriod(text)).toBeNull();
    expect(() => requireReportingPeriod(text)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'period' } }));
  });

  it('defaults to the current month in Vietnam time', () => {
    expect(requireReportingPeriod(undefined, new Date('2026-11-30T18:00:00Z')).key).toBe('2026-12');
  });

  it('"this quarter" of a year is the last quarter begun by today, and only begun months are due', () => {
    const now = new Date('2026-11-25T03:00:00Z');
    expect(currentQuarterOf(parseReportingPeriod('2026-11')!, now)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(currentQuarterOf(parseReportingPeriod('2026')!, now)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(currentQuarterOf(parseReportingPeriod('2025')!, now)).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(currentQuarterOf(parseReportingPeriod('2025-2030')!, now)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(elapsedMonths(parseReportingPeriod('2026')!, now)).toHaveLength(11);
  });

  it('a period as days in Vietnam: its first and last day, and the day its stock figures stand on', () => {
    const now = new Date('2026-11-24T18:30:00Z'); // already the 25th in Vietnam
    expect(periodDays(parseReportingPeriod('2026-Q4')!, now)).toEqual({ from: '2026-10-01', to: '2026-12-31', asOf: '2026-11-25' });
    expect(periodDays(parseReportingPeriod('2026-02')!, now)).toEqual({ from: '2026-02-01', to: '2026-02-28', asOf: '2026-02-28' });
    expect(periodDays(parseReportingPeriod('2027')!, now)).toEqual({ from: '2027-01-01', to: '2027-12-31', asOf: '2027-01-01' });
  });
});
