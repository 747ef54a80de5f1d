import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { SyncArgs, keepModifiedSince, parseId, type RequestContext } from '@chibo/service-kit';
import { todayVn } from '../domain/dates';
import type { Member } from '../domain/members';
import type { OrgUnit } from '../domain/org-units';
import { recordTransferArrival, transferDeadlines, transferMember, type Transfer } from '../domain/transfers';
import { MemberStore } from '../store';
import { TRANSFER_CHANGES } from '../store/changes';
import {
  MemberTransferType,
  MemberType,
  RecordTransferArrivalInput,
  RecordTransferArrivalPayload,
  TransferMemberInput,
  TransferMemberPayload,
} from './member-types';
import { orgUnitLoader } from './org-unit.resolver';
import { OrgUnitType } from './types';

/** A transfer as GraphQL shows it: the decision with its M-8 deadlines and flags. */
export const withDeadlines = (t: Transfer): MemberTransferType => ({ ...t, ...transferDeadlines(t, todayVn()) });

@Resolver(() => MemberTransferType)
export class TransferResolver {
  @Mutation(() => TransferMemberPayload, { description: 'Chuyển sinh hoạt đảng giữa hai chi bộ trong đảng bộ (M-8)' })
  async transferMember(@Arg('input') input: TransferMemberInput, @Ctx() ctx: RequestContext): Promise<TransferMemberPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId'), toCellId: parseId(input.toCellId, 'toCellId') };
    const { member, transfer } = await ctx.uow().run((tx) => transferMember(ctx.principal, cmd, new MemberStore(tx)));
    return { member: member as MemberType, transfer: withDeadlines(transfer) };
  }

  @Mutation(() => RecordTransferArrivalPayload, { description: 'Ghi nhận đảng viên đã báo đến chi bộ mới (M-8)' })
  async recordTransferArrival(@Arg('input') input: RecordTransferArrivalInput, @Ctx() ctx: RequestContext): Promise<RecordTransferArrivalPayload> {
    const cmd = { ...input, transferId: parseId(input.transferId, 'transferId') };
    const transfer = await ctx.uow().run((tx) => recordTransferArrival(ctx.principal, cmd, new MemberStore(tx)));
    return { transfer: withDeadlines(transfer) };
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Chi bộ chuyển đi' })
  fromCell(@Root() t: MemberTransferType, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return orgUnitLoader(ctx).load(t.fromCellId);
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Chi bộ chuyển đến' })
  toCell(@Root() t: MemberTransferType, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return orgUnitLoader(ctx).load(t.toCellId);
  }
}

/** Member.transfers, kept here with the rest of M-8. */
@Resolver(() => MemberType)
export class MemberTransfersResolver {
  @FieldResolver(() => [MemberTransferType], { description: 'Các lần chuyển sinh hoạt trong đảng bộ' })
  async transfers(@Root() member: Member, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<MemberTransferType[]> {
    const rows = await ctx.uow().run((tx) => new MemberStore(tx).transfersOf([member.id]));
    return (await keepModifiedSince(ctx, TRANSFER_CHANGES, sync.modifiedSince, rows)).map(withDeadlines);
  }
}
