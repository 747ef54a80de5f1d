import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUuid, type DomainEvent } from '@chibo/domain';
import { OutboxRecord } from './database/common-entities';
import { inSpan, tracer } from './ops/tracing';

const dbTracer = tracer('chibo-db');
const OUTBOX_CHUNK = 5000;

/**
 * One transaction of one tenant. The tenant is set with `set_config(…, true)` inside the
 * transaction — never on the session — so a pooled connection cannot carry it to the next
 * request. Events published here are written to the outbox in the same transaction.
 */
export class Transaction {
  private readonly pending: DomainEvent[] = [];

  constructor(
    readonly manager: EntityManager,
    readonly tenantId: string,
    private readonly notifyChannel?: string,
  ) {}

  publish(event: DomainEvent): void {
    this.pending.push(event);
  }

  /**
   * Work as another tenant inside this same database transaction, then come back: the one
   * hand-off between tenants the domain has (T-1: a member transfer across tenants, M-8). Both
   * sides' writes commit or roll back together, and row-level security still holds on each side,
   * because the other tenant's rows are only reached while `app.tenant_id` names it. Events
   * published on the other side go to the outbox as that tenant's.
   */
  async asTenant<T>(tenantId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (!isUuid(tenantId)) throw new DomainError('MISSING_TENANT');
    if (tenantId === this.tenantId) return work(this);
    const setTenant = (id: string) => this.manager.query(`select set_config('app.tenant_id', $1, true)`, [id]);
    await setTenant(tenantId);
    let result: T;
    try {
      const other = new Transaction(this.manager, tenantId, this.notifyChannel);
      result = await work(other);
      if (this.notifyChannel) await other.flushOutbox(this.notifyChannel);
    } catch (err) {
      // The whole transaction rolls back; on an aborted one the reset fails too, and must not
      // hide the error that matters.
      await setTenant(this.tenantId).catch(() => undefined);
      throw err;
    }
    await setTenant(this.tenantId);
    return result;
  }

  /** @internal called by UnitOfWork before commit */
  async flushOutbox(notifyChannel: string): Promise<void> {
    if (!this.pending.length) return;
    const table = this.manager.getRepository(OutboxRecord).metadata.tablePath;
    const events = this.pending.splice(0);
    // A few statements however many events (an import publishes thousands); `seq` follows
    // the order they were published in.
    for (let i = 0; i < events.length; i += OUTBOX_CHUNK) {
      const chunk = events.slice(i, i + OUTBOX_CHUNK);
      await this.manager.query(
        `INSERT INTO ${table} (tenant_id, id, type, payload)
         SELECT $1, e.id, e.type, e.payload FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS e(id, type, payload, n) ORDER BY e.n`,
        [this.tenantId, chunk.map(() => randomUUID()), chunk.map((e) => e.type), chunk.map((e) => JSON.stringify(e.payload))],
      );
    }
    // Delivered at commit only, so the relay never wakes for a rolled-back change.
    await this.manager.query('select pg_notify($1, $2)', [notifyChannel, this.tenantId]);
  }
}

/** Who makes a unit of work's changes, and through which operation: what the audit log records. */
export interface AuditActor {
  actor: string;
  /** A mutation's root field(s), or the type of the event being applied. */
  operation?: string;
  requestId?: string;
}

export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    readonly tenantId: string,
    private readonly service: string,
    private readonly audit?: AuditActor,
  ) {
    if (!isUuid(tenantId)) throw new DomainError('MISSING_TENANT');
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return inSpan(dbTracer, 'db.transaction', { 'chibo.service': this.service, 'chibo.tenant': this.tenantId }, () => this.transaction(work));
  }

  private transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // Local to the transaction like the tenant, so the audit trigger reads them and no pooled
      // connection carries them on.
      await manager.query(
        `select set_config('app.tenant_id', $1, true), set_config('app.actor', $2, true), set_config('app.operation', $3, true), set_config('app.request_id', $4, true)`,
        [this.tenantId, this.audit?.actor ?? '', this.audit?.operation ?? '', this.audit?.requestId ?? ''],
      );
      const tx = new Transaction(manager, this.tenantId, outboxChannel(this.service));
      const result = await work(tx);
      await tx.flushOutbox(outboxChannel(this.service));
      return result;
    });
  }
}

export function outboxChannel(service: string): string {
  return `chibo_${service}_outbox`;
}
