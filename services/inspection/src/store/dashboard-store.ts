import { InspectionStatus, SupervisionStatus } from '@chibo/domain';
import { OrgUnitProjection, type Transaction } from '@chibo/service-kit';
import type { DisciplineCase } from '../domain/discipline-case';
import type { Inspection } from '../domain/inspections';
import type { Supervision } from '../domain/supervisions';
import { DisciplineCaseRecord } from './discipline-case-record';
import { toCase } from './discipline-store';
import { InspectionRecord } from './inspection-record';
import { toInspection, toSupervision } from './inspection-store';
import { EFFECTIVE_FORM, NOT_ANNULLED } from './report-store';
import { SupervisionRecord } from './supervision-record';

/** The days a dashboard figure covers: the period's first and last day, and the day a stock stands on. */
export interface DashboardDays {
  from: string;
  to: string;
  asOf: string;
}

export interface InspectionDashboardCounts {
  inspectionsConcluded: number;
  openSupervisions: number;
  supervisionsConcluded: number;
}

/**
 * Inspection's dashboard figures over the units under a path (the subtree, by the org-tree
 * projection's path index), and the records behind them. Counts only in one statement; the lists
 * are the drill-downs and return at most `limit` records, newest first.
 */
export class InspectionDashboardStore {
  constructor(private readonly tx: Transaction) {}

  private get prefix() {
    return (path: string) => `${path.replace(/[\\%_]/g, '\\$&')}%`;
  }

  async counts(path: string, days: DashboardDays): Promise<InspectionDashboardCounts> {
    const inSubtree = (alias: string) =>
      `${alias}.tenant_id = $1 AND EXISTS (SELECT 1 FROM inspection.org_unit u WHERE u.tenant_id = ${alias}.tenant_id AND u.id = ${alias}.org_unit_id AND u.path LIKE $2)`;
    const [row] = await this.tx.manager.query(
      `SELECT (SELECT count(*)::int FROM inspection.inspection i WHERE ${inSubtree('i')} AND i.concluded_on BETWEEN $3 AND $4) AS "inspectionsConcluded",
              (SELECT count(*)::int FROM inspection.supervision s WHERE ${inSubtree('s')} AND s.started_on <= $5 AND (s.concluded_on IS NULL OR s.concluded_on > $5)) AS "openSupervisions",
              (SELECT count(*)::int FROM inspection.supervision s WHERE ${inSubtree('s')} AND s.concluded_on BETWEEN $3 AND $4) AS "supervisionsConcluded"`,
      [this.tx.tenantId, this.prefix(path), days.from, days.to, days.asOf],
    );
    return row as InspectionDashboardCounts;
  }

  /** Decisions of the period by the form in force, annulled ones left out (D-7, D-9): one statement. */
  async decisionsByForm(path: string, days: DashboardDays): Promise<{ form: string; n: number }[]> {
    return this.tx.manager.query(
      `SELECT ${EFFECTIVE_FORM} AS form, count(*)::int AS n FROM inspection.discipline_case c
        WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM inspection.org_unit u WHERE u.tenant_id = c.tenant_id AND u.id = c.org_unit_id AND u.path LIKE $2)
          AND c.form IS NOT NULL AND c.decided_on BETWEEN $3 AND $4 AND ${NOT_ANNULLED}
        GROUP BY 1 ORDER BY 1`,
      [this.tx.tenantId, this.prefix(path), days.from, days.to],
    );
  }

  async concludedInspections(path: string, days: DashboardDays, limit: number): Promise<Inspection[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(InspectionRecord, 'i')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = i.tenantId AND u.id = i.orgUnitId')
      .where('i.tenantId = :tenantId AND u.path LIKE :prefix AND i.status = :done', { tenantId: this.tx.tenantId, prefix: this.prefix(path), done: InspectionStatus.CONCLUDED })
      .andWhere('i.concludedOn BETWEEN :from AND :to', days)
      .orderBy('i.concludedOn', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map(toInspection);
  }

  /** Open on the day the figures stand on: started by then and not concluded by then. */
  async openSupervisions(path: string, days: DashboardDays, limit: number): Promise<Supervision[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(SupervisionRecord, 's')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = s.tenantId AND u.id = s.orgUnitId')
      .where('s.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: this.prefix(path) })
      .andWhere('s.startedOn <= :asOf AND (s.concludedOn IS NULL OR s.concludedOn > :asOf)', { asOf: days.asOf })
      .orderBy('s.startedOn', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map(toSupervision);
  }

  async concludedSupervisions(path: string, days: DashboardDays, limit: number): Promise<Supervision[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(SupervisionRecord, 's')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = s.tenantId AND u.id = s.orgUnitId')
      .where('s.tenantId = :tenantId AND u.path LIKE :prefix AND s.status = :done', { tenantId: this.tx.tenantId, prefix: this.prefix(path), done: SupervisionStatus.CONCLUDED })
      .andWhere('s.concludedOn BETWEEN :from AND :to', days)
      .orderBy('s.concludedOn', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map(toSupervision);
  }

  /**
   * The decided cases behind `disciplineDecisionsByForm`: decided in the period, not annulled, in
   * the form in force (a complaint may have reduced it), optionally of one form.
   */
  async decidedCases(path: string, days: DashboardDays, form: string | null, limit: number): Promise<DisciplineCase[]> {
    const q = this.tx.manager
      .createQueryBuilder(DisciplineCaseRecord, 'c')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = c.tenantId AND u.id = c.orgUnitId')
      .where('c.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: this.prefix(path) })
      .andWhere('c.form IS NOT NULL AND c.decidedOn BETWEEN :from AND :to', days)
      .andWhere(NOT_ANNULLED);
    if (form) q.andWhere(`${EFFECTIVE_FORM} = :form`, { form });
    const rows = await q.orderBy('c.decidedOn', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
    return rows.map(toCase);
  }
}
