import { MemberEventKind as E, MemberRating as R } from '@chibo/domain';
import { admissionWindows, badgeDue } from './badges';
import { disciplinedInYear } from './discipline';
import type { MemberEvent } from './members';
import { assertExcellentCap, assertRatingAllowedAfterDiscipline, ratingDay } from './ratings';

const broken = expect.objectContaining({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule: 'M-7' }) });

describe('M-7: EXCELLENT at most 20 % of those rated GOOD (excellent ones included)', () => {
  it.each<[string, number, number, boolean]>([
    ['M-7: 4 GOOD and 1 EXCELLENT is exactly 20 %', 4, 1, true],
    ['M-7: 3 GOOD and 1 EXCELLENT is over 20 %', 3, 1, false],
    ['M-7: 0 GOOD and 1 EXCELLENT is over 20 %', 0, 1, false],
    ['M-7: 8 GOOD and 2 EXCELLENT is exactly 20 %', 8, 2, true],
    ['M-7: 7 GOOD and 2 EXCELLENT is over 20 %', 7, 2, false],
    ['M-7: no one EXCELLENT is always fine', 0, 0, true],
    ['M-7: 12 GOOD and 3 EXCELLENT is exactly 20 %', 12, 3, true],
  ])('%s', (_name, good, excellent, ok) => {
    const act = () => assertExcellentCap({ good, excellent });
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(broken);
  });

  it.each<[string, R, boolean, boolean]>([
    ['M-7: a disciplined member may be COMPLETED', R.COMPLETED, true, true],
    ['M-7: a disciplined member may not be GOOD', R.GOOD, true, false],
    ['M-7: a disciplined member may not be EXCELLENT', R.EXCELLENT, true, false],
    ['M-7: an undisciplined member may be EXCELLENT', R.EXCELLENT, false, true],
  ])('%s', (_name, rating, disciplined, ok) => {
    const act = () => assertRatingAllowedAfterDiscipline(rating, disciplined);
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(broken);
  });

  const ev = (kind: E, effectiveOn: string, sourceRef: string | null = 'discipline:c1'): MemberEvent =>
    ({ kind, effectiveOn, sourceRef, sequence: 1, cellId: 'c', id: 'e', memberId: 'm', decisionNumber: null, decisionDate: null, reason: null, ground: null, recordedBy: 'x' }) as MemberEvent;
  it.each<[string, MemberEvent[], boolean]>([
    ['M-7: a warning in the year counts', [ev(E.DISCIPLINED, '2026-03-01')], true],
    ['M-7: a warning of the year before does not', [ev(E.DISCIPLINED, '2025-12-31')], false],
    ['M-7: an annulled warning does not', [ev(E.DISCIPLINED, '2026-03-01'), ev(E.DISCIPLINE_ANNULLED, '2026-05-01')], false],
    ['M-7: another case annulled leaves this one standing', [ev(E.DISCIPLINED, '2026-03-01'), ev(E.DISCIPLINE_ANNULLED, '2026-05-01', 'discipline:c2')], true],
  ])('%s', (_name, history, disciplined) => {
    expect(disciplinedInYear(history, 2026)).toBe(disciplined);
  });

  it('M-7: a past year is judged on its last day, the current one on today', () => {
    expect(ratingDay(2025, '2026-11-24')).toBe('2025-12-31');
    expect(ratingDay(2026, '2026-11-24')).toBe('2026-11-24');
  });
});

describe('M-9: party badges at 30, 40, 45 … 90 years', () => {
  it.each<[string, string, string, string, number | null]>([
    ['M-9: 30 years reached on the occasion is due', '1997-02-03', '2026-02-03', '2027-02-03', 30],
    ['M-9: 30 years reached the day after is not yet due', '1997-02-04', '2026-02-03', '2027-02-03', null],
    ['M-9: 30 years reached on the start of the period was due last time', '1996-02-03', '2026-02-03', '2027-02-03', null],
    ['M-9: 35 years is no milestone', '1992-06-01', '2026-02-03', '2027-02-03', null],
    ['M-9: 45 years is a milestone', '1981-06-01', '2026-02-03', '2027-02-03', 45],
    ['M-9: 90 years is the last milestone', '1937-01-01', '2026-02-03', '2027-02-03', 90],
  ])('%s', (_name, admittedOn, since, occasion, years) => {
    expect(badgeDue(admittedOn, since, occasion)?.years ?? null).toBe(years);
  });

  it('M-9: the admission windows find exactly the members whose anniversary falls in the period', () => {
    const windows = admissionWindows('2026-02-03', '2027-02-03');
    expect(windows[0]).toEqual(['1996-02-03', '1997-02-03']);
    expect(windows).toHaveLength(12);
  });
});
