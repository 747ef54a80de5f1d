import type { DataSource } from 'typeorm';
import type { DomainEvent, EventEnvelope } from '@chibo/domain';
import { UnitOfWork, type Transaction } from '../unit-of-work';

type Handler<E extends DomainEvent> = (tx: Transaction, payload: E['payload'], event: EventEnvelope<E>) => Promise<void>;
export type EventHandlers = { [K in DomainEvent['type']]?: Handler<Extract<DomainEvent, { type: K }>> };
/** Sees every event a peer sends, in the same transaction as the inbox (e.g. webhook fan-out). */
export type EventTap = (tx: Transaction, event: EventEnvelope) => Promise<void>;

/**
 * Applies events from other services exactly once in effect: the event id goes into the
 * inbox in the same tenant transaction as the handler's writes, and a redelivered event finds
 * its id there and is skipped.
 */
export class EventConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly service: string,
    private readonly handlers: EventHandlers,
    private readonly tap?: EventTap,
  ) {}

  handles(type: string): boolean {
    return type in this.handlers || !!this.tap;
  }

  /** Returns false when the event had been applied already. */
  async apply(event: EventEnvelope): Promise<boolean> {
    const handler = this.handlers[event.type] as Handler<DomainEvent> | undefined;
    if (!handler && !this.tap) return false;
    return new UnitOfWork(this.dataSource, event.tenantId, this.service, { actor: `event:${event.source}`, operation: event.type }).run(async (tx) => {
      const fresh: unknown[] = await tx.manager.query(
        `INSERT INTO "${this.service}"."inbox" (tenant_id, event_id, source, type) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.tenantId, event.id, event.source, event.type],
      );
      if (!fresh.length) return false;
      if (handler) await handler(tx, event.payload, event);
      if (this.tap) await this.tap(tx, event);
      return true;
    });
  }
}
