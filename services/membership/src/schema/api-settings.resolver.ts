import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DomainError, isUuid } from '@chibo/domain';
import { UnitOfWork, type InternalHandler, type RequestContext } from '@chibo/service-kit';
import type { DataSource } from 'typeorm';
import { admitRequest, changeApiSettings, readApiSettings, type AdmissionRequest } from '../domain/request-admission';
import { tenantBudget, type QueryBudget } from '../domain/query-budgets';
import { RequestBudgetStore } from '../store';
import { noteGatewayBudgets, platformBudgets } from './platform-budgets';
import { QueryBudgetType } from './query-budget.resolver';

@ObjectType('ApiSettings', { description: 'Cài đặt API tích hợp của đảng bộ' })
class ApiSettingsType {
  @Field({ description: 'Chỉ chấp nhận truy vấn đã đăng ký trước (persisted documents) / persisted documents only' })
  persistedDocumentsOnly: boolean;
}

@InputType('ApiSettingsInput')
class ApiSettingsInput {
  @Field()
  persistedDocumentsOnly: boolean;
}

@Resolver(() => ApiSettingsType)
export class ApiSettingsResolver {
  @Query(() => ApiSettingsType, { description: 'Cài đặt API của đảng bộ (quản trị thành phố)' })
  async apiSettings(@Ctx() ctx: RequestContext): Promise<ApiSettingsType> {
    return ctx.uow().run((tx) => readApiSettings(ctx.principal, new RequestBudgetStore(tx)));
  }

  @Mutation(() => ApiSettingsType, { description: 'Đổi cài đặt API của đảng bộ, ví dụ chỉ chấp nhận truy vấn đã đăng ký' })
  async setApiSettings(@Arg('input') input: ApiSettingsInput, @Ctx() ctx: RequestContext): Promise<ApiSettingsType> {
    return ctx.uow().run((tx) => changeApiSettings(ctx.principal, input, new RequestBudgetStore(tx)));
  }

  @FieldResolver(() => QueryBudgetType, { description: 'Hạn mức truy vấn mỗi giờ của đảng bộ (do quản trị nền tảng đặt) và phần còn lại trong giờ này' })
  async queryBudget(@Ctx() ctx: RequestContext): Promise<QueryBudget> {
    return ctx.uow().run((tx) => tenantBudget(new RequestBudgetStore(tx), platformBudgets()));
  }
}

const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The gateway asks, for each operation, whether to run it: persisted-only setting and budgets (signed internal call). */
export const admitRequestHandler: InternalHandler = async (body, { dataSource }) => {
  const b = (body ?? {}) as Partial<AdmissionRequest>;
  if (!isUuid(b.tenantId) || (b.keyId != null && !isUuid(b.keyId)) || !positive(b.points) || !positive(b.tenantLimit) || !positive(b.keyLimit)) {
    throw new DomainError('BAD_REQUEST');
  }
  const req: AdmissionRequest = { tenantId: b.tenantId, keyId: b.keyId ?? null, points: b.points!, persisted: b.persisted === true, tenantLimit: b.tenantLimit!, keyLimit: b.keyLimit! };
  noteGatewayBudgets({ tenantPointsPerHour: req.tenantLimit, keyPointsPerHour: req.keyLimit });
  return new UnitOfWork(dataSource as DataSource, req.tenantId, 'membership').run((tx) => admitRequest(req, new RequestBudgetStore(tx)));
};
