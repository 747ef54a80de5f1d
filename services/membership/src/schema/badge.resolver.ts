import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { badgesDue, type BadgeDue } from '../domain/badges';
import { MemberStore, MembershipStore } from '../store';
import { MemberType } from './member-types';

/** Đảng viên được xét tặng huy hiệu Đảng (M-9). */
@ObjectType('BadgeDue')
export class BadgeDueType {
  @Field(() => MemberType)
  member: MemberType;

  @Field(() => Int, { description: 'Huy hiệu bao nhiêu năm tuổi Đảng' })
  years: number;

  @Field({ description: 'Ngày tròn số năm tuổi Đảng' })
  anniversaryOn: string;
}

@Resolver(() => BadgeDueType)
export class BadgeResolver {
  @Query(() => [BadgeDueType], { description: 'Đảng viên đến hạn được tặng huy hiệu Đảng vào dịp trao (M-9)' })
  async badgesDue(
    @Arg('occasion', { description: 'Ngày trao (ví dụ 2027-02-03)' }) occasion: string,
    @Arg('orgUnitId', () => ID, { nullable: true, description: 'Tổ chức đảng (gồm cả cấp dưới)' }) orgUnitId: string | null,
    @Arg('since', () => String, { nullable: true, description: 'Đầu kỳ xét (không tính); mặc định một năm trước dịp trao' }) since: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<BadgeDue[]> {
    const unitId = orgUnitId ? parseId(orgUnitId, 'orgUnitId') : null;
    return ctx.uow().run((tx) =>
      badgesDue(ctx.principal, { orgUnitId: unitId, occasion, since }, async () => (await new MembershipStore(tx).tenant())?.rootOrgUnitId ?? null, new MemberStore(tx)),
    );
  }
}
