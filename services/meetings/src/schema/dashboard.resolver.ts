import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { MeetingKind, isInScope, isPeriod, periodRange, requireInScope, requireReportingPeriod, requireScope } from '@chibo/domain';
import { DrillDownArgs, OrgTree, parseId, type AsyncQueue, type DashboardChange, type RequestContext } from '@chibo/service-kit';
import { dashboardOf, quarterMonths, quarterRange, type MeetingDashboard } from '../domain/dashboard';
import type { Meeting } from '../domain/meetings';
import { DashboardStore } from '../store';
import { MeetingType, OrgUnitDashboardType, OrgUnitRef } from './types';

interface DashboardArgs {
  orgUnitId: string;
  period?: string | null;
}

/** Any reporting period (month, quarter, year, term; the current month by default), in its canonical text. */
function checkPeriod(period: string | null | undefined): string {
  return requireReportingPeriod(period).key;
}

/**
 * Opens a live dashboard: checks the unit is the subscriber's to see, then yields the current
 * state at once (a reconnecting client is never stale) and one update per change after it.
 */
async function dashboardChanges(args: DashboardArgs, ctx: RequestContext): Promise<AsyncIterableIterator<DashboardChange>> {
  // Checked before the stream exists, so a refused subscription is an error, not an empty stream.
  requireScope(ctx.principal, 'meetings:read');
  const orgUnitId = parseId(args.orgUnitId, 'orgUnitId');
  const period = checkPeriod(args.period);
  await ctx.uow().run(async (tx) => {
    const unit = await new OrgTree(tx.manager, tx.tenantId).get(orgUnitId);
    requireInScope(ctx.principal, OrgTree.lineage(unit), orgUnitId);
  });
  const queue = await ctx.dashboardBus.subscribe(ctx.tenantId, orgUnitId);
  return stream(ctx.tenantId, orgUnitId, period, queue);
}

async function* changesOf(tenantId: string, orgUnitId: string, period: string, queue: AsyncQueue<DashboardChange>): AsyncGenerator<DashboardChange> {
  try {
    yield { tenantId, orgUnitIds: [orgUnitId], period };
    for await (const change of queue) {
      if (change.period === period) yield change;
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
function stream(tenantId: string, orgUnitId: string, period: string, queue: AsyncQueue<DashboardChange>): AsyncIterableIterator<DashboardChange> {
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

/** The cells behind a "cells without …" figure, for the viewer's scope; computed once per payload. */
function flaggedCells(d: OrgUnitDashboardType, ctx: RequestContext, kind: MeetingKind, months: string[]): Promise<OrgUnitRef[] | null> {
  if (!months.length) return Promise.resolve(null);
  return once(d, `flagged:${kind}`, () =>
    ctx.uow().run(async (tx) => {
      const unit = await new OrgTree(tx.manager, tx.tenantId).find(d.orgUnitId);
      if (!unit || !isInScope(ctx.principal, OrgTree.lineage(unit))) return null;
      return (await new DashboardStore(tx).cellIdsWithout(unit.path, kind, months)).map((id) => ({ id }));
    }),
  );
}

/** The held meetings behind a figure, for the viewer's scope. */
function heldMeetings(d: OrgUnitDashboardType, ctx: RequestContext, range: { from: Date; to: Date } | null, kind: MeetingKind | null, first: number): Promise<Meeting[] | null> {
  if (!range) return Promise.resolve(null);
  return ctx.uow().run(async (tx) => {
    const unit = await new OrgTree(tx.manager, tx.tenantId).find(d.orgUnitId);
    if (!unit || !isInScope(ctx.principal, OrgTree.lineage(unit))) return null;
    return new DashboardStore(tx).heldMeetings(unit.path, range.from, range.to, kind, first);
  });
}

interface Figures extends MeetingDashboard {
  meetingsHeld: number;
  thematicMeetingsThisQuarter: number;
  cellsWithoutRegularMeeting: number;
  cellsWithoutThematicThisQuarter: number;
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
 * from a scan of its meetings, attendance and contributions: a few rows per cell.
 */
async function computeFigures(k: OrgUnitDashboardType, ctx: RequestContext): Promise<Figures | null> {
  if (!isPeriod(k.period)) return null;
  const quarter = quarterMonths(k.period);
  return ctx.uow().run(async (tx) => {
    const unit = await new OrgTree(tx.manager, tx.tenantId).find(k.orgUnitId);
    if (!unit || !isInScope(ctx.principal, OrgTree.lineage(unit))) return null;
    const store = new DashboardStore(tx);
    const month = await store.sumInSubtree(unit.path, [k.period]);
    const inQuarter = await store.sumInSubtree(unit.path, quarter);
    return {
      ...dashboardOf(month),
      meetingsHeld: month.meetingsHeld,
      thematicMeetingsThisQuarter: inQuarter.thematicHeld,
      cellsWithoutRegularMeeting: (await store.cellIdsWithout(unit.path, MeetingKind.REGULAR, [k.period])).length,
      cellsWithoutThematicThisQuarter: (await store.cellIdsWithout(unit.path, MeetingKind.THEMATIC, quarter)).length,
    };
  });
}

@Resolver(() => OrgUnitDashboardType)
export class DashboardResolver {
  @Query(() => OrgUnitDashboardType, { description: 'Bảng theo dõi của một tổ chức đảng trong một kỳ (cả cấp dưới), như bản cập nhật trực tiếp' })
  async dashboard(
    @Arg('orgUnitId', () => ID) orgUnitId: string,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM; mặc định tháng hiện tại' }) period: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OrgUnitDashboardType> {
    requireScope(ctx.principal, 'meetings:read');
    const id = parseId(orgUnitId, 'orgUnitId');
    const p = checkPeriod(period);
    await ctx.uow().run(async (tx) => {
      const unit = await new OrgTree(tx.manager, tx.tenantId).get(id);
      requireInScope(ctx.principal, OrgTree.lineage(unit), id);
    });
    return { orgUnitId: id, period: p };
  }

  @Subscription(() => OrgUnitDashboardType, {
    description: 'Cập nhật trực tiếp bảng theo dõi của một tổ chức đảng (gồm cả cấp dưới)',
    subscribe: ({ args, context }) => dashboardChanges(args as DashboardArgs, context as RequestContext),
  })
  dashboardUpdated(
    @Root() change: DashboardChange,
    @Arg('orgUnitId', () => ID) orgUnitId: string,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM; mặc định tháng hiện tại' }) period?: string,
  ): OrgUnitDashboardType {
    const payload = { orgUnitId: orgUnitId.toLowerCase(), period: period ?? change.period };
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

  @FieldResolver(() => Int, { nullable: true, description: 'Số buổi sinh hoạt thường kỳ đã tổ chức trong tháng (cả cấp dưới)' })
  async regularMeetingsHeld(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.regularMeetingsHeld ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Tỷ lệ đảng viên dự sinh hoạt trong tháng (G-4, cả cấp dưới)' })
  async attendanceRate(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.attendanceRate ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Tỷ lệ đảng viên phát biểu (trừ chủ trì) trên số có mặt trong tháng (G-5, cả cấp dưới)' })
  async participationRate(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.participationRate ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số buổi sinh hoạt chuyên đề trong quý chứa kỳ báo cáo (cả cấp dưới)' })
  async thematicMeetingsThisQuarter(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.thematicMeetingsThisQuarter ?? null;
  }

  @FieldResolver(() => [OrgUnitRef], { nullable: true, description: 'Các chi bộ chưa sinh hoạt thường kỳ trong tháng (chi tiết của cảnh báo G-1)' })
  async cellsWithoutRegularMeetingList(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<OrgUnitRef[] | null> {
    return flaggedCells(d, ctx, MeetingKind.REGULAR, isPeriod(d.period) ? [d.period] : []);
  }

  @FieldResolver(() => [OrgUnitRef], { nullable: true, description: 'Các chi bộ chưa sinh hoạt chuyên đề trong quý (chi tiết của cảnh báo G-1)' })
  async cellsWithoutThematicThisQuarterList(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<OrgUnitRef[] | null> {
    return flaggedCells(d, ctx, MeetingKind.THEMATIC, quarterMonths(d.period));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Cảnh báo: số chi bộ chưa sinh hoạt thường kỳ trong tháng (G-1)' })
  async cellsWithoutRegularMeeting(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.cellsWithoutRegularMeeting ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Cảnh báo: số chi bộ chưa sinh hoạt chuyên đề trong quý (G-1)' })
  async cellsWithoutThematicThisQuarter(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await figures(d, ctx))?.cellsWithoutThematicThisQuarter ?? null;
  }

  @FieldResolver(() => [MeetingType], {
    nullable: true,
    description: 'Các buổi sinh hoạt đã tổ chức trong tháng, mới nhất trước (chi tiết của số buổi, tỷ lệ dự họp và phát biểu)',
  })
  async heldMeetings(
    @Root() d: OrgUnitDashboardType,
    @Args() { first }: DrillDownArgs,
    @Arg('kind', () => MeetingKind, { nullable: true, description: 'Chỉ loại này (ví dụ REGULAR: chi tiết của số buổi thường kỳ)' }) kind: MeetingKind | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Meeting[] | null> {
    return heldMeetings(d, ctx, isPeriod(d.period) ? periodRange(d.period) : null, kind ?? null, first);
  }

  @FieldResolver(() => [MeetingType], { nullable: true, description: 'Các buổi sinh hoạt chuyên đề trong quý (chi tiết của số buổi chuyên đề)' })
  async thematicMeetingsThisQuarterList(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<Meeting[] | null> {
    return heldMeetings(d, ctx, quarterRange(d.period), MeetingKind.THEMATIC, first);
  }
}
