import { DomainError, InspectionKind, Role, SupervisionKind, type Principal } from '@chibo/domain';
import { PlanItemProgress as P, PlanWork, createInspectionPlan, planProgress, requireMatchesPlanItem, type InspectionPlan, type PlanPorts } from './plans';

const units: Record<string, string[]> = { city: ['city'], ward: ['city', 'ward'], cell: ['city', 'ward', 'cell'], other: ['city', 'ward-2', 'other'] };
const ports = (): PlanPorts & { plans: InspectionPlan[] } => {
  const plans: InspectionPlan[] = [];
  return {
    plans,
    findUnit: async (id) => (units[id] ? { id, lineage: units[id] } : null),
    findPlan: async (u, y) => plans.find((p) => p.orgUnitId === u && p.year === y) ?? null,
    insertPlan: async (p) => void plans.push(p),
  };
};
const inspector: Principal = { tenantId: 't', subject: 'i', roles: [Role.INSPECTOR], scopeOrgUnitId: 'ward' };
const item = (over = {}) => ({ work: PlanWork.SUPERVISION, kind: SupervisionKind.THEMATIC, targetOrgUnitId: 'cell', title: 'Giám sát chuyên đề', dueQuarter: 2, ...over });

describe('D-2: yearly inspection and supervision plans', () => {
  it.each<[string, Record<string, unknown>, string | null]>([
    ['D-2: a ward plans work on a cell below it', {}, null],
    ['D-2: a plan item on a unit outside the ward is refused', { targetOrgUnitId: 'other' }, 'NOT_FOUND'],
    ['D-2: a supervision item with an inspection kind is refused', { kind: InspectionKind.FINANCE }, 'BAD_USER_INPUT'],
    ['D-2: quarter 5 is refused', { dueQuarter: 5 }, 'BAD_USER_INPUT'],
  ])('%s', async (_name, over, code) => {
    const r = await createInspectionPlan(inspector, { orgUnitId: 'ward', year: 2026, title: 'Kế hoạch 2026', items: [item(over)] }, ports()).catch((e: DomainError) => e);
    if (code === null) expect(r).toMatchObject({ orgUnitId: 'ward', year: 2026, items: [{ targetOrgUnitId: 'cell', dueQuarter: 2 }] });
    else expect((r as DomainError).code).toBe(code);
  });

  it('D-2: one plan per unit and year', async () => {
    const p = ports();
    await createInspectionPlan(inspector, { orgUnitId: 'ward', year: 2026, title: 'Kế hoạch', items: [item()] }, p);
    const again = await createInspectionPlan(inspector, { orgUnitId: 'ward', year: 2026, title: 'Lần hai', items: [item()] }, p).catch((e: DomainError) => e);
    expect((again as DomainError).code).toBe('CONFLICT');
    expect(p.plans).toHaveLength(1);
  });

  it('D-2: progress comes from the linked records; an item past its quarter and not done is overdue', async () => {
    const plan = await createInspectionPlan(
      inspector,
      { orgUnitId: 'ward', year: 2026, title: 'Kế hoạch', items: [item({ dueQuarter: 1 }), item({ dueQuarter: 2 }), item({ dueQuarter: 4 })] },
      ports(),
    );
    const [a, b] = plan.items;
    const progress = planProgress(plan, [{ planItemId: a.id, concluded: true }, { planItemId: b.id, concluded: false }], '2026-07-01');
    expect(progress).toMatchObject({ total: 3, done: 1, inProgress: 1, notStarted: 1, overdue: 1 });
    expect(progress.items.map((i) => [i.progress, i.overdue])).toEqual([[P.DONE, false], [P.IN_PROGRESS, true], [P.NOT_STARTED, false]]);
    expect(planProgress(plan, [], '2026-06-30').overdue).toBe(1);
  });

  it('D-2: work opened under an item must match its kind and unit', async () => {
    const plan = await createInspectionPlan(inspector, { orgUnitId: 'ward', year: 2026, title: 'Kế hoạch', items: [item()] }, ports());
    expect(() => requireMatchesPlanItem(plan.items[0], PlanWork.SUPERVISION, SupervisionKind.THEMATIC, 'cell')).not.toThrow();
    expect(() => requireMatchesPlanItem(plan.items[0], PlanWork.SUPERVISION, SupervisionKind.REGULAR, 'cell')).toThrow(expect.objectContaining({ details: expect.objectContaining({ rule: 'D-2' }) }));
    expect(() => requireMatchesPlanItem(plan.items[0], PlanWork.INSPECTION, SupervisionKind.THEMATIC, 'cell')).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION' }));
    expect(() => requireMatchesPlanItem(null, PlanWork.SUPERVISION, SupervisionKind.THEMATIC, 'cell')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
