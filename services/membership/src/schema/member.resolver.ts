import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MemberStatus } from '@chibo/domain';
import { PageArgs, SyncArgs, decodeCursor, keepModifiedSince, encodeCursor, parseId, toConnection, type RequestContext } from '@chibo/service-kit';
import { cellRoll, listScope, searchOf, type RollEntry } from '../domain/member-queries';
import { canReadMember, canSeeCitizenId, maskCitizenId, probationEndsOn } from '../domain/member-rules';
import {
  admitMember,
  endExemption,
  exemptMember,
  readableMember,
  recogniseMember,
  recordDeath,
  registerMember,
  removeMember,
  type Member,
  type MemberEvent,
} from '../domain/members';
import type { OrgUnit } from '../domain/org-units';
import { MemberStore, MembershipStore } from '../store';
import { MEMBER_EVENT_CHANGES } from '../store/changes';
import {
  AdmitMemberInput,
  CellRollEntryType,
  MemberEventType,
  MemberFilterArgs,
  MemberLifecycleInput,
  MemberPayload,
  MemberType,
  RegisterMemberInput,
  RemoveMemberInput,
} from './member-types';
import { MemberConnection } from './member-connection';
import { orgUnitLoader } from './org-unit.resolver';
import { OrgUnitType } from './types';

/** Loads members by id once per request, in the caller's tenant, only those the caller may read. */
export function memberLoader(ctx: RequestContext) {
  return ctx.loader<string, Member | null>('member', (ids) =>
    ctx.uow().run(async (tx) => {
      const store = new MemberStore(tx);
      const found = await store.findMembers(ids);
      const cells = new Map((await store.findOrgUnits([...new Set(found.map((m) => m.cellId))])).map((u) => [u.id, u]));
      const byId = new Map(found.filter((m) => cells.has(m.cellId) && canReadMember(ctx.principal, cells.get(m.cellId)!.lineage, m.id)).map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}

@Resolver(() => MemberType)
export class MemberResolver {
  @Query(() => MemberType, { description: 'Một đảng viên theo mã' })
  async member(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Member> {
    const memberId = parseId(id);
    const { member } = await ctx.uow().run((tx) => readableMember(ctx.principal, new MemberStore(tx), memberId));
    return member;
  }

  @Query(() => MemberConnection, { description: 'Danh sách đảng viên của một tổ chức đảng (gồm cả cấp dưới), xếp theo tên tiếng Việt' })
  async members(@Args() filter: MemberFilterArgs, @Args() page: PageArgs, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext) {
    const orgUnitId = filter.orgUnitId ? parseId(filter.orgUnitId, 'orgUnitId') : null;
    const after = decodeCursor(page.after) as [string, string] | null;
    const { rows, total } = await ctx.uow().run(async (tx) => {
      const store = new MemberStore(tx);
      const unit = await listScope(ctx.principal, orgUnitId, async () => (await new MembershipStore(tx).tenant())?.rootOrgUnitId ?? null, store);
      return store.search({ ...searchOf(unit, filter), modifiedSince: sync.modifiedSince }, page.first, after);
    });
    return toConnection(rows, page.first, total, (m) => encodeCursor([m.fullName, m.id]));
  }

  @Query(() => [CellRollEntryType], { description: 'Danh sách đảng viên của chi bộ vào một ngày (YYYY-MM-DD)' })
  async cellRoll(@Arg('cellId', () => ID) cellId: string, @Arg('date') date: string, @Ctx() ctx: RequestContext): Promise<RollEntry[]> {
    const id = parseId(cellId, 'cellId');
    return ctx.uow().run((tx) => cellRoll(ctx.principal, id, date, new MemberStore(tx)));
  }

  @Mutation(() => MemberPayload, { description: 'Kết nạp đảng viên mới (M-1)' })
  async admitMember(@Arg('input') input: AdmitMemberInput, @Ctx() ctx: RequestContext): Promise<MemberPayload> {
    const cmd = { ...input, cellId: parseId(input.cellId, 'cellId'), introducerIds: input.introducerIds.map((i) => parseId(i, 'introducerIds')) };
    return { member: await ctx.uow().run((tx) => admitMember(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @Mutation(() => MemberPayload, { description: 'Đưa đảng viên hiện có vào sổ theo hồ sơ' })
  async registerMember(@Arg('input') input: RegisterMemberInput, @Ctx() ctx: RequestContext): Promise<MemberPayload> {
    const cmd = { ...input, cellId: parseId(input.cellId, 'cellId'), status: input.status as MemberStatus.OFFICIAL | MemberStatus.PROBATIONARY };
    return { member: await ctx.uow().run((tx) => registerMember(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @Mutation(() => MemberPayload, { description: 'Công nhận đảng viên chính thức sau 12 tháng dự bị (M-2)' })
  async recogniseMember(@Arg('input') input: MemberLifecycleInput, @Ctx() ctx: RequestContext): Promise<MemberPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId') };
    return { member: await ctx.uow().run((tx) => recogniseMember(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @Mutation(() => MemberPayload, { description: 'Miễn công tác và sinh hoạt đảng (M-4)' })
  async exemptMember(@Arg('input') input: MemberLifecycleInput, @Ctx() ctx: RequestContext): Promise<MemberPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId') };
    return { member: await ctx.uow().run((tx) => exemptMember(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @Mutation(() => MemberPayload, { description: 'Thôi miễn công tác và sinh hoạt đảng: trở lại trạng thái trước khi miễn (M-4)' })
  async endMemberExemption(@Arg('input') input: MemberLifecycleInput, @Ctx() ctx: RequestContext): Promise<MemberPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId') };
    return { member: await ctx.uow().run((tx) => endExemption(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @Mutation(() => MemberPayload, { description: 'Xóa tên đảng viên khỏi danh sách (M-6)' })
  async removeMember(@Arg('input') input: RemoveMemberInput, @Ctx() ctx: RequestContext): Promise<MemberPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId') };
    return { member: await ctx.uow().run((tx) => removeMember(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @Mutation(() => MemberPayload, { description: 'Ghi nhận đảng viên từ trần' })
  async recordMemberDeath(@Arg('input') input: MemberLifecycleInput, @Ctx() ctx: RequestContext): Promise<MemberPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId') };
    return { member: await ctx.uow().run((tx) => recordDeath(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Số CCCD; chỉ hiện đầy đủ với người có thẩm quyền, còn lại bị che' })
  async citizenId(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!member.citizenId) return null;
    const cell = await orgUnitLoader(ctx).load(member.cellId);
    return cell && canSeeCitizenId(ctx.principal, cell.lineage, member.id) ? member.citizenId : maskCitizenId(member.citizenId);
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Chi bộ đang sinh hoạt' })
  async cell(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return orgUnitLoader(ctx).load(member.cellId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Ngày hết thời gian dự bị (12 tháng từ lễ kết nạp)' })
  probationEndsOn(@Root() member: Member): string | null {
    return member.status === MemberStatus.PROBATIONARY && member.admittedOn ? probationEndsOn(member.admittedOn) : null;
  }

  @FieldResolver(() => [MemberEventType], { description: 'Lịch sử biến động: ai ghi, khi nào, theo quyết định nào' })
  async history(@Root() member: Member, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<MemberEvent[]> {
    const events = await ctx.uow().run((tx) => new MemberStore(tx).memberEvents([member.id]));
    return keepModifiedSince(ctx, MEMBER_EVENT_CHANGES, sync.modifiedSince, events);
  }
}

export async function resolveMemberReference(ref: { id: string }, ctx: RequestContext): Promise<Member | null> {
  return memberLoader(ctx).load(ref.id);
}

