import type { DataSource } from 'typeorm';
import { monthPeriod, type EventEnvelope } from '@chibo/domain';
import { DashboardBus, OrgTree, UnitOfWork, type EventSink } from '@chibo/service-kit';
import { DashboardStore } from '../store';

const MEETING_CHANGES = new Set(['MeetingRecorded', 'MeetingStatusChanged', 'MeetingContentChanged']);

/**
 * Keeps the dashboard figures of a meeting's unit up to date and announces the change to its
 * cell and every unit above it, so the ward's and the city's dashboards move with the cell's.
 * Runs from the outbox relay: figures and announcement follow only a committed change, and a
 * relay restart redoes what it missed (the rebuild is idempotent).
 */
export function dashboardNotifier(dataSource: DataSource): EventSink {
  return {
    name: 'dashboard',
    async deliver(event: EventEnvelope) {
      if (!MEETING_CHANGES.has(event.type as string)) return;
      const payload = event.payload as { cellId: string; heldAt: string | null };
      // A meeting not held (planned, prepared) counts for nothing yet.
      if (!payload.heldAt) return;
      const period = monthPeriod(new Date(payload.heldAt));
      await new UnitOfWork(dataSource, event.tenantId, 'meetings').run(async (tx) => {
        await new DashboardStore(tx).rebuildUnitMonth(payload.cellId, period);
        const cell = await new OrgTree(tx.manager, tx.tenantId).find(payload.cellId);
        if (!cell) return;
        // Announced in the same transaction, so whoever re-reads finds the new figures.
        await DashboardBus.publish(tx.manager, {
          tenantId: event.tenantId,
          orgUnitIds: OrgTree.lineage(cell),
          period,
        });
      });
    },
  };
}
