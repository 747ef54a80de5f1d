import { TransferKind, VN_CALENDAR_LENIENT } from '@chibo/domain';
import { assertTemporaryPeriod, transferDeadlines } from './transfers';

describe('M-8: transfer deadlines in working days (weekends and public holidays excluded)', () => {
  // Decision Mon 2026-11-02: 60 working days (12 weeks, plus New Year's Day off) later is Tue 2027-01-26; start Mon 2026-11-09: 30 working days is Mon 2026-12-21.
  it.each<[string, { startsOn: string; reportedOn: string | null }, string, boolean, boolean]>([
    ['M-8: starting on the 60th working day is on time', { startsOn: '2027-01-26', reportedOn: '2027-01-26' }, '2027-01-26', false, false],
    ['M-8: starting the next working day is late', { startsOn: '2027-01-27', reportedOn: '2027-01-27' }, '2027-01-27', true, false],
    ['M-8: reporting on the 30th working day is on time', { startsOn: '2026-11-09', reportedOn: '2026-12-21' }, '2027-02-01', false, false],
    ['M-8: reporting the next working day is late', { startsOn: '2026-11-09', reportedOn: '2026-12-22' }, '2027-02-01', false, true],
    ['M-8: not reported while the deadline runs is not late', { startsOn: '2026-11-09', reportedOn: null }, '2026-12-21', false, false],
    ['M-8: not reported after the deadline is late', { startsOn: '2026-11-09', reportedOn: null }, '2026-12-22', false, true],
  ])('%s', (_name, t, today, lateStart, lateReport) => {
    const d = transferDeadlines({ kind: TransferKind.OFFICIAL, decisionDate: '2026-11-02', ...t }, today);
    expect(d).toMatchObject({ lateStart, lateReport });
  });

  it('M-8: a tenant\'s own holiday pushes the deadline by a day', () => {
    const plain = transferDeadlines({ kind: TransferKind.OFFICIAL, decisionDate: '2026-11-02', startsOn: '2026-11-09', reportedOn: null }, '2026-11-09');
    const withHoliday = transferDeadlines({ kind: TransferKind.OFFICIAL, decisionDate: '2026-11-02', startsOn: '2026-11-09', reportedOn: null }, '2026-11-09', VN_CALENDAR_LENIENT.withOverrides({ holidays: ['2026-11-10'], workedWeekends: [] }));
    expect(plain.reportDeadline).toBe('2026-12-21');
    expect(withHoliday.reportDeadline).toBe('2026-12-22');
  });

  it('M-8: a temporary transfer has no start or report deadline', () => {
    expect(transferDeadlines({ kind: TransferKind.TEMPORARY, decisionDate: '2020-01-01', startsOn: '2026-01-01', reportedOn: null }, '2026-11-24')).toEqual({
      startDeadline: null,
      reportDeadline: null,
      lateStart: false,
      lateReport: false,
    });
  });
});

describe('M-8: how long a temporary transfer lasts', () => {
  it.each<[string, string | null, boolean, boolean]>([
    ['M-8: exactly 3 months is allowed', '2026-04-01', false, true],
    ['M-8: a day under 3 months is refused', '2026-03-31', false, false],
    ['M-8: a day under a year is allowed', '2026-12-31', false, true],
    ['M-8: a full year is refused', '2027-01-01', false, false],
    ['M-8: study of exactly 2 years is allowed', '2028-01-01', true, true],
    ['M-8: study beyond 2 years is refused', '2028-01-02', true, false],
    ['M-8: no end date is refused', null, false, false],
  ])('%s', (_name, until, forStudy, ok) => {
    const act = () => assertTemporaryPeriod('2026-01-01', until, forStudy);
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule: 'M-8' }) }));
  });
});
