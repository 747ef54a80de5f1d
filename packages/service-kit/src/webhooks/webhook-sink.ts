import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@chibo/domain';
import type { BatchDelivery, EventSink } from '../events/relay';
import { UnitOfWork } from '../unit-of-work';
import { fanOutWebhooks } from './dispatcher';

/**
 * The service's own events fanned out to its webhook endpoints, from its relay, in a transaction
 * of the event's tenant. A batch takes one transaction per run of one tenant's events, and none
 * at all for a tenant without an enabled endpoint (most of them), which an import's thousands of
 * events would otherwise pay one by one.
 */
export function webhookSink(dataSource: DataSource, schema: string): EventSink {
  const run = (events: EventEnvelope[]) =>
    new UnitOfWork(dataSource, events[0].tenantId, schema, { actor: 'webhooks', operation: events[0].type }).run(async (tx) => {
      if (events.length > 1) {
        const [{ any }] = (await tx.manager.query(`SELECT EXISTS (SELECT 1 FROM "${schema}"."webhook_endpoint" WHERE tenant_id = $1 AND disabled_at IS NULL) AS any`, [tx.tenantId])) as { any: boolean }[];
        if (!any) return;
      }
      let operation = events[0].type;
      for (const event of events) {
        if (event.type !== operation) {
          await tx.manager.query(`select set_config('app.operation', $1, true)`, [event.type]);
          operation = event.type;
        }
        await fanOutWebhooks(tx, schema, event);
      }
    });
  return {
    name: 'webhooks',
    deliver: (event) => run([event]),
    async deliverBatch(events): Promise<BatchDelivery> {
      let done = 0;
      while (done < events.length) {
        let end = done + 1;
        while (end < events.length && events[end].tenantId === events[done].tenantId) end++;
        try {
          await run(events.slice(done, end));
        } catch (err) {
          return { delivered: done, error: (err as Error).message };
        }
        done = end;
      }
      return { delivered: done };
    },
  };
}
