import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, InspectionStatus, isPeriod, periodRange, type DisciplineForm } from '@chibo/domain';
import { DrillDownArgs, OrgTree, parseId, type RequestContext } from '@chibo/service-kit';
import { INSPECTION_STEPS, advanceInspection, assertCanReadInspection, canSeeInspectionCounts, openInspection, type Inspection } from '../domain/inspections';
import { concludeSupervision, openSupervision, type Supervision } from '../domain/supervisions';
import { InspectionStore, ReportStore } from '../store';
import { FormCountType } from './discipline.types';
import {
  ConcludeInspectionInput,
  ConcludeSupervisionInput,
  InspectionStepInput,
  InspectionType,
  OpenInspectionInput,
  OpenInspectionPayload,
  OpenSupervisionInput,
  OrgUnitDashboardType,
  OrgUnitRef,
  SupervisionPayload,
  SupervisionType,
} from './types';

const notFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc kiểm tra', en: 'Inspection not found' }, { inspectionId: id });

/** Loads inspections the principal may read; others come back as null, as if absent. */
async function readableInspections(ctx: RequestContext, ids: readonly string[]): Promise<(Inspection | null)[]> {
  return ctx.uow().run(async (tx) => {
    const store = new InspectionStore(tx);
    const found = await store.findInspections(ids);
    const byId = new Map<string, Inspection>();
    for (const i of found) {
      const unit = await store.findUnit(i.orgUnitId);
      if (!unit) continue;
      try {
        assertCanReadInspection(ctx.principal, unit);
        byId.set(i.id, i);
      } catch {
        /* not the principal's to see */
      }
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}

@Resolver(() => InspectionType)
export class InspectionResolver {
  @Query(() => InspectionType, { description: 'Một cuộc kiểm tra (chỉ cán bộ kiểm tra)' })
  async inspection(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Inspection> {
    const inspectionId = parseId(id);
    const [found] = await readableInspections(ctx, [inspectionId]);
    if (!found) throw notFound(inspectionId);
    return found;
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Quyết định kiểm tra một tổ chức đảng hoặc đảng viên' })
  async openInspection(@Arg('input') input: OpenInspectionInput, @Ctx() ctx: RequestContext): Promise<OpenInspectionPayload> {
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    const subjectMemberId = input.subjectMemberId ? parseId(input.subjectMemberId, 'subjectMemberId') : null;
    const supervisionId = input.supervisionId ? parseId(input.supervisionId, 'supervisionId') : null;
    const planItemId = input.planItemId ? parseId(input.planItemId, 'planItemId') : null;
    const inspection = await ctx.uow().run((tx) => openInspection(ctx.principal, { ...input, orgUnitId, subjectMemberId, supervisionId, planItemId }, new InspectionStore(tx)));
    return { inspection };
  }

  private step(ctx: RequestContext, input: InspectionStepInput, to: InspectionStatus, extra: { violationFound?: boolean; conclusion?: string } = {}) {
    const id = parseId(input.inspectionId, 'inspectionId');
    return ctx.uow().run(async (tx) => ({ inspection: await advanceInspection(ctx.principal, id, { to, on: input.on, ...extra }, new InspectionStore(tx)) }));
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Ghi đã thông báo quyết định kiểm tra cho đối tượng (D-2)' })
  notifyInspectionSubject(@Arg('input') input: InspectionStepInput, @Ctx() ctx: RequestContext) {
    return this.step(ctx, input, InspectionStatus.SUBJECT_NOTIFIED);
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Ghi đối tượng đã tự kiểm điểm, báo cáo (D-2)' })
  recordInspectionSelfReport(@Arg('input') input: InspectionStepInput, @Ctx() ctx: RequestContext) {
    return this.step(ctx, input, InspectionStatus.SELF_REPORTED);
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Ghi đã thẩm tra, xác minh (D-2)' })
  verifyInspection(@Arg('input') input: InspectionStepInput, @Ctx() ctx: RequestContext) {
    return this.step(ctx, input, InspectionStatus.VERIFIED);
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Kết luận kiểm tra: có hay không vi phạm (D-2)' })
  concludeInspection(@Arg('input') input: ConcludeInspectionInput, @Ctx() ctx: RequestContext) {
    return this.step(ctx, input, InspectionStatus.CONCLUDED, { violationFound: input.violationFound, conclusion: input.conclusion });
  }

  @FieldResolver(() => [InspectionStatus], { description: 'Bước tiếp theo được phép (D-2)' })
  allowedNextSteps(@Root() inspection: Inspection): readonly InspectionStatus[] {
    return INSPECTION_STEPS[inspection.status];
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Tổ chức đảng được kiểm tra' })
  orgUnit(@Root() inspection: Inspection): OrgUnitRef {
    return { id: inspection.orgUnitId };
  }
}

@Resolver(() => SupervisionType)
export class SupervisionResolver {
  @Query(() => SupervisionType, { description: 'Một cuộc giám sát (chỉ cán bộ kiểm tra)' })
  async supervision(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Supervision> {
    const supervisionId = parseId(id);
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const s = await store.findSupervision(supervisionId);
      const unit = s ? await store.findUnit(s.orgUnitId) : null;
      if (!s || !unit) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc giám sát', en: 'Supervision not found' }, { supervisionId });
      try {
        assertCanReadInspection(ctx.principal, unit);
      } catch {
        throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc giám sát', en: 'Supervision not found' }, { supervisionId });
      }
      return s;
    });
  }

  @Mutation(() => SupervisionPayload, { description: 'Mở cuộc giám sát thường xuyên hoặc chuyên đề (D-1)' })
  async openSupervision(@Arg('input') input: OpenSupervisionInput, @Ctx() ctx: RequestContext): Promise<SupervisionPayload> {
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    const subjectMemberId = input.subjectMemberId ? parseId(input.subjectMemberId, 'subjectMemberId') : null;
    const planItemId = input.planItemId ? parseId(input.planItemId, 'planItemId') : null;
    return ctx.uow().run(async (tx) => ({ supervision: await openSupervision(ctx.principal, { ...input, orgUnitId, subjectMemberId, planItemId }, new InspectionStore(tx)) }));
  }

  @Mutation(() => SupervisionPayload, { description: 'Kết luận giám sát; có dấu hiệu vi phạm thì mở được cuộc kiểm tra (D-1)' })
  async concludeSupervision(@Arg('input') input: ConcludeSupervisionInput, @Ctx() ctx: RequestContext): Promise<SupervisionPayload> {
    const id = parseId(input.supervisionId, 'supervisionId');
    return ctx.uow().run(async (tx) => ({ supervision: await concludeSupervision(ctx.principal, id, input, new InspectionStore(tx)) }));
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Tổ chức đảng được giám sát' })
  orgUnit(@Root() s: Supervision): OrgUnitRef {
    return { id: s.orgUnitId };
  }
}

@Resolver(() => OrgUnitRef)
export class OrgUnitInspectionsResolver {
  @FieldResolver(() => [SupervisionType], { nullable: true, description: 'Các cuộc giám sát của tổ chức (chỉ cán bộ kiểm tra)' })
  async supervisions(@Root() unit: OrgUnitRef, @Ctx() ctx: RequestContext): Promise<Supervision[]> {
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const facts = await store.findUnit(unit.id);
      if (!facts) return [];
      assertCanReadInspection(ctx.principal, facts);
      return store.supervisionsOfUnit(unit.id);
    });
  }

  @FieldResolver(() => [InspectionType], { nullable: true, description: 'Các cuộc kiểm tra của tổ chức (chỉ cán bộ kiểm tra)' })
  async inspections(@Root() unit: OrgUnitRef, @Ctx() ctx: RequestContext): Promise<Inspection[]> {
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const facts = await store.findUnit(unit.id);
      if (!facts) return [];
      assertCanReadInspection(ctx.principal, facts);
      return store.inspectionsOfUnit(unit.id);
    });
  }
}

@Resolver(() => OrgUnitDashboardType)
export class InspectionDashboardResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Số cuộc kiểm tra đang mở (cả cấp dưới); null nếu không có quyền xem' })
  async openInspections(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const unit = await store.tree.find(d.orgUnitId);
      if (!unit || !canSeeInspectionCounts(ctx.principal, { id: unit.id, lineage: OrgTree.lineage(unit) })) return null;
      return store.countOpenInSubtree(unit.path);
    });
  }

  @FieldResolver(() => [InspectionType], { nullable: true, description: 'Các cuộc kiểm tra đang mở (chi tiết của số cuộc); chỉ cán bộ kiểm tra, null với người khác' })
  async openInspectionList(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<Inspection[] | null> {
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const unit = await store.tree.find(d.orgUnitId);
      if (!unit) return null;
      // The content of inspections is for inspectors; staff see the count only.
      try {
        assertCanReadInspection(ctx.principal, { id: unit.id, lineage: OrgTree.lineage(unit) });
      } catch {
        return null;
      }
      return store.listOpenInSubtree(unit.path, first);
    });
  }
}

/** Discipline decisions of the dashboard's month by form, over the subtree: counts only, for those who may see counts (D, dashboards). */
@Resolver(() => OrgUnitDashboardType)
export class DisciplineDashboardResolver {
  @FieldResolver(() => [FormCountType], { nullable: true, description: 'Số quyết định kỷ luật trong kỳ theo hình thức (cả cấp dưới); null nếu không có quyền xem' })
  async disciplineDecisionsByForm(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<FormCountType[] | null> {
    const range = isPeriod(d.period) ? periodRange(d.period) : null;
    if (!range) return null;
    // The period's bounds are instants at 00:00 Vietnam time; decisions are dated in Vietnam.
    const day = (t: Date) => new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const from = day(range.from);
    const to = day(new Date(range.to.getTime() - 1));
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const unit = await store.tree.find(d.orgUnitId);
      if (!unit || !canSeeInspectionCounts(ctx.principal, { id: unit.id, lineage: OrgTree.lineage(unit) })) return null;
      const r = await new ReportStore(tx).counts(unit.path, from, to);
      return r.decisions.map((x) => ({ form: x.form as DisciplineForm, count: x.n }));
    });
  }
}

export async function resolveInspectionReference(ref: { id: string }, ctx: RequestContext): Promise<Inspection | null> {
  const [found] = await readableInspections(ctx, [ref.id]);
  return found;
}
