import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { DomainError, isInScope, isPeriod, monthPeriod, periodRange, requireInScope } from '@chibo/domain';
import { OrgTree, parseId, type AsyncQueue, type DashboardChange, type RequestContext } from '@chibo/service-kit';
import { MeetingStore } from '../store';
import { OrgUnitDashboardType } from './types';

interface DashboardArgs {
  orgUnitId: string;
  period?: string | null;
}

function checkPeriod(period: string | null | undefined): string {
  const p = period ?? monthPeriod(new Date());
  if (!isPeriod(p)) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Kỳ báo cáo phải có dạng YYYY-MM', en: 'Period must look like YYYY-MM' }, { field: 'period' });
  }
  return p;
}

/**
 * Opens a live dashboard: checks the unit is the subscriber's to see, then yields the current
 * state at once (a reconnecting client is never stale) and one update per change after it.
 */
async function dashboardChanges(args: DashboardArgs, ctx: RequestContext): Promise<AsyncGenerator<DashboardChange>> {
  // Checked before the stream exists, so a refused subscription is an error, not an empty stream.
  const orgUnitId = parseId(args.orgUnitId, 'orgUnitId');
  const period = checkPeriod(args.period);
  await ctx.uow().run(async (tx) => {
    const unit = await new OrgTree(tx.manager, tx.tenantId).get(orgUnitId);
    requireInScope(ctx.principal, OrgTree.lineage(unit), orgUnitId);
  });
  const queue = await ctx.dashboardBus.subscribe(ctx.tenantId, orgUnitId);
  return stream(ctx.tenantId, orgUnitId, period, queue);
}

async function* stream(tenantId: string, orgUnitId: string, period: string, queue: AsyncQueue<DashboardChange>): AsyncGenerator<DashboardChange> {
  try {
    yield { tenantId, orgUnitIds: [orgUnitId], period };
    for await (const change of queue) {
      if (change.period === period) yield change;
    }
  } finally {
    queue.close();
  }
}

@Resolver(() => OrgUnitDashboardType)
export class DashboardResolver {
  @Subscription(() => OrgUnitDashboardType, {
    description: 'Cập nhật trực tiếp bảng theo dõi của một tổ chức đảng (gồm cả cấp dưới)',
    subscribe: ({ args, context }) => dashboardChanges(args as DashboardArgs, context as RequestContext),
  })
  dashboardUpdated(
    @Root() change: DashboardChange,
    @Arg('orgUnitId', () => ID) orgUnitId: string,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM; mặc định tháng hiện tại' }) period?: string,
  ): OrgUnitDashboardType {
    return { orgUnitId: orgUnitId.toLowerCase(), period: period ?? change.period };
  }

  @FieldResolver(() => Int, { description: 'Số buổi sinh hoạt đã tổ chức trong kỳ (cả cấp dưới)' })
  async meetingsHeld(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number> {
    const range = periodRange(d.period);
    if (!range) return 0;
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const unit = await store.tree.find(d.orgUnitId);
      if (!unit || !isInScope(ctx.principal, OrgTree.lineage(unit))) return 0;
      return store.countHeldInSubtree(unit.path, range.from, range.to);
    });
  }
}
