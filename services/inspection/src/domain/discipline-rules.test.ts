import { DeferralReason, DisciplineForm as F, DisciplineSubjectKind as S, DomainError, OrgUnitKind, ViolationCategory as V } from '@chibo/domain';
import {
  DEFAULT_DISCIPLINE_RULES,
  allowedForms,
  authorityFor,
  complaintFilingDeadline,
  complaintResolutionDeadline,
  limitationEnds,
  requireFormAllowed,
  requireNotDeferred,
  requireTimelyStateNotice,
  requireWithinLimitation,
} from './discipline-rules';
import { VN_CALENDAR, addDays } from '@chibo/domain';

const refusal = (fn: () => unknown): DomainError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e as DomainError;
  }
};

describe('D-3: forms allowed for the subject', () => {
  it.each<[string, S, boolean, F, boolean]>([
    ['D-3: org unit may be reprimanded', S.ORG_UNIT, false, F.REPRIMAND, true],
    ['D-3: org unit may be warned', S.ORG_UNIT, false, F.WARNING, true],
    ['D-3: org unit may be dissolved', S.ORG_UNIT, false, F.DISSOLUTION, true],
    ['D-3: org unit cannot be removed from post', S.ORG_UNIT, false, F.REMOVAL_FROM_POST, false],
    ['D-3: org unit cannot be expelled', S.ORG_UNIT, false, F.EXPULSION, false],
    ['D-3: official member may be reprimanded', S.OFFICIAL_MEMBER, false, F.REPRIMAND, true],
    ['D-3: official member may be warned', S.OFFICIAL_MEMBER, false, F.WARNING, true],
    ['D-3: official member holding a post may be removed from it', S.OFFICIAL_MEMBER, true, F.REMOVAL_FROM_POST, true],
    ['D-3: official member without a post cannot be removed from post', S.OFFICIAL_MEMBER, false, F.REMOVAL_FROM_POST, false],
    ['D-3: official member may be expelled', S.OFFICIAL_MEMBER, false, F.EXPULSION, true],
    ['D-3: official member cannot be dissolved', S.OFFICIAL_MEMBER, true, F.DISSOLUTION, false],
    ['D-3: probationary member may be reprimanded', S.PROBATIONARY_MEMBER, false, F.REPRIMAND, true],
    ['D-3: probationary member may be warned', S.PROBATIONARY_MEMBER, false, F.WARNING, true],
    ['D-3: probationary member cannot be removed from post even holding one', S.PROBATIONARY_MEMBER, true, F.REMOVAL_FROM_POST, false],
    ['D-3: probationary member cannot be expelled', S.PROBATIONARY_MEMBER, false, F.EXPULSION, false],
    ['D-3: probationary member cannot be dissolved', S.PROBATIONARY_MEMBER, false, F.DISSOLUTION, false],
  ])('%s', (_name, kind, holdsPost, form, ok) => {
    expect(allowedForms({ kind, holdsPost }).includes(form)).toBe(ok);
    const err = refusal(() => requireFormAllowed({ kind, holdsPost }, form));
    if (ok) expect(err).toBeNull();
    else {
      expect(err?.code).toBe('RULE_VIOLATION');
      expect(err?.details).toMatchObject({ rule: 'D-3', form, subjectKind: kind });
      expect(err?.messageVi).toMatch(/D-3/);
    }
  });
});

describe('D-4: authority of the deciding body', () => {
  const lineage = ['city', 'ward', 'cell'];
  const cell = { orgUnitId: 'cell', orgUnitKind: OrgUnitKind.CELL, lineage };
  const ward = { orgUnitId: 'ward', orgUnitKind: OrgUnitKind.COMMITTEE, lineage: ['city', 'ward'] };
  const member = { subjectKind: S.OFFICIAL_MEMBER, orgUnitId: 'cell', lineage };
  const cellUnit = { subjectKind: S.ORG_UNIT, orgUnitId: 'cell', lineage };
  const otherCellMember = { subjectKind: S.OFFICIAL_MEMBER, orgUnitId: 'cell-2', lineage: ['city', 'ward', 'cell-2'] };
  it.each<[string, typeof cell, typeof member, F, 'IMPOSE' | 'PROPOSE_UPWARD' | 'REFUSED']>([
    ['D-4: a cell imposes a reprimand on its own member', cell, member, F.REPRIMAND, 'IMPOSE'],
    ['D-4: a cell imposes a warning on its own member', cell, member, F.WARNING, 'IMPOSE'],
    ['D-4: a cell proposes removal from post upward', cell, member, F.REMOVAL_FROM_POST, 'PROPOSE_UPWARD'],
    ['D-4: a cell proposes expulsion upward', cell, member, F.EXPULSION, 'PROPOSE_UPWARD'],
    ['D-4: a cell has no say over another cell’s member', cell, otherCellMember, F.REPRIMAND, 'REFUSED'],
    ['D-4: a cell cannot discipline itself as an org unit', cell, cellUnit, F.WARNING, 'REFUSED'],
    ['D-4: a committee imposes a reprimand', ward, member, F.REPRIMAND, 'IMPOSE'],
    ['D-4: a committee imposes removal from post', ward, member, F.REMOVAL_FROM_POST, 'IMPOSE'],
    ['D-4: a committee imposes expulsion', ward, member, F.EXPULSION, 'IMPOSE'],
    ['D-4: a committee dissolves a cell below it', ward, cellUnit, F.DISSOLUTION, 'IMPOSE'],
    ['D-4: a committee cannot dissolve itself', ward, { subjectKind: S.ORG_UNIT, orgUnitId: 'ward', lineage: ['city', 'ward'] }, F.DISSOLUTION, 'REFUSED'],
    ['D-4: a committee has no say outside its subtree', ward, { subjectKind: S.OFFICIAL_MEMBER, orgUnitId: 'x', lineage: ['city', 'ward-2', 'x'] }, F.WARNING, 'REFUSED'],
  ])('%s', (_name, body, place, form, expected) => {
    const err = refusal(() => authorityFor(body, place, form));
    if (expected === 'REFUSED') expect(err?.details.rule).toBe('D-4');
    else expect(authorityFor(body, place, form)).toBe(expected);
  });
});

describe('D-5: statute of limitations', () => {
  const v = (occurredOn: string, category = V.ORDINARY) => ({ occurredOn, category });
  it.each<[string, { occurredOn: string; category: V }[], F, string, boolean]>([
    ['D-5: reprimand-level at 5 years minus a day is still decidable', [v('2020-03-10')], F.REPRIMAND, '2025-03-09', true],
    ['D-5: reprimand-level on the 5th anniversary is time-barred', [v('2020-03-10')], F.REPRIMAND, '2025-03-10', false],
    ['D-5: reprimand-level at 5 years plus a day is time-barred', [v('2020-03-10')], F.REPRIMAND, '2025-03-11', false],
    ['D-5: warning-level at 5 years plus a day is still decidable (10 years)', [v('2020-03-10')], F.WARNING, '2025-03-11', true],
    ['D-5: warning-level at 10 years minus a day is decidable', [v('2016-06-01')], F.WARNING, '2026-05-31', true],
    ['D-5: warning-level at 10 years plus a day is time-barred', [v('2016-06-01')], F.WARNING, '2026-06-02', false],
    ['D-5: removal-level at 10 years plus a day is time-barred', [v('2016-06-01')], F.REMOVAL_FROM_POST, '2026-06-02', false],
    ['D-5: a second violation within the limit restarts it', [v('2018-01-15'), v('2022-05-01')], F.REPRIMAND, '2026-06-01', true],
    ['D-5: restarted limit runs out 5 years after the second violation', [v('2018-01-15'), v('2022-05-01')], F.REPRIMAND, '2027-05-02', false],
    ['D-5: a violation after the limit ran out does not revive the first', [v('2010-01-15'), v('2016-05-01')], F.REPRIMAND, '2021-06-01', false],
    ['D-5: no limitation for expulsion-level', [v('1990-01-01')], F.EXPULSION, '2026-01-01', true],
    ['D-5: no limitation for dissolution-level', [v('1990-01-01')], F.DISSOLUTION, '2026-01-01', true],
    ['D-5: no limitation for internal political security', [v('2000-01-01', V.INTERNAL_POLITICAL_SECURITY)], F.REPRIMAND, '2026-01-01', true],
    ['D-5: no limitation for national defence and foreign affairs', [v('2000-01-01', V.NATIONAL_DEFENCE_FOREIGN_AFFAIRS)], F.WARNING, '2026-01-01', true],
    ['D-5: no limitation for forged qualifications', [v('2000-01-01', V.FORGED_QUALIFICATIONS)], F.WARNING, '2026-01-01', true],
    ['D-5: 29 February counts to 28 February five years on', [v('2020-02-29')], F.REPRIMAND, '2025-02-28', false],
  ])('%s', (_name, violations, form, decidedOn, ok) => {
    const err = refusal(() => requireWithinLimitation(violations, form, decidedOn));
    if (ok) expect(err).toBeNull();
    else expect(err?.details).toMatchObject({ rule: 'D-5', field: 'decidedOn' });
  });

  it('D-5: the limits are configurable per rule set', () => {
    const rules = { ...DEFAULT_DISCIPLINE_RULES, limitationYears: { ...DEFAULT_DISCIPLINE_RULES.limitationYears, REPRIMAND: 2 } };
    expect(limitationEnds([v('2020-03-10')], F.REPRIMAND, rules)).toBe('2022-03-09');
    expect(limitationEnds([v('2020-03-10')], F.REPRIMAND)).toBe('2025-03-09');
  });
});

describe('D-6: deferral', () => {
  const deferrals = [
    { reason: DeferralReason.MATERNITY_LEAVE, from: '2026-03-01', until: '2026-08-31' },
    { reason: DeferralReason.SERIOUS_ILLNESS_HOSPITALISED, from: '2026-10-01', until: null },
  ];
  it.each<[string, string, boolean]>([
    ['D-6: the day before maternity leave a decision may be taken', '2026-02-28', true],
    ['D-6: on the first day of maternity leave no decision', '2026-03-01', false],
    ['D-6: on the last day of maternity leave no decision', '2026-08-31', false],
    ['D-6: the day after maternity leave a decision may be taken', '2026-09-01', true],
    ['D-6: while still in hospital (open-ended) no decision', '2027-01-10', false],
  ])('%s', (_name, decidedOn, ok) => {
    const err = refusal(() => requireNotDeferred(deferrals, decidedOn));
    if (ok) expect(err).toBeNull();
    else expect(err?.details.rule).toBe('D-6');
  });
});

describe('D-7: deadlines', () => {
  it.each<[string, string, string, boolean]>([
    ['D-7: a state notice on day 5 after the decision is in time', '2026-03-02', '2026-03-07', true],
    ['D-7: a state notice on day 6 is late', '2026-03-02', '2026-03-08', false],
    ['D-7: a state notice the same day is in time', '2026-03-02', '2026-03-02', true],
  ])('%s', (_name, decided, received, ok) => {
    const err = refusal(() => requireTimelyStateNotice(decided, received));
    if (ok) expect(err).toBeNull();
    else expect(err?.details).toMatchObject({ rule: 'D-7', latest: '2026-03-07' });
  });

  it.each<[string, string, string]>([
    // Received Mon 2026-01-26: 14 working days to Fri 13/2, Tết 16–20/2 off, 16 more from 23/2 (six weeks would be 9/3).
    ['D-7: complaint filing window runs 30 working days across Tết 2026', '2026-01-26', '2026-03-16'],
    // Received Mon 2025-01-13: 9 working days to Fri 24/1, Tết 27–31/1 off, 21 more from 3/2.
    ['D-7: complaint filing window runs 30 working days across Tết 2025', '2025-01-13', '2025-03-03'],
    // No holiday in between: 30 working days = 6 weeks.
    ['D-7: without holidays, 30 working days are six weeks', '2026-10-05', '2026-11-16'],
  ])('%s', (_name, receivedOn, lastDay) => {
    const last = complaintFilingDeadline(receivedOn, VN_CALENDAR);
    expect(last).toBe(lastDay);
    // Day 30 is the last day; day 31 is the next working day after it.
    expect(VN_CALENDAR.addWorkingDays(receivedOn, 31)).toBe(VN_CALENDAR.addWorkingDays(last, 1));
    expect(VN_CALENDAR.addWorkingDays(receivedOn, 31) > last).toBe(true);
  });

  it('D-7: resolution within 90 working days, 180 at central level, configurable', () => {
    const local = complaintResolutionDeadline('2026-01-05', false, VN_CALENDAR);
    const central = complaintResolutionDeadline('2026-01-05', true, VN_CALENDAR);
    expect(local).toBe(VN_CALENDAR.addWorkingDays('2026-01-05', 90));
    expect(central).toBe(VN_CALENDAR.addWorkingDays('2026-01-05', 180));
    expect(central > local).toBe(true);
    const shorter = complaintResolutionDeadline('2026-01-05', false, VN_CALENDAR, { ...DEFAULT_DISCIPLINE_RULES, complaintResolutionWorkingDays: 10 });
    expect(shorter).toBe('2026-01-19');
    expect(addDays(shorter, 0)).toBe('2026-01-19');
  });
});
