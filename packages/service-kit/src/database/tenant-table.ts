import type { QueryRunner } from 'typeorm';
import { serviceRoles } from './provision';

/**
 * SQL that makes a table a tenant table (DESIGN.md §2): row-level security enabled and forced,
 * one policy for reads and writes keyed on the transaction's `app.tenant_id`. An unset tenant
 * matches no row, so a forgotten `set_config` fails closed.
 */
const CURRENT_TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

/*
 * Migrations call these helpers when they run, so once a migration using them has shipped,
 * their output must not change: write a new helper (and a new migration) for a new policy.
 */
export function tenantTableSql(schema: string, table: string): string[] {
  const t = `"${schema}"."${table}"`;
  return [
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
    // After a transaction that set the tenant, the session's value is '' rather than unset:
    // NULLIF makes both mean "no tenant", which matches no row instead of failing the cast.
    `CREATE POLICY tenant_isolation ON ${t} USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT})`,
  ];
}

/** The relay role reads and marks every tenant's outbox rows, and nothing else. */
export function outboxRelaySql(schema: string): string[] {
  const { relay } = serviceRoles(schema);
  return [
    `GRANT SELECT, UPDATE ON "${schema}"."outbox" TO "${relay}"`,
    `CREATE POLICY relay_reads_all ON "${schema}"."outbox" TO "${relay}" USING (true) WITH CHECK (true)`,
  ];
}

export async function runAll(queryRunner: QueryRunner, statements: string[]): Promise<void> {
  for (const sql of statements) await queryRunner.query(sql);
}
