import { randomBytes, randomUUID } from 'node:crypto';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, MaxLength } from 'class-validator';
import { DomainError, Role, isApiKeyScope, requireRole } from '@chibo/domain';
import { Connection, PageArgs, decodeCursor, encodeCursor, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { sealSecret } from '../crypto/sealed-secret';
import { WEBHOOK_SECRET_PURPOSE, checkEndpointUrl } from './endpoint-policy';
import { SyncArgs, keepModifiedSince } from '../sync/delta-sync';
import { WebhookDeliveryRecord, WebhookEndpointRecord } from './webhook-records';

/** Một lần gửi webhook — one event for one endpoint, with how its sending went. */
@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Khóa chống trùng, gửi trong header Chibo-Webhook-Id / idempotency id' })
  id: string;

  @Field(() => ID)
  eventId: string;

  @Field()
  eventType: string;

  @Field({ description: 'PENDING, DELIVERED hoặc FAILED' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode: number | null;

  @Field(() => Date, { nullable: true, description: 'Lần thử kế tiếp / next attempt' })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => Date)
  createdAt: Date;
}

const WebhookDeliveryConnection = Connection(WebhookDeliveryType, 'WebhookDelivery');

/** Webhook — an HTTPS endpoint of an integrator that receives the tenant's events. */
@ObjectType('Webhook')
export class WebhookType {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [String], { description: 'Loại sự kiện nhận (hoặc *) / event types, or *' })
  eventTypes: string[];

  @Field(() => [String], { description: 'Phạm vi quyền; discipline:read để nhận sự kiện kỷ luật' })
  scopes: string[];

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;
}

@InputType('RegisterWebhookInput')
export class RegisterWebhookInput {
  @Field({ description: 'Địa chỉ HTTPS công khai / a public HTTPS URL' })
  @MaxLength(2000)
  url: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @MaxLength(60, { each: true })
  eventTypes: string[];

  @Field(() => [String], { description: 'membership:read, meetings:read, inspection:read, discipline:read' })
  @ArrayMaxSize(10)
  scopes: string[];
}

@ObjectType('RegisterWebhookPayload')
export class RegisterWebhookPayload {
  @Field(() => WebhookType)
  webhook: WebhookType;

  @Field({ description: 'Khóa ký HMAC: chỉ hiển thị một lần / signing secret, shown once' })
  secret: string;
}

@ArgsType()
class DeliveryArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsIn(['PENDING', 'DELIVERED', 'FAILED'])
  status?: string | null;
}

const toWebhook = (r: WebhookEndpointRecord): WebhookType => ({ id: r.id, url: r.url, eventTypes: r.eventTypes, scopes: r.scopes, createdAt: r.createdAt, disabledAt: r.disabledAt });

/** Registering and watching webhooks; city administrators only. Plugged into one service (membership). */
@Resolver(() => WebhookType)
export class WebhookResolver {
  @Query(() => [WebhookType], { description: 'Các webhook của đảng bộ (quản trị thành phố)' })
  async webhooks(@Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<WebhookType[]> {
    requireRole(ctx.principal, Role.CITY_ADMIN);
    const rows = await ctx.uow().run((tx) => tx.manager.find(WebhookEndpointRecord, { where: { tenantId: tx.tenantId }, order: { createdAt: 'ASC' } }));
    return (await keepModifiedSince(ctx, { table: 'webhook_endpoint' }, sync.modifiedSince, rows)).map(toWebhook);
  }

  @Mutation(() => RegisterWebhookPayload, { description: 'Đăng ký địa chỉ nhận webhook' })
  async registerWebhook(@Arg('input') input: RegisterWebhookInput, @Ctx() ctx: RequestContext): Promise<RegisterWebhookPayload> {
    requireRole(ctx.principal, Role.CITY_ADMIN);
    const bad = input.scopes.find((s) => !isApiKeyScope(s));
    if (bad) throw new DomainError('BAD_USER_INPUT', { vi: `Phạm vi không hợp lệ: ${bad}`, en: `Unknown scope: ${bad}` }, { field: 'scopes' });
    const badType = input.eventTypes.find((t) => t !== '*' && !/^[A-Z][A-Za-z]{2,59}$/.test(t));
    if (badType) throw new DomainError('BAD_USER_INPUT', { vi: `Loại sự kiện không hợp lệ: ${badType}`, en: `Invalid event type: ${badType}` }, { field: 'eventTypes' });
    const url = await checkEndpointUrl(input.url, ctx.settings.webhooks ?? {});
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const record = await ctx.uow().run(async (tx) => {
      const r = tx.manager.create(WebhookEndpointRecord, {
        tenantId: tx.tenantId,
        id,
        url: url.toString(),
        eventTypes: [...new Set(input.eventTypes)],
        scopes: [...new Set(input.scopes)],
        secret: sealSecret(WEBHOOK_SECRET_PURPOSE, secret, id),
        createdBy: ctx.principal.subject,
        disabledAt: null,
      });
      await tx.manager.insert(WebhookEndpointRecord, r);
      return tx.manager.findOneByOrFail(WebhookEndpointRecord, { tenantId: tx.tenantId, id: r.id });
    });
    return { webhook: toWebhook(record), secret };
  }

  @Mutation(() => WebhookType, { description: 'Ngừng gửi tới một webhook' })
  async disableWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookType> {
    requireRole(ctx.principal, Role.CITY_ADMIN);
    const webhookId = parseId(id);
    return ctx.uow().run(async (tx) => {
      const r = await tx.manager.findOneBy(WebhookEndpointRecord, { tenantId: tx.tenantId, id: webhookId });
      if (!r) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy webhook', en: 'Webhook not found' }, { id });
      if (!r.disabledAt) await tx.manager.update(WebhookEndpointRecord, { tenantId: tx.tenantId, id: webhookId }, { disabledAt: new Date() });
      return toWebhook((await tx.manager.findOneByOrFail(WebhookEndpointRecord, { tenantId: tx.tenantId, id: webhookId }))!);
    });
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Các lần gửi, mới nhất trước / deliveries, newest first' })
  async deliveries(@Root() webhook: WebhookType, @Args() args: DeliveryArgs, @Ctx() ctx: RequestContext) {
    requireRole(ctx.principal, Role.CITY_ADMIN);
    const after = decodeCursor(args.after);
    return ctx.uow().run(async (tx) => {
      const q = tx.manager
        .createQueryBuilder(WebhookDeliveryRecord, 'd')
        .where('d.tenantId = :tenantId AND d.endpointId = :endpointId', { tenantId: tx.tenantId, endpointId: webhook.id });
      if (args.status) q.andWhere('d.status = :status', { status: args.status });
      const totalCount = await q.getCount();
      if (after) q.andWhere('(d.createdAt, d.id) < (:at, :id)', { at: String(after[0]), id: String(after[1]) });
      const rows = await q.orderBy('d.createdAt', 'DESC').addOrderBy('d.id', 'DESC').take(args.first + 1).getMany();
      return toConnection(rows, args.first, totalCount, (r) => encodeCursor([r.createdAt.toISOString(), r.id]));
    });
  }
}
