import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { GenerateProgress, GeneratedTenant } from '@chibo/domain';

/**
 * A generator of one service's share of a generated tenant (demo and benchmark data): it writes
 * its own schema, projections included, from the description membership's generator returns,
 * on `client`, inside the caller's transaction (one per tenant, so a tenant is whole or absent).
 */
export type TenantGenerator = (client: ClientBase, tenant: GeneratedTenant, progress?: GenerateProgress) => Promise<unknown>;

/** A PostgreSQL `text[]` literal; plain arrays and objects are written as JSON (for jsonb columns). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** One value in COPY's text format: `\N` for null, backslash escapes, JSON for arrays and objects. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

const CHUNK = 256 * 1024;

/**
 * Bulk writes with PostgreSQL's COPY (generators, imports): one statement per table instead of
 * one INSERT per row (ten to a hundred times the rate), inside the caller's transaction and under
 * its row-level security. PostgreSQL refuses COPY FROM into a table with row-level security, so
 * rows land in a temporary staging table first and move over with one INSERT … SELECT, which the
 * tenant policy checks. Rows are pulled from the iterable as the stream drains, so a large table
 * never sits in memory as text. `table` is `schema.table`; `onRows` sees the running count.
 * pg-copy-streams (by pg's author) speaks the COPY sub-protocol; this only encodes the text format.
 */
export async function copyRows(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
  onRows?: (done: number) => void,
): Promise<number> {
  let count = 0;
  function* lines(): Generator<string> {
    let batch = '';
    for (const row of rows) {
      batch += `${row.map(copyValue).join('\t')}\n`;
      count++;
      if (batch.length >= CHUNK) {
        yield batch;
        batch = '';
        onRows?.(count);
      }
    }
    if (batch) yield batch;
    onRows?.(count);
  }
  onRows?.(0);
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const target = table
    .split('.')
    .map((p) => `"${p.replace(/"/g, '')}"`)
    .join('.');
  const staging = `"copy_${table.replace(/\W/g, '_')}_${process.hrtime.bigint()}"`;
  await client.query(`CREATE TEMP TABLE ${staging} (LIKE ${target} INCLUDING DEFAULTS)`);
  try {
    await pipeline(Readable.from(lines(), { objectMode: false }), client.query(copyFrom(`COPY ${staging} (${quoted}) FROM STDIN`)));
    await client.query(`INSERT INTO ${target} (${quoted}) SELECT ${quoted} FROM ${staging}`);
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
  }
  return count;
}
