import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUuid, type DomainEvent } from '@chibo/domain';
import { OutboxRecord } from './database/common-entities';
import { inSpan, tracer } from './ops/tracing';

const dbTracer = tracer('chibo-db');

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
  ) {}

  publish(event: DomainEvent): void {
    this.pending.push(event);
  }

  /** @internal called by UnitOfWork before commit */
  async flushOutbox(notifyChannel: string): Promise<void> {
    if (!this.pending.length) return;
    const table = this.manager.getRepository(OutboxRecord).metadata.tablePath;
    for (const e of this.pending.splice(0)) {
      await this.manager.query(`INSERT INTO ${table} (tenant_id, id, type, payload) VALUES ($1, $2, $3, $4)`, [
        this.tenantId,
        randomUUID(),
        e.type,
        JSON.stringify(e.payload),
      ]);
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
      const tx = new Transaction(manager, this.tenantId);
      const result = await work(tx);
      await tx.flushOutbox(outboxChannel(this.service));
      return result;
    });
  }
}

export function outboxChannel(service: string): string {
  return `chibo_${service}_outbox`;
}
