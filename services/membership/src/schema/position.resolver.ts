import { MaxLength } from 'class-validator';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { PositionKind } from '@chibo/domain';
import { SyncArgs, keepModifiedSince, parseId, type RequestContext } from '@chibo/service-kit';
import type { Member } from '../domain/members';
import type { OrgUnit } from '../domain/org-units';
import { assignPosition, endPosition, type Position } from '../domain/positions';
import { MemberStore } from '../store';
import { POSITION_CHANGES } from '../store/changes';
import { MemberType } from './member-types';
import { orgUnitLoader } from './org-unit.resolver';
import { OrgUnitType } from './types';

registerEnumType(PositionKind, { name: 'PositionKind', description: 'Chức vụ: bí thư, phó bí thư, chi ủy viên, tổ trưởng tổ đảng' });

/** Chức vụ của đảng viên, có thời hạn (M-3). */
@ObjectType('MemberPosition')
export class MemberPositionType {
  @Field(() => ID)
  id: string;

  @Field(() => PositionKind)
  kind: PositionKind;

  @Field({ description: 'Ngày nhận chức' })
  startsOn: string;

  @Field(() => String, { nullable: true, description: 'Ngày thôi giữ chức (không tính); trống khi đang giữ' })
  endsOn: string | null;

  @Field(() => String, { nullable: true, description: 'Số quyết định' })
  decisionNumber: string | null;

  orgUnitId: string;
  memberId: string;
}

@ObjectType('MemberPositionPayload')
export class MemberPositionPayload {
  @Field(() => MemberPositionType)
  position: MemberPositionType;
}

@InputType('AssignPositionInput')
export class AssignPositionInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => PositionKind)
  kind: PositionKind;

  @Field(() => ID, { nullable: true, description: 'Tổ đảng (với tổ trưởng); mặc định chi bộ của đảng viên' })
  orgUnitId?: string | null;

  @Field({ description: 'Ngày nhận chức (YYYY-MM-DD)' })
  startsOn: string;

  @Field(() => String, { nullable: true, description: 'Số quyết định / kết quả bầu' })
  @MaxLength(50)
  decisionNumber?: string | null;
}

@InputType('EndPositionInput')
export class EndPositionInput {
  @Field(() => ID)
  positionId: string;

  @Field({ description: 'Ngày thôi giữ chức (YYYY-MM-DD)' })
  endsOn: string;
}

@Resolver(() => MemberPositionType)
export class PositionResolver {
  @Mutation(() => MemberPositionPayload, { description: 'Giao chức vụ cho đảng viên (M-3)' })
  async assignPosition(@Arg('input') input: AssignPositionInput, @Ctx() ctx: RequestContext): Promise<MemberPositionPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId'), orgUnitId: input.orgUnitId ? parseId(input.orgUnitId, 'orgUnitId') : null };
    return { position: await ctx.uow().run((tx) => assignPosition(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @Mutation(() => MemberPositionPayload, { description: 'Kết thúc chức vụ của đảng viên' })
  async endPosition(@Arg('input') input: EndPositionInput, @Ctx() ctx: RequestContext): Promise<MemberPositionPayload> {
    const cmd = { ...input, positionId: parseId(input.positionId, 'positionId') };
    return { position: await ctx.uow().run((tx) => endPosition(ctx.principal, cmd, new MemberStore(tx))) };
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Tổ chức đảng nơi giữ chức' })
  orgUnit(@Root() p: MemberPositionType, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return orgUnitLoader(ctx).load(p.orgUnitId);
  }
}

@Resolver(() => MemberType)
export class MemberPositionsResolver {
  @FieldResolver(() => [MemberPositionType], { description: 'Chức vụ đã và đang giữ' })
  async positions(@Root() member: Member, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<Position[]> {
    const positions = await ctx.uow().run((tx) => new MemberStore(tx).positionsOfMembers([member.id]));
    return keepModifiedSince(ctx, POSITION_CHANGES, sync.modifiedSince, positions);
  }
}
