import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError } from '@chibo/domain';
import { OrgTree, parseId, type RequestContext } from '@chibo/service-kit';
import { assertCanReadInspection, canSeeInspectionCounts, openInspection, type Inspection } from '../domain/inspections';
import { InspectionStore } from '../store';
import { InspectionType, OpenInspectionInput, OpenInspectionPayload, OrgUnitDashboardType, OrgUnitRef } from './types';

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
    const inspection = await ctx.uow().run((tx) => openInspection(ctx.principal, { ...input, orgUnitId, subjectMemberId }, new InspectionStore(tx)));
    return { inspection };
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Tổ chức đảng được kiểm tra' })
  orgUnit(@Root() inspection: Inspection): OrgUnitRef {
    return { id: inspection.orgUnitId };
  }
}

@Resolver(() => OrgUnitRef)
export class OrgUnitInspectionsResolver {
  @FieldResolver(() => [InspectionType], { description: 'Các cuộc kiểm tra của tổ chức (chỉ cán bộ kiểm tra)' })
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
}

export async function resolveInspectionReference(ref: { id: string }, ctx: RequestContext): Promise<Inspection | null> {
  const [found] = await readableInspections(ctx, [ref.id]);
  return found;
}
