import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk writes with PostgreSQL's COPY (generators, imports): one statement per table instead of
 * one INSERT per row, inside the caller's transaction and under its row-level security.
 * pg-copy-streams (by pg's author) speaks the COPY sub-protocol; this only encodes the text format.
 * PostgreSQL refuses COPY FROM into a table with row-level security, so rows land in a temporary
 * staging table first and move over with one INSERT … SELECT, which the tenant policy checks.
 */

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
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** COPY `rows` into `table` (schema-qualified) for `columns`, in order; returns the number of rows. */
export async function copyRows(client: ClientBase, table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number> {
  let n = 0;
  function* lines() {
    let batch = '';
    for (const row of rows) {
      batch += `${row.map(copyValue).join('\t')}\n`;
      n++;
      if (batch.length > 1 << 16) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const target = table
    .split('.')
    .map((p) => `"${p}"`)
    .join('.');
  const staging = `"copy_${table.replace(/\W/g, '_')}_${process.hrtime.bigint()}"`;
  await client.query(`CREATE TEMP TABLE ${staging} (LIKE ${target} INCLUDING DEFAULTS)`);
  try {
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${staging} (${quoted}) FROM STDIN`)));
    await client.query(`INSERT INTO ${target} (${quoted}) SELECT ${quoted} FROM ${staging}`);
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
  }
  return n;
}
