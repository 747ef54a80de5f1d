import { DomainError, MeetingKind, OrgUnitKind, Role, type DomainEvent, type Principal } from '@chibo/domain';
import { recordMeeting, type CellFacts, type Meeting, type MeetingPorts } from './meetings';

function ports(units: CellFacts[]) {
  const saved: Meeting[] = [];
  const events: DomainEvent[] = [];
  const p: MeetingPorts = {
    findCell: async (id) => units.find((u) => u.id === id) ?? null,
    insertMeeting: async (m) => void saved.push(m),
    publish: (e) => void events.push(e),
  };
  return { p, saved, events };
}

const cell: CellFacts = { id: 'cell', kind: OrgUnitKind.CELL, lineage: ['city', 'ward', 'cell'] };
const ward: CellFacts = { id: 'ward', kind: OrgUnitKind.COMMITTEE, lineage: ['city', 'ward'] };
const secretary: Principal = { tenantId: 't', subject: 'sec', roles: [Role.CELL_SECRETARY], scopeOrgUnitId: 'cell' };
const now = new Date('2026-11-24T10:00:00Z');
const input = { cellId: 'cell', kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ tháng 11', heldAt: new Date('2026-11-03T01:00:00Z') };

describe('recording a held meeting (G-1, G-2)', () => {
  it('G-2: enters as HELD and announces MeetingRecorded through the outbox', async () => {
    const { p, saved, events } = ports([cell]);
    const m = await recordMeeting(secretary, input, p, now);
    expect(m.status).toBe('HELD');
    expect(saved).toEqual([m]);
    expect(events).toEqual([{ type: 'MeetingRecorded', payload: { meetingId: m.id, cellId: 'cell', kind: 'REGULAR', heldAt: '2026-11-03T01:00:00.000Z' } }]);
  });

  it.each<[string, Partial<typeof input>, Principal, CellFacts[], string]>([
    ['G-1: only cells hold cell meetings', { cellId: 'ward' }, { ...secretary, roles: [Role.CITY_ADMIN], scopeOrgUnitId: null }, [cell, ward], 'RULE_VIOLATION'],
    ['G-2: a held meeting is not in the future', { heldAt: new Date('2026-11-25T10:00:00Z') }, secretary, [cell], 'BAD_USER_INPUT'],
    ['an empty title is refused', { title: '  ' }, secretary, [cell], 'BAD_USER_INPUT'],
    ['a member cannot record meetings', {}, { ...secretary, roles: [Role.MEMBER] }, [cell], 'FORBIDDEN'],
    ["another cell's secretary cannot", {}, { ...secretary, scopeOrgUnitId: 'other' }, [cell], 'NOT_FOUND'],
    ['an unknown cell is not found', { cellId: 'nope' }, secretary, [cell], 'NOT_FOUND'],
  ])('%s', async (_name, change, principal, units, code) => {
    const { p, saved, events } = ports(units);
    await expect(recordMeeting(principal, { ...input, ...change }, p, now)).rejects.toMatchObject({ code });
    expect(saved).toEqual([]);
    expect(events).toEqual([]);
  });

  it('throws DomainError, never a bare Error', async () => {
    const { p } = ports([]);
    await expect(recordMeeting(secretary, input, p, now)).rejects.toBeInstanceOf(DomainError);
  });
});
