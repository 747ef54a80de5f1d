import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Pool } from 'pg';
import type { EventEnvelope } from '@chibo/domain';
import type { Logger } from '../logger';
import type { Transaction } from '../unit-of-work';
import { openSecret } from '../crypto/sealed-secret';
import { WEBHOOK_HEADERS, WEBHOOK_SECRET_PURPOSE, guardedLookup, signWebhook, type WebhookSettings } from './endpoint-policy';

/** Events that tell of discipline (kỷ luật): only endpoints granted `discipline:read` get them. */
export const CONFIDENTIAL_EVENT_TYPES: readonly string[] = ['DisciplineDecided'];

/** The scope an endpoint needs for an event: discipline's own, else read on the event's service. */
export function scopeForEvent(event: Pick<EventEnvelope, 'type' | 'source'>): string {
  return CONFIDENTIAL_EVENT_TYPES.includes(event.type) ? 'discipline:read' : `${event.source}:read`;
}

/**
 * One delivery per endpoint that wants the event, written in the caller's tenant transaction
 * (the inbox's or the relay's), so the event and its deliveries stand or fall together.
 */
export async function fanOutWebhooks(tx: Transaction, schema: string, event: EventEnvelope): Promise<number> {
  const body = JSON.stringify({ id: event.id, type: event.type, source: event.source, occurredAt: event.occurredAt, tenantId: event.tenantId, payload: event.payload });
  const rows: unknown[] = await tx.manager.query(
    `INSERT INTO "${schema}"."webhook_delivery" (tenant_id, id, endpoint_id, event_id, event_type, body, next_attempt_at)
     SELECT e.tenant_id, gen_random_uuid(), e.id, $2, $3, $4, now() FROM "${schema}"."webhook_endpoint" e
      WHERE e.tenant_id = $1 AND e.disabled_at IS NULL AND ($3 = ANY (e.event_types) OR '*' = ANY (e.event_types)) AND $5 = ANY (e.scopes)
     ON CONFLICT (tenant_id, endpoint_id, event_id) DO NOTHING RETURNING id`,
    [tx.tenantId, event.id, event.type, body, scopeForEvent(event)],
  );
  return rows.length;
}

interface DueDelivery {
  tenant_id: string;
  id: string;
  endpoint_id: string;
  attempts: number;
  body: string;
  event_type: string;
  url: string;
  secret: string;
}

export interface WebhookDispatcherOptions {
  schema: string;
  /** The relay role's connection: it sees every tenant's due deliveries and nothing else. */
  connectionString: string;
  logger: Logger;
  settings: WebhookSettings;
}

/**
 * Sends due deliveries, at least once: a row is claimed with `FOR UPDATE SKIP LOCKED` (replicas
 * never send the same one at once) and marked only after the attempt. A failed attempt is
 * retried after `base · 2^(attempts−1)`, up to `maxAttempts`, then the delivery is FAILED.
 */
export class WebhookDispatcher {
  private pool: Pool | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: WebhookDispatcherOptions) {}

  start(): void {
    if (this.pool) return;
    this.pool = new Pool({ connectionString: this.o.connectionString, max: 1, application_name: `chibo-${this.o.schema}-webhooks` });
    this.pool.on('error', (err) => this.o.logger.warn('webhook pool error', { error: err.message }));
    this.timer = setInterval(() => this.kick(), this.o.settings.pollIntervalMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
    this.pool = null;
  }

  kick(): void {
    if (this.running || !this.pool) return;
    this.running = this.sendDue(this.pool)
      .catch((err: Error) => this.o.logger.warn('webhook dispatch failed', { error: err.message }))
      .finally(() => (this.running = null));
  }

  private async sendDue(pool: Pool): Promise<void> {
    const client = await pool.connect();
    const onError = (err: Error) => this.o.logger.warn('webhook connection lost', { error: err.message });
    client.on('error', onError);
    const t = `"${this.o.schema}"`;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<DueDelivery>(
        `SELECT d.tenant_id, d.id, d.endpoint_id, d.attempts, d.body, d.event_type, e.url, e.secret
           FROM ${t}.webhook_delivery d JOIN ${t}.webhook_endpoint e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
          ORDER BY d.next_attempt_at LIMIT 20 FOR UPDATE OF d SKIP LOCKED`,
      );
      const results = await Promise.all(rows.map((r) => this.send(r)));
      for (const [i, r] of rows.entries()) {
        const res = results[i];
        const attempts = r.attempts + 1;
        if (res.ok) {
          await client.query(
            `UPDATE ${t}.webhook_delivery SET status = 'DELIVERED', attempts = $3, last_status_code = $4, last_error = NULL, delivered_at = now(), next_attempt_at = NULL
              WHERE tenant_id = $1 AND id = $2`,
            [r.tenant_id, r.id, attempts, res.status],
          );
        } else {
          const giveUp = attempts >= (this.o.settings.maxAttempts ?? 12);
          // From now, not from the transaction's start: the attempt itself took time.
          const delay = Math.min((this.o.settings.backoffBaseMs ?? 30_000) * 2 ** (attempts - 1), 6 * 3600_000);
          await client.query(
            `UPDATE ${t}.webhook_delivery SET status = $3, attempts = $4, last_status_code = $5, last_error = $6,
                    next_attempt_at = CASE WHEN $3 = 'FAILED' THEN NULL ELSE clock_timestamp() + make_interval(secs => $7::float / 1000) END
              WHERE tenant_id = $1 AND id = $2`,
            [r.tenant_id, r.id, giveUp ? 'FAILED' : 'PENDING', attempts, res.status ?? null, res.error.slice(0, 500), delay],
          );
        }
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      client.release();
    }
  }

  private send(d: DueDelivery): Promise<{ ok: true; status: number } | { ok: false; status?: number; error: string }> {
    const s = this.o.settings;
    const url = new URL(d.url);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let secret: string;
    try {
      secret = openSecret(WEBHOOK_SECRET_PURPOSE, d.secret, d.endpoint_id);
    } catch {
      // A changed data key: recorded on the delivery rather than failing the whole batch.
      return Promise.resolve({ ok: false, error: 'the signing secret cannot be opened (data key changed?)' });
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'chibo-webhooks/1',
      [WEBHOOK_HEADERS.id]: d.id,
      [WEBHOOK_HEADERS.event]: d.event_type,
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, d.body),
      'content-length': String(Buffer.byteLength(d.body)),
    };
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && s.allowHttp)) return Promise.resolve({ ok: false, error: 'plain HTTP refused' });
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers,
          timeout: s.timeoutMs ?? 10_000,
          lookup: guardedLookup(s) as never,
          // An extra CA for this request only; the process's trust store is left alone.
          ...(url.protocol === 'https:' && s.trustedCa ? { ca: s.trustedCa } : {}),
        },
        (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          res.on('end', () => resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `HTTP ${status}` }));
          res.on('error', (err) => resolve({ ok: false, status, error: err.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (err) => resolve({ ok: false, error: err.message }));
      req.end(d.body);
    });
  }
}
