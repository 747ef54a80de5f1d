import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { serviceRoles } from '../database/provision';

/**
 * Nhật ký thay đổi — one row per record a mutation changed, written by a trigger in the same
 * transaction as the change (a rolled-back mutation leaves nothing). The app role may only
 * read it; rows are added by `audit_row()`, which runs as the schema's owner.
 *
 * `txid` is the writing transaction's id (xid8 as bigint): the delta sync compares it with a
 * snapshot's `xmin`, which orders changes by commit visibility rather than by clock.
 */
@Entity('audit_log')
@Index('audit_log_by_time', ['tenantId', 'seq'])
@Index('audit_log_by_record', ['tenantId', 'tableName', 'recordId'])
@Index('audit_log_by_txid', ['tenantId', 'tableName', 'txid'])
export class AuditLogRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  /** Global order of writing; the cursor of the audit-log connection. */
  @PrimaryColumn({ type: 'bigint', generated: 'increment' })
  seq: string;

  @Column('bigint')
  txid: string;

  @Column('text')
  actor: string;

  /** The GraphQL mutation (root field) or the event type that made the change. */
  @Column('text')
  operation: string;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column('text')
  tableName: string;

  @Column({ type: 'text', nullable: true })
  recordId: string | null;

  /** INSERT, UPDATE or DELETE. */
  @Column('text')
  action: string;

  @Column('text', { array: true })
  changedFields: string[];

  /** The row before and after, sensitive columns masked. */
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

/**
 * Tables whose changes are not mutations of the tenant's records: messaging, the log itself,
 * webhook delivery bookkeeping, the reads-of-a-case log (every read would be a change), and the
 * request budgets (a counter every request moves; auditing it would double each request's writes).
 */
export const UNAUDITED_TABLES = ['migrations', 'outbox', 'inbox', 'audit_log', 'webhook_delivery', 'confidential_read', 'request_budget'];

/** Column names never copied in clear into the log. */
const MASKED = `'(citizen_id|secret|password|token|hash)'`;
/** Columns whose change alone is bookkeeping, not a mutation (e.g. an API key's last use). */
const IGNORED = `ARRAY['updated_at', 'last_used_at']`;

/*
 * Like tenantTableSql: called when a migration runs, so its output must not change once
 * shipped. A changed function gets a new helper and a new migration.
 */
export function auditLogSql(schema: string): string[] {
  const { owner, app } = serviceRoles(schema);
  const t = `"${schema}"."audit_log"`;
  return [
    // Append-only: the app role reads (its tenant, through RLS) and nothing else.
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${t} FROM "${app}"`,
    `GRANT SELECT ON ${t} TO "${app}"`,
    // The writer is audit_row(), running as the owner, for whichever tenant the changed row has.
    `CREATE POLICY audit_writer ON ${t} FOR INSERT TO "${owner}" WITH CHECK (true)`,
    // Not even the owner rewrites history (a backup restore runs as replica and skips this).
    `CREATE FUNCTION "${schema}".audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501'; END $$`,
    `CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION "${schema}".audit_log_immutable()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".audit_log_immutable()`,
    `CREATE FUNCTION "${schema}".audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
     DECLARE
       old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
       new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
       any_row jsonb := COALESCE(new_row, old_row);
       changed text[];
       k text;
     BEGIN
       SELECT COALESCE(array_agg(key ORDER BY key), '{}') INTO changed
         FROM jsonb_each(COALESCE(new_row, '{}')) n FULL JOIN jsonb_each(COALESCE(old_row, '{}')) o USING (key)
        WHERE n.value IS DISTINCT FROM o.value AND NOT key = ANY (${IGNORED});
       IF TG_OP = 'UPDATE' AND cardinality(changed) = 0 THEN RETURN NULL; END IF;
       FOR k IN SELECT key FROM jsonb_object_keys(any_row) key WHERE key ~ ${MASKED} LOOP
         IF old_row ? k AND old_row->k <> 'null' THEN old_row := jsonb_set(old_row, ARRAY[k], '"***"'); END IF;
         IF new_row ? k AND new_row->k <> 'null' THEN new_row := jsonb_set(new_row, ARRAY[k], '"***"'); END IF;
       END LOOP;
       INSERT INTO ${t} (tenant_id, txid, actor, operation, request_id, table_name, record_id, action, changed_fields, before, after)
       VALUES ((any_row->>'tenant_id')::uuid, pg_current_xact_id()::text::bigint,
               COALESCE(NULLIF(current_setting('app.actor', true), ''), 'system:' || session_user),
               COALESCE(NULLIF(current_setting('app.operation', true), ''), 'unknown'),
               NULLIF(current_setting('app.request_id', true), ''),
               TG_TABLE_NAME, any_row->>'id', TG_OP, changed, old_row, new_row);
       RETURN NULL;
     END $$`,
    // Every audited table of the schema gets the trigger; migrate() calls this after each run,
    // so a table added by a later migration is audited without anyone remembering to.
    `CREATE FUNCTION "${schema}".audit_attach_all() RETURNS void LANGUAGE plpgsql AS $$
     DECLARE r record;
     BEGIN
       FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = '${schema}' AND c.relkind = 'r'
                   AND c.relname <> ALL (ARRAY[${UNAUDITED_TABLES.map((x) => `'${x}'`).join(', ')}])
                   AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'audit_row')
       LOOP
         EXECUTE format('CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON %I.%I FOR EACH ROW EXECUTE FUNCTION %I.audit_row()', '${schema}', r.relname, '${schema}');
       END LOOP;
     END $$`,
  ];
}
