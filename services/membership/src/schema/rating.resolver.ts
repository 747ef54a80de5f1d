import { ArrayMaxSize, Max, Min } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { MemberRating } from '@chibo/domain';
import { parseId, type RequestContext } from '@chibo/service-kit';
import type { Member } from '../domain/members';
import { cellRatings, rateMembers, type Rating } from '../domain/ratings';
import { MemberStore } from '../store';
import { memberLoader } from './member.resolver';
import { MemberType } from './member-types';

registerEnumType(MemberRating, {
  name: 'MemberRating',
  description: 'Xếp loại: hoàn thành xuất sắc, hoàn thành tốt, hoàn thành, không hoàn thành nhiệm vụ',
});

/** Xếp loại của một đảng viên trong năm. */
@ObjectType('MemberYearRating')
export class MemberYearRatingType {
  @Field(() => MemberRating)
  rating: MemberRating;

  @Field(() => Int)
  year: number;

  @Field(() => String, { nullable: true, description: 'Số nghị quyết / biên bản xếp loại' })
  decisionNumber: string | null;

  memberId: string;
}

/** Kết quả xếp loại đảng viên của chi bộ trong năm (M-7). */
@ObjectType('CellRatings')
export class CellRatingsType {
  @Field(() => ID)
  cellId: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { description: 'Hoàn thành xuất sắc nhiệm vụ' })
  excellent: number;

  @Field(() => Int, { description: 'Hoàn thành tốt nhiệm vụ' })
  good: number;

  @Field(() => Int, { description: 'Hoàn thành nhiệm vụ' })
  completed: number;

  @Field(() => Int, { description: 'Không hoàn thành nhiệm vụ' })
  notCompleted: number;

  @Field(() => [MemberYearRatingType])
  ratings: MemberYearRatingType[];
}

@InputType('MemberRatingInput')
export class MemberRatingInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => MemberRating)
  rating: MemberRating;
}

@InputType('RateMembersInput')
export class RateMembersInput {
  @Field(() => ID, { description: 'Chi bộ' })
  cellId: string;

  @Field(() => Int, { description: 'Năm xếp loại' })
  @Min(1930)
  @Max(9999)
  year: number;

  @Field(() => String, { nullable: true, description: 'Số nghị quyết / biên bản của chi bộ' })
  decisionNumber?: string | null;

  @Field(() => [MemberRatingInput])
  @ArrayMaxSize(500)
  ratings: MemberRatingInput[];
}

function summary(cellId: string, year: number, ratings: Rating[]): CellRatingsType {
  const count = (r: MemberRating) => ratings.filter((x) => x.rating === r).length;
  return {
    cellId,
    year,
    excellent: count(MemberRating.EXCELLENT),
    good: count(MemberRating.GOOD),
    completed: count(MemberRating.COMPLETED),
    notCompleted: count(MemberRating.NOT_COMPLETED),
    ratings: ratings.map((r) => ({ memberId: r.memberId, rating: r.rating, year: r.year, decisionNumber: r.decisionNumber })),
  };
}

@Resolver(() => CellRatingsType)
export class RatingResolver {
  @Query(() => CellRatingsType, { description: 'Kết quả xếp loại đảng viên của chi bộ trong năm (M-7)' })
  async cellRatings(@Arg('cellId', () => ID) cellId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<CellRatingsType> {
    const id = parseId(cellId, 'cellId');
    return summary(id, year, await ctx.uow().run((tx) => cellRatings(ctx.principal, id, year, new MemberStore(tx))));
  }

  @Mutation(() => CellRatingsType, { description: 'Chi bộ xếp loại đảng viên cuối năm (M-7: xuất sắc không quá 20% số hoàn thành tốt)' })
  async rateMembers(@Arg('input') input: RateMembersInput, @Ctx() ctx: RequestContext): Promise<CellRatingsType> {
    const cmd = { ...input, cellId: parseId(input.cellId, 'cellId'), ratings: input.ratings.map((r) => ({ ...r, memberId: parseId(r.memberId, 'memberId') })) };
    return summary(cmd.cellId, cmd.year, await ctx.uow().run((tx) => rateMembers(ctx.principal, cmd, new MemberStore(tx))));
  }
}

@Resolver(() => MemberYearRatingType)
export class MemberYearRatingResolver {
  @FieldResolver(() => MemberType, { nullable: true })
  async member(@Root() r: MemberYearRatingType, @Ctx() ctx: RequestContext): Promise<Member | null> {
    return memberLoader(ctx).load(r.memberId);
  }
}
