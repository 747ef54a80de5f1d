import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { DomainError, Role, hasRole, isInScope } from '@chibo/domain';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { createInspectionPlan, planProgress, type InspectionPlan } from '../domain/plans';
import { InspectionStore } from '../store';
import { CreateInspectionPlanInput, CreateInspectionPlanPayload, InspectionPlanType } from './plan.types';

const todayVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function withProgress(store: InspectionStore, plan: InspectionPlan): Promise<InspectionPlanType> {
  const p = planProgress(plan, await store.linkedWork(plan), todayVn());
  return {
    id: plan.id,
    orgUnitId: plan.orgUnitId,
    year: plan.year,
    title: plan.title,
    total: p.total,
    notStarted: p.notStarted,
    inProgress: p.inProgress,
    done: p.done,
    overdue: p.overdue,
    items: p.items.map(({ item, progress, overdue }) => ({ ...item, kind: item.kind as string, progress, overdue })),
  };
}

@Resolver(() => InspectionPlanType)
export class InspectionPlanResolver {
  @Query(() => InspectionPlanType, { nullable: true, description: 'Kế hoạch kiểm tra, giám sát năm của tổ chức và tiến độ (chỉ cán bộ kiểm tra)' })
  async inspectionPlan(@Arg('orgUnitId', () => ID) orgUnitId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<InspectionPlanType | null> {
    const id = parseId(orgUnitId, 'orgUnitId');
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const unit = await store.findUnit(id);
      if (!unit || !hasRole(ctx.principal, Role.INSPECTOR) || !isInScope(ctx.principal, unit.lineage)) {
        throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id });
      }
      const plan = await store.findPlan(id, year);
      return plan ? withProgress(store, plan) : null;
    });
  }

  @Mutation(() => CreateInspectionPlanPayload, { description: 'Lập kế hoạch kiểm tra, giám sát năm (D-2)' })
  async createInspectionPlan(@Arg('input') input: CreateInspectionPlanInput, @Ctx() ctx: RequestContext): Promise<CreateInspectionPlanPayload> {
    const cmd = {
      ...input,
      orgUnitId: parseId(input.orgUnitId, 'orgUnitId'),
      items: input.items.map((i, n) => ({ ...i, targetOrgUnitId: parseId(i.targetOrgUnitId, `items.${n}.targetOrgUnitId`) })),
    };
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      return { plan: await withProgress(store, await createInspectionPlan(ctx.principal, cmd, store)) };
    });
  }
}
