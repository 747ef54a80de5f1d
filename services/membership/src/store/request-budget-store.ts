import type { Transaction } from '@chibo/service-kit';
import type { AdmissionPorts, ApiSettings, ApiSettingsPorts, Bucket } from '../domain/request-admission';

/**
 * The budgets of one tenant. Each bucket is one row, raised with a conditional upsert: two
 * replicas spending at once serialise on the row, and neither can push it past the limit.
 */
export class RequestBudgetStore implements AdmissionPorts, ApiSettingsPorts {
  constructor(private readonly tx: Transaction) {}

  async persistedDocumentsOnly(): Promise<boolean> {
    const rows: { only: boolean }[] = await this.tx.manager.query(`SELECT persisted_documents_only AS only FROM "membership"."tenant" WHERE tenant_id = $1`, [this.tx.tenantId]);
    return rows[0]?.only ?? false;
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
