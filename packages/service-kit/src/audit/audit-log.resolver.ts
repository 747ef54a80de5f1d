import { Arg, Args, Ctx, Directive, Field, ID, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DomainError, Role, hasRole, requireRole } from '@chibo/domain';
import { Connection, PageArgs, decodeCursor, encodeCursor, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { AuditLogRecord } from './audit-record';

/** One field a mutation changed; values are JSON text (`null` when absent), sensitive ones `"***"`. */
@Directive('@shareable')
@ObjectType('AuditFieldChange')
export class AuditFieldChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true, description: 'Giá trị trước (JSON) / value before, as JSON' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'Giá trị sau (JSON) / value after, as JSON' })
  after: string | null;
}

/** Bản ghi nhật ký — one record changed by one mutation. */
@Directive('@shareable')
@ObjectType('AuditEntry')
export class AuditEntry {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Dịch vụ lưu bản ghi / the service that owns the record' })
  service: string;

  @Field(() => Date)
  at: Date;

  @Field({ description: 'Người (hoặc khóa API, sự kiện) thực hiện / who made the change' })
  actor: string;

  @Field({ description: 'Thao tác GraphQL hoặc loại sự kiện / mutation or event type' })
  operation: string;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field({ description: 'Loại bản ghi (bảng) / record type (table)' })
  recordType: string;

  @Field(() => ID, { nullable: true })
  recordId: string | null;

  @Field({ description: 'INSERT, UPDATE hoặc DELETE' })
  action: string;

  @Field(() => [AuditFieldChange])
  changes: AuditFieldChange[];
}

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry', { shareable: true });

@InputType('AuditLogFilter')
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Tên thao tác, ví dụ admitMember' })
  @MaxLength(200)
  operation?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'Loại bản ghi (bảng), ví dụ member' })
  @MaxLength(100)
  recordType?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(100)
  recordId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Từ thời điểm (bao gồm) / from, inclusive' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Đến thời điểm (không bao gồm) / until, exclusive' })
  until?: Date | null;
}

/**
 * Inspection and discipline records are confidential (DESIGN.md §2): a city administrator sees
 * that they changed and which fields, but their values only if also an inspector.
 */
const CONFIDENTIAL_VALUES: Record<string, (table: string) => boolean> = {
  inspection: (table) => table !== 'org_unit',
};

export function toAuditEntry(service: string, r: AuditLogRecord, hideValues = false): AuditEntry {
  const value = (row: Record<string, unknown> | null, f: string) => (row && f in row ? (hideValues ? '"***"' : JSON.stringify(row[f])) : null);
  return {
    id: `${service}:${r.seq}`,
    service,
    at: r.at,
    actor: r.actor,
    operation: r.operation,
    requestId: r.requestId,
    recordType: r.tableName,
    recordId: r.recordId,
    action: r.action,
    changes: r.changedFields.map((field) => ({ field, before: value(r.before, field), after: value(r.after, field) })),
  };
}

/** Reads a tenant's audit log, newest first (the unit of work's tenant; RLS behind it). */
export async function readAuditLog(ctx: RequestContext, page: PageArgs, filter: AuditLogFilter | null | undefined) {
  requireRole(ctx.principal, Role.CITY_ADMIN);
  const after = decodeCursor(page.after);
  if (after && (after.length !== 1 || !/^\d+$/.test(String(after[0])))) throw new DomainError('BAD_USER_INPUT', { vi: 'Con trỏ không hợp lệ', en: 'Invalid cursor' }, { field: 'after' });
  return ctx.uow().run(async (tx) => {
    const q = tx.manager.createQueryBuilder(AuditLogRecord, 'a').where('a.tenantId = :tenantId', { tenantId: tx.tenantId });
    if (filter?.operation) q.andWhere(':op = ANY(string_to_array(a.operation, \',\'))', { op: filter.operation });
    if (filter?.actor) q.andWhere('a.actor = :actor', { actor: filter.actor });
    if (filter?.recordType) q.andWhere('a.tableName = :table', { table: filter.recordType });
    if (filter?.recordId) q.andWhere('a.recordId = :recordId', { recordId: filter.recordId });
    if (filter?.from) q.andWhere('a.at >= :from', { from: filter.from });
    if (filter?.until) q.andWhere('a.at < :until', { until: filter.until });
    const totalCount = await q.getCount();
    if (after) q.andWhere('a.seq < :seq', { seq: String(after[0]) });
    const rows = await q.orderBy('a.seq', 'DESC').take(page.first + 1).getMany();
    return toConnection(
      rows.map((r) => ({
        entry: toAuditEntry(ctx.service, r, !!CONFIDENTIAL_VALUES[ctx.service]?.(r.tableName) && !hasRole(ctx.principal, Role.INSPECTOR)),
        seq: r.seq,
      })),
      page.first,
      totalCount,
      (r) => encodeCursor([r.seq]),
    );
  }).then((c) => ({ ...c, nodes: c.nodes.map((n) => n.entry), edges: c.edges.map((e) => ({ node: e.node.entry, cursor: e.cursor })) }));
}

/**
 * Each subgraph answers for its own log under its own root field (`membershipAuditLog`,
 * `meetingsAuditLog`, `inspectionAuditLog`) with one shared entry type, so the gateway needs
 * no query plan across services and a dead service costs only its own field.
 */
const resolvers = new Map<string, Function>();

export function auditLogResolver(service: string): Function {
  const known = resolvers.get(service);
  if (known) return known;
  @Resolver()
  class AuditLogResolver {
    @Query(() => AuditEntryConnection, {
      name: `${service}AuditLog`,
      description: `Nhật ký thay đổi của dịch vụ ${service} (chỉ quản trị thành phố) / ${service} mutation audit log, city_admin only`,
    })
    async auditLog(@Args() page: PageArgs, @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null, @Ctx() ctx: RequestContext) {
      return readAuditLog(ctx, page, filter);
    }
  }
  resolvers.set(service, AuditLogResolver);
  return AuditLogResolver;
}
