import { Args, ArgsType, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { MaxLength } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError, Role, requireRole, requireScope, type ApiKeyScope } from '@chibo/domain';
import { Connection, PageArgs, decodeCursor, encodeCursor, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import type { Transaction } from '../unit-of-work';

/*
 * Delta sync (issue 7). A sync token is the `xmin` of a PostgreSQL snapshot: every transaction
 * with a smaller id had finished when the token was taken. The audit log stamps each change
 * with its transaction's id, so "changed since token T" is "written by a transaction with id
 * ≥ T" — ordered by commit visibility, not by clock. A transaction that began before a read and
 * committed after it has an id ≥ the token taken before that read, so it is returned next time
 * (never skipped); a change already seen may come back once more (an overlap, never a gap).
 *
 * The protocol: (1) take `syncToken`; (2) read the lists with `modifiedSince: <previous token>`
 * (everything, the first time) and `<service>Tombstones(since: <previous token>)`; (3) keep
 * the token of step 1 for next time.
 */
const TOKEN = /^s1\.(\d{1,20})$/;

export function parseSyncToken(token: string, field = 'modifiedSince'): string {
  const m = TOKEN.exec(token);
  if (!m) throw new DomainError('BAD_USER_INPUT', { vi: 'Mã đồng bộ không hợp lệ (lấy từ syncToken)', en: 'Invalid sync token (take it from syncToken)' }, { field });
  return m[1];
}

export async function currentSyncToken(tx: Transaction): Promise<string> {
  const [row] = (await tx.manager.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`)) as { xmin: string }[];
  return `s1.${row.xmin}`;
}

/** `modifiedSince` for any list: add it to the list's arguments with `@Args() sync: SyncArgs`. */
@ArgsType()
export class SyncArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Chỉ các bản ghi thay đổi từ mã đồng bộ này (lấy từ syncToken) / only records changed since this sync token',
  })
  @MaxLength(40)
  modifiedSince?: string | null;
}

/**
 * A record counts as modified when its own row changed, or a row of a table that belongs to it
 * did (e.g. a meeting's agenda items: `{ table: 'agenda_item', column: 'meeting_id' }`).
 */
export interface ModifiedSinceSpec {
  table: string;
  /**
   * Tables whose rows belong to the record: `column` holds the record's id, or — with `via` —
   * the id of a row of `via.table` whose `via.column` holds it (a task's progress → its
   * resolution). Names come from code, never from a request.
   */
  parts?: { table: string; column: string; via?: { table: string; column: string } }[];
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
};

let seq = 0;

/** The condition "modified since the token" on `alias` (a row of `schema`.`spec.table`), with its parameters. */
function modifiedSinceCondition(alias: string, schema: string, spec: ModifiedSinceSpec, token: string): { sql: string; params: Record<string, string> } {
  const xmin = parseSyncToken(token);
  const p = `sync${++seq}`;
  const log = `${ident(schema)}."audit_log"`;
  const own = `EXISTS (SELECT 1 FROM ${log} al WHERE al.tenant_id = ${alias}.tenant_id AND al.table_name = :${p}t AND al.record_id = ${alias}.id::text AND al.txid >= :${p}x)`;
  const parts = (spec.parts ?? []).map((part, i) =>
    part.via
      ? `EXISTS (SELECT 1 FROM ${log} al JOIN ${ident(schema)}.${ident(part.via.table)} v ON v.tenant_id = al.tenant_id AND v.id::text = COALESCE(al.after, al.before)->>:${p}c${i}
           WHERE al.tenant_id = ${alias}.tenant_id AND al.table_name = :${p}t${i} AND al.txid >= :${p}x AND v.${ident(part.via.column)} = ${alias}.id)`
      : `EXISTS (SELECT 1 FROM ${log} al WHERE al.tenant_id = ${alias}.tenant_id AND al.table_name = :${p}t${i} AND al.txid >= :${p}x
         AND COALESCE(al.after, al.before)->>:${p}c${i} = ${alias}.id::text)`,
  );
  const params: Record<string, string> = { [`${p}t`]: spec.table, [`${p}x`]: xmin };
  (spec.parts ?? []).forEach((part, i) => {
    params[`${p}t${i}`] = part.table;
    params[`${p}c${i}`] = part.column;
  });
  return { sql: `(${[own, ...parts].join(' OR ')})`, params };
}

/** Narrows a query on `alias` (a table with `tenant_id` and `id`) to records modified since the token. */
export function applyModifiedSince<T extends ObjectLiteral>(q: SelectQueryBuilder<T>, alias: string, spec: ModifiedSinceSpec, token: string | null | undefined): SelectQueryBuilder<T> {
  if (!token) return q;
  const { sql, params } = modifiedSinceCondition(alias, q.expressionMap.mainAlias?.metadata.schema ?? 'public', spec, token);
  return q.andWhere(sql, params);
}

/**
 * `modifiedSince` for a list a resolver already holds (a field resolved through a loader, a
 * short root list): keeps the records modified since the token, by the same rule as
 * `applyModifiedSince`. Batched per request and table, so a nested list under a page of
 * parents costs one query, not one per parent. The table is in the calling service's schema.
 * Inside a transaction already open (`tx`), the query runs in it, unbatched.
 */
export async function keepModifiedSince<R extends { id: string }>(ctx: RequestContext, spec: ModifiedSinceSpec, token: string | null | undefined, records: R[], tx?: Transaction): Promise<R[]> {
  if (!token) return records;
  parseSyncToken(token);
  if (!records.length) return records;
  const schema = ctx.service;
  // typeorm quotes each part of the path itself; ident() only checks the names.
  const table = [schema, spec.table].map((n) => ident(n) && n).join('.');
  const changedIds = async (t: Transaction, ids: readonly string[]) => {
    const { sql, params } = modifiedSinceCondition('r', schema, spec, token);
    const rows = (await t.manager
      .createQueryBuilder()
      .select('r.id::text', 'id')
      .from(table, 'r')
      .where('r.tenant_id = :tenantId AND r.id IN (:...ids)', { tenantId: t.tenantId, ids: [...ids] })
      .andWhere(sql, params)
      .getRawMany()) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  };
  const ids = records.map((r) => String(r.id));
  if (tx) {
    const hit = await changedIds(tx, ids);
    return records.filter((_, i) => hit.has(ids[i]));
  }
  const changed = ctx.loader<string, boolean>(`modifiedSince:${schema}:${JSON.stringify(spec)}:${token}`, async (batch) => {
    const hit = await ctx.uow().run((t) => changedIds(t, batch));
    return batch.map((id) => hit.has(id));
  });
  const keep = await Promise.all(ids.map((id) => changed.load(id)));
  return records.filter((_, i) => keep[i]);
}

/**
 * When a record stops existing for an integrator's mirror: a row deleted, or a change that
 * takes it out of the tenant (a member transferred out, a unit dissolved).
 */
export interface TombstoneRule {
  table: string;
  recordType: string;
  reason: string;
  field: string;
  /** The value the field takes; `null` means "becomes non-null". */
  becomes: string | null;
}

@Directive('@shareable')
@ObjectType('Tombstone')
export class Tombstone {
  @Field({ description: 'Loại bản ghi GraphQL, ví dụ Member / GraphQL type of the record' })
  recordType: string;

  @Field(() => ID)
  id: string;

  @Field({ description: 'DELETED, TRANSFERRED_OUT, DISSOLVED …' })
  reason: string;

  @Field(() => Date)
  at: Date;
}

export const TombstoneConnection = Connection(Tombstone, 'Tombstone', { shareable: true });

@ArgsType()
class TombstoneArgs extends PageArgs {
  @Field({ description: 'Mã đồng bộ lần trước / the previous sync token' })
  @MaxLength(40)
  since: string;
}

async function readTombstones(ctx: RequestContext, service: string, rules: TombstoneRule[], args: TombstoneArgs) {
  requireRole(ctx.principal, Role.CITY_ADMIN, Role.INTEGRATOR);
  requireScope(ctx.principal, `${service}:read` as ApiKeyScope);
  const xmin = parseSyncToken(args.since, 'since');
  const after = decodeCursor(args.after);
  const afterSeq = after && /^\d+$/.test(String(after[0])) ? String(after[0]) : after ? null : '0';
  if (afterSeq === null) throw new DomainError('BAD_USER_INPUT', { vi: 'Con trỏ không hợp lệ', en: 'Invalid cursor' }, { field: 'after' });
  const cases = [`WHEN al.action = 'DELETE' THEN 'DELETED'`];
  const params: unknown[] = [ctx.tenantId, xmin];
  const when: string[] = [`al.action = 'DELETE'`];
  for (const r of rules) {
    params.push(r.table, r.field, r.becomes, r.reason);
    const [t, f, v, reason] = [params.length - 3, params.length - 2, params.length - 1, params.length].map((n) => `$${n}`);
    const cond = `(al.table_name = ${t}::text AND ${f}::text = ANY (al.changed_fields) AND (al.after->>${f}::text = ${v}::text OR (${v}::text IS NULL AND al.after->>${f}::text IS NOT NULL)))`;
    cases.push(`WHEN ${cond} THEN ${reason}::text`);
    when.push(cond);
  }
  const types = rules.map((r) => `WHEN al.table_name = '${r.table.replace(/'/g, '')}' THEN '${r.recordType.replace(/'/g, '')}'`).join(' ');
  const from = `FROM "${service}"."audit_log" al WHERE al.tenant_id = $1 AND al.txid >= $2::bigint AND (${when.join(' OR ')})`;
  return ctx.uow().run(async (tx) => {
    const [{ n }] = (await tx.manager.query(`SELECT count(*)::int AS n FROM (SELECT CASE ${cases.join(' ')} END AS reason ${from}) x`, params)) as { n: number }[];
    const rows = (await tx.manager.query(
      `SELECT al.seq::text AS seq, al.record_id AS id, al.at, CASE ${cases.join(' ')} END AS reason, CASE ${types || 'WHEN false THEN NULL'} ELSE al.table_name END AS "recordType"
        ${from} AND al.seq > $${params.length + 1}::bigint ORDER BY al.seq LIMIT $${params.length + 2}`,
      [...params, afterSeq ?? '0', args.first + 1],
    )) as (Tombstone & { seq: string })[];
    return toConnection(rows, args.first, n, (r) => encodeCursor([r.seq]));
  });
}

const resolvers = new Map<string, Function>();

/**
 * `syncToken` (one shared root field: every subgraph answers it alike, from the one database)
 * and `<service>Tombstones(since)`, added by the kit to each service's schema.
 */
export function syncResolver(service: string, rules: TombstoneRule[] = []): Function {
  const known = resolvers.get(service);
  if (known) return known;
  @Resolver()
  class SyncResolver {
    @Directive('@shareable')
    @Query(() => String, { description: 'Mã đồng bộ: lấy TRƯỚC khi đọc, dùng làm modifiedSince lần sau / take BEFORE reading; next time pass it as modifiedSince' })
    async syncToken(@Ctx() ctx: RequestContext): Promise<string> {
      return ctx.uow().run(currentSyncToken);
    }

    @Query(() => TombstoneConnection, {
      name: `${service}Tombstones`,
      description: `Bản ghi của ${service} đã xóa hoặc chuyển ra khỏi đảng bộ từ mã đồng bộ / ${service} records gone since a sync token`,
    })
    async tombstones(@Args() args: TombstoneArgs, @Ctx() ctx: RequestContext) {
      return readTombstones(ctx, service, rules, args);
    }
  }
  resolvers.set(service, SyncResolver);
  return SyncResolver;
}
