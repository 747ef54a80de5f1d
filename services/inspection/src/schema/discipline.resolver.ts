import { Arg, Args, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DisciplineCaseStatus, DisciplineForm as DisciplineFormEnum, DomainError, type DisciplineForm } from '@chibo/domain';
import { OrgTree, PageArgs, SyncArgs, encodeCursor, keepModifiedSince, parseId, toConnection, type RequestContext } from '@chibo/service-kit';
import {
  CASE_TRANSITIONS,
  announceDecision,
  canReadCase,
  canSeeCaseCounts,
  closeCase,
  decideCase,
  deliberateCase,
  fileComplaint,
  openDisciplineCase,
  proposeUpward,
  recordDeferral,
  requireAuditReader,
  resolveComplaint,
  startSelfReview,
  verifyCase,
  type DisciplineCase,
} from '../domain/discipline-case';
import { complaintFilingDeadline, limitationEnds } from '../domain/discipline-rules';
import { DisciplineStore, MembershipFacts, ReadLog } from '../store';
import { DISCIPLINE_CASE_CHANGES } from '../store/changes';
import { ConfidentialRecordKind, type ConfidentialRead, type ReadVia } from '../domain/confidentiality';
import { requestedCaseFields } from './audit-fields';
import {
  CaseReadConnection,
  ConfidentialReadConnection,
  CaseStepInput,
  DecideCaseInput,
  DeferDecisionInput,
  DeliberateCaseInput,
  DisciplineCaseConnection,
  DisciplineCaseCountsType,
  DisciplineCasePayload,
  DisciplineCaseType,
  DisciplineDecisionType,
  FileComplaintInput,
  OpenDisciplineCaseInput,
  ProposeUpwardInput,
  ResolveComplaintInput,
  VerifyCaseInput,
} from './discipline.types';
import { OrgUnitRef } from './types';

const caseNotFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy vụ việc kỷ luật', en: 'Discipline case not found' }, { caseId: id });

/** Writes one read-log row per case returned, in the transaction that read it. */
export async function audit(store: DisciplineStore, ctx: RequestContext, cases: DisciplineCase[], via: ReadVia, fields: string[]): Promise<void> {
  await new ReadLog(store.tx).record(ConfidentialRecordKind.DISCIPLINE_CASE, cases, ctx.principal, via, fields);
}

/** The cases of a unit's subtree, if the principal may read them; null when the unit is not theirs to see. */
async function casesOfSubtree(ctx: RequestContext, orgUnitId: string, page: PageArgs, via: ReadVia, info: GraphQLResolveInfo, sync?: SyncArgs) {
  return ctx.uow().run(async (tx) => {
    const store = new DisciplineStore(tx);
    const unit = await store.tree.find(orgUnitId);
    if (!unit || !canReadCase(ctx.principal, { lineage: OrgTree.lineage(unit) })) return null;
    const { rows, total } = await store.casesInSubtree(unit.path, page.first, page.after, sync?.modifiedSince);
    const conn = toConnection(rows, page.first, total, (c) => encodeCursor([c.openedOn, c.id]));
    await audit(store, ctx, conn.nodes, via, requestedCaseFields(info, [['nodes'], ['edges', 'node']]));
    return conn;
  });
}

/** One step of a case in one transaction; the case it returns is a read like any other, and is logged. */
async function run(ctx: RequestContext, info: GraphQLResolveInfo, work: (store: DisciplineStore) => Promise<DisciplineCase>): Promise<DisciplineCasePayload> {
  return ctx.uow().run(async (tx) => {
    const store = new DisciplineStore(tx, new MembershipFacts(ctx.peers, tx.tenantId));
    const disciplineCase = await work(store);
    await audit(store, ctx, [disciplineCase], 'MUTATION', requestedCaseFields(info, [['disciplineCase']]));
    return { disciplineCase: disciplineCase as DisciplineCaseType };
  });
}

/** Đảng viên — the member entity of membership, extended with the cases about them (inspectors only). */
@Directive('@key(fields: "id")')
@ObjectType('Member')
export class MemberRef {
  @Field(() => ID)
  id: string;
}

@Resolver(() => DisciplineCaseType)
export class DisciplineCaseResolver {
  @Query(() => DisciplineCaseType, { description: 'Một vụ việc kỷ luật (chỉ cán bộ kiểm tra của cấp có thẩm quyền; được ghi nhật ký)' })
  async disciplineCase(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<DisciplineCase> {
    const caseId = parseId(id);
    return ctx.uow().run(async (tx) => {
      const store = new DisciplineStore(tx);
      const c = await store.findCase(caseId);
      const unit = c ? await store.findUnit(c.orgUnitId) : null;
      // Absent and not-yours look the same, so ids cannot be probed.
      if (!c || !unit || !canReadCase(ctx.principal, unit)) throw caseNotFound(caseId);
      await audit(store, ctx, [c], 'BY_ID', requestedCaseFields(info, [[]]));
      return c;
    });
  }

  @Query(() => DisciplineCaseConnection, { description: 'Các vụ việc kỷ luật của tổ chức và cấp dưới, mới nhất trước (chỉ cán bộ kiểm tra)' })
  async disciplineCases(@Arg('orgUnitId', () => ID) orgUnitId: string, @Args() page: PageArgs, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const id = parseId(orgUnitId, 'orgUnitId');
    const conn = await casesOfSubtree(ctx, id, page, 'LIST', info, sync);
    if (!conn) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id });
    return conn;
  }

  @Query(() => DisciplineCaseCountsType, { description: 'Số vụ việc kỷ luật theo hình thức và bước (cấp ủy, văn phòng, cán bộ kiểm tra của cấp đó)' })
  async disciplineCaseCounts(@Arg('orgUnitId', () => ID) orgUnitId: string, @Ctx() ctx: RequestContext): Promise<DisciplineCaseCountsType> {
    const id = parseId(orgUnitId, 'orgUnitId');
    return ctx.uow().run(async (tx) => {
      const store = new DisciplineStore(tx);
      const unit = await store.tree.find(id);
      if (!unit || !canSeeCaseCounts(ctx.principal, { lineage: OrgTree.lineage(unit) })) {
        throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id });
      }
      return caseCounts(store, unit.path);
    });
  }

  @Query(() => [DisciplineDecisionType], { description: 'Quyết định kỷ luật đối với chính tôi (đảng viên đang đăng nhập)' })
  async myDisciplineDecisions(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<DisciplineDecisionType[]> {
    const memberId = ctx.principal.memberId;
    if (!memberId) return [];
    return ctx.uow().run(async (tx) => {
      const store = new DisciplineStore(tx);
      const cases = await store.announcedDecisionsOf(memberId);
      await audit(store, ctx, cases, 'OWN_DECISION', requestedCaseFields(info, [[]]));
      const rules = new Map(await Promise.all(cases.map(async (c) => [c.id, await store.rulesOn(c.announcedOn!)] as const)));
      const calendar = await store.calendar();
      return cases.map((c) => ({
        caseId: c.id,
        form: c.form!,
        decisionNumber: c.decisionNumber!,
        decidedOn: c.decidedOn!,
        effectiveOn: c.announcedOn!,
        complaintDeadline: complaintFilingDeadline(c.announcedOn!, calendar, rules.get(c.id)!),
        complaintOutcome: c.complaint?.outcome ?? null,
      }));
    });
  }

  @Query(() => CaseReadConnection, { description: 'Nhật ký truy cập vụ việc kỷ luật (chỉ cán bộ kiểm tra, trong phạm vi của mình)' })
  async disciplineCaseReads(
    @Arg('caseId', () => ID, { nullable: true }) caseId: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const conn = await readsOf(ctx, { kind: ConfidentialRecordKind.DISCIPLINE_CASE, recordId: caseId ? parseId(caseId, 'caseId') : null }, page);
    return { ...conn, nodes: conn.nodes.map((r) => ({ ...r, caseId: r.recordId })), edges: conn.edges.map((e) => ({ ...e, node: { ...e.node, caseId: e.node.recordId } })) };
  }

  @Query(() => ConfidentialReadConnection, { description: 'Nhật ký truy cập hồ sơ bảo mật: vụ việc kỷ luật, cuộc kiểm tra, cuộc giám sát (chỉ cán bộ kiểm tra, trong phạm vi của mình)' })
  async confidentialReads(
    @Arg('recordKind', () => ConfidentialRecordKind, { nullable: true }) recordKind: ConfidentialRecordKind | null,
    @Arg('recordId', () => ID, { nullable: true }) recordId: string | null,
    @Arg('reader', () => String, { nullable: true, description: 'Chỉ các lần đọc của chủ thể này' }) reader: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return readsOf(ctx, { kind: recordKind, recordId: recordId ? parseId(recordId, 'recordId') : null, reader }, page);
  }

  @FieldResolver(() => [DisciplineCaseStatus], { description: 'Các bước được chuyển tiếp từ bước hiện tại (D-7)' })
  allowedNextStates(@Root() c: DisciplineCase): readonly DisciplineCaseStatus[] {
    return CASE_TRANSITIONS[c.status];
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Tổ chức đảng bị xem xét, hoặc chi bộ của đảng viên' })
  orgUnit(@Root() c: DisciplineCase): OrgUnitRef {
    return { id: c.orgUnitId };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Ngày cuối cùng còn thời hiệu nếu kỷ luật bằng hình thức này; null: không áp dụng thời hiệu (D-5)' })
  async limitationEndsOn(@Root() c: DisciplineCase, @Arg('form', () => DisciplineFormEnum) form: DisciplineForm, @Ctx() ctx: RequestContext): Promise<string | null> {
    // Judged by the rules in force today, the day a decision would be taken.
    const rules = await ctx.uow().run((tx) => new DisciplineStore(tx).rulesOn(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)));
    return limitationEnds(c.violations, form, rules);
  }

  @FieldResolver(() => MemberRef, { nullable: true, description: 'Đảng viên bị xem xét (hồ sơ ở dịch vụ đảng viên)' })
  subjectMember(@Root() c: DisciplineCase): MemberRef | null {
    return c.subjectMemberId ? { id: c.subjectMemberId } : null;
  }

  @FieldResolver(() => OrgUnitRef, { nullable: true, description: 'Tổ chức đã biểu quyết' })
  deliberatingOrgUnit(@Root() c: DisciplineCase): OrgUnitRef | null {
    return c.deliberatingOrgUnitId ? { id: c.deliberatingOrgUnitId } : null;
  }

  @FieldResolver(() => OrgUnitRef, { nullable: true, description: 'Cấp trên được đề nghị (D-4)' })
  proposedToOrgUnit(@Root() c: DisciplineCase): OrgUnitRef | null {
    return c.proposedToOrgUnitId ? { id: c.proposedToOrgUnitId } : null;
  }

  @FieldResolver(() => OrgUnitRef, { nullable: true, description: 'Tổ chức ra quyết định' })
  decidingOrgUnit(@Root() c: DisciplineCase): OrgUnitRef | null {
    return c.decidingOrgUnitId ? { id: c.decidingOrgUnitId } : null;
  }

  // ── mutations: one per step of D-7 ────────────────────────────────────────────────────────

  @Mutation(() => DisciplineCasePayload, { description: 'Mở vụ việc kỷ luật (D-7)' })
  openDisciplineCase(@Arg('input') input: OpenDisciplineCaseInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    const subjectMemberId = input.subjectMemberId ? parseId(input.subjectMemberId, 'subjectMemberId') : null;
    const inspectionId = input.inspectionId ? parseId(input.inspectionId, 'inspectionId') : null;
    return run(ctx, info, (store) => openDisciplineCase(ctx.principal, { ...input, orgUnitId, subjectMemberId, inspectionId }, store));
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Chuyển sang bước đối tượng tự kiểm điểm' })
  startDisciplineSelfReview(@Arg('input') input: CaseStepInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, (store) => startSelfReview(ctx.principal, parseId(input.caseId, 'caseId'), input.on, store));
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Ghi kết quả thẩm tra, xác minh' })
  verifyDisciplineCase(@Arg('input') input: VerifyCaseInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, (store) => verifyCase(ctx.principal, parseId(input.caseId, 'caseId'), input.findings, input.on, store));
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Ghi kết quả thảo luận, bỏ phiếu kín (D-3, D-4)' })
  deliberateDisciplineCase(@Arg('input') input: DeliberateCaseInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const deliberatingOrgUnitId = parseId(input.deliberatingOrgUnitId, 'deliberatingOrgUnitId');
    return run(ctx, info, (store) =>
      deliberateCase(
        ctx.principal,
        parseId(input.caseId, 'caseId'),
        {
          deliberatingOrgUnitId,
          proposedForm: input.proposedForm,
          ballot: { eligible: input.eligibleVoters, votesFor: input.votesFor, votesAgainst: input.votesAgainst },
          deliberatedOn: input.on,
        },
        store,
      ),
    );
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Đề nghị cấp trên thi hành kỷ luật (D-4)' })
  proposeDisciplineUpward(@Arg('input') input: ProposeUpwardInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const to = parseId(input.toOrgUnitId, 'toOrgUnitId');
    return run(ctx, info, (store) => proposeUpward(ctx.principal, parseId(input.caseId, 'caseId'), to, input.on, store));
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Quyết định kỷ luật: số và ngày quyết định (D-3 … D-6)' })
  decideDisciplineCase(@Arg('input') input: DecideCaseInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const decidingOrgUnitId = parseId(input.decidingOrgUnitId, 'decidingOrgUnitId');
    return run(ctx, info, (store) =>
      decideCase(ctx.principal, parseId(input.caseId, 'caseId'), { decidingOrgUnitId, form: input.form, decisionNumber: input.decisionNumber, decidedOn: input.on }, store),
    );
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Công bố quyết định: có hiệu lực từ ngày công bố (D-7, D-8)' })
  announceDisciplineDecision(@Arg('input') input: CaseStepInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, (store) => announceDecision(ctx.principal, parseId(input.caseId, 'caseId'), input.on, store));
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Kết thúc vụ việc' })
  closeDisciplineCase(@Arg('input') input: CaseStepInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, (store) => closeCase(ctx.principal, parseId(input.caseId, 'caseId'), input.on, store));
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Ghi thời gian chưa xem xét kỷ luật: mang thai, nghỉ thai sản, điều trị bệnh nặng (D-6)' })
  deferDisciplineDecision(@Arg('input') input: DeferDecisionInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, (store) => recordDeferral(ctx.principal, parseId(input.caseId, 'caseId'), input, store));
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Ghi đơn khiếu nại quyết định kỷ luật (trong 30 ngày làm việc, D-7)' })
  fileDisciplineComplaint(@Arg('input') input: FileComplaintInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, (store) => fileComplaint(ctx.principal, parseId(input.caseId, 'caseId'), input, store));
  }

  @Mutation(() => DisciplineCasePayload, { description: 'Giải quyết khiếu nại: giữ nguyên, giảm hoặc xóa quyết định (D-7, D-8)' })
  resolveDisciplineComplaint(@Arg('input') input: ResolveComplaintInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, (store) => resolveComplaint(ctx.principal, parseId(input.caseId, 'caseId'), input, store));
  }
}

@Resolver(() => OrgUnitRef)
export class OrgUnitDisciplineResolver {
  @FieldResolver(() => DisciplineCaseConnection, { nullable: true, description: 'Vụ việc kỷ luật của tổ chức và cấp dưới (chỉ cán bộ kiểm tra); null nếu không có quyền' })
  async disciplineCases(@Root() unit: OrgUnitRef, @Args() page: PageArgs, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return casesOfSubtree(ctx, unit.id, page, 'NESTED', info, sync);
  }
}

@Resolver(() => MemberRef)
export class MemberDisciplineResolver {
  @FieldResolver(() => [DisciplineCaseType], { nullable: true, description: 'Vụ việc kỷ luật đối với đảng viên (chỉ cán bộ kiểm tra, trong phạm vi); được ghi nhật ký' })
  async disciplineCases(@Root() member: MemberRef, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<DisciplineCase[] | null> {
    return ctx.uow().run(async (tx) => {
      const store = new DisciplineStore(tx);
      const readable: DisciplineCase[] = [];
      for (const c of await store.casesOfMember(member.id)) {
        const unit = await store.findUnit(c.orgUnitId);
        if (unit && canReadCase(ctx.principal, unit)) readable.push(c);
      }
      if (!readable.length && !canReadAny(ctx)) return null;
      const changed = await keepModifiedSince(ctx, DISCIPLINE_CASE_CHANGES, sync.modifiedSince, readable, tx);
      await audit(store, ctx, changed, 'NESTED', requestedCaseFields(info, [[]]));
      return changed;
    });
  }
}

/** Cases of a subtree by status and by the decided form in force: all that committee staff may know. */
export async function caseCounts(store: DisciplineStore, path: string): Promise<DisciplineCaseCountsType> {
  const rows = await store.countsInSubtree(path);
  const byForm = new Map<string, number>();
  const byStatus = new Map<string, number>();
  for (const r of rows) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.n);
    if (r.form && [DisciplineCaseStatus.DECIDED, DisciplineCaseStatus.ANNOUNCED, DisciplineCaseStatus.CLOSED].includes(r.status as DisciplineCaseStatus)) {
      byForm.set(r.form, (byForm.get(r.form) ?? 0) + r.n);
    }
  }
  const total = rows.reduce((s, r) => s + r.n, 0);
  return {
    total,
    open: total - (byStatus.get(DisciplineCaseStatus.CLOSED) ?? 0),
    byForm: [...byForm].map(([form, count]) => ({ form: form as DisciplineForm, count })),
    byStatus: [...byStatus].map(([status, count]) => ({ status: status as DisciplineCaseStatus, count })),
  };
}

/** The read log of the inspector's subtree; nobody else reads it. */
async function readsOf(ctx: RequestContext, filter: { kind?: ConfidentialRecordKind | null; recordId?: string | null; reader?: string | null }, page: PageArgs) {
  requireAuditReader(ctx.principal);
  return ctx.uow().run(async (tx) => {
    const store = new DisciplineStore(tx);
    const scope = ctx.principal.scopeOrgUnitId ? await store.tree.find(ctx.principal.scopeOrgUnitId) : null;
    if (!scope) return toConnection<ConfidentialRead>([], page.first, 0, () => '');
    const { rows, total } = await new ReadLog(tx).inSubtree(scope.path, filter, page.first, page.after);
    return toConnection(rows, page.first, total, (r) => encodeCursor([r.readAt.toISOString(), r.id]));
  });
}

/** Whether the principal could read some case at all (null rather than [] for everyone else). */
function canReadAny(ctx: RequestContext): boolean {
  return canReadCase(ctx.principal, { lineage: ctx.principal.scopeOrgUnitId ? [ctx.principal.scopeOrgUnitId] : [] });
}
