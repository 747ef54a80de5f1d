import { OrgUnitProjection, type Transaction } from '@chibo/service-kit';
import { themeCalendar, type ThemeCalendar } from '../domain/dashboard-follow-up';
import type { TaskFollowUpRow } from '../domain/follow-up';
import type { Resolution, ResolutionTask } from '../domain/resolutions';
import { sumThemeFacts, themeFactsByCell, type CellThemeRow, type ThemeFacts } from '../domain/theme';
import { MeetingRecord } from './meeting-record';
import { MeetingStore, toResolution, toTask } from './meeting-store';
import { MeetingScoreRecord } from './quality-records';
import { ResolutionRecord, ResolutionTaskRecord, TaskProgressRecord } from './resolution-records';

/**
 * The dashboard's follow-up figures (G-8/G-9, G-12) over a subtree (org_unit path prefix), one
 * statement per kind of record whatever the subtree's size. The resolutions' own follow-up rows
 * and the unexcused months come from `MeetingStore` (one definition each).
 */
export class DashboardFollowUpStore {
  constructor(private readonly tx: Transaction) {}

  /**
   * Tasks of the subtree due before `to` (YYYY-MM-DD, exclusive) that are either due from `from`
   * on or still open (unchecked or IN_PROGRESS, as `isOpenTask`), with the amounts reported before `to`.
   */
  async tasksDueBefore(path: string, from: string, to: string): Promise<TaskFollowUpRow[]> {
    const rows: (Omit<TaskFollowUpRow, 'targetValue' | 'achieved'> & { targetValue: string | null; achieved: string })[] = await this.tx.manager.query(
      `SELECT t.id, t.resolution_id AS "resolutionId", r.cell_id AS "cellId", to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn", t.outcome,
              t.target_value AS "targetValue", t.target_unit AS "targetUnit",
              -- only a measurable target is mobilised (G-8): no progress lookup for the other tasks
              CASE WHEN t.target_value IS NULL THEN 0 ELSE COALESCE((SELECT sum(p.amount) FROM ${this.table(TaskProgressRecord)} p
                        WHERE p.tenant_id = t.tenant_id AND p.task_id = t.id AND p.reported_on < $4::date), 0) END AS achieved
       FROM ${this.table(ResolutionTaskRecord)} t
       JOIN ${this.table(ResolutionRecord)} r ON r.tenant_id = t.tenant_id AND r.id = t.resolution_id
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = r.tenant_id AND u.id = r.cell_id
       WHERE t.tenant_id = $1 AND u.path LIKE $2 AND t.due_on < $4::date
         AND (t.due_on >= $3::date OR t.outcome IS NULL OR t.outcome = 'IN_PROGRESS')`,
      [this.tx.tenantId, `${path}%`, from, to],
    );
    return rows.map((r) => ({ ...r, targetValue: r.targetValue === null ? null : Number(r.targetValue), achieved: Number(r.achieved) }));
  }

  /**
   * G-12: the facts of a year up to `asOf` (now, or a period's end), per cell of the subtree and
   * summed — the yearly theme's progress and the dashboard's read the same numbers.
   */
  async themeFacts(path: string, year: number, asOf: Date): Promise<{ cells: CellThemeRow[]; byCell: Map<string, ThemeFacts>; total: ThemeFacts }> {
    const cal = themeCalendar(year, asOf);
    const cells = await this.themeRowsByCell(path, cal);
    const resolutions = await new MeetingStore(this.tx).resolutionsForFollowUp(path, cal.fromDate, cal.toDate);
    const byCell = themeFactsByCell(cells, resolutions, cal.months);
    return { cells, byCell, total: sumThemeFacts(byCell.values()) };
  }

  /** G-12 per cell of the subtree over a year up to its `to`: thematic quarters missed, meetings scored and rated GOOD, months with a regular meeting. */
  async themeRowsByCell(path: string, cal: ThemeCalendar): Promise<CellThemeRow[]> {
    const meeting = this.table(MeetingRecord);
    const rows: { cellId: string; closed: boolean; missed: boolean; scored: string; good: string; months: string }[] = await this.tx.manager.query(
      `SELECT u.id AS "cellId",
              (u.closed_on IS NOT NULL AND u.closed_on <= ($4::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS closed,
              EXISTS (SELECT 1 FROM unnest($5::timestamptz[], $6::timestamptz[]) AS q(qf, qt)
                      -- a cell closed before a quarter began owes it nothing (as cellIdsWithout)
                      WHERE (u.closed_on IS NULL OR u.closed_on > (q.qf AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                        AND NOT EXISTS (SELECT 1 FROM ${meeting} m
                          WHERE m.tenant_id = u.tenant_id AND m.cell_id = u.id AND m.kind = 'THEMATIC'
                            AND m.status IN ('HELD', 'MINUTES_APPROVED') AND m.held_at >= q.qf AND m.held_at < q.qt)) AS missed,
              sc.scored, sc.good,
              (SELECT count(DISTINCT to_char((m.held_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM')) FROM ${meeting} m
                 WHERE m.tenant_id = u.tenant_id AND m.cell_id = u.id AND m.kind = 'REGULAR'
                   AND m.status IN ('HELD', 'MINUTES_APPROVED') AND m.held_at >= $3 AND m.held_at < $4) AS months
       FROM ${this.table(OrgUnitProjection)} u
       CROSS JOIN LATERAL (
         SELECT count(*) AS scored, count(*) FILTER (WHERE s.level = 'GOOD') AS good
         FROM ${this.table(MeetingScoreRecord)} s
         JOIN ${meeting} m ON m.tenant_id = s.tenant_id AND m.id = s.meeting_id
         WHERE m.tenant_id = u.tenant_id AND m.cell_id = u.id AND m.held_at >= $3 AND m.held_at < $4) sc
       WHERE u.tenant_id = $1 AND u.path LIKE $2 AND u.kind IN ('CELL', 'BASE_CELL')
       ORDER BY u.path`,
      [this.tx.tenantId, `${path}%`, cal.from, cal.to, cal.quarters.map((q) => q.from), cal.quarters.map((q) => q.to)],
    );
    return rows.map((r) => ({ cellId: r.cellId, closed: r.closed, missedAThematicQuarter: r.missed, scoredMeetings: Number(r.scored), goodMeetings: Number(r.good), monthsWithRegular: Number(r.months) }));
  }

  /** The first `first` of these resolutions, oldest adopted first. */
  async resolutions(ids: readonly string[], first: number): Promise<Resolution[]> {
    if (!ids.length) return [];
    const rows = await this.tx.manager
      .createQueryBuilder(ResolutionRecord, 'r')
      .where('r.tenantId = :tenantId AND r.id = ANY(CAST(:ids AS uuid[]))', { tenantId: this.tx.tenantId, ids: [...ids] })
      .orderBy('r.adoptedOn', 'ASC')
      .addOrderBy('r.number', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(first)
      .getMany();
    return rows.map(toResolution);
  }

  /** The first `first` of these tasks, earliest due first. */
  async tasks(ids: readonly string[], first: number): Promise<ResolutionTask[]> {
    if (!ids.length) return [];
    const rows = await this.tx.manager
      .createQueryBuilder(ResolutionTaskRecord, 't')
      .where('t.tenantId = :tenantId AND t.id = ANY(CAST(:ids AS uuid[]))', { tenantId: this.tx.tenantId, ids: [...ids] })
      .orderBy('t.dueOn', 'ASC')
      .addOrderBy('t.resolutionId', 'ASC')
      .addOrderBy('t.position', 'ASC')
      .limit(first)
      .getMany();
    return rows.map(toTask);
  }

  private table(entity: Function): string {
    return this.tx.manager.getRepository(entity).metadata.tablePath
      .split('.')
      .map((p) => `"${p}"`)
      .join('.');
  }
}
