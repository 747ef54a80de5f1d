import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { MeetingKind, currentQuarterOf, elapsedMonths, isInScope, parseReportingPeriod, requireInScope, requireReportingPeriod, requireScope, type ReportingPeriod } from '@chibo/domain';
import { DrillDownArgs, OrgTree, parseId, type AsyncQueue, type DashboardChange, type RequestContext, type Transaction } from '@chibo/service-kit';
import { contentSharesOf, dashboardOf, monthsRange, qualityLevelsOf, regularMeetingRate, termMonthsOf, type MeetingDashboard } from '../domain/dashboard';
import type { CategoryShare } from '../domain/agenda';
import type { Meeting } from '../domain/meetings';
import { QualityLevel } from '../domain/quality';
import { DEFAULT_RULE_SET } from '../domain/rule-set';
import { DashboardStore, MeetingStore } from '../store';
import { CellMonthType, ContentShareType, QualityLevelCountType } from './dashboard-types';
import { MeetingType, OrgUnitDashboardType, OrgUnitRef } from './types';

interface DashboardArgs {
  orgUnitId: string;
  period?: string | null;
}

const PERIOD_DESCRIPTION = 'Kỳ báo cáo: tháng (2026-11), quý (2026-Q4), năm (2026) hoặc nhiệm kỳ (2025-2030); mặc định tháng hiện tại';

/**
 * A dashboard payload as an instance of its class: type-graphql hands a field resolver a fresh
 * copy of a plain-object root for every field, so only an instance keeps one identity across
 * the fields — the key of the once-per-payload memos below (otherwise each field recomputes all).
 */
export function dashboardPayload(orgUnitId: string, period: string): OrgUnitDashboardType {
  return Object.assign(new OrgUnitDashboardType(), { orgUnitId, period });
}

/** The payload's period, parsed; every figure is a sum over its months. */
function periodOf(d: OrgUnitDashboardType): ReportingPeriod | null {
  return parseReportingPeriod(d.period);
}

/**
 * Opens a live dashboard: checks the unit is the subscriber's to see, then yields the current
 * state at once (a reconnecting client is never stale) and one update per change after it.
 */
async function dashboardChanges(args: DashboardArgs, ctx: RequestContext): Promise<AsyncIterableIterator<DashboardChange>> {
  // Checked before the stream exists, so a refused subscription is an error, not an empty stream.
  requireScope(ctx.principal, 'meetings:read');
  const orgUnitId = parseId(args.orgUnitId, 'orgUnitId');
  const period = requireReportingPeriod(args.period);
  await ctx.uow().run(async (tx) => {
    const unit = await new OrgTree(tx.manager, tx.tenantId).get(orgUnitId);
    requireInScope(ctx.principal, OrgTree.lineage(unit), orgUnitId);
  });
  const queue = await ctx.dashboardBus.subscribe(ctx.tenantId, orgUnitId);
  return stream(ctx.tenantId, orgUnitId, period, queue);
}

async function* changesOf(tenantId: string, orgUnitId: string, period: ReportingPeriod, queue: AsyncQueue<DashboardChange>): AsyncGenerator<DashboardChange> {
  try {
    yield { tenantId, orgUnitIds: [orgUnitId], period: period.key };
    // A change is announced for its month; it moves every period that holds that month.
    for await (const change of queue) {
      if (period.months.includes(change.period)) yield change;
    }
  } finally {
    queue.close();
  }
}

/**
 * An async generator waiting for the next change would only see `return()` after that change
 * came — for a quiet unit, never: the subscription would outlive its subscriber. Closing the
 * queue first ends the wait, so an unsubscribe takes effect at once.
 */
function stream(tenantId: string, orgUnitId: string, period: ReportingPeriod, queue: AsyncQueue<DashboardChange>): AsyncIterableIterator<DashboardChange> {
  const gen = changesOf(tenantId, orgUnitId, period, queue);
  const it: AsyncIterableIterator<DashboardChange> = {
    next: () => gen.next(),
    return: (value?: unknown) => {
      queue.close();
      return gen.return(value as undefined);
    },
    throw: (err?: unknown) => {
      queue.close();
      return gen.throw(err);
    },
    [Symbol.asyncIterator]: () => it,
  };
  return it;
}

const sharedPayloads = new WeakMap<DashboardChange, Map<string, OrgUnitDashboardType>>();
const memo = new WeakMap<OrgUnitDashboardType, Map<string, Promise<unknown>>>();

/** A figure of one payload, computed once however many subscribers or fields ask for it. */
function once<T>(d: OrgUnitDashboardType, name: string, compute: () => Promise<T>): Promise<T> {
  let m = memo.get(d);
  if (!m) memo.set(d, (m = new Map()));
  let p = m.get(name) as Promise<T> | undefined;
  if (!p) m.set(name, (p = compute()));
  return p;
}

/**
 * Runs `read` on the subtree of the payload's unit for a viewer allowed to see it; null when the
 * unit is unknown here or out of the viewer's scope, or the period is not one.
 */
function inSubtree<T>(d: OrgUnitDashboardType, ctx: RequestContext, read: (store: DashboardStore, path: string, period: ReportingPeriod, tx: Transaction) => Promise<T>): Promise<T | null> {
  const period = periodOf(d);
  if (!period) return Promise.resolve(null);
  return ctx.uow().run(async (tx) => {
    const unit = await new OrgTree(tx.manager, tx.tenantId).find(d.orgUnitId);
    if (!unit || !isInScope(ctx.principal, OrgTree.lineage(unit))) return null;
    return read(new DashboardStore(tx), unit.path, period, tx);
  });
}

/** The cells behind a "cells without …" figure, for the viewer's scope; computed once per payload. */
function flaggedCells(d: OrgUnitDashboardType, ctx: RequestContext, name: string, ids: (store: DashboardStore, path: string, period: ReportingPeriod) => Promise<string[]>): Promise<OrgUnitRef[] | null> {
  return once(d, `flagged:${name}`, () => inSubtree(d, ctx, async (store, path, period) => (await ids(store, path, period)).map((id) => ({ id }))));
}

/** The held meetings behind a figure, for the viewer's scope. */
function heldMeetings(d: OrgUnitDashboardType, ctx: RequestContext, months: (period: ReportingPeriod) => string[], kind: MeetingKind | null, first: number): Promise<Meeting[] | null> {
  return inSubtree(d, ctx, (store, path, period) => {
    const range = monthsRange(months(period));
    return store.heldMeetings(path, range.from, range.to, kind, first);
  });
}

interface Figures extends MeetingDashboard {
  meetingsHeld: number;
  thematicMeetingsThisQuarter: number;
  cellsWithoutRegularMeeting: number;
  cellsWithoutThematicThisQuarter: number;
  regularMeetingsDue: number;
  regularMeetingRate: number | null;
  cellsWithoutThematicThisTerm: number;
  contentBalance: CategoryShare[];
  qualityLevels: { level: QualityLevel; count: number }[];
}

/**
 * One computation per dashboard payload, however many of its fields are asked for. Keyed by the
 * payload object, not by (unit, period): a subscription's context lives as long as the socket,
 * and each change must be computed afresh.
 */
const computed = new WeakMap<OrgUnitDashboardType, Promise<Figures | null>>();

function figures(d: OrgUnitDashboardType, ctx: RequestContext): Promise<Figures | null> {
  let p = computed.get(d);
  if (!p) {
    p = computeFigures(d, ctx);
    computed.set(d, p);
  }
  return p;
}

/**
 * From the maintained month figures of the subtree's units (kept by the dashboard notifier), not
 * from a scan of its meetings, attendance and contributions: a few rows per cell and month, in a
 * fixed number of statements whatever the size of the subtree or the length of the period.
 */
function computeFigures(k: OrgUnitDashboardType, ctx: RequestContext): Promise<Figures | null> {
  return inSubtree(k, ctx, async (store, path, period) => {
    const quarter = currentQuarterOf(period);
    const inPeriod = await store.sumInSubtree(path, period.months);
    const inQuarter = await store.sumInSubtree(path, quarter);
    const regular = await store.regularMeetingsDue(path, elapsedMonths(period));
    return {
      ...dashboardOf(inPeriod),
      meetingsHeld: inPeriod.meetingsHeld,
      thematicMeetingsThisQuarter: inQuarter.thematicHeld,
      cellsWithoutRegularMeeting: regular.cellsMissing,
      cellsWithoutThematicThisQuarter: await store.countCellsWithout(path, MeetingKind.THEMATIC, quarter),
      regularMeetingsDue: regular.due,
      regularMeetingRate: regularMeetingRate(regular.due, regular.met),
      cellsWithoutThematicThisTerm: await store.countCellsWithout(path, MeetingKind.THEMATIC, termMonthsOf(period)),
      contentBalance: contentSharesOf(inPeriod),
      qualityLevels: qualityLevelsOf(inPeriod),
    };
  });
}

@Resolver(() => OrgUnitDashboardType)
export class DashboardResolver {
  @Query(() => OrgUnitDashboardType, { description: 'Bảng theo dõi của một tổ chức đảng trong một kỳ (cả cấp dưới), như bản cập nhật trực tiếp' })
  async dashboard(
    @Arg('orgUnitId', () => ID) orgUnitId: string,
    @Arg('period', () => String, { nullable: true, description: PERIOD_DESCRIPTION }) period: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OrgUnitDashboardType> {
    requireScope(ctx.principal, 'meetings:read');
    const id = parseId(orgUnitId, 'orgUnitId');
    const p = requireReportingPeriod(period).key;
    await ctx.uow().run(async (tx) => {
      const unit = await new OrgTree(tx.manager, tx.tenantId).get(id);
      requireInScope(ctx.principal, OrgTree.lineage(unit), id);
    });
    return dashboardPayload(id, p);
  }

  @Subscription(() => OrgUnitDashboardType, {
    description: 'Cập nhật trực tiếp bảng theo dõi của một tổ chức đảng (gồm cả cấp dưới)',
    subscribe: ({ args, context }) => dashboardChanges(args as DashboardArgs, context as RequestContext),
  })
  dashboardUpdated(
    @Root() change: DashboardChange,
    @Arg('orgUnitId', () => ID) orgUnitId: string,
    @Arg('period', () => String, { nullable: true, description: PERIOD_DESCRIPTION }) period?: string,
  ): OrgUnitDashboardType {
    // The subscriber's period as it subscribed (checked then), whichever month changed.
    const payload = dashboardPayload(orgUnitId.toLowerCase(), (period && parseReportingPeriod(period)?.key) || change.period);
    // Every subscriber of a unit receives the same change object; they share one payload, so
    // its figures are computed once per change, not once per subscriber. All of them passed
    // the unit's scope check when they subscribed, and the figures do not depend on the viewer.
    const key = `${payload.orgUnitId}:${payload.period}`;
    let byKey = sharedPayloads.get(change);
    if (!byKey) sharedPayloads.set(change, (byKey = new Map()));
    const existing = byKey.get(key);
    if (existing) return existing;
    byKey.set(key, payload);
    return payload;
  }

  @FieldResolver(() => Int, { description: 'Số buổi sinh hoạt đã tổ chức trong kỳ (cả cấp dưới)' })
  async meetingsHeld(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number> {
    return (await figures(d, ctx))?.meetingsHeld ?? 0;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số buổi sinh hoạt thường kỳ đã tổ chức trong kỳ (cả cấp dưới)' })
  async regularMeetingsHeld(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.regularMeetingsHeld ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Tỷ lệ đảng viên dự sinh hoạt trong kỳ (G-4, cả cấp dưới)' })
  async attendanceRate(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.attendanceRate ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Tỷ lệ đảng viên phát biểu (trừ chủ trì) trên số có mặt trong kỳ (G-5, cả cấp dưới)' })
  async participationRate(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.participationRate ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số buổi sinh hoạt chuyên đề trong quý hiện hành của kỳ báo cáo: quý của tháng, chính quý đó, hoặc quý gần nhất đã bắt đầu của năm, nhiệm kỳ (cả cấp dưới)' })
  async thematicMeetingsThisQuarter(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.thematicMeetingsThisQuarter ?? null;
  }

  @FieldResolver(() => [OrgUnitRef], { nullable: true, description: 'Các chi bộ có tháng đến hạn mà chưa sinh hoạt thường kỳ trong kỳ (chi tiết của cảnh báo G-1)' })
  async cellsWithoutRegularMeetingList(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<OrgUnitRef[] | null> {
    return flaggedCells(d, ctx, 'regular', (store, path, period) => store.cellIdsMissingRegular(path, elapsedMonths(period)));
  }

  @FieldResolver(() => [OrgUnitRef], { nullable: true, description: 'Các chi bộ chưa sinh hoạt chuyên đề trong quý (chi tiết của cảnh báo G-1)' })
  async cellsWithoutThematicThisQuarterList(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<OrgUnitRef[] | null> {
    return flaggedCells(d, ctx, 'thematic-quarter', (store, path, period) => store.cellIdsWithout(path, MeetingKind.THEMATIC, currentQuarterOf(period)));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Cảnh báo: số chi bộ có ít nhất một tháng đến hạn trong kỳ mà chưa sinh hoạt thường kỳ (G-1)' })
  async cellsWithoutRegularMeeting(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.cellsWithoutRegularMeeting ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Cảnh báo: số chi bộ chưa sinh hoạt chuyên đề trong quý (G-1)' })
  async cellsWithoutThematicThisQuarter(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.cellsWithoutThematicThisQuarter ?? null;
  }

  @FieldResolver(() => [MeetingType], {
    nullable: true,
    description: 'Các buổi sinh hoạt đã tổ chức trong kỳ, mới nhất trước (chi tiết của số buổi, tỷ lệ dự họp và phát biểu)',
  })
  async heldMeetings(
    @Root() d: OrgUnitDashboardType,
    @Args() { first }: DrillDownArgs,
    @Arg('kind', () => MeetingKind, { nullable: true, description: 'Chỉ loại này (ví dụ REGULAR: chi tiết của số buổi thường kỳ)' }) kind: MeetingKind | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Meeting[] | null> {
    return heldMeetings(d, ctx, (period) => period.months, kind ?? null, first);
  }

  @FieldResolver(() => [MeetingType], { nullable: true, description: 'Các buổi sinh hoạt chuyên đề trong quý (chi tiết của số buổi chuyên đề)' })
  async thematicMeetingsThisQuarterList(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<Meeting[] | null> {
    return heldMeetings(d, ctx, (period) => currentQuarterOf(period), MeetingKind.THEMATIC, first);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số lượt chi bộ – tháng phải sinh hoạt thường kỳ trong kỳ: mỗi chi bộ còn hoạt động, mỗi tháng đã bắt đầu (G-1, cả cấp dưới)' })
  async regularMeetingsDue(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.regularMeetingsDue ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Tỷ lệ chi bộ – tháng đã sinh hoạt thường kỳ trên số đến hạn (G-1); không có khi chưa đến hạn tháng nào' })
  async regularMeetingRate(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.regularMeetingRate ?? null;
  }

  @FieldResolver(() => [CellMonthType], { nullable: true, description: 'Các chi bộ – tháng đến hạn mà chưa sinh hoạt thường kỳ, tháng cũ trước (chi tiết của tỷ lệ sinh hoạt thường kỳ)' })
  async missedRegularMeetings(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<CellMonthType[] | null> {
    return inSubtree(d, ctx, async (store, path, period) =>
      (await store.missedRegularMeetings(path, elapsedMonths(period), first)).map((m) => ({ cell: { id: m.cellId }, month: m.month })),
    );
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Cảnh báo: số chi bộ chưa sinh hoạt chuyên đề lần nào trong nhiệm kỳ, tính đến hết kỳ báo cáo (G-1)' })
  async cellsWithoutThematicThisTerm(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.cellsWithoutThematicThisTerm ?? null;
  }

  @FieldResolver(() => [OrgUnitRef], { nullable: true, description: 'Các chi bộ chưa sinh hoạt chuyên đề lần nào trong nhiệm kỳ (chi tiết của cảnh báo G-1)' })
  async cellsWithoutThematicThisTermList(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<OrgUnitRef[] | null> {
    return flaggedCells(d, ctx, 'thematic-term', (store, path, period) => store.cellIdsWithout(path, MeetingKind.THEMATIC, termMonthsOf(period)));
  }

  @FieldResolver(() => [ContentShareType], { nullable: true, description: 'Cơ cấu nội dung sinh hoạt: số phút thực tế và tỷ trọng từng loại nội dung của các buổi đã họp trong kỳ (G-6, cả cấp dưới)' })
  async contentBalance(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<CategoryShare[] | null> {
    return (await figures(d, ctx))?.contentBalance ?? null;
  }

  @FieldResolver(() => [MeetingType], {
    nullable: true,
    description: 'Các buổi sinh hoạt trong kỳ có nội dung chuyên môn vượt ngưỡng của quy định sinh hoạt hiệu lực ngày họp, mới nhất trước (G-6, chi tiết của cơ cấu nội dung)',
  })
  async professionalHeavyMeetings(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<Meeting[] | null> {
    return inSubtree(d, ctx, async (store, path, period, tx) => {
      const versions = [DEFAULT_RULE_SET, ...(await new MeetingStore(tx).ruleSets())];
      return store.professionalHeavyMeetings(path, period.from, period.to, versions, first);
    });
  }

  @FieldResolver(() => [QualityLevelCountType], { nullable: true, description: 'Số buổi sinh hoạt đã chấm điểm trong kỳ theo từng loại chất lượng (G-7, cả cấp dưới)' })
  async qualityLevels(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<{ level: QualityLevel; count: number }[] | null> {
    return (await figures(d, ctx))?.qualityLevels ?? null;
  }

  @FieldResolver(() => [MeetingType], { nullable: true, description: 'Các buổi sinh hoạt trong kỳ được xếp loại chất lượng này, mới nhất trước (G-7, chi tiết của xếp loại)' })
  async meetingsAtQualityLevel(
    @Root() d: OrgUnitDashboardType,
    @Arg('level', () => QualityLevel, { description: 'Loại chất lượng' }) level: QualityLevel,
    @Args() { first }: DrillDownArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Meeting[] | null> {
    return inSubtree(d, ctx, (store, path, period) => store.meetingsAtQualityLevel(path, period.from, period.to, level, first));
  }
}
