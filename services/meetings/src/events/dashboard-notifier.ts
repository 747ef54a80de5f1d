import type { DataSource } from 'typeorm';
import { monthPeriod, type EventEnvelope, type MeetingRecorded } from '@chibo/domain';
import { DashboardBus, OrgTree, UnitOfWork, type EventSink } from '@chibo/service-kit';

/**
 * Turns a recorded meeting into a dashboard change for its cell and every unit above it, so
 * the ward's and the city's dashboards move with the cell's. Runs from the outbox relay: a
 * change is announced only after it committed, and a relay restart re-announces what it missed.
 */
export function dashboardNotifier(dataSource: DataSource): EventSink {
  return {
    name: 'dashboard',
    async deliver(event: EventEnvelope) {
      if (event.type !== 'MeetingRecorded') return;
      const payload = event.payload as MeetingRecorded['payload'];
      await new UnitOfWork(dataSource, event.tenantId, 'meetings').run(async (tx) => {
        const cell = await new OrgTree(tx.manager, tx.tenantId).find(payload.cellId);
        if (!cell) return;
        await DashboardBus.publish(tx.manager, {
          tenantId: event.tenantId,
          orgUnitIds: OrgTree.lineage(cell),
          period: monthPeriod(new Date(payload.heldAt)),
        });
      });
    },
  };
}
