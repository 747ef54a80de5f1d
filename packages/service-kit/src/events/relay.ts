import { Client, Pool } from 'pg';
import type { EventEnvelope } from '@chibo/domain';
import type { Logger } from '../logger';
import { outboxChannel } from '../unit-of-work';

/** How far a batch got: its first `delivered` events were taken; `error` says why the next one was not. */
export interface BatchDelivery {
  delivered: number;
  error?: string;
}

/** Where the relay hands an event: another service's `/events` endpoint, or a local reaction. */
export interface EventSink {
  name: string;
  deliver(event: EventEnvelope): Promise<void>;
  /** Many events in order at once (one request, one transaction); without it, `deliver` one by one. */
  deliverBatch?(events: EventEnvelope[]): Promise<BatchDelivery>;
}

/** Up to this many events are claimed, and handed to each sink, at a time. */
const DEFAULT_BATCH = 500;

export interface OutboxRelayOptions {
  service: string;
  /** Connection string of the service's relay role. */
  connectionString: string;
  sinks: EventSink[];
  logger: Logger;
  /** A safety net for a lost notification; NOTIFY wakes the relay first. */
  pollIntervalMs?: number;
  batchSize?: number;
}

interface OutboxRow {
  tenant_id: string;
  id: string;
  type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Moves events from a service's outbox to their sinks, at least once and in order of writing.
 * Rows are claimed with `FOR UPDATE SKIP LOCKED`, so two relays (two replicas) never deliver
 * the same row at the same time; a row is marked published only after every sink took it.
 * Stopped or killed mid-way, it picks up the unpublished rows when it starts again.
 */
export class OutboxRelay {
  private pool: Pool | null = null;
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly o: OutboxRelayOptions) {}

  get running(): boolean {
    return !this.stopped;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.pool = new Pool({ connectionString: this.o.connectionString, max: 2, application_name: `chibo-${this.o.service}-relay` });
    this.pool.on('error', (err) => this.o.logger.warn('relay pool error', { error: err.message }));
    await this.listen().catch((err: Error) => {
      // The poll below still delivers; the listener is retried until the database is back.
      this.o.logger.warn('relay cannot listen yet', { error: err.message });
      this.relisten();
    });
    this.timer = setInterval(() => this.kick(), this.o.pollIntervalMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.o.connectionString, application_name: `chibo-${this.o.service}-relay-listen` });
    listener.on('error', (err) => {
      this.o.logger.warn('relay listener lost', { error: err.message });
      if (this.listener === listener) this.listener = null;
      this.relisten();
    });
    listener.on('notification', () => this.kick());
    await listener.connect();
    await listener.query(`LISTEN ${outboxChannel(this.o.service)}`);
    if (this.stopped) {
      await listener.end().catch(() => undefined);
      return;
    }
    this.listener = listener;
    // Anything written while nobody listened is picked up now.
    this.kick();
  }

  private relistening = false;
  private relisten(): void {
    if (this.stopped || this.relistening) return;
    this.relistening = true;
    const retry = () => {
      if (this.stopped) return void (this.relistening = false);
      this.listen().then(
        () => void (this.relistening = false),
        () => setTimeout(retry, 500).unref(),
      );
    };
    setTimeout(retry, 200).unref();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
    this.listener = null;
    this.pool = null;
  }

  /** Seconds since the oldest event still waiting was written (0 when none waits). */
  async lagSeconds(): Promise<number> {
    const pool = this.pool ?? new Pool({ connectionString: this.o.connectionString, max: 1 });
    try {
      const { rows } = await pool.query<{ lag: number | null }>(
        `SELECT EXTRACT(EPOCH FROM now() - min(occurred_at))::float AS lag FROM "${this.o.service}"."outbox" WHERE published_at IS NULL`,
      );
      return rows[0]?.lag ?? 0;
    } finally {
      if (pool !== this.pool) await pool.end();
    }
  }

  /** Wake the relay; a wake-up during a drain runs one more drain after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((err: Error) => this.o.logger.warn('relay drain failed', { error: err.message }))
      .finally(() => {
        this.draining = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.pool) {
      const delivered = await this.deliverBatch(this.pool);
      if (delivered < (this.o.batchSize ?? DEFAULT_BATCH)) return;
    }
  }

  private async deliverBatch(pool: Pool): Promise<number> {
    const client = await pool.connect();
    // A checked-out client has no listener of the pool's: without this, a database restart
    // during a delivery would be an unhandled 'error' event and take the process down.
    const onError = (err: Error) => this.o.logger.warn('relay connection lost', { error: err.message });
    client.on('error', onError);
    let delivered = 0;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT tenant_id, id, type, payload, occurred_at FROM "${this.o.service}"."outbox"
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.o.batchSize ?? DEFAULT_BATCH],
      );
      const events: EventEnvelope[] = rows.map((row) => ({
        id: row.id,
        tenantId: row.tenant_id,
        type: row.type as EventEnvelope['type'],
        source: this.o.service,
        occurredAt: row.occurred_at.toISOString(),
        payload: row.payload as EventEnvelope['payload'],
      }));
      // Every sink gets the batch in order; what all of them took is published. A sink that
      // stopped at an event keeps the order: that event and those after it are retried later (a
      // sink that took them already skips them by its inbox).
      let upTo = events.length;
      let failure: string | undefined;
      let reachedAll = true;
      for (const sink of this.o.sinks) {
        if (!upTo) break;
        if (this.stopped) {
          reachedAll = false;
          break;
        }
        const outcome = await deliverTo(sink, events.slice(0, upTo));
        if (outcome.delivered < upTo) {
          upTo = outcome.delivered;
          failure = `${sink.name}: ${outcome.error ?? 'not delivered'}`;
        }
      }
      if (!reachedAll) upTo = 0; // stopped between sinks: all of it is delivered again after a restart
      if (upTo) {
        await client.query(
          `UPDATE "${this.o.service}"."outbox" o SET published_at = now(), attempts = o.attempts + 1, last_error = NULL
             FROM unnest($1::uuid[], $2::uuid[]) AS d(tenant_id, id) WHERE o.tenant_id = d.tenant_id AND o.id = d.id`,
          [rows.slice(0, upTo).map((r) => r.tenant_id), rows.slice(0, upTo).map((r) => r.id)],
        );
      }
      if (failure !== undefined && upTo < rows.length) {
        const row = rows[upTo];
        await client.query(
          `UPDATE "${this.o.service}"."outbox" SET attempts = attempts + 1, last_error = $3 WHERE tenant_id = $1 AND id = $2`,
          [row.tenant_id, row.id, failure.slice(0, 500)],
        );
        this.o.logger.warn('event delivery failed', { event: row.id, type: row.type, error: failure });
      }
      delivered = upTo;
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      client.release();
    }
    return delivered;
  }
}

/** A sink's batch delivery, or its events one by one for a sink that takes only one at a time. */
async function deliverTo(sink: EventSink, events: EventEnvelope[]): Promise<BatchDelivery> {
  if (sink.deliverBatch) return sink.deliverBatch(events);
  for (const [i, event] of events.entries()) {
    try {
      await sink.deliver(event);
    } catch (err) {
      return { delivered: i, error: (err as Error).message };
    }
  }
  return { delivered: events.length };
}
