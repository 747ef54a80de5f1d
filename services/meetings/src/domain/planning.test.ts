import { MeetingKind, OrgUnitKind, Role, type DomainEvent, type Principal } from '@chibo/domain';
import type { Meeting } from './meetings';
import { planMonth, type PlanningPorts } from './planning';

function ports(existing: { cellId: string; kind: MeetingKind; at: string }[]) {
  const saved: Meeting[] = [];
  const events: DomainEvent[] = [];
  const p: PlanningPorts = {
    unitLineage: async (id) => (id === 'ward' ? ['city', 'ward'] : null),
    cellsInSubtree: async () => [
      { id: 'ward', kind: OrgUnitKind.COMMITTEE },
      { id: 'c1', kind: OrgUnitKind.CELL },
      { id: 'c2', kind: OrgUnitKind.CELL },
    ],
    meetingKindsByCell: async (ids, from, to) => {
      const out = new Map<string, Set<MeetingKind>>();
      for (const e of [...existing, ...saved.map((m) => ({ cellId: m.cellId, kind: m.kind, at: m.scheduledAt!.toISOString() }))]) {
        const t = new Date(e.at).getTime();
        if (!ids.includes(e.cellId) || t < from.getTime() || t >= to.getTime()) continue;
        if (!out.has(e.cellId)) out.set(e.cellId, new Set());
        out.get(e.cellId)!.add(e.kind);
      }
      return out;
    },
    insertMeeting: async (m) => void saved.push(m),
    publish: (e) => void events.push(e),
  };
  return { p, saved, events };
}

const staff: Principal = { tenantId: 't', subject: 's', roles: [Role.COMMITTEE_STAFF], scopeOrgUnitId: 'ward' };

describe('G-1: planning the month', () => {
  it('G-1: plans a regular meeting on the 3rd for each cell, and a thematic one in the first month of a quarter', async () => {
    const { p, saved } = ports([]);
    await planMonth(staff, { orgUnitId: 'ward', period: '2026-10' }, p);
    expect(saved.map((m) => [m.cellId, m.kind, m.status])).toEqual([
      ['c1', 'REGULAR', 'PLANNED'],
      ['c1', 'THEMATIC', 'PLANNED'],
      ['c2', 'REGULAR', 'PLANNED'],
      ['c2', 'THEMATIC', 'PLANNED'],
    ]);
    // 08:00 on 3 October in Vietnam is 01:00 UTC.
    expect(saved[0].scheduledAt!.toISOString()).toBe('2026-10-03T01:00:00.000Z');
    expect(saved[0].title).toBe('Sinh hoạt chi bộ thường kỳ tháng 10/2026');
  });

  it.each<[string, { cellId: string; kind: MeetingKind; at: string }[], string, string[]]>([
    ['G-1: a cell that already met this month gets no regular meeting', [{ cellId: 'c1', kind: MeetingKind.REGULAR, at: '2026-11-10T12:00:00Z' }], '2026-11', ['c2:REGULAR']],
    ['G-1: no thematic meeting is planned in the middle of a quarter', [], '2026-11', ['c1:REGULAR', 'c2:REGULAR']],
    ['G-1: a thematic meeting does not replace the regular one', [{ cellId: 'c1', kind: MeetingKind.THEMATIC, at: '2026-10-20T12:00:00Z' }], '2026-10', ['c1:REGULAR', 'c2:REGULAR', 'c2:THEMATIC']],
  ])('%s', async (_name, existing, period, expected) => {
    const { p, saved } = ports(existing);
    await planMonth(staff, { orgUnitId: 'ward', period }, p);
    expect(saved.map((m) => `${m.cellId}:${m.kind}`)).toEqual(expected);
  });

  it('G-1: running it twice plans nothing the second time', async () => {
    const { p, saved } = ports([]);
    await planMonth(staff, { orgUnitId: 'ward', period: '2026-10' }, p);
    const again = await planMonth(staff, { orgUnitId: 'ward', period: '2026-10' }, p);
    expect(again).toEqual([]);
    expect(saved).toHaveLength(4);
  });

  it.each<[string, Principal, string, string]>([
    ['a cell secretary may not plan for the ward', { ...staff, roles: [Role.CELL_SECRETARY], scopeOrgUnitId: 'c1' }, '2026-10', 'FORBIDDEN'],
    ['staff of another ward may not', { ...staff, scopeOrgUnitId: 'ward-2' }, '2026-10', 'NOT_FOUND'],
    ['a period must be YYYY-MM', staff, '2026-13', 'BAD_USER_INPUT'],
  ])('%s', async (_name, principal, period, code) => {
    const { p, saved } = ports([]);
    await expect(planMonth(principal, { orgUnitId: 'ward', period }, p)).rejects.toMatchObject({ code });
    expect(saved).toEqual([]);
  });
});
