import { Max, MaxLength, Min } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { isInScope } from '@chibo/domain';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { listScope } from '../domain/member-queries';
import type { Member } from '../domain/members';
import type { OrgUnit } from '../domain/org-units';
import {
  ResidenceCategory,
  ResidencePlaceKind,
  feedbackOutstanding,
  recordResidenceFeedback,
  setResidenceLiaison,
  type ResidenceFeedback,
  type ResidenceLiaison,
} from '../domain/residence';
import { MembershipStore, ResidenceStore } from '../store';
import { MemberType } from './member-types';
import { orgUnitLoader } from './org-unit.resolver';
import { OrgUnitType } from './types';

registerEnumType(ResidencePlaceKind, { name: 'ResidencePlaceKind', description: 'Nơi cư trú: trong đảng bộ, đảng bộ khác, ngoài hệ thống' });

/** Giới thiệu đảng viên về nơi cư trú (QĐ 213, M-5). */
@ObjectType('ResidenceLiaison')
export class ResidenceLiaisonType {
  @Field(() => ResidenceCategory)
  category: ResidenceCategory;

  @Field(() => ResidencePlaceKind)
  placeKind: ResidencePlaceKind;

  @Field(() => ID, { nullable: true, description: 'Đảng bộ khác (nếu nơi cư trú thuộc đảng bộ khác)' })
  residenceTenantId: string | null;

  @Field(() => String, { nullable: true, description: 'Tên tổ chức đảng nơi cư trú (đảng bộ khác hoặc ngoài hệ thống)' })
  residenceName: string | null;

  @Field({ description: 'Ngày giới thiệu (YYYY-MM-DD)' })
  introducedOn: string;

  residenceOrgUnitId: string | null;
}

/** Nhận xét của nơi cư trú trong một năm (M-5). */
@ObjectType('ResidenceFeedback')
export class ResidenceFeedbackType {
  @Field(() => Int)
  year: number;

  @Field()
  receivedOn: string;

  @Field({ description: 'Nội dung nhận xét' })
  comment: string;

  @Field()
  recordedBy: string;
}

/** Một đảng viên còn thiếu nhận xét của nơi cư trú trong năm (M-5). */
@ObjectType('ResidenceFeedbackDue')
export class ResidenceFeedbackDueType {
  @Field(() => MemberType)
  member: Member;

  @Field(() => ResidenceLiaisonType)
  liaison: ResidenceLiaison;
}

@InputType('SetResidenceLiaisonInput')
export class SetResidenceLiaisonInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => ResidenceCategory)
  category: ResidenceCategory;

  @Field(() => ID, { nullable: true, description: 'Tổ chức đảng nơi cư trú trong đảng bộ' })
  residenceOrgUnitId?: string;

  @Field(() => ID, { nullable: true, description: 'Đảng bộ khác nơi cư trú (kèm tên tổ chức)' })
  residenceTenantId?: string;

  @Field({ nullable: true, description: 'Tên tổ chức đảng nơi cư trú (đảng bộ khác hoặc ngoài hệ thống)' })
  @MaxLength(300)
  residenceName?: string;

  @Field({ description: 'Ngày giới thiệu (YYYY-MM-DD)' })
  introducedOn: string;
}

@InputType('RecordResidenceFeedbackInput')
export class RecordResidenceFeedbackInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => Int)
  @Min(1930)
  @Max(2200)
  year: number;

  @Field({ description: 'Ngày nhận phiếu (YYYY-MM-DD)' })
  receivedOn: string;

  @Field({ description: 'Nội dung nhận xét' })
  @MaxLength(4000)
  comment: string;
}

@ObjectType('SetResidenceLiaisonPayload')
export class SetResidenceLiaisonPayload {
  @Field(() => MemberType)
  member: Member;

  @Field(() => ResidenceLiaisonType)
  liaison: ResidenceLiaison;
}

@ObjectType('RecordResidenceFeedbackPayload')
export class RecordResidenceFeedbackPayload {
  @Field(() => ResidenceFeedbackType)
  feedback: ResidenceFeedback;
}

@Resolver(() => ResidenceLiaisonType)
export class ResidenceResolver {
  @Mutation(() => SetResidenceLiaisonPayload, { description: 'Ghi diện và nơi cư trú của đảng viên theo Quy định 213 (M-5)' })
  async setResidenceLiaison(@Arg('input') input: SetResidenceLiaisonInput, @Ctx() ctx: RequestContext): Promise<SetResidenceLiaisonPayload> {
    const cmd = {
      ...input,
      memberId: parseId(input.memberId, 'memberId'),
      residenceOrgUnitId: input.residenceOrgUnitId ? parseId(input.residenceOrgUnitId, 'residenceOrgUnitId') : null,
      residenceTenantId: input.residenceTenantId ? parseId(input.residenceTenantId, 'residenceTenantId') : null,
    };
    return ctx.uow().run(async (tx) => {
      const store = new ResidenceStore(tx);
      const liaison = await setResidenceLiaison(ctx.principal, cmd, store);
      return { liaison, member: (await store.findMember(liaison.memberId))! };
    });
  }

  @Mutation(() => RecordResidenceFeedbackPayload, { description: 'Ghi nhận xét hằng năm của nơi cư trú (M-5)' })
  async recordResidenceFeedback(@Arg('input') input: RecordResidenceFeedbackInput, @Ctx() ctx: RequestContext): Promise<RecordResidenceFeedbackPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId') };
    return { feedback: await ctx.uow().run((tx) => recordResidenceFeedback(ctx.principal, cmd, new ResidenceStore(tx))) };
  }

  @Query(() => [ResidenceFeedbackDueType], { description: 'Đảng viên diện (c) chưa có nhận xét của nơi cư trú trong năm, trong một tổ chức đảng (gồm cấp dưới) (M-5)' })
  async residenceFeedbackOutstanding(
    @Arg('year', () => Int) year: number,
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ResidenceFeedbackDueType[]> {
    const id = orgUnitId ? parseId(orgUnitId, 'orgUnitId') : null;
    return ctx.uow().run(async (tx) => {
      const store = new ResidenceStore(tx);
      const unit = await listScope(ctx.principal, id, async () => (await new MembershipStore(tx).tenant())?.rootOrgUnitId ?? null, store);
      const candidates = await store.yearlyFeedbackCandidates(`/${unit.lineage.join('/')}/`, year);
      return candidates.filter((c) => feedbackOutstanding(c.member, c.liaison, year, c.recorded)).map((c) => ({ member: c.member, liaison: c.liaison }));
    });
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Tổ chức đảng nơi cư trú trong đảng bộ' })
  async residenceOrgUnit(@Root() l: ResidenceLiaison, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    if (!l.residenceOrgUnitId) return null;
    const unit = await orgUnitLoader(ctx).load(l.residenceOrgUnitId);
    // The residence may lie outside the viewer's subtree: then its name is not theirs to see.
    return unit && isInScope(ctx.principal, unit.lineage) ? unit : null;
  }
}

/** Member.residenceLiaison and Member.residenceFeedback, kept here with the rest of M-5. */
@Resolver(() => MemberType)
export class MemberResidenceResolver {
  @FieldResolver(() => ResidenceLiaisonType, { nullable: true, description: 'Diện và nơi cư trú theo Quy định 213' })
  async residenceLiaison(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<ResidenceLiaison | null> {
    return ctx.uow().run((tx) => new ResidenceStore(tx).liaisonOf(member.id));
  }

  @FieldResolver(() => [ResidenceFeedbackType], { description: 'Các phiếu nhận xét của nơi cư trú' })
  async residenceFeedback(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<ResidenceFeedback[]> {
    return ctx.uow().run((tx) => new ResidenceStore(tx).feedbackOfMember(member.id));
  }
}
