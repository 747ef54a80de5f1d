import { MemberEventKind as E, MemberStatus as S, Role, type Principal } from '@chibo/domain';
import { DashboardMemberCategory as C, canListDashboardMembers, canSeeMemberCounts, categoriesOf, replayed, type PlacedFact } from './member-dashboard';

const days = { from: '2026-07-01', to: '2026-09-30', asOf: '2026-09-30' };

describe('member figures of a dashboard (M-1, M-4, M-10)', () => {
  it.each([
    ['M-10 official', { status: S.OFFICIAL, admittedOn: '2001-02-03' }, [C.OFFICIAL]],
    ['M-2 probationary, admitted this year before the period', { status: S.PROBATIONARY, admittedOn: '2026-03-01' }, [C.PROBATIONARY, C.ADMITTED_THIS_YEAR]],
    ['M-1 admitted in the period', { status: S.PROBATIONARY, admittedOn: '2026-08-15' }, [C.PROBATIONARY, C.ADMITTED_THIS_YEAR, C.ADMITTED_IN_PERIOD]],
    ['M-4 exempt', { status: S.EXEMPT, admittedOn: '1990-01-01' }, [C.EXEMPT]],
    ['M-1 admitted in the period, deceased since: still an admission', { status: S.DECEASED, admittedOn: '2026-07-02' }, [C.ADMITTED_THIS_YEAR, C.ADMITTED_IN_PERIOD]],
    ['not yet a member on the day', { status: null, admittedOn: null }, []],
  ])('%s', (_, state, expected) => {
    expect(categoriesOf(state, days)).toEqual(expected);
  });

  const fact = (memberId: string, sequence: number, kind: E, effectiveOn: string, inSubtree: boolean, extra: Partial<PlacedFact> = {}): PlacedFact => ({
    memberId,
    sequence,
    kind,
    effectiveOn,
    cellId: inSubtree ? 'cell-in' : 'cell-out',
    inSubtree,
    ...extra,
  });

  it('M-10: replays a history up to the day — recognised later is probationary then; moved in later is not counted; moved out later still is', () => {
    const out = replayed(
      [
        fact('recognised-later', 1, E.ADMITTED, '2025-10-01', true),
        fact('recognised-later', 2, E.RECOGNISED, '2026-10-02', true),
        fact('moved-in-later', 1, E.REGISTERED, '2000-01-01', false, { registeredStatus: S.OFFICIAL, admittedOn: '1999-01-01', officialOn: '2000-01-01' }),
        fact('moved-in-later', 2, E.TRANSFERRED, '2026-10-05', true),
        fact('moved-out-later', 1, E.REGISTERED, '2000-01-01', true, { registeredStatus: S.OFFICIAL, admittedOn: '1999-01-01', officialOn: '2000-01-01' }),
        fact('moved-out-later', 2, E.TRANSFERRED, '2026-10-05', false),
        fact('exempted-later', 1, E.REGISTERED, '2000-01-01', true, { registeredStatus: S.OFFICIAL, admittedOn: '1999-01-01', officialOn: '2000-01-01' }),
        fact('exempted-later', 2, E.EXEMPTED, '2026-11-01', true),
      ],
      days,
    );
    expect(Object.fromEntries(out)).toEqual({ PROBATIONARY: ['recognised-later'], OFFICIAL: ['moved-out-later', 'exempted-later'] });
  });

  const who = (roles: Role[], scope: string | null, scopes?: string[]): Principal => ({ tenantId: 't', subject: 's', roles, scopeOrgUnitId: scope, scopes }) as Principal;
  it.each([
    ['a member of the cell sees its counts, not the list', who([Role.MEMBER], 'cell'), true, false],
    ['the cell secretary sees both', who([Role.CELL_SECRETARY], 'cell'), true, true],
    ['another cell’s secretary sees neither', who([Role.CELL_SECRETARY], 'other'), false, false],
    ['an integrator key without membership:read sees neither', who([Role.INTEGRATOR], null, ['meetings:read']), false, false],
    ['an integrator key with membership:read sees both', who([Role.INTEGRATOR], null, ['membership:read']), true, true],
  ])('%s', (_, principal, counts, list) => {
    expect(canSeeMemberCounts(principal, ['root', 'ward', 'cell'])).toBe(counts);
    expect(canListDashboardMembers(principal, ['root', 'ward', 'cell'])).toBe(list);
  });
});
