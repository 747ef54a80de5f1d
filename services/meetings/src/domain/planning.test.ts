import { MeetingKind, OrgUnitKind, Role, type DomainEvent, type Principal } from '@chibo/domain';
import type { Meeting } from './meetings';
import { planMonth, type PlanningPorts } from './planning';
import { DEFAULT_RULE_SET, SundayRule, regularMeetingDate, type MeetingRuleSet } from './rule-set';

function ports(existing: { cellId: string; kind: MeetingKind; at: string }[], rules: MeetingRuleSet | null = null) {
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
    lockPlanning: async () => undefined,
    ruleSetOn: async (date) => (rules && rules.effectiveFrom <= date ? rules : null),
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

describe('G-1: the day of the regular meeting comes from the tenant rule set', () => {
  // 2026-05-03 is a Sunday; 2026-06-03 a Wednesday.
  it.each<[string, string, Partial<MeetingRuleSet>, string]>([
    ['G-1 default: the 3rd stays the 3rd when it is a Sunday (cells meet on Sundays; Chỉ thị 50 names the date)', '2026-05', {}, '2026-05-03'],
    ['G-1 SATURDAY_BEFORE: a Sunday 3rd moves to Saturday the 2nd', '2026-05', { sundayRule: SundayRule.SATURDAY_BEFORE }, '2026-05-02'],
    ['G-1 MONDAY_AFTER: a Sunday 3rd moves to Monday the 4th', '2026-05', { sundayRule: SundayRule.MONDAY_AFTER }, '2026-05-04'],
    ['G-1 MONDAY_AFTER: a weekday 3rd does not move', '2026-06', { sundayRule: SundayRule.MONDAY_AFTER }, '2026-06-03'],
    ['G-1 configurable day: the 5th', '2026-06', { regularMeetingDay: 5 }, '2026-06-05'],
    ['G-1 MONDAY_AFTER across the month end: a Sunday 28th moves to the 29th', '2026-06', { regularMeetingDay: 28, sundayRule: SundayRule.MONDAY_AFTER }, '2026-06-29'],
  ])('%s', (_name, period, over, expected) => {
    expect(regularMeetingDate(period, { ...DEFAULT_RULE_SET, ...over })).toBe(expected);
  });

  it('G-1: the planner uses the version in force on the first of the month', async () => {
    const rules: MeetingRuleSet = { ...DEFAULT_RULE_SET, version: 2, effectiveFrom: '2026-05-01', sundayRule: SundayRule.MONDAY_AFTER, thematicMeetingDay: 20 };
    const april = ports([], rules);
    await planMonth(staff, { orgUnitId: 'ward', period: '2026-04' }, april.p);
    // Before version 2: the defaults (08:00 in Vietnam = 01:00 UTC).
    expect(april.saved.filter((m) => m.cellId === 'c1').map((m) => m.scheduledAt!.toISOString())).toEqual(['2026-04-03T01:00:00.000Z', '2026-04-15T01:00:00.000Z']);
    const may = ports([], rules);
    await planMonth(staff, { orgUnitId: 'ward', period: '2026-05' }, may.p);
    expect(may.saved.filter((m) => m.cellId === 'c1').map((m) => m.scheduledAt!.toISOString())).toEqual(['2026-05-04T01:00:00.000Z']);
    const july = ports([], rules);
    await planMonth(staff, { orgUnitId: 'ward', period: '2026-07' }, july.p);
    expect(july.saved.filter((m) => m.cellId === 'c1').map((m) => m.scheduledAt!.toISOString())).toEqual(['2026-07-03T01:00:00.000Z', '2026-07-20T01:00:00.000Z']);
  });
});
