import { Arg, Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DisciplineForm, parseReportingPeriod, periodDays, type Principal } from '@chibo/domain';
import { DrillDownArgs, OrgTree, type RequestContext, type Transaction } from '@chibo/service-kit';
import { ConfidentialRecordKind, canReadCase, canReadInspectionWork, canSeeCounts } from '../domain/confidentiality';
import type { DisciplineCase } from '../domain/discipline-case';
import type { Inspection } from '../domain/inspections';
import type { Supervision } from '../domain/supervisions';
import { InspectionDashboardStore, ReadLog, type DashboardDays, type InspectionDashboardCounts } from '../store';
import { requestedCaseFields } from './audit-fields';
import { DisciplineCaseType, FormCountType } from './discipline.types';
import { InspectionType, OrgUnitDashboardType, SupervisionType } from './types';

type Rule = (principal: Principal, unit: { lineage: readonly string[] }) => boolean;

interface Scope {
  path: string;
  days: DashboardDays;
}

/**
 * The subtree and days a figure covers, when the viewer passes `may` for the unit; null otherwise
 * (a figure the viewer may not see is null, never an error) and for a period that is none.
 */
async function scopeOf(d: OrgUnitDashboardType, ctx: RequestContext, tx: Transaction, may: Rule): Promise<Scope | null> {
  const period = parseReportingPeriod(d.period);
  if (!period) return null;
  const unit = await new OrgTree(tx.manager, tx.tenantId).find(d.orgUnitId);
  if (!unit || !may(ctx.principal, { lineage: OrgTree.lineage(unit) })) return null;
  return { path: unit.path, days: periodDays(period) };
}

/**
 * The counts of one (unit, period), computed once per request however many of its fields are
 * asked for: type-graphql hands each field resolver its own copy of the entity, so the memo is
 * the request's loader, not the payload object.
 */
function counts(d: OrgUnitDashboardType, ctx: RequestContext): Promise<InspectionDashboardCounts | null> {
  const loader = ctx.loader<string, InspectionDashboardCounts | null>('dashboard-inspection-counts', (keys) =>
    Promise.all(
      keys.map((key) => {
        const [orgUnitId, period] = key.split('|') as [string, string];
        return ctx.uow().run(async (tx) => {
          const scope = await scopeOf({ orgUnitId, period }, ctx, tx, canSeeCounts);
          return scope ? new InspectionDashboardStore(tx).counts(scope.path, scope.days) : null;
        });
      }),
    ),
  );
  return loader.load(`${d.orgUnitId}|${d.period}`);
}

/** A drill-down of confidential records: only for `may`, and every record returned is logged as read. */
function drill<T extends { id: string; orgUnitId: string }>(
  d: OrgUnitDashboardType,
  ctx: RequestContext,
  may: Rule,
  kind: ConfidentialRecordKind,
  fields: string[],
  list: (store: InspectionDashboardStore, scope: Scope) => Promise<T[]>,
): Promise<T[] | null> {
  return ctx.uow().run(async (tx) => {
    const scope = await scopeOf(d, ctx, tx, may);
    if (!scope) return null;
    const found = await list(new InspectionDashboardStore(tx), scope);
    await new ReadLog(tx).record(kind, found, ctx.principal, 'LIST', fields);
    return found;
  });
}

/**
 * Inspection's figures on the dashboard (D-1, D-2, D-9), for any reporting period and over the
 * subtree: counts for the roles that may see counts (inspectors, committee staff, city
 * administrators of the subtree), the records behind them for those who may read them, logged.
 */
@Resolver(() => OrgUnitDashboardType)
export class DashboardFiguresResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Số cuộc kiểm tra đã kết luận trong kỳ (cả cấp dưới); null nếu không có quyền xem' })
  async inspectionsConcluded(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await counts(d, ctx))?.inspectionsConcluded ?? null;
  }

  @FieldResolver(() => [InspectionType], { nullable: true, description: 'Các cuộc kiểm tra đã kết luận trong kỳ, mới nhất trước (chi tiết của số cuộc); chỉ cán bộ kiểm tra, được ghi nhật ký' })
  async concludedInspectionList(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Inspection[] | null> {
    return drill(d, ctx, canReadInspectionWork, ConfidentialRecordKind.INSPECTION, requestedCaseFields(info, [[]]), (s, { path, days }) => s.concludedInspections(path, days, first));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số cuộc giám sát đang tiến hành vào cuối kỳ (hoặc hôm nay nếu kỳ chưa kết thúc), cả cấp dưới; null nếu không có quyền xem' })
  async openSupervisions(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await counts(d, ctx))?.openSupervisions ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số cuộc giám sát đã kết luận trong kỳ (cả cấp dưới); null nếu không có quyền xem' })
  async supervisionsConcluded(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await counts(d, ctx))?.supervisionsConcluded ?? null;
  }

  @FieldResolver(() => [SupervisionType], { nullable: true, description: 'Các cuộc giám sát đang tiến hành (chi tiết của số cuộc); chỉ cán bộ kiểm tra, được ghi nhật ký' })
  async openSupervisionList(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Supervision[] | null> {
    return drill(d, ctx, canReadInspectionWork, ConfidentialRecordKind.SUPERVISION, requestedCaseFields(info, [[]]), (s, { path, days }) => s.openSupervisions(path, days, first));
  }

  @FieldResolver(() => [SupervisionType], { nullable: true, description: 'Các cuộc giám sát đã kết luận trong kỳ (chi tiết của số cuộc); chỉ cán bộ kiểm tra, được ghi nhật ký' })
  async concludedSupervisionList(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Supervision[] | null> {
    return drill(d, ctx, canReadInspectionWork, ConfidentialRecordKind.SUPERVISION, requestedCaseFields(info, [[]]), (s, { path, days }) => s.concludedSupervisions(path, days, first));
  }

  @FieldResolver(() => [FormCountType], { nullable: true, description: 'Số quyết định kỷ luật trong kỳ theo hình thức (cả cấp dưới); null nếu không có quyền xem' })
  async disciplineDecisionsByForm(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<FormCountType[] | null> {
    return ctx.uow().run(async (tx) => {
      const scope = await scopeOf(d, ctx, tx, canSeeCounts);
      if (!scope) return null;
      const decisions = await new InspectionDashboardStore(tx).decisionsByForm(scope.path, scope.days);
      return decisions.map((x) => ({ form: x.form as DisciplineForm, count: x.n }));
    });
  }

  @FieldResolver(() => [DisciplineCaseType], {
    nullable: true,
    description: 'Các vụ việc đã quyết định kỷ luật trong kỳ (chi tiết của số quyết định theo hình thức), mới nhất trước; chỉ cán bộ kiểm tra của cấp này, mỗi lần xem được ghi nhật ký; null với người khác',
  })
  async disciplineDecisionList(
    @Root() d: OrgUnitDashboardType,
    @Arg('form', () => DisciplineForm, { nullable: true, description: 'Chỉ hình thức này (hình thức đang có hiệu lực)' }) form: DisciplineForm | null | undefined,
    @Args() { first }: DrillDownArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DisciplineCase[] | null> {
    return drill(d, ctx, canReadCase, ConfidentialRecordKind.DISCIPLINE_CASE, requestedCaseFields(info, [[]]), (s, { path, days }) => s.decidedCases(path, days, form ?? null, first));
  }
}
