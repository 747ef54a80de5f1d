import { MaxLength } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { MemberStatus, PositionKind, isInScope } from '@chibo/domain';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { todayVn } from '../domain/dates';
import { mergeOrgUnit } from '../domain/org-unit-merge';
import { dissolveOrgUnit, moveOrgUnit, renameOrgUnit, type OrgUnit } from '../domain/org-units';
import { heldOn } from '../domain/positions';
import { StructureWarningCode, structureWarnings, type StructureWarning } from '../domain/structure-warnings';
import { MemberStore, MembershipStore } from '../store';
import { OrgUnitType } from './types';

registerEnumType(StructureWarningCode, { name: 'StructureWarningCode', description: 'Cảnh báo về cơ cấu tổ chức (T-3)' });

/** Cảnh báo cơ cấu tổ chức (T-3) — a warning, not an error. */
@ObjectType('StructureWarning')
export class StructureWarningType {
  @Field(() => StructureWarningCode)
  code: StructureWarningCode;

  @Field()
  messageVi: string;

  @Field()
  messageEn: string;

  @Field({ description: 'Quy định liên quan' })
  rule: string;
}

@InputType('RenameOrgUnitInput')
export class RenameOrgUnitInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Tên mới' })
  @MaxLength(200)
  name: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; mặc định hôm nay' })
  effectiveOn?: string;
}

@InputType('MergeOrgUnitInput')
export class MergeOrgUnitInput {
  @Field(() => ID, { description: 'Tổ chức bị sáp nhập' })
  id: string;

  @Field(() => ID, { description: 'Tổ chức nhận sáp nhập' })
  intoId: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; mặc định hôm nay' })
  effectiveOn?: string;

  @Field({ nullable: true, description: 'Số quyết định sáp nhập' })
  @MaxLength(50)
  decisionNumber?: string;
}

@ObjectType('MergeOrgUnitPayload')
export class MergeOrgUnitPayload {
  @Field(() => OrgUnitType, { description: 'Tổ chức đã sáp nhập (đóng, vẫn tra cứu được)' })
  merged: OrgUnitType;

  @Field(() => OrgUnitType, { description: 'Tổ chức nhận sáp nhập' })
  into: OrgUnitType;

  @Field(() => Int, { description: 'Số đảng viên chuyển sang tổ chức nhận' })
  movedMembers: number;
}

@ObjectType('RenameOrgUnitPayload')
export class RenameOrgUnitPayload {
  @Field(() => OrgUnitType)
  orgUnit: OrgUnitType;
}

@InputType('MoveOrgUnitInput')
export class MoveOrgUnitInput {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'Tổ chức cấp trên mới' })
  newParentId: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; mặc định hôm nay' })
  effectiveOn?: string;
}

@InputType('DissolveOrgUnitInput')
export class DissolveOrgUnitInput {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; mặc định hôm nay' })
  effectiveOn?: string;
}

const COMMITTEE_POSTS: PositionKind[] = [PositionKind.SECRETARY, PositionKind.DEPUTY_SECRETARY, PositionKind.CELL_COMMITTEE_MEMBER];

/** Membership's own additions to the org unit: renaming it and its T-3 warnings. */
@Resolver(() => OrgUnitType)
export class OrgUnitStructureResolver {
  @Mutation(() => RenameOrgUnitPayload, { description: 'Đổi tên tổ chức đảng' })
  async renameOrgUnit(@Arg('input') input: RenameOrgUnitInput, @Ctx() ctx: RequestContext): Promise<RenameOrgUnitPayload> {
    const id = parseId(input.id);
    const unit = await ctx.uow().run((tx) => renameOrgUnit(ctx.principal, { id, name: input.name, effectiveOn: input.effectiveOn }, new MembershipStore(tx)));
    return { orgUnit: unit as OrgUnitType };
  }

  @Mutation(() => MergeOrgUnitPayload, { description: 'Sáp nhập tổ chức đảng vào tổ chức khác: đảng viên và tổ chức trực thuộc chuyển sang, tổ chức bị sáp nhập đóng lại nhưng vẫn tra cứu được (T-2)' })
  async mergeOrgUnit(@Arg('input') input: MergeOrgUnitInput, @Ctx() ctx: RequestContext): Promise<MergeOrgUnitPayload> {
    const cmd = { ...input, id: parseId(input.id), intoId: parseId(input.intoId, 'intoId') };
    const res = await ctx.uow().run((tx) => mergeOrgUnit(ctx.principal, cmd, { units: new MembershipStore(tx), members: new MemberStore(tx) }));
    return { merged: res.merged as OrgUnitType, into: res.into as OrgUnitType, movedMembers: res.movedMembers };
  }

  @Mutation(() => RenameOrgUnitPayload, { description: 'Chuyển tổ chức đảng sang cấp trên khác (cả cấp dưới đi theo)' })
  async moveOrgUnit(@Arg('input') input: MoveOrgUnitInput, @Ctx() ctx: RequestContext): Promise<RenameOrgUnitPayload> {
    const id = parseId(input.id);
    const newParentId = parseId(input.newParentId, 'newParentId');
    const unit = await ctx.uow().run((tx) => moveOrgUnit(ctx.principal, { id, newParentId, effectiveOn: input.effectiveOn }, new MembershipStore(tx)));
    return { orgUnit: unit as OrgUnitType };
  }

  @Mutation(() => RenameOrgUnitPayload, { description: 'Giải thể tổ chức đảng (vẫn tra cứu được)' })
  async dissolveOrgUnit(@Arg('input') input: DissolveOrgUnitInput, @Ctx() ctx: RequestContext): Promise<RenameOrgUnitPayload> {
    const id = parseId(input.id);
    const unit = await ctx.uow().run((tx) => dissolveOrgUnit(ctx.principal, { id, effectiveOn: input.effectiveOn }, new MembershipStore(tx)));
    return { orgUnit: unit as OrgUnitType };
  }

  @FieldResolver(() => [StructureWarningType], { description: 'Cảnh báo cơ cấu (T-3): chi bộ dưới 3 đảng viên chính thức, chi bộ cơ sở từ 30 đảng viên, chi bộ từ 9 đảng viên chính thức chưa có chi ủy' })
  async warnings(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<(StructureWarning & { rule: string })[]> {
    // A unit can arrive here by federation reference too: figures only for units in scope.
    if (!isInScope(ctx.principal, unit.lineage)) return [];
    const figures = await ctx.uow().run(async (tx) => {
      const store = new MemberStore(tx);
      const [counts, posts] = await Promise.all([store.statusCounts(unit.id), store.positionsOfUnit(unit.id)]);
      const today = todayVn();
      const holders = new Set(posts.filter((p) => COMMITTEE_POSTS.includes(p.kind) && heldOn(p, today)).map((p) => p.memberId));
      const official = counts[MemberStatus.OFFICIAL] ?? 0;
      return { official, onRoll: official + (counts[MemberStatus.PROBATIONARY] ?? 0) + (counts[MemberStatus.EXEMPT] ?? 0), committeePosts: holders.size };
    });
    return structureWarnings(unit.kind, figures).map((w) => ({ ...w, rule: 'T-3' }));
  }
}
