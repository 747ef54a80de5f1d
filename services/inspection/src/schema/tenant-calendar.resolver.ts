import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { TenantDayKind, addTenantDay, removeTenantDay, type TenantDay } from '../domain/tenant-days';
import { DisciplineStore } from '../store';

registerEnumType(TenantDayKind, { name: 'TenantCalendarDayKind', description: 'Ngày nghỉ riêng (ngày thường) hoặc ngày làm bù (thứ Bảy, Chủ nhật)' });

@ObjectType('TenantCalendarDay', { description: 'Ngày nghỉ hoặc ngày làm bù riêng của đảng bộ, thêm vào lịch nghỉ lễ quốc gia khi tính ngày làm việc (D-7)' })
export class TenantCalendarDayType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'YYYY-MM-DD' })
  date: string;

  @Field(() => TenantDayKind)
  kind: TenantDayKind;

  @Field()
  reason: string;
}

@InputType('AddTenantCalendarDayInput')
export class AddTenantCalendarDayInput {
  @Field({ description: 'YYYY-MM-DD' })
  date: string;

  @Field(() => TenantDayKind)
  kind: TenantDayKind;

  @Field()
  @MaxLength(200)
  reason: string;
}

@ObjectType('TenantCalendarDayPayload')
export class TenantCalendarDayPayload {
  @Field(() => TenantCalendarDayType)
  day: TenantCalendarDayType;
}

@Resolver()
export class TenantCalendarResolver {
  @Query(() => [TenantCalendarDayType], { description: 'Các ngày nghỉ, ngày làm bù riêng của đảng bộ (trong năm, nếu có)' })
  async tenantCalendarDays(@Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() ctx: RequestContext): Promise<TenantDay[]> {
    const days = await ctx.uow().run((tx) => new DisciplineStore(tx).activeTenantDays());
    return year ? days.filter((d) => d.date.startsWith(`${year}-`)) : days;
  }

  @Mutation(() => TenantCalendarDayPayload, { description: 'Thêm ngày nghỉ hoặc ngày làm bù riêng (quản trị đảng bộ, cán bộ kiểm tra)' })
  async addTenantCalendarDay(@Arg('input') input: AddTenantCalendarDayInput, @Ctx() ctx: RequestContext): Promise<TenantCalendarDayPayload> {
    return ctx.uow().run(async (tx) => ({ day: await addTenantDay(ctx.principal, input, new DisciplineStore(tx)) }));
  }

  @Mutation(() => ID, { description: 'Bỏ một ngày khỏi lịch riêng (xóa mềm, có ghi người xóa)' })
  async removeTenantCalendarDay(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    const dayId = parseId(id);
    await ctx.uow().run((tx) => removeTenantDay(ctx.principal, dayId, new DisciplineStore(tx)));
    return dayId;
  }
}
