import { Arg, Args, Ctx, Directive, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { isInScope, parseReportingPeriod, type ReportingPeriod } from '@chibo/domain';
import { DrillDownArgs, OrgTree, type RequestContext, type Transaction } from '@chibo/service-kit';
import { meetingDate } from '../domain/attendance';
import { followUpFigures, followUpWindow, themeCalendar, type FollowUpFigures } from '../domain/dashboard-follow-up';
import { canReadRemovalCandidates, removalCandidates, type RemovalCandidate } from '../domain/removal';
import type { Resolution, ResolutionTask } from '../domain/resolutions';
import { pickRuleSet } from '../domain/rule-set';
import { cellsBehindTheme, themeProgress, type TargetProgress } from '../domain/theme';
import { MeetingStore } from '../store';
import { DashboardFollowUpStore } from '../store/dashboard-follow-up-store';
import { TargetProgressType } from './dissemination.resolver';
import { OrgUnitDashboardType, OrgUnitRef, ResolutionTaskType, ResolutionType } from './types';

/** Nguồn lực huy động — a measurable target's unit (VND, bóng đèn …), its total and what was reported. */
@ObjectType('ResourceTotal', { description: 'Nguồn lực huy động theo đơn vị chỉ tiêu: tổng chỉ tiêu và đã đạt (G-8)' })
class ResourceTotalType {
  @Field({ description: 'Đơn vị chỉ tiêu (VND, bóng đèn …)' })
  unit: string;

  @Field(() => Float, { description: 'Tổng chỉ tiêu của các nhiệm vụ trong kỳ' })
  target: number;

  @Field(() => Float, { description: 'Đã đạt theo các báo cáo tiến độ đến hết kỳ' })
  achieved: number;
}

/** Đảng viên — membership's member, referred to by id; membership resolves it (and its own visibility). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Member')
class MemberRef {
  @Field(() => ID)
  id: string;
}

/**
 * A payload's key, typed as an interface on purpose: for a class type, type-graphql's `@Root()`
 * hands each field its own copy of the payload (`convertToType`), and a cache keyed by it would
 * compute every figure once per field.
 */
interface DashboardKey {
  orgUnitId: string;
  period: string;
}

/**
 * Figures of one dashboard payload, each set computed once however many of its fields (and, for
 * a live dashboard, subscribers) ask — keyed by the payload object, as in dashboard.resolver.ts.
 */
function once<T>(cache: WeakMap<DashboardKey, Promise<T>>, d: OrgUnitDashboardType, compute: () => Promise<T>): Promise<T> {
  let p = cache.get(d);
  if (!p) cache.set(d, (p = compute()));
  return p;
}

/** The subtree (path) and period of a payload, for a viewer allowed to see the unit; null otherwise. */
async function subtree(tx: Transaction, ctx: RequestContext, d: DashboardKey): Promise<{ path: string; period: ReportingPeriod } | null> {
  const period = parseReportingPeriod(d.period);
  if (!period) return null;
  const unit = await new OrgTree(tx.manager, tx.tenantId).find(d.orgUnitId);
  if (!unit || !isInScope(ctx.principal, OrgTree.lineage(unit))) return null;
  return { path: unit.path, period };
}

const followUps = new WeakMap<DashboardKey, Promise<FollowUpFigures | null>>();

/** G-8/G-9 of the period: 1 statement for the resolutions, 1 for the tasks, whatever the subtree. */
function followUp(d: OrgUnitDashboardType, ctx: RequestContext): Promise<FollowUpFigures | null> {
  return once(followUps, d, () =>
    ctx.uow().run(async (tx) => {
      const s = await subtree(tx, ctx, d);
      if (!s) return null;
      const w = followUpWindow(s.period);
      const resolutions = await new MeetingStore(tx).resolutionsForFollowUp(s.path, w.from, w.to);
      const tasks = await new DashboardFollowUpStore(tx).tasksDueBefore(s.path, w.from, w.to);
      return followUpFigures(resolutions, tasks, w);
    }),
  );
}

const removals = new WeakMap<DashboardKey, Promise<RemovalCandidate[] | null>>();

/**
 * G-10/M-6 as of the period's end (now while it runs): members absent without reason in the
 * rule set's number of distinct months of that calendar year, January up to then.
 */
function removal(d: OrgUnitDashboardType, ctx: RequestContext): Promise<RemovalCandidate[] | null> {
  return once(removals, d, () =>
    ctx.uow().run(async (tx) => {
      const s = await subtree(tx, ctx, d);
      if (!s) return null;
      const w = followUpWindow(s.period);
      const year = themeCalendar(w.year, w.asOf);
      const store = new MeetingStore(tx);
      // Read in this transaction, not through the request's loader: a live dashboard's context lives as long as its socket.
      const rules = pickRuleSet(await store.ruleSets(), meetingDate(new Date(year.to.getTime() - 1)));
      return removalCandidates(await store.unexcusedMonths(s.path, year.from, year.to), rules.unexcusedMonthsForRemoval);
    }),
  );
}

interface ThemeFigures {
  progress: TargetProgress[];
  behind: string[];
}

const themes = new WeakMap<DashboardKey, Promise<ThemeFigures | null>>();

/** G-12: the yearly theme of the period's year, its progress up to the period's end, and the cells behind it. */
function theme(d: OrgUnitDashboardType, ctx: RequestContext): Promise<ThemeFigures | null> {
  return once(themes, d, () =>
    ctx.uow().run(async (tx) => {
      const s = await subtree(tx, ctx, d);
      if (!s) return null;
      const w = followUpWindow(s.period);
      const yearly = await new MeetingStore(tx).findTheme(w.year);
      if (!yearly) return { progress: [], behind: [] };
      const facts = await new DashboardFollowUpStore(tx).themeFacts(s.path, w.year, w.asOf);
      return { progress: themeProgress(yearly, facts.total), behind: cellsBehindTheme(yearly, facts.cells, facts.byCell) };
    }),
  );
}

function resolutionsOf(ctx: RequestContext, ids: string[] | undefined, first: number): Promise<Resolution[] | null> {
  return ids ? ctx.uow().run((tx) => new DashboardFollowUpStore(tx).resolutions(ids, first)) : Promise.resolve(null);
}

function tasksOf(ctx: RequestContext, ids: string[] | undefined, first: number): Promise<ResolutionTask[] | null> {
  return ids ? ctx.uow().run((tx) => new DashboardFollowUpStore(tx).tasks(ids, first)) : Promise.resolve(null);
}

/**
 * Issue #6, meetings part B: resolutions and their follow-up (G-8/G-9), resources mobilised,
 * removal candidates (G-10/M-6) and the yearly theme's progress (G-12) on the dashboard, for any
 * reporting period, rolled up the subtree, each with the records behind it.
 */
@Resolver(() => OrgUnitDashboardType)
export class DashboardFollowUpResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Số nghị quyết thông qua tại các buổi sinh hoạt trong kỳ (cả cấp dưới, G-8)' })
  async resolutionsAdopted(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await followUp(d, ctx))?.resolutionsAdopted ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Trong số nghị quyết thông qua trong kỳ, số đã được kiểm điểm việc thực hiện (G-9)' })
  async resolutionsReviewed(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await followUp(d, ctx))?.resolutionsReviewed ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Cảnh báo: nghị quyết thông qua trong kỳ mà buổi sinh hoạt thường kỳ kế tiếp đã diễn ra nhưng chưa kiểm điểm (G-9)',
  })
  async resolutionsAwaitingReview(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await followUp(d, ctx))?.resolutionsAwaitingReview ?? null;
  }

  @FieldResolver(() => [ResolutionType], { nullable: true, description: 'Các nghị quyết thông qua trong kỳ, cũ nhất trước (chi tiết của số nghị quyết)' })
  async adoptedResolutions(@Root() d: DashboardKey, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<Resolution[] | null> {
    return resolutionsOf(ctx, (await followUp(d, ctx))?.adoptedResolutionIds, first);
  }

  @FieldResolver(() => [ResolutionType], { nullable: true, description: 'Các nghị quyết chưa được kiểm điểm tại buổi sinh hoạt thường kỳ kế tiếp (chi tiết của cảnh báo G-9)' })
  async unreviewedResolutions(@Root() d: DashboardKey, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<Resolution[] | null> {
    return resolutionsOf(ctx, (await followUp(d, ctx))?.unreviewedResolutionIds, first);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Nhiệm vụ của kỳ đã được kiểm tra là hoàn thành (nhiệm vụ của kỳ: có hạn trong kỳ, hoặc hạn từ trước kỳ mà vẫn đang thực hiện)',
  })
  async tasksDone(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await followUp(d, ctx))?.tasksDone ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Cảnh báo: nhiệm vụ quá hạn chưa hoàn thành, tính đến hết kỳ (hoặc hôm nay nếu kỳ chưa kết thúc) (G-9)' })
  async tasksOverdue(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await followUp(d, ctx))?.tasksOverdue ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Nhiệm vụ có hạn trong kỳ, chưa hoàn thành và chưa quá hạn' })
  async tasksOpen(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await followUp(d, ctx))?.tasksOpen ?? null;
  }

  @FieldResolver(() => [ResolutionTaskType], { nullable: true, description: 'Các nhiệm vụ quá hạn, hạn sớm nhất trước (chi tiết của cảnh báo)' })
  async overdueTasks(@Root() d: DashboardKey, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<ResolutionTask[] | null> {
    return tasksOf(ctx, (await followUp(d, ctx))?.overdueTaskIds, first);
  }

  @FieldResolver(() => [ResolutionTaskType], { nullable: true, description: 'Các nhiệm vụ của kỳ đã hoàn thành (chi tiết của số nhiệm vụ hoàn thành)' })
  async doneTasks(@Root() d: DashboardKey, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<ResolutionTask[] | null> {
    return tasksOf(ctx, (await followUp(d, ctx))?.doneTaskIds, first);
  }

  @FieldResolver(() => [ResourceTotalType], { nullable: true, description: 'Nguồn lực huy động: chỉ tiêu của các nhiệm vụ trong kỳ và đã đạt theo báo cáo tiến độ, theo đơn vị (G-8)' })
  async resourcesMobilized(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<ResourceTotalType[] | null> {
    return (await followUp(d, ctx))?.resourcesMobilized.map(({ unit, target, achieved }) => ({ unit, target, achieved })) ?? null;
  }

  @FieldResolver(() => [ResolutionTaskType], { nullable: true, description: 'Các nhiệm vụ có chỉ tiêu theo đơn vị này (chi tiết của nguồn lực huy động)' })
  async resourceTasks(
    @Root() d: DashboardKey,
    @Arg('unit', { description: 'Đơn vị chỉ tiêu, như trong resourcesMobilized' }) unit: string,
    @Args() { first }: DrillDownArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ResolutionTask[] | null> {
    const f = await followUp(d, ctx);
    return tasksOf(ctx, f ? (f.resourcesMobilized.find((m) => m.unit === unit)?.taskIds ?? []) : undefined, first);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Đảng viên vắng sinh hoạt không lý do 3 tháng trong năm tính đến hết kỳ, đề nghị xem xét xóa tên (G-10, M-6); chỉ chi ủy, cán bộ cấp ủy, kiểm tra',
  })
  async removalCandidates(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<number | null> {
    if (!canReadRemovalCandidates(ctx.principal)) return null;
    return (await removal(d, ctx))?.length ?? null;
  }

  @FieldResolver(() => [MemberRef], { nullable: true, description: 'Các đảng viên đề nghị xem xét xóa tên, nhiều tháng vắng nhất trước (chi tiết; cùng quyền xem như số liệu)' })
  async removalCandidateList(@Root() d: DashboardKey, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<MemberRef[] | null> {
    if (!canReadRemovalCandidates(ctx.principal)) return null;
    return (await removal(d, ctx))?.slice(0, first).map((c) => ({ id: c.memberId })) ?? null;
  }

  @FieldResolver(() => [TargetProgressType], {
    nullable: true,
    description: 'Tiến độ các chỉ tiêu của chủ đề năm (năm của kỳ), tính từ dữ liệu đến hết kỳ, cả cấp dưới (G-12); trống khi chưa đặt chủ đề',
  })
  async themeProgress(@Root() d: DashboardKey, @Ctx() ctx: RequestContext): Promise<TargetProgress[] | null> {
    return (await theme(d, ctx))?.progress ?? null;
  }

  @FieldResolver(() => [OrgUnitRef], { nullable: true, description: 'Các chi bộ mà số liệu của riêng mình chưa đạt ít nhất một chỉ tiêu của chủ đề năm (chi tiết của G-12)' })
  async cellsBehindTheme(@Root() d: DashboardKey, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<OrgUnitRef[] | null> {
    return (await theme(d, ctx))?.behind.slice(0, first).map((id) => ({ id })) ?? null;
  }
}
