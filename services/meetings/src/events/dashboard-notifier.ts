import type { DataSource } from 'typeorm';
import { monthPeriod, type EventEnvelope } from '@chibo/domain';
import { DashboardBus, OrgTree, UnitOfWork, type EventSink } from '@chibo/service-kit';

/**
 * Turns a change to a held meeting into a dashboard change for its cell and every unit above it, so
 * the ward's and the city's dashboards move with the cell's. Runs from the outbox relay: a
 * change is announced only after it committed, and a relay restart re-announces what it missed.
 */
export function dashboardNotifier(dataSource: DataSource): EventSink {
  return {
    name: 'dashboard',
    async deliver(event: EventEnvelope) {
      // Held meetings count on the dashboard: a recorded one, a status change or new content of one.
      const type = event.type as string;
      if (type !== 'MeetingRecorded' && type !== 'MeetingStatusChanged' && type !== 'MeetingContentChanged') return;
      const payload = event.payload as { cellId: string; heldAt: string | null };
      const heldAt = payload.heldAt;
      if (!heldAt) return;
      await new UnitOfWork(dataSource, event.tenantId, 'meetings').run(async (tx) => {
        const cell = await new OrgTree(tx.manager, tx.tenantId).find(payload.cellId);
        if (!cell) return;
        await DashboardBus.publish(tx.manager, {
          tenantId: event.tenantId,
          orgUnitIds: OrgTree.lineage(cell),
          period: monthPeriod(new Date(heldAt)),
        });
      });
    },
  };
}
