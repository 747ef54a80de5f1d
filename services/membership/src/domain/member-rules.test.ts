import { MemberEventKind as E, MemberStatus as S, Role, type Principal } from '@chibo/domain';
import { addWorkingDays, wholeMonthsBetween } from './dates';
import {
  assertAdmissionAge,
  assertExemption,
  assertExemptionEnds,
  assertInOrder,
  assertIntroducers,
  assertOnRolls,
  assertRecognition,
  canReadMember,
  canSeeCitizenId,
  canWriteMember,
  cleanCitizenId,
  deriveState,
  maskCitizenId,
  probationEndsOn,
  probationEndsSoon,
  searchKey,
  type LifecycleFact,
} from './member-rules';

const broken = (rule: string) => expect.objectContaining({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule }) });

describe('M-1: age on the day the cell considers the applicant, in whole months', () => {
  it.each<[string, string, string, string | null, boolean]>([
    ['M-1: 18 years 0 months to the day is old enough', '2008-11-24', '2026-11-24', null, true],
    ['M-1: one day short of 18 is refused', '2008-11-25', '2026-11-24', null, false],
    ['M-1: 17 years 11 months is refused', '2008-12-01', '2026-11-24', null, false],
    ['M-1: 60 years 11 months still counts as 60', '1965-12-25', '2026-11-24', null, true],
    ['M-1: 61 years 0 months is refused without a decision', '1965-11-24', '2026-11-24', null, false],
    ['M-1: 61 years 0 months is admitted with the higher committee decision', '1965-11-24', '2026-11-24', 'QĐ 15-QĐ/TU', true],
    ['M-1: a decision does not make a 17-year-old eligible', '2009-06-01', '2026-11-24', 'QĐ 15-QĐ/TU', false],
    ['M-1: born 29 Feb, 18 on 28 Feb of a common year (last day of month)', '2008-02-29', '2026-02-28', null, true],
  ])('%s', (_name, dob, consideredOn, decision, ok) => {
    const act = () => assertAdmissionAge(dob, consideredOn, decision);
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(broken('M-1'));
  });

  it.each<[string, { id: string; status: S | null }[], string[], boolean]>([
    ['M-1: one official introducer is enough', [{ id: 'a', status: S.OFFICIAL }], ['a'], true],
    ['M-1: no introducer is refused', [], [], false],
    ['M-1: a probationary introducer is refused', [{ id: 'a', status: S.PROBATIONARY }], ['a'], false],
    ['M-1: an exempt introducer is refused', [{ id: 'a', status: S.EXEMPT }], ['a'], false],
    ['M-1: an unknown introducer is refused', [{ id: 'a', status: S.OFFICIAL }], ['a', 'b'], false],
    ['M-1: two official introducers pass', [{ id: 'a', status: S.OFFICIAL }, { id: 'b', status: S.OFFICIAL }], ['a', 'b'], true],
  ])('%s', (_name, found, requested, ok) => {
    const act = () => assertIntroducers(found, requested);
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(broken('M-1'));
  });
});

describe('M-2: probation of 12 months from the admission ceremony', () => {
  it.each<[string, S | null, string, string, boolean]>([
    ['M-2: probation ending today may be recognised', S.PROBATIONARY, '2025-11-24', '2026-11-24', true],
    ['M-2: one day before the end is refused', S.PROBATIONARY, '2025-11-24', '2026-11-23', false],
    ['M-2: admitted 31 Jan, recognisable from 31 Jan next year', S.PROBATIONARY, '2025-01-31', '2026-01-31', true],
    ['M-2: an official member cannot be recognised again', S.OFFICIAL, '2024-01-01', '2026-11-24', false],
    ['M-2: a removed member cannot be recognised', S.REMOVED, '2024-01-01', '2026-11-24', false],
  ])('%s', (_name, status, admittedOn, on, ok) => {
    const act = () => assertRecognition(status, admittedOn, on);
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(broken('M-2'));
  });

  it.each<[string, S, string, string, boolean]>([
    ['M-2: probation ending in exactly 60 days is listed', S.PROBATIONARY, '2026-01-23', '2027-01-23', true],
    ['M-2: probation ending in 61 days is not listed yet', S.PROBATIONARY, '2026-01-24', '2027-01-23', false],
    ['M-2: probation already over (not yet recognised) is listed', S.PROBATIONARY, '2025-01-01', '2027-01-23', true],
    ['M-2: official members are never listed', S.OFFICIAL, '2026-01-01', '2027-01-23', false],
  ])('%s', (_name, status, admittedOn, horizon, listed) => {
    expect(probationEndsSoon(status, admittedOn, horizon)).toBe(listed);
  });

  it('M-2: clamps the end of probation to the end of a shorter month', () => {
    expect(probationEndsOn('2024-02-29')).toBe('2025-02-28');
  });
});

describe('M-4 and M-6: who can be exempted or removed', () => {
  it.each<[string, S | null, string, boolean]>([
    ['M-4: an official member with a reason is exempted', S.OFFICIAL, 'Tuổi cao, sức khỏe yếu', true],
    ['M-4: a probationary member is refused', S.PROBATIONARY, 'Tuổi cao', false],
    ['M-4: an exempt member cannot be exempted twice', S.EXEMPT, 'Tuổi cao', false],
  ])('%s', (_name, status, reason, ok) => {
    const act = () => assertExemption(status, reason);
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(broken('M-4'));
  });

  it('M-4: an exemption without a reason is bad input', () => {
    expect(() => assertExemption(S.OFFICIAL, '  ')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it.each<[string, S | null, boolean]>([
    ['M-6: an official member can be removed', S.OFFICIAL, true],
    ['M-6: a probationary member can be removed (not recognised)', S.PROBATIONARY, true],
    ['M-6: an exempt member can be removed', S.EXEMPT, true],
    ['M-6: a removed member cannot be removed again', S.REMOVED, false],
    ['M-6: an expelled member cannot be removed', S.EXPELLED, false],
    ['M-6: a deceased member cannot be removed', S.DECEASED, false],
  ])('%s', (_name, status, ok) => {
    const act = () => assertOnRolls(status, 'M-6');
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(broken('M-6'));
  });
});

describe('M-10: status is derived from events', () => {
  let seq = 0;
  const f = (kind: E, effectiveOn: string, cellId = 'c1', extra: Partial<LifecycleFact> = {}): LifecycleFact => ({ kind, effectiveOn, cellId, sequence: ++seq, ...extra });
  const history = [
    f(E.ADMITTED, '2024-03-01'),
    f(E.RECOGNISED, '2025-03-01'),
    f(E.TRANSFERRED, '2025-06-01', 'c2'),
    f(E.EXEMPTED, '2026-01-10', 'c2'),
    f(E.EXPELLED, '2026-05-01', 'c2'),
    f(E.RESTORED, '2026-07-01', 'c2'),
    f(E.DECEASED, '2026-09-01', 'c2'),
  ];
  it.each<[string, string | undefined, S | null, string | null]>([
    ['M-10: before admission the person is not a member', '2024-02-29', null, null],
    ['M-10: on the ceremony day the member is probationary', '2024-03-01', S.PROBATIONARY, 'c1'],
    ['M-10: recognised members are official', '2025-03-01', S.OFFICIAL, 'c1'],
    ['M-10: a transfer moves the member and keeps the status', '2025-06-01', S.OFFICIAL, 'c2'],
    ['M-10: exempted', '2026-02-01', S.EXEMPT, 'c2'],
    ['M-10: expelled', '2026-05-01', S.EXPELLED, 'c2'],
    ['M-10: an annulled expulsion restores the status before it', '2026-07-01', S.EXEMPT, 'c2'],
    ['M-10: deceased, and all events together', undefined, S.DECEASED, 'c2'],
  ])('%s', (_name, on, status, cellId) => {
    const state = deriveState(history, on);
    expect(state.status).toBe(status);
    expect(state.cellId).toBe(cellId);
  });

  it('M-10: a registered member starts with the status and dates of their file', () => {
    const registered = [f(E.REGISTERED, '2009-05-19', 'c1', { registeredStatus: S.OFFICIAL, admittedOn: '2009-05-19', officialOn: '2010-05-19' })];
    expect(deriveState(registered)).toEqual({ status: S.OFFICIAL, cellId: 'c1', admittedOn: '2009-05-19', officialOn: '2010-05-19' });
    expect(deriveState(registered, '2010-05-18')).toEqual({ status: S.PROBATIONARY, cellId: 'c1', admittedOn: '2009-05-19', officialOn: null });
    expect(deriveState(registered, '2009-05-18').status).toBeNull();
  });

  it('M-4: the end of an exemption returns the status held before it', () => {
    const exempted = [f(E.REGISTERED, '2009-05-19', 'c1', { registeredStatus: S.OFFICIAL, admittedOn: '2009-05-19', officialOn: '2010-05-19' }), f(E.EXEMPTED, '2025-01-01'), f(E.EXEMPTION_ENDED, '2026-01-01')];
    expect(deriveState(exempted, '2025-12-31').status).toBe(S.EXEMPT);
    expect(deriveState(exempted, '2026-01-01').status).toBe(S.OFFICIAL);
    expect(() => assertExemptionEnds(S.OFFICIAL)).toThrow(broken('M-4'));
    expect(() => assertExemptionEnds(S.EXEMPT)).not.toThrow();
  });

  it('M-8: across tenants, the receiver starts from the letter and the sender keeps a tombstone', () => {
    const arrived = [f(E.TRANSFERRED_IN, '2026-06-01', 'c9', { registeredStatus: S.PROBATIONARY, admittedOn: '2025-09-01', officialOn: null })];
    expect(deriveState(arrived, '2026-05-31').status).toBeNull();
    expect(deriveState(arrived, '2026-06-01')).toEqual({ status: S.PROBATIONARY, cellId: 'c9', admittedOn: '2025-09-01', officialOn: null });
    const left = [f(E.ADMITTED, '2024-03-01'), f(E.TRANSFERRED_OUT, '2026-06-01')];
    expect(deriveState(left, '2026-05-31').status).toBe(S.PROBATIONARY);
    expect(deriveState(left)).toMatchObject({ status: S.TRANSFERRED_OUT, cellId: 'c1' });
  });

  it.each<[string, string, boolean]>([
    ['M-10: a change dated on the latest change is accepted', '2026-09-01', true],
    ['M-10: a change dated before the latest change is refused', '2026-08-31', false],
  ])('%s', (_name, on, ok) => {
    const act = () => assertInOrder(history, on);
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(broken('M-10'));
  });
});

describe('M-3: identity', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['NGUYỄN  VĂN   AN ', 'nguyen van an'],
    ['Đặng Thị Đào', 'dang thi dao'],
    ['Nguye\u0302\u0303n Va\u0306n An', 'nguyen van an'],
    ['Lê Thị Thuỷ', 'le thi thuy'],
  ])('M-3: the search key of %j is %j', (name, key) => {
    expect(searchKey(name)).toBe(key);
  });

  it.each([
    ['038012345612', '0380******12'],
    ['001099000001', '0010******01'],
  ])('M-3: %s is shown masked as %s', (plain, masked) => {
    expect(maskCitizenId(plain)).toBe(masked);
  });

  it.each(['12345678901', '0380123456123', '03801234561a'])('M-3: refuses the citizen id %j', (raw) => {
    expect(() => cleanCitizenId(raw)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ rule: 'M-3' }) }));
  });

  const p = (role: Role, scope: string | null, extra: Partial<Principal> = {}): Principal => ({ tenantId: 't', subject: 's', roles: [role], scopeOrgUnitId: scope, ...extra });
  const lineage = ['city', 'ward', 'cell'];
  it.each<[string, Principal, boolean, boolean, boolean]>([
    ['M-3: city admin reads, sees the citizen id, writes', p(Role.CITY_ADMIN, null), true, true, true],
    ['M-3: committee staff of the ward reads, sees, writes', p(Role.COMMITTEE_STAFF, 'ward'), true, true, true],
    ['M-3: committee staff of another ward sees nothing', p(Role.COMMITTEE_STAFF, 'ward-2'), false, false, false],
    ['M-3: the cell secretary reads and writes but sees the id masked', p(Role.CELL_SECRETARY, 'cell'), true, false, true],
    ['M-3: a secretary of another cell sees nothing', p(Role.CELL_SECRETARY, 'cell-2'), false, false, false],
    ['M-3: the member themself reads and sees their id, cannot write', p(Role.MEMBER, 'cell', { memberId: 'me' }), true, true, false],
    ['M-3: another member of the cell reads nothing', p(Role.MEMBER, 'cell', { memberId: 'other' }), false, false, false],
    ['M-3: an integrator with membership:read reads, masked, never writes', p(Role.INTEGRATOR, null, { scopes: ['membership:read'] }), true, false, false],
    ['M-3: an integrator without membership:read reads nothing', p(Role.INTEGRATOR, null, { scopes: ['meetings:read'] }), false, false, false],
  ])('%s', (_name, principal, read, see, write) => {
    expect(canReadMember(principal, lineage, 'me')).toBe(read);
    expect(canSeeCitizenId(principal, lineage, 'me')).toBe(see);
    expect(canWriteMember(principal, lineage)).toBe(write);
  });
});

describe('dates', () => {
  it.each([
    ['2000-01-31', '2000-02-29', 1],
    ['2000-01-31', '2000-02-28', 0],
    ['2008-11-24', '2026-11-23', 215],
  ])('whole months from %s to %s: %i', (a, b, n) => {
    expect(wholeMonthsBetween(a, b)).toBe(n);
  });

  it('M-8: working days skip weekends (Fri 2026-11-27 + 1 = Mon 2026-11-30)', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
  });

  it('M-8: working days skip public holidays: 60 from 2026-11-24 cross 1/1 and Tết 2027 (weekends alone would give 16/2)', () => {
    expect(addWorkingDays('2026-11-24', 60)).toBe('2027-02-24');
  });

  it('M-8: a year the holiday table does not hold counts weekends only instead of refusing an old record', () => {
    expect(addWorkingDays('2019-04-26', 1)).toBe('2019-04-29');
  });
});
