import type { DataSource } from 'typeorm';
import { isUuid, monthPeriod, type EventEnvelope } from '@chibo/domain';
import { DashboardBus, UnitOfWork, type EventSink } from '@chibo/service-kit';
import { MembershipStore } from '../store';

/**
 * The units whose dashboards a membership event moves: its cells or units, with all above them.
 * An id that is no uuid names no unit: nothing to announce (the consumers judge such an event).
 */
function unitsOf(event: EventEnvelope): string[] {
  return namedUnits(event).filter(isUuid);
}

function namedUnits(event: EventEnvelope): string[] {
  const p = event.payload as Record<string, string | null | undefined>;
  switch (event.type as string) {
    case 'MemberAdmitted':
    case 'MemberStatusChanged':
      return [p.cellId].filter((x): x is string => !!x);
    case 'MemberTransferred':
      return [p.fromCellId, p.toCellId].filter((x): x is string => !!x);
    case 'OrgUnitCreated':
    case 'OrgUnitRenamed':
    case 'OrgUnitDissolved':
      return [p.orgUnitId].filter((x): x is string => !!x);
    case 'OrgUnitMoved':
      return [p.orgUnitId, p.fromParentId].filter((x): x is string => !!x);
    case 'OrgUnitMerged':
      return [p.orgUnitId, p.intoOrgUnitId].filter((x): x is string => !!x);
    default:
      return [];
  }
}

/**
 * Membership's changes on the dashboard bus (tổng hợp đảng viên): a member admitted, made
 * official, transferred; a unit created, renamed, moved, merged or dissolved. They move the
 * counts "as of today" that every period's dashboard shows (cells, members), so they go out for
 * every period (`allPeriods`); live dashboards of the current month update. Runs from the outbox
 * relay, after the commit: the figures are already readable when the bus speaks.
 */
export function dashboardNotifier(dataSource: DataSource): EventSink {
  // Lineages recently read, so an import's thousands of admissions into a few hundred cells cost
  // one NOTIFY each, not a transaction each. A move or a merge forgets them.
  const lineages = new Map<string, { lineage: string[]; until: number }>();
  return {
    name: 'dashboard',
    async deliver(event: EventEnvelope) {
      const ids = unitsOf(event);
      if (!ids.length) return;
      const type = event.type as string;
      // Only a move or a merge changes the paths of units already known.
      if (type === 'OrgUnitMoved' || type === 'OrgUnitMerged') lineages.clear();
      const now = Date.now();
      // A new unit sits under its parent: a tree written top-down (a generated tenant) needs no reads.
      const p = event.payload as { orgUnitId?: string; parentId?: string | null };
      const parent = type === 'OrgUnitCreated' && p.parentId ? lineages.get(`${event.tenantId}:${p.parentId}`) : undefined;
      if (parent && parent.until > now && p.orgUnitId) lineages.set(`${event.tenantId}:${p.orgUnitId}`, { lineage: [...parent.lineage, p.orgUnitId], until: now + 10_000 });
      const known = ids.map((id) => lineages.get(`${event.tenantId}:${id}`)).filter((l) => l && l.until > now);
      let orgUnitIds: string[];
      if (known.length === ids.length) orgUnitIds = [...new Set(known.flatMap((l) => l!.lineage))];
      else {
        // A unit's lineage (its path, itself included) names every dashboard above it.
        const units = await new UnitOfWork(dataSource, event.tenantId, 'membership').run((tx) => new MembershipStore(tx).findOrgUnits(ids));
        if (lineages.size >= 10_000) lineages.clear();
        for (const u of units) lineages.set(`${event.tenantId}:${u.id}`, { lineage: u.lineage, until: now + 10_000 });
        orgUnitIds = [...new Set(units.flatMap((u) => u.lineage))];
      }
      if (!orgUnitIds.length) return;
      // After the commit of the change (the relay reads only committed events): sent at once.
      await DashboardBus.publish(dataSource.manager, { tenantId: event.tenantId, orgUnitIds, period: monthPeriod(new Date()), allPeriods: true });
    },
  };
}
