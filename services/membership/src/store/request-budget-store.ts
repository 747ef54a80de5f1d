import type { Transaction } from '@chibo/service-kit';
import type { AdmissionPorts, ApiSettings, ApiSettingsPorts, Bucket } from '../domain/request-admission';
import type { QueryBudgetPorts } from '../domain/query-budgets';
import { ApiKeyRecord } from './api-key-record';

/**
 * The budgets of one tenant. Each bucket is one row, raised with a conditional upsert: two
 * replicas spending at once serialise on the row, and neither can push it past the limit.
 */
export class RequestBudgetStore implements AdmissionPorts, ApiSettingsPorts, QueryBudgetPorts {
  /** The tenant's row, read once per transaction: admission asks it twice (settings, budget). */
  private tenantRow?: Promise<{ only: boolean; points: number | null } | undefined>;

  constructor(private readonly tx: Transaction) {}

  private tenant(): Promise<{ only: boolean; points: number | null } | undefined> {
    this.tenantRow ??= this.tx.manager
      .query(`SELECT persisted_documents_only AS only, query_points_per_hour AS points FROM "membership"."tenant" WHERE tenant_id = $1`, [this.tx.tenantId])
      .then((rows: { only: boolean; points: number | null }[]) => rows[0]);
    return this.tenantRow;
  }

  async persistedDocumentsOnly(): Promise<boolean> {
    return (await this.tenant())?.only ?? false;
  }

  async tenantExists(): Promise<boolean> {
    return (await this.tenant()) !== undefined;
  }

  async tenantPointsPerHour(): Promise<number | null> {
    return (await this.tenant())?.points ?? null;
  }

  async setTenantPointsPerHour(points: number | null): Promise<void> {
    await this.tx.manager.query(`UPDATE "membership"."tenant" SET query_points_per_hour = $2 WHERE tenant_id = $1`, [this.tx.tenantId, points]);
    this.tenantRow = undefined;
  }

  async findKeyBudget(keyId: string): Promise<{ id: string; pointsPerHour: number | null } | null> {
    const r = await this.tx.manager.findOneBy(ApiKeyRecord, { tenantId: this.tx.tenantId, id: keyId });
    return r ? { id: r.id, pointsPerHour: r.pointsPerHour } : null;
  }

  async setKeyPointsPerHour(keyId: string, points: number | null): Promise<void> {
    await this.tx.manager.update(ApiKeyRecord, { tenantId: this.tx.tenantId, id: keyId }, { pointsPerHour: points });
  }

  /** Points spent from each bucket in the window that starts then (a row of an earlier hour counts as none). */
  async spentSince(buckets: string[], windowStart: Date): Promise<Map<string, number>> {
    const rows: { bucket: string; spent: number }[] = buckets.length
      ? await this.tx.manager.query(
          `SELECT bucket, CASE WHEN window_start >= $3 THEN spent ELSE 0 END AS spent FROM "membership"."request_budget" WHERE tenant_id = $1 AND bucket = ANY($2::text[])`,
          [this.tx.tenantId, buckets, windowStart],
        )
      : [];
    return new Map(rows.map((r) => [r.bucket, r.spent]));
  }

  async keyPointsPerHour(keyId: string): Promise<number | null> {
    const rows: { points: number | null }[] = await this.tx.manager.query(`SELECT points_per_hour AS points FROM "membership"."api_key" WHERE tenant_id = $1 AND id = $2`, [this.tx.tenantId, keyId]);
    return rows[0]?.points ?? null;
  }

  async apiSettings(): Promise<ApiSettings> {
    return { persistedDocumentsOnly: await this.persistedDocumentsOnly() };
  }

  async setApiSettings(settings: ApiSettings): Promise<void> {
    await this.tx.manager.query(`UPDATE "membership"."tenant" SET persisted_documents_only = $2 WHERE tenant_id = $1`, [this.tx.tenantId, settings.persistedDocumentsOnly]);
    this.tenantRow = undefined;
  }

  async spend(buckets: Bucket[], points: number, windowStart: Date): Promise<{ spent: Map<string, number>; over: string[] }> {
    const spent = new Map<string, number>();
    const over: string[] = [];
    // All buckets or none: a refusal by the key's bucket undoes the tenant's.
    await this.tx.manager.query('SAVEPOINT request_budget');
    // Always in the same order (tenant, then key), so concurrent spends cannot deadlock.
    for (const b of buckets) {
      // A row of an earlier hour counts as empty and is restarted by the same statement. Hours
      // only move forward: a replica whose clock lags spends from the current hour, never
      // restarts an older one.
      const rows: { spent: number }[] = points > b.limit
        ? []
        : await this.tx.manager.query(
            `INSERT INTO "membership"."request_budget" AS r (tenant_id, bucket, window_start, spent) VALUES ($1, $2, $3, $4)
             ON CONFLICT (tenant_id, bucket) DO UPDATE
               SET spent = CASE WHEN EXCLUDED.window_start > r.window_start THEN 0 ELSE r.spent END + EXCLUDED.spent,
                   window_start = GREATEST(r.window_start, EXCLUDED.window_start)
             WHERE CASE WHEN EXCLUDED.window_start > r.window_start THEN 0 ELSE r.spent END + EXCLUDED.spent <= $5
             RETURNING spent`,
            [this.tx.tenantId, b.bucket, windowStart, points, b.limit],
          );
      if (rows.length) {
        spent.set(b.bucket, rows[0].spent);
        continue;
      }
      const now: { spent: number }[] = await this.tx.manager.query(
        `SELECT CASE WHEN window_start >= $3 THEN spent ELSE 0 END AS spent FROM "membership"."request_budget" WHERE tenant_id = $1 AND bucket = $2`,
        [this.tx.tenantId, b.bucket, windowStart],
      );
      spent.set(b.bucket, now[0]?.spent ?? 0);
      over.push(b.bucket);
    }
    if (over.length) {
      await this.tx.manager.query('ROLLBACK TO SAVEPOINT request_budget');
      return { spent, over };
    }
    return { spent, over };
  }
}
