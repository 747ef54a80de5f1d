import { Gender, MemberEventKind as E, MemberStatus as S, OrgUnitKind, PositionKind as P, type DisciplineDecided, type DomainEvent } from '@chibo/domain';
import { applyDisciplineDecision, applyUnitDiscipline, disciplineActor, disciplinedInYear, type DisciplinePorts, type UnitDisciplinePorts } from './discipline';
import type { Member, MemberEvent } from './members';
import type { OrgUnit } from './org-units';
import type { Position } from './positions';

/** Membership as D-8 sees it, in memory: one official member, the secretary of cell c1. */
function memory() {
  const member: Member = {
    id: 'm1', tenantId: 't', fullName: 'Nguyễn Văn An', searchKey: 'nguyen van an', dateOfBirth: '1970-01-01', gender: Gender.MALE, citizenId: null,
    partyCardNumber: null, fileNumber: null, status: S.OFFICIAL, cellId: 'c1', admittedOn: '1995-05-19', officialOn: '1996-05-19',
  };
  const events: MemberEvent[] = [
    { id: 'e0', memberId: 'm1', kind: E.REGISTERED, effectiveOn: '1995-05-19', sequence: 1, cellId: 'c1', registeredStatus: S.OFFICIAL, admittedOn: '1995-05-19', officialOn: '1996-05-19', decisionNumber: null, decisionDate: null, reason: null, ground: null, sourceRef: null, recordedBy: 'admin' },
  ];
  const positions: (Position & { by: string })[] = [{ id: 'p1', memberId: 'm1', orgUnitId: 'c1', kind: P.SECRETARY, startsOn: '2020-01-01', endsOn: null, decisionNumber: null, by: 'admin' }];
  const published: DomainEvent[] = [];
  const ports: DisciplinePorts = {
    findOrgUnit: async () => null,
    findMember: async (id) => (id === member.id ? { ...member } : null),
    findMembers: async () => [member],
    memberEvents: async () => [...events],
    cardNumberTaken: async () => false,
    insertMember: async () => undefined,
    updateMemberState: async (m) => void Object.assign(member, m),
    appendEvent: async (e) => void events.push(e),
    publish: (e) => void published.push(e),
    eventsBySource: async (ref) => events.filter((e) => e.sourceRef === ref),
    positionsOfMembers: async (ids) => positions.filter((p) => ids.includes(p.memberId)),
    positionsOfUnit: async (unitId) => positions.filter((p) => p.orgUnitId === unitId),
    findPosition: async (id) => positions.find((p) => p.id === id) ?? null,
    insertPosition: async (p, by) => void positions.push({ ...p, by }),
    endPosition: async (id, endsOn, by) => void Object.assign(positions.find((p) => p.id === id)!, { endsOn, by }),
    positionsEndedBy: async (memberId, by) => positions.filter((p) => p.memberId === memberId && p.by === by && p.endsOn !== null) as never,
    reopenPosition: async (id, by) => void Object.assign(positions.find((p) => p.id === id)!, { endsOn: null, by }),
  };
  return { ports, member, events, positions, published };
}

const decided = (form: string, over: Partial<DisciplineDecided['payload']> = {}): DisciplineDecided['payload'] => ({
  caseId: 'case-1', subjectKind: 'MEMBER', memberId: 'm1', orgUnitId: 'c1', form, effectiveOn: '2026-03-20', annulled: false, ...over,
});

describe('D-8: discipline decisions applied in membership, each once', () => {
  it('D-8: a re-sent decision (a new event, same case and form) changes nothing the second time', async () => {
    for (const form of ['EXPULSION', 'REMOVAL_FROM_POST', 'WARNING']) {
      const { ports, events, positions } = memory();
      expect(await applyDisciplineDecision(ports, decided(form))).not.toBe('IGNORED');
      const after = { events: events.length, post: positions[0].endsOn };
      expect([form, await applyDisciplineDecision(ports, decided(form))]).toEqual([form, 'IGNORED']);
      expect({ events: events.length, post: positions[0].endsOn }).toEqual(after);
    }
  });

  it('D-8/D-7: a removal reduced to a warning gives the post back and keeps the warning, which still caps the year (M-7)', async () => {
    const { ports, events, positions } = memory();
    await applyDisciplineDecision(ports, decided('REMOVAL_FROM_POST'));
    expect(positions[0]).toMatchObject({ endsOn: '2026-03-20', by: disciplineActor('case-1') });
    expect(await applyDisciplineDecision(ports, decided('REMOVAL_FROM_POST', { annulled: true, effectiveOn: '2026-05-15' }))).toBe('ANNULLED');
    expect(await applyDisciplineDecision(ports, decided('WARNING', { effectiveOn: '2026-05-15' }))).toBe('DISCIPLINED');
    expect(positions[0].endsOn).toBeNull();
    expect(events.map((e) => e.kind)).toEqual([E.REGISTERED, E.DISCIPLINED, E.DISCIPLINE_ANNULLED, E.DISCIPLINED]);
    expect(disciplinedInYear(events, 2026)).toBe(true);
  });

  it('D-8: an annulment of a decision never applied is ignored; an annulled warning no longer caps the year', async () => {
    const { ports, events } = memory();
    expect(await applyDisciplineDecision(ports, decided('WARNING', { annulled: true }))).toBe('IGNORED');
    await applyDisciplineDecision(ports, decided('WARNING'));
    await applyDisciplineDecision(ports, decided('WARNING', { annulled: true, effectiveOn: '2026-05-15' }));
    expect(disciplinedInYear(events, 2026)).toBe(false);
  });

  it('D-8: an annulled expulsion does not give back a post someone else holds now', async () => {
    const { ports, positions, member } = memory();
    await applyDisciplineDecision(ports, decided('EXPULSION'));
    expect(member.status).toBe(S.EXPELLED);
    positions.push({ id: 'p2', memberId: 'm2', orgUnitId: 'c1', kind: P.SECRETARY, startsOn: '2026-04-01', endsOn: null, decisionNumber: null, by: 'admin' });
    expect(await applyDisciplineDecision(ports, decided('EXPULSION', { annulled: true, effectiveOn: '2026-05-15' }))).toBe('RESTORED');
    expect(member.status).toBe(S.OFFICIAL);
    expect(positions.find((p) => p.id === 'p1')!.endsOn).toBe('2026-03-20');
  });
});

describe('D-8: a dissolution closes the unit; its annulment reopens it', () => {
  function units() {
    const unit: OrgUnit & { by: string } = { id: 'c1', tenantId: 't', parentId: 'w1', kind: OrgUnitKind.CELL, name: 'Chi bộ 1', lineage: ['city', 'w1', 'c1'], validFrom: '2020-01-01', validTo: null, by: 'admin' };
    const published: DomainEvent[] = [];
    const ports: UnitDisciplinePorts = {
      findOrgUnit: async (id) => (id === unit.id ? { ...unit } : id === 'city' ? { ...unit, id: 'city', parentId: null, lineage: ['city'] } : null),
      unitChangedBy: async () => unit.by,
      dissolveOrgUnit: async (_id, on, by) => void Object.assign(unit, { validTo: on, by }),
      reopenOrgUnit: async (_id, by) => void Object.assign(unit, { validTo: null, by }),
      publish: (e) => void published.push(e),
    };
    return { ports, unit, published };
  }
  const dissolution = (over: Partial<DisciplineDecided['payload']> = {}) => decided('DISSOLUTION', { subjectKind: 'ORG_UNIT', memberId: null, ...over });

  it.each<[string, (p: ReturnType<typeof units>) => Promise<unknown>, string | null, number]>([
    ['D-8: a dissolution closes the unit from its date, once', async ({ ports }) => [await applyUnitDiscipline(ports, dissolution()), await applyUnitDiscipline(ports, dissolution())], '2026-03-20', 1],
    ['D-8: its annulment reopens the unit', async ({ ports }) => [await applyUnitDiscipline(ports, dissolution()), await applyUnitDiscipline(ports, dissolution({ annulled: true }))], null, 1],
    [
      'D-8: an annulment does not reopen a unit another change closed',
      async ({ ports, unit }) => {
        Object.assign(unit, { validTo: '2026-02-01', by: 'admin' });
        return applyUnitDiscipline(ports, dissolution({ annulled: true }));
      },
      '2026-02-01',
      0,
    ],
    ['T-2: the root committee is never dissolved', async ({ ports }) => applyUnitDiscipline(ports, dissolution({ orgUnitId: 'city' })), null, 0],
  ])('%s', async (_name, act, validTo, events) => {
    const u = units();
    await act(u);
    expect(u.unit.validTo).toBe(validTo);
    expect(u.published.filter((e) => e.type === 'OrgUnitDissolved')).toHaveLength(events);
  });
});
