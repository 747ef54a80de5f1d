import { MemberStatus as S, OrgUnitKind as K, PositionKind as P } from '@chibo/domain';
import { assertCanHold, heldOn, type Position } from './positions';

const pos = (memberId: string, kind: P): Position => ({ id: `${memberId}-${kind}`, memberId, orgUnitId: 'u', kind, startsOn: '2025-01-01', endsOn: null, decisionNumber: null });

describe('M-3: who may hold which post', () => {
  it.each<[string, P, S, K, Position[], boolean]>([
    ['M-3: an official member may be secretary of a cell', P.SECRETARY, S.OFFICIAL, K.CELL, [], true],
    ['M-3: a probationary member may not sit on the cell committee', P.CELL_COMMITTEE_MEMBER, S.PROBATIONARY, K.CELL, [], false],
    ['M-3: a probationary member may lead a party group', P.GROUP_LEADER, S.PROBATIONARY, K.PARTY_GROUP, [], true],
    ['M-3: an exempt member holds no post', P.GROUP_LEADER, S.EXEMPT, K.PARTY_GROUP, [], false],
    ['M-3: a cell has one secretary at a time', P.SECRETARY, S.OFFICIAL, K.CELL, [pos('other', P.SECRETARY)], false],
    ['M-3: a cell may have several committee members', P.CELL_COMMITTEE_MEMBER, S.OFFICIAL, K.CELL, [pos('other', P.CELL_COMMITTEE_MEMBER)], true],
    ['M-3: the same post twice is refused', P.CELL_COMMITTEE_MEMBER, S.OFFICIAL, K.CELL, [pos('me', P.CELL_COMMITTEE_MEMBER)], false],
    ['M-3: a secretary is not a post of a party group', P.SECRETARY, S.OFFICIAL, K.PARTY_GROUP, [], false],
    ['M-3: a group leader is not a post of a cell', P.GROUP_LEADER, S.OFFICIAL, K.CELL, [], false],
  ])('%s', (_name, kind, status, unitKind, held, ok) => {
    const act = () => assertCanHold(kind, status, unitKind, held, 'me');
    if (ok) expect(act).not.toThrow();
    else expect(act).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule: 'M-3' }) }));
  });

  it('M-3: a post is held from its start up to, not including, its end', () => {
    const p = { ...pos('me', P.SECRETARY), startsOn: '2025-01-01', endsOn: '2026-01-01' };
    expect([heldOn(p, '2024-12-31'), heldOn(p, '2025-01-01'), heldOn(p, '2025-12-31'), heldOn(p, '2026-01-01')]).toEqual([false, true, true, false]);
  });
});
