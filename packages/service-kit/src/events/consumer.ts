import type { DataSource } from 'typeorm';
import type { DomainEvent, EventEnvelope } from '@chibo/domain';
import { UnitOfWork, type Transaction } from '../unit-of-work';

type Handler<E extends DomainEvent> = (tx: Transaction, payload: E['payload'], event: EventEnvelope<E>) => Promise<void>;
export type EventHandlers = { [K in DomainEvent['type']]?: Handler<Extract<DomainEvent, { type: K }>> };
/** Sees every event a peer sends, in the same transaction as the inbox (e.g. webhook fan-out). */
export type EventTap = (tx: Transaction, event: EventEnvelope) => Promise<void>;

/** What became of a batch: the first `taken` events are applied (now or before); the next one failed. */
export interface BatchOutcome {
  taken: number;
  /** Newly applied among the taken (the others had been applied already). */
  applied: number;
  /** Why event number `taken` was not applied, when `taken` is short of the batch. */
  error?: string;
}

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
    const outcome = await this.applyBatch([event]);
    if (outcome.error !== undefined) throw new Error(outcome.error);
    return outcome.applied === 1;
  }

  /**
   * Applies a batch in order, one transaction per run of events of the same tenant (an import's
   * thousands of events: a few transactions instead of thousands), each event still recorded in
   * the inbox with its effects. When an event fails, the events before it are committed and the
   * rest are left for the sender to retry, in order: one poisoned event costs its own retries,
   * never the batch's progress.
   */
  async applyBatch(events: EventEnvelope[]): Promise<BatchOutcome> {
    let taken = 0;
    let applied = 0;
    while (taken < events.length) {
      const tenantId = events[taken].tenantId;
      let end = taken + 1;
      while (end < events.length && events[end].tenantId === tenantId) end++;
      const run = events.slice(taken, end);
      const outcome = await this.applyRun(run);
      taken += outcome.taken;
      applied += outcome.applied;
      if (outcome.error !== undefined) return { taken, applied, error: outcome.error };
    }
    return { taken, applied };
  }

  /**
   * One tenant's run in one transaction. If event k fails, the whole transaction rolls back and
   * the events before k are applied again alone (no savepoint per event on the common path), so
   * the outcome is "k taken, k failed".
   */
  private async applyRun(run: EventEnvelope[]): Promise<BatchOutcome> {
    let events = run;
    let failure: string | undefined;
    for (;;) {
      let at = 0;
      try {
        const applied = await this.transaction(events, (i) => (at = i));
        return failure === undefined ? { taken: events.length, applied } : { taken: events.length, applied, error: failure };
      } catch (err) {
        // Nothing of this try remains. Failing at the commit (past the last event) names no event:
        // the run is retried whole later.
        failure = errorText(err);
        if (at === 0 || at >= events.length) return { taken: 0, applied: 0, error: failure };
        events = events.slice(0, at);
      }
    }
  }

  private transaction(events: EventEnvelope[], reached: (i: number) => void): Promise<number> {
    const first = events[0];
    return new UnitOfWork(this.dataSource, first.tenantId, this.service, { actor: `event:${first.source}`, operation: first.type }).run(async (tx) => {
      let applied = 0;
      let operation = first.type;
      let actor = first.source;
      // The whole run's inbox rows in one statement; what comes back is what was not there yet.
      const wanted = events.filter((e) => this.handles(e.type));
      const fresh = new Set<string>();
      if (wanted.length) {
        const rows: { event_id: string }[] = await tx.manager.query(
          `INSERT INTO "${this.service}"."inbox" (tenant_id, event_id, source, type)
           SELECT $1, e.id, e.source, e.type FROM unnest($2::uuid[], $3::text[], $4::text[]) AS e(id, source, type)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [first.tenantId, wanted.map((e) => e.id), wanted.map((e) => e.source), wanted.map((e) => e.type)],
        );
        for (const r of rows) fresh.add(r.event_id);
      }
      for (const [i, event] of events.entries()) {
        reached(i);
        const handler = this.handlers[event.type] as Handler<DomainEvent> | undefined;
        if (!handler && !this.tap) continue;
        // Once per id, even if a batch carried it twice.
        if (!fresh.delete(event.id.toLowerCase())) continue;
        // The audit log records each event's own type as the operation.
        if (event.type !== operation || event.source !== actor) {
          await tx.manager.query(`select set_config('app.operation', $1, true), set_config('app.actor', $2, true)`, [event.type, `event:${event.source}`]);
          operation = event.type;
          actor = event.source;
        }
        if (handler) await handler(tx, event.payload, event);
        if (this.tap) await this.tap(tx, event);
        applied++;
      }
      reached(events.length);
      return applied;
    });
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
