import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DomainError, parseApiKey, requireOperation } from '@chibo/domain';
import { SyncArgs, UnitOfWork, keepModifiedSince, parseId, type InternalHandler, type RequestContext } from '@chibo/service-kit';
import type { DataSource } from 'typeorm';
import { createApiKey, revokeApiKey, verifyApiKey, type ApiKey } from '../domain/api-keys';
import { tenantBudget } from '../domain/query-budgets';
import { ApiKeyStore, RequestBudgetStore } from '../store';
import { API_KEY_CHANGES } from '../store/changes';
import { platformBudgets } from './platform-budgets';

/** Khóa API — what a city administrator sees of a key (never its secret). */
@ObjectType('ApiKey')
export class ApiKeyType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Tên gợi nhớ (đơn vị tích hợp)' })
  name: string;

  @Field(() => [String], { description: 'Phạm vi quyền, ví dụ membership:read' })
  scopes: string[];

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Hạn mức điểm mỗi giờ của khóa (trống: mặc định của nền tảng)' })
  pointsPerHour: number | null;

  @Field(() => Date, { nullable: true, description: 'Lần dùng gần nhất (cập nhật tối đa mỗi phút)' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType('CreateApiKeyPayload')
export class CreateApiKeyPayload {
  @Field(() => ApiKeyType)
  apiKey: ApiKeyType;

  @Field({ description: 'Khóa đầy đủ: chỉ hiển thị một lần, hãy lưu lại ngay / shown once' })
  secret: string;
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field()
  name: string;

  @Field(() => [String])
  scopes: string[];

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Hạn mức điểm mỗi giờ (1–10.000.000, không quá hạn mức của đảng bộ); trống: mặc định' })
  pointsPerHour?: number | null;
}

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => [ApiKeyType], { description: 'Các khóa API của đảng bộ (quản trị thành phố)' })
  async apiKeys(@Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    requireOperation(ctx.principal, 'apiKeys');
    const keys = await ctx.uow().run((tx) => new ApiKeyStore(tx).list());
    return keepModifiedSince(ctx, API_KEY_CHANGES, sync.modifiedSince, keys);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Tạo khóa API cho đơn vị tích hợp' })
  async createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreateApiKeyPayload> {
    const { key, secret } = await ctx.uow().run((tx) =>
      createApiKey(ctx.principal, input, new ApiKeyStore(tx), async () => (await tenantBudget(new RequestBudgetStore(tx), platformBudgets())).pointsPerHour),
    );
    return { apiKey: key, secret };
  }

  @Mutation(() => ApiKeyType, { description: 'Thu hồi khóa API (có hiệu lực ngay)' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    const keyId = parseId(id);
    return ctx.uow().run((tx) => revokeApiKey(ctx.principal, keyId, new ApiKeyStore(tx)));
  }
}

/** The gateway asks here whether a presented key is good (signed internal call). */
export const verifyApiKeyHandler: InternalHandler = async (body, { dataSource }) => {
  const parsed = parseApiKey(String((body as { key?: unknown })?.key ?? ''));
  if (!parsed) throw new DomainError('UNAUTHENTICATED');
  return new UnitOfWork(dataSource as DataSource, parsed.tenantId, 'membership').run((tx) => verifyApiKey(parsed.keyId, parsed.secret, new ApiKeyStore(tx)));
};
