import { MeetingStatus, periodRange, type MeetingKind } from '@chibo/domain';
import { OrgUnitProjection, type Transaction } from '@chibo/service-kit';
import { NO_FIGURES, monthFiguresOf, type MonthFigures } from '../domain/dashboard';
import { AttendanceRecord } from './attendance-record';
import { ContributionRecord } from './contribution-record';
import { DashboardUnitMonthRecord } from './dashboard-figures-record';
import { MeetingRecord } from './meeting-record';
import { toMeeting } from './meeting-store';
import type { Meeting } from '../domain/meetings';

const HELD = [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED];

/**
 * The G-4/G-5 columns of one held meeting `m` (expected, present, distinct non-chair speakers),
 * one definition for the maintained figures and for a recomputation from scratch.
 */
export function heldFiguresColumns(attendance: string, contribution: string): { expected: string; present: string; speakers: string } {
  return {
    expected: `CASE WHEN m.roll_size IS NULL THEN NULL ELSE m.roll_size - m.roll_temporarily_out - (SELECT count(*) FROM ${attendance} a WHERE a.tenant_id = m.tenant_id AND a.meeting_id = m.id AND a.status IN ('EXEMPT', 'ON_DUTY')) END`,
    present: `(SELECT count(*) FROM ${attendance} a WHERE a.tenant_id = m.tenant_id AND a.meeting_id = m.id AND a.status = 'PRESENT')`,
    speakers: `(SELECT count(DISTINCT c.member_id) FROM ${contribution} c WHERE c.tenant_id = m.tenant_id AND c.meeting_id = m.id AND c.member_id IS DISTINCT FROM m.chair_member_id)`,
  };
}

/**
 * One tenant's maintained figures computed from its held meetings in one statement: for rows
 * written in bulk (the generator's COPY), where no per-meeting event keeps them.
 */
export const REBUILD_TENANT_FIGURES_SQL = (() => {
  const c = heldFiguresColumns('"meetings"."attendance"', '"meetings"."contribution"');
  return `INSERT INTO "meetings"."dashboard_unit_month" (tenant_id, org_unit_id, month, meetings_held, regular_held, thematic_held, expected, present, speakers)
    SELECT tenant_id, cell_id, month, count(*), count(*) FILTER (WHERE kind = 'REGULAR'), count(*) FILTER (WHERE kind = 'THEMATIC'),
           coalesce(sum(expected), 0), coalesce(sum(present) FILTER (WHERE expected IS NOT NULL), 0), coalesce(sum(speakers) FILTER (WHERE expected IS NOT NULL), 0)
    FROM (
      SELECT m.tenant_id, m.cell_id, m.kind, to_char((m.held_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM') AS month,
             ${c.expected} AS expected, ${c.present} AS present, ${c.speakers} AS speakers
      FROM "meetings"."meeting" m
      WHERE m.tenant_id = $1 AND m.status IN ('HELD', 'MINUTES_APPROVED') AND m.held_at IS NOT NULL
    ) held
    GROUP BY tenant_id, cell_id, month
    ON CONFLICT (tenant_id, org_unit_id, month) DO UPDATE SET meetings_held = EXCLUDED.meetings_held, regular_held = EXCLUDED.regular_held,
      thematic_held = EXCLUDED.thematic_held, expected = EXCLUDED.expected, present = EXCLUDED.present, speakers = EXCLUDED.speakers`;
})();

/** The maintained dashboard figures (bảng theo dõi): per unit and month, summed over a subtree. */
export class DashboardStore {
  constructor(private readonly tx: Transaction) {}

  private table(entity: Function): string {
    return this.tx.manager
      .getRepository(entity)
      .metadata.tablePath.split('.')
      .map((p) => `"${p}"`)
      .join('.');
  }

  /**
   * Recomputes one unit's figures for one month from its meetings of that month: cheap (a cell
   * holds a few meetings a month), idempotent, and it heals anything an earlier event got wrong.
   * A meeting's month is fixed once it is held (cancelling keeps its date), so the month of the
   * event is the only one that can change. Two events of one unit never interleave their writes.
   */
  async rebuildUnitMonth(orgUnitId: string, month: string): Promise<void> {
    const range = periodRange(month);
    if (!range) throw new Error(`not a month: ${month}`);
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [`dashboard:${this.tx.tenantId}:${orgUnitId}`]);
    const c = heldFiguresColumns(this.table(AttendanceRecord), this.table(ContributionRecord));
    const rows: { kind: string; expected: string | null; present: string; speakers: string }[] = await this.tx.manager.query(
      `SELECT m.kind, ${c.expected} AS expected, ${c.present} AS present, ${c.speakers} AS speakers
       FROM ${this.table(MeetingRecord)} m
       WHERE m.tenant_id = $1 AND m.cell_id = $2 AND m.held_at >= $3 AND m.held_at < $4 AND m.status = ANY($5)`,
      [this.tx.tenantId, orgUnitId, range.from, range.to, HELD],
    );
    const figures = monthFiguresOf(rows.map((r) => ({ kind: r.kind, expected: r.expected === null ? null : Number(r.expected), present: Number(r.present), speakers: Number(r.speakers) })));
    // A month left without held meetings keeps a zero row: the service's role may not delete,
    // and zero counts as nothing.
    await this.tx.manager.upsert(DashboardUnitMonthRecord, { tenantId: this.tx.tenantId, orgUnitId, month, ...figures }, ['tenantId', 'orgUnitId', 'month']);
  }

  /** The summed figures of every unit under `path` (itself included) over the given months. */
  async sumInSubtree(path: string, months: string[]): Promise<MonthFigures> {
    const [r]: Record<keyof MonthFigures, string | null>[] = await this.tx.manager.query(
      `SELECT sum(f.meetings_held) AS "meetingsHeld", sum(f.regular_held) AS "regularHeld", sum(f.thematic_held) AS "thematicHeld",
              sum(f.expected) AS expected, sum(f.present) AS present, sum(f.speakers) AS speakers
       FROM ${this.table(DashboardUnitMonthRecord)} f
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = f.tenant_id AND u.id = f.org_unit_id
       WHERE f.tenant_id = $1 AND f.month = ANY($2) AND u.path LIKE $3`,
      [this.tx.tenantId, months, `${path}%`],
    );
    if (!r || r.meetingsHeld === null) return NO_FIGURES;
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v ?? 0)])) as unknown as MonthFigures;
  }

  /** The held meetings of the units under `path` in [from, to), latest first: a figure's drill-down. */
  async heldMeetings(path: string, from: Date, to: Date, kind: MeetingKind | null, limit: number): Promise<Meeting[]> {
    const q = this.tx.manager
      .createQueryBuilder(MeetingRecord, 'm')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = m.tenantId AND u.id = m.cellId')
      .where('m.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${path}%` })
      .andWhere('m.status IN (:...held) AND m.heldAt >= :from AND m.heldAt < :to', { held: HELD, from, to });
    if (kind) q.andWhere('m.kind = :kind', { kind });
    return (await q.orderBy('m.heldAt', 'DESC').addOrderBy('m.id').limit(limit).getMany()).map(toMeeting);
  }

  /** Cells (chi bộ) under `path` that held no meeting of `kind` in any of the months: the G-1 flags and their drill-down. */
  async cellIdsWithout(path: string, kind: MeetingKind, months: string[]): Promise<string[]> {
    const column = kind === 'REGULAR' ? 'regular_held' : kind === 'THEMATIC' ? 'thematic_held' : null;
    if (!column) throw new Error(`no maintained count for ${kind} meetings`);
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT u.id FROM ${this.table(OrgUnitProjection)} u
       WHERE u.tenant_id = $1 AND u.path LIKE $2 AND u.kind IN ('CELL', 'BASE_CELL')
         -- a cell closed (dissolved or merged, T-2) before the period began owes it nothing
         AND (u.closed_on IS NULL OR u.closed_on > to_date((SELECT min(m) FROM unnest($3::text[]) m) || '-01', 'YYYY-MM-DD'))
         AND NOT EXISTS (SELECT 1 FROM ${this.table(DashboardUnitMonthRecord)} f
           WHERE f.tenant_id = u.tenant_id AND f.org_unit_id = u.id AND f.month = ANY($3) AND f.${column} > 0)
       ORDER BY u.path`,
      [this.tx.tenantId, `${path}%`, months],
    );
    return rows.map((r) => r.id);
  }
}
