import { Client } from 'pg';
import { DomainError, isUuid } from '@chibo/domain';
import { SERVICE_NAMES } from '../config';

/**
 * One tenant's rows, every service, as JSON lines — a backup of one city committee that can be
 * restored into another database (or the same one after a mistake) without touching other
 * tenants. The keys put `tenant_id` first everywhere, so a tenant is a plain filter.
 * Runs as a superuser (an operator's tool): row-level security does not apply to it.
 */
export interface TenantDumpLine {
  table: string;
  rows: Record<string, unknown>[];
}

async function tenantTables(client: Client): Promise<{ schema: string; table: string; columns: string[] }[]> {
  const { rows } = await client.query<{ schema: string; table: string; columns: string[] }>(
    `SELECT c.table_schema AS schema, c.table_name AS table,
            array_agg(c.column_name::text ORDER BY c.ordinal_position)
              FILTER (WHERE c.column_default IS NULL OR c.column_default NOT LIKE 'nextval(%') AS columns
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = ANY($1) AND c.table_name <> 'migrations'
      GROUP BY c.table_schema, c.table_name
     HAVING bool_or(c.column_name = 'tenant_id')
      ORDER BY 1, 2`,
    [SERVICE_NAMES],
  );
  return rows;
}

export async function exportTenant(adminUrl: string, tenantId: string, write: (line: string) => void): Promise<{ tables: number; rows: number }> {
  if (!isUuid(tenantId)) throw new DomainError('INVALID_ID');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  let total = 0;
  try {
    // One snapshot for every table, so the dump is consistent across services.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tenantTables(client);
    for (const t of tables) {
      const { rows } = await client.query(`SELECT to_jsonb(x) AS row FROM "${t.schema}"."${t.table}" x WHERE tenant_id = $1`, [tenantId]);
      const line: TenantDumpLine = { table: `${t.schema}.${t.table}`, rows: rows.map((r) => r.row) };
      total += rows.length;
      write(JSON.stringify(line) + '\n');
    }
    await client.query('COMMIT');
    return { tables: tables.length, rows: total };
  } finally {
    await client.end();
  }
}

/** Restore a dump into a migrated database in one transaction: all of it, or nothing. */
export async function importTenant(adminUrl: string, lines: string[], onProgress?: (table: string, rows: number) => void): Promise<{ rows: number }> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  let total = 0;
  try {
    const known = new Map((await tenantTables(client)).map((t) => [`${t.schema}.${t.table}`, t]));
    await client.query('BEGIN');
    // Rows arrive table by table, not in foreign-key order; checks run at commit instead.
    await client.query('SET CONSTRAINTS ALL DEFERRED');
    await client.query(`SET LOCAL session_replication_role = replica`);
    for (const raw of lines) {
      if (!raw.trim()) continue;
      const line = JSON.parse(raw) as TenantDumpLine;
      const t = known.get(line.table);
      if (!t) throw new Error(`the dump names ${line.table}, which this database does not have (migrate first)`);
      if (!line.rows.length) continue;
      const cols = t.columns.map((c) => `"${c}"`).join(', ');
      // Identity columns (the outbox order) are given new values by this database.
      await client.query(
        `INSERT INTO "${t.schema}"."${t.table}" (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::"${t.schema}"."${t.table}", $1::jsonb)`,
        [JSON.stringify(line.rows)],
      );
      total += line.rows.length;
      onProgress?.(line.table, line.rows.length);
    }
    await client.query('COMMIT');
    return { rows: total };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
