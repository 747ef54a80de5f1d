import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { parseId, type RequestContext } from '@chibo/service-kit';
import type { ApiKey } from '../domain/api-keys';
import { keyBudgets, setApiKeyQueryBudget, setTenantQueryBudget, type QueryBudget } from '../domain/query-budgets';
import { ApiKeyStore, RequestBudgetStore } from '../store';
import { ApiKeyType } from './api-key.resolver';
import { platformBudgets } from './platform-budgets';

/** Hạn mức truy vấn — an hourly budget in points, as it stands this hour. */
@ObjectType('QueryBudget', { description: 'Hạn mức truy vấn theo giờ (điểm) và phần còn lại trong giờ này' })
export class QueryBudgetType {
  @Field(() => Int, { description: 'Số điểm mỗi giờ đang áp dụng' })
  pointsPerHour: number;

  @Field({ description: 'Đúng nếu đang dùng mức mặc định của nền tảng (chưa đặt riêng)' })
  isDefault: boolean;

  @Field(() => Int, { description: 'Số điểm còn lại trong giờ này' })
  remaining: number;

  @Field(() => Date, { description: 'Thời điểm hạn mức được làm đầy lại (đầu giờ sau)' })
  resetAt: Date;
}

@ObjectType('TenantQueryBudget', { description: 'Hạn mức truy vấn của một đảng bộ' })
export class TenantQueryBudgetType {
  @Field(() => ID)
  tenantId: string;

  @Field(() => QueryBudgetType)
  queryBudget: QueryBudget;
}

@InputType('SetTenantQueryBudgetInput')
export class SetTenantQueryBudgetInput {
  @Field(() => ID)
  tenantId: string;

  @Field(() => Int, { nullable: true, description: 'Số điểm mỗi giờ (1–100.000.000); trống: về mức mặc định' })
  pointsPerHour?: number | null;
}

@InputType('SetApiKeyQueryBudgetInput')
export class SetApiKeyQueryBudgetInput {
  @Field(() => ID)
  apiKeyId: string;

  @Field(() => Int, { nullable: true, description: 'Số điểm mỗi giờ (1–10.000.000, không quá hạn mức của đảng bộ); trống: về mức mặc định' })
  pointsPerHour?: number | null;
}

@Resolver()
export class QueryBudgetResolver {
  @Mutation(() => TenantQueryBudgetType, { description: 'Đặt hạn mức truy vấn mỗi giờ của một đảng bộ (quản trị nền tảng)' })
  async setTenantQueryBudget(@Arg('input') input: SetTenantQueryBudgetInput, @Ctx() ctx: RequestContext): Promise<TenantQueryBudgetType> {
    const tenantId = parseId(input.tenantId, 'tenantId');
    // The tenant's row is changed inside that tenant, under row-level security, audited as the caller.
    const queryBudget = await ctx.uowIn(tenantId).run((tx) => setTenantQueryBudget(ctx.principal, input.pointsPerHour, new RequestBudgetStore(tx), platformBudgets()));
    return { tenantId, queryBudget };
  }

  @Mutation(() => ApiKeyType, { description: 'Đặt hạn mức truy vấn mỗi giờ của một khóa API, trong hạn mức của đảng bộ (quản trị thành phố)' })
  async setApiKeyQueryBudget(@Arg('input') input: SetApiKeyQueryBudgetInput, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    const keyId = parseId(input.apiKeyId, 'apiKeyId');
    return ctx.uow().run(async (tx) => {
      await setApiKeyQueryBudget(ctx.principal, keyId, input.pointsPerHour, new RequestBudgetStore(tx), platformBudgets());
      return (await new ApiKeyStore(tx).findApiKey(keyId))!;
    });
  }
}

@Resolver(() => ApiKeyType)
export class ApiKeyBudgetResolver {
  @FieldResolver(() => QueryBudgetType, { description: 'Hạn mức truy vấn của khóa và phần còn lại trong giờ này' })
  async queryBudget(@Root() key: ApiKey, @Ctx() ctx: RequestContext): Promise<QueryBudget> {
    const loader = ctx.loader<{ id: string; pointsPerHour: number | null }, QueryBudget>('apiKeyBudget', (keys) =>
      ctx.uow().run(async (tx) => {
        const budgets = await keyBudgets(new RequestBudgetStore(tx), [...keys], platformBudgets());
        return keys.map((k) => budgets.get(k.id)!);
      }),
    );
    return loader.load({ id: key.id, pointsPerHour: key.pointsPerHour });
  }
}
