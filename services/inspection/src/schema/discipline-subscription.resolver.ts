import { Arg, Ctx, FieldResolver, ID, Info, ObjectType, Field, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DomainError } from '@chibo/domain';
import { OrgTree, parseId, type AsyncQueue, type DashboardChange, type RequestContext } from '@chibo/service-kit';
import { canReadCase, canSeeCounts } from '../domain/confidentiality';
import type { DisciplineCase } from '../domain/discipline-case';
import { DisciplineStore } from '../store';
import { requestedCaseFields } from './audit-fields';
import { audit, caseCounts } from './discipline.resolver';
import { DisciplineCaseCountsType, DisciplineCaseType } from './discipline.types';
import { OrgUnitRef } from './types';

/** What one subscriber is told of one change: built per subscriber, under that subscriber's rights. */
interface CaseChange {
  orgUnitId: string;
  /** Set only for a subscriber who may read the case. */
  caseId: string | null;
  changedAt: string;
}

@ObjectType('DisciplineCaseChange', { description: 'Một thay đổi của vụ việc kỷ luật trong tổ chức hoặc cấp dưới: nội dung cho cán bộ kiểm tra, chỉ số lượng cho cấp ủy' })
export class DisciplineCaseChangeType {
  @Field(() => String, { description: 'Thời điểm thay đổi (theo máy chủ dữ liệu)' })
  changedAt: string;

  orgUnitId: string;
  caseId: string | null;
}

const unitNotFound = (orgUnitId: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId });

/** How far back each look for changes reaches before the last one, for writes that committed late. */
const LATE_COMMIT_MS = 5_000;

/**
 * Opens a case subscription: the unit must be one whose cases or counts the subscriber may see
 * (otherwise it does not exist for them). Refused before the stream exists, so refusal is an error.
 */
async function caseChanges(args: { orgUnitId: string }, ctx: RequestContext): Promise<AsyncGenerator<CaseChange>> {
  const orgUnitId = parseId(args.orgUnitId, 'orgUnitId');
  const { path, since, readsCases } = await ctx.uow().run(async (tx) => {
    const store = new DisciplineStore(tx);
    const unit = await store.tree.find(orgUnitId);
    const lineage = unit ? OrgTree.lineage(unit) : [];
    const reads = unit !== null && canReadCase(ctx.principal, { lineage });
    if (!unit || !(reads || canSeeCounts(ctx.principal, { lineage }))) throw unitNotFound(orgUnitId);
    return { path: unit.path, since: await store.now(), readsCases: reads };
  });
  const queue = await ctx.dashboardBus.subscribe(ctx.tenantId, orgUnitId);
  return stream(ctx, orgUnitId, path, since, readsCases, queue);
}

/**
 * The bus only says "something under this unit changed" (and merges bursts); each wake-up reads
 * the cases changed since the last look, so nothing merged away is lost and nothing is told twice.
 */
async function* stream(ctx: RequestContext, orgUnitId: string, path: string, since: string, readsCases: boolean, queue: AsyncQueue<DashboardChange>): AsyncGenerator<CaseChange> {
  const told = new Map<string, string>();
  let from = since;
  // A first look at once: a change that committed between `since` and the queue's start was not announced to it.
  const wakes = (async function* () {
    yield null;
    yield* queue;
  })();
  try {
    for await (const _wake of wakes) {
      const { changes, now } = await ctx.uow().run(async (tx) => {
        const store = new DisciplineStore(tx);
        return { changes: await store.casesChangedSince(path, from), now: await store.now() };
      });
      const fresh = changes.filter((c) => told.get(c.id) !== c.changedAt);
      for (const c of fresh) told.set(c.id, c.changedAt);
      from = new Date(Math.max(Date.parse(since), Date.parse(now) - LATE_COMMIT_MS)).toISOString();
      for (const [id, at] of told) if (Date.parse(at) < Date.parse(from)) told.delete(id);
      if (!fresh.length) continue;
      // Committee staff learn that the counts moved, once per wake-up, never which case.
      if (!readsCases) yield { orgUnitId, caseId: null, changedAt: fresh[fresh.length - 1].changedAt };
      else for (const c of fresh) yield { orgUnitId, caseId: c.id, changedAt: c.changedAt };
    }
  } finally {
    queue.close();
  }
}

@Resolver(() => DisciplineCaseChangeType)
export class DisciplineCaseChangeResolver {
  @Subscription(() => DisciplineCaseChangeType, {
    description: 'Thay đổi trực tiếp của các vụ việc kỷ luật trong tổ chức và cấp dưới (cán bộ kiểm tra: nội dung, được ghi nhật ký; cấp ủy: số lượng)',
    subscribe: ({ args, context }) => caseChanges(args as { orgUnitId: string }, context as RequestContext),
  })
  disciplineCaseChanged(@Root() change: CaseChange, @Arg('orgUnitId', () => ID) _orgUnitId: string): DisciplineCaseChangeType {
    return { ...change };
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Tổ chức đã đăng ký theo dõi' })
  orgUnit(@Root() change: CaseChange): OrgUnitRef {
    return { id: change.orgUnitId };
  }

  /** Read again at delivery, under the subscriber's rights, and logged like any other read. */
  @FieldResolver(() => DisciplineCaseType, { nullable: true, description: 'Vụ việc đã thay đổi; null nếu người theo dõi không được xem nội dung' })
  async disciplineCase(@Root() change: CaseChange, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<DisciplineCase | null> {
    if (!change.caseId) return null;
    return ctx.uow().run(async (tx) => {
      const store = new DisciplineStore(tx);
      const c = await store.findCase(change.caseId!);
      const unit = c ? await store.findUnit(c.orgUnitId) : null;
      if (!c || !unit || !canReadCase(ctx.principal, unit)) return null;
      await audit(store, ctx, [c], 'SUBSCRIPTION', requestedCaseFields(info, [[]]));
      return c;
    });
  }

  @FieldResolver(() => DisciplineCaseCountsType, { nullable: true, description: 'Số vụ việc của tổ chức và cấp dưới sau thay đổi; null nếu không được xem' })
  async counts(@Root() change: CaseChange, @Ctx() ctx: RequestContext): Promise<DisciplineCaseCountsType | null> {
    return ctx.uow().run(async (tx) => {
      const store = new DisciplineStore(tx);
      const unit = await store.tree.find(change.orgUnitId);
      if (!unit || !canSeeCounts(ctx.principal, { lineage: OrgTree.lineage(unit) })) return null;
      return caseCounts(store, unit.path);
    });
  }
}
