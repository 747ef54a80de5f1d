import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DomainError, InspectionStatus } from '@chibo/domain';
import { DrillDownArgs, OrgTree, parseId, type RequestContext } from '@chibo/service-kit';
import { ConfidentialRecordKind, type ReadVia } from '../domain/confidentiality';
import { INSPECTION_STEPS, advanceInspection, canReadInspection, canSeeInspectionCounts, openInspection, type Inspection } from '../domain/inspections';
import { concludeSupervision, openSupervision, type Supervision } from '../domain/supervisions';
import { InspectionStore, MembershipFacts, ReadLog } from '../store';
import { requestedCaseFields as requestedFields } from './audit-fields';
import { DashboardFiguresResolver } from './dashboard.resolver';
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

/**
 * Loads inspections the principal may read; others come back as null, as if absent. Every one
 * returned is written to the read log, in the transaction that read it.
 */
async function readableInspections(ctx: RequestContext, ids: readonly string[], via: ReadVia, fields: string[]): Promise<(Inspection | null)[]> {
  return ctx.uow().run(async (tx) => {
    const store = new InspectionStore(tx);
    const found = await store.findInspections(ids);
    const byId = new Map<string, Inspection>();
    for (const i of found) {
      const unit = await store.findUnit(i.orgUnitId);
      if (unit && canReadInspection(ctx.principal, unit)) byId.set(i.id, i);
    }
    await new ReadLog(tx).record(ConfidentialRecordKind.INSPECTION, [...byId.values()], ctx.principal, via, fields);
    return ids.map((id) => byId.get(id) ?? null);
  });
}

@Resolver(() => InspectionType)
export class InspectionResolver {
  @Query(() => InspectionType, { description: 'Một cuộc kiểm tra (chỉ cán bộ kiểm tra)' })
  async inspection(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Inspection> {
    const inspectionId = parseId(id);
    const [found] = await readableInspections(ctx, [inspectionId], 'BY_ID', requestedFields(info, [[]]));
    if (!found) throw notFound(inspectionId);
    return found;
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Quyết định kiểm tra một tổ chức đảng hoặc đảng viên' })
  async openInspection(@Arg('input') input: OpenInspectionInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<OpenInspectionPayload> {
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    const subjectMemberId = input.subjectMemberId ? parseId(input.subjectMemberId, 'subjectMemberId') : null;
    const supervisionId = input.supervisionId ? parseId(input.supervisionId, 'supervisionId') : null;
    const planItemId = input.planItemId ? parseId(input.planItemId, 'planItemId') : null;
    return ctx.uow().run(async (tx) => {
      const inspection = await openInspection(ctx.principal, { ...input, orgUnitId, subjectMemberId, supervisionId, planItemId }, new InspectionStore(tx, new MembershipFacts(ctx.peers, tx.tenantId)));
      // The payload is a read like any other, and is logged.
      await new ReadLog(tx).record(ConfidentialRecordKind.INSPECTION, [inspection], ctx.principal, 'MUTATION', requestedFields(info, [['inspection']]));
      return { inspection };
    });
  }

  private step(ctx: RequestContext, info: GraphQLResolveInfo, input: InspectionStepInput, to: InspectionStatus, extra: { violationFound?: boolean; conclusion?: string } = {}) {
    const id = parseId(input.inspectionId, 'inspectionId');
    return ctx.uow().run(async (tx) => {
      const inspection = await advanceInspection(ctx.principal, id, { to, on: input.on, ...extra }, new InspectionStore(tx));
      await new ReadLog(tx).record(ConfidentialRecordKind.INSPECTION, [inspection], ctx.principal, 'MUTATION', requestedFields(info, [['inspection']]));
      return { inspection };
    });
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Ghi đã thông báo quyết định kiểm tra cho đối tượng (D-2)' })
  notifyInspectionSubject(@Arg('input') input: InspectionStepInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return this.step(ctx, info, input, InspectionStatus.SUBJECT_NOTIFIED);
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Ghi đối tượng đã tự kiểm điểm, báo cáo (D-2)' })
  recordInspectionSelfReport(@Arg('input') input: InspectionStepInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return this.step(ctx, info, input, InspectionStatus.SELF_REPORTED);
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Ghi đã thẩm tra, xác minh (D-2)' })
  verifyInspection(@Arg('input') input: InspectionStepInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return this.step(ctx, info, input, InspectionStatus.VERIFIED);
  }

  @Mutation(() => OpenInspectionPayload, { description: 'Kết luận kiểm tra: có hay không vi phạm (D-2)' })
  concludeInspection(@Arg('input') input: ConcludeInspectionInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return this.step(ctx, info, input, InspectionStatus.CONCLUDED, { violationFound: input.violationFound, conclusion: input.conclusion });
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
  async supervision(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Supervision> {
    const supervisionId = parseId(id);
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const s = await store.findSupervision(supervisionId);
      const unit = s ? await store.findUnit(s.orgUnitId) : null;
      // Absent and not-yours look the same, so ids cannot be probed.
      if (!s || !unit || !canReadInspection(ctx.principal, unit)) {
        throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc giám sát', en: 'Supervision not found' }, { supervisionId });
      }
      await new ReadLog(tx).record(ConfidentialRecordKind.SUPERVISION, [s], ctx.principal, 'BY_ID', requestedFields(info, [[]]));
      return s;
    });
  }

  @Mutation(() => SupervisionPayload, { description: 'Mở cuộc giám sát thường xuyên hoặc chuyên đề (D-1)' })
  async openSupervision(@Arg('input') input: OpenSupervisionInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<SupervisionPayload> {
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    const subjectMemberId = input.subjectMemberId ? parseId(input.subjectMemberId, 'subjectMemberId') : null;
    const planItemId = input.planItemId ? parseId(input.planItemId, 'planItemId') : null;
    return ctx.uow().run(async (tx) => {
      const supervision = await openSupervision(ctx.principal, { ...input, orgUnitId, subjectMemberId, planItemId }, new InspectionStore(tx, new MembershipFacts(ctx.peers, tx.tenantId)));
      await new ReadLog(tx).record(ConfidentialRecordKind.SUPERVISION, [supervision], ctx.principal, 'MUTATION', requestedFields(info, [['supervision']]));
      return { supervision };
    });
  }

  @Mutation(() => SupervisionPayload, { description: 'Kết luận giám sát; có dấu hiệu vi phạm thì mở được cuộc kiểm tra (D-1)' })
  async concludeSupervision(@Arg('input') input: ConcludeSupervisionInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<SupervisionPayload> {
    const id = parseId(input.supervisionId, 'supervisionId');
    return ctx.uow().run(async (tx) => {
      const supervision = await concludeSupervision(ctx.principal, id, input, new InspectionStore(tx));
      await new ReadLog(tx).record(ConfidentialRecordKind.SUPERVISION, [supervision], ctx.principal, 'MUTATION', requestedFields(info, [['supervision']]));
      return { supervision };
    });
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Tổ chức đảng được giám sát' })
  orgUnit(@Root() s: Supervision): OrgUnitRef {
    return { id: s.orgUnitId };
  }
}

@Resolver(() => OrgUnitRef)
export class OrgUnitInspectionsResolver {
  @FieldResolver(() => [SupervisionType], { nullable: true, description: 'Các cuộc giám sát của tổ chức (chỉ cán bộ kiểm tra); null nếu không có quyền; được ghi nhật ký' })
  async supervisions(@Root() unit: OrgUnitRef, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Supervision[] | null> {
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const facts = await store.findUnit(unit.id);
      if (!facts || !canReadInspection(ctx.principal, facts)) return null;
      const found = await store.supervisionsOfUnit(unit.id);
      await new ReadLog(tx).record(ConfidentialRecordKind.SUPERVISION, found, ctx.principal, 'NESTED', requestedFields(info, [[]]));
      return found;
    });
  }

  @FieldResolver(() => [InspectionType], { nullable: true, description: 'Các cuộc kiểm tra của tổ chức (chỉ cán bộ kiểm tra); null nếu không có quyền; được ghi nhật ký' })
  async inspections(@Root() unit: OrgUnitRef, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Inspection[] | null> {
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const facts = await store.findUnit(unit.id);
      if (!facts || !canReadInspection(ctx.principal, facts)) return null;
      const found = await store.inspectionsOfUnit(unit.id);
      await new ReadLog(tx).record(ConfidentialRecordKind.INSPECTION, found, ctx.principal, 'NESTED', requestedFields(info, [[]]));
      return found;
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
      if (!unit || !canSeeInspectionCounts(ctx.principal, { lineage: OrgTree.lineage(unit) })) return null;
      return store.countOpenInSubtree(unit.path);
    });
  }

  @FieldResolver(() => [InspectionType], { nullable: true, description: 'Các cuộc kiểm tra đang mở (chi tiết của số cuộc); chỉ cán bộ kiểm tra, null với người khác' })
  async openInspectionList(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Inspection[] | null> {
    return ctx.uow().run(async (tx) => {
      const store = new InspectionStore(tx);
      const unit = await store.tree.find(d.orgUnitId);
      // The content of inspections is for inspectors; staff see the count only.
      if (!unit || !canReadInspection(ctx.principal, { lineage: OrgTree.lineage(unit) })) return null;
      const list = await store.listOpenInSubtree(unit.path, first);
      // A drill-down is a read like any other: logged with the fields asked for.
      await new ReadLog(tx).record(ConfidentialRecordKind.INSPECTION, list, ctx.principal, 'LIST', requestedFields(info, [[]]));
      return list;
    });
  }
}

/**
 * Discipline decisions by form now honour any reporting period; they live with inspection's other
 * dashboard figures (imported at the top, so the schema's field order is the same however the
 * module is loaded), under the name the service's resolver list knows.
 */
export { DashboardFiguresResolver as DisciplineDashboardResolver };

export async function resolveInspectionReference(ref: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo): Promise<Inspection | null> {
  const [found] = await readableInspections(ctx, [ref.id], 'NESTED', requestedFields(info, [[]]));
  return found;
}
