import { AgendaCategory, MeetingStatus, periodRange, type MeetingKind } from '@chibo/domain';
import { In } from 'typeorm';
import { OrgUnitProjection, type Transaction } from '@chibo/service-kit';
import { NO_FIGURES, monthFiguresWith, type MonthFigures } from '../domain/dashboard';
import { QualityLevel } from '../domain/quality';
import type { MeetingRuleSet } from '../domain/rule-set';
import { AgendaItemRecord } from './agenda-item-record';
import { AttendanceRecord } from './attendance-record';
import { ContributionRecord } from './contribution-record';
import { DashboardUnitMonthRecord } from './dashboard-figures-record';
import { MeetingRecord } from './meeting-record';
import { toMeeting } from './meeting-store';
import { MeetingScoreRecord } from './quality-records';
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
 * G-6 and G-7 of the held meetings in relation `held` (alias m), each as one grouped aggregate
 * rather than a subquery per meeting: actual minutes per (group, category) — items without
 * actual minutes count nothing — and scored meetings per (group, level).
 */
export function contentAndLevelSql(agendaItem: string, score: string, groupBy: string[]): { minutes: string; levels: string } {
  const keys = groupBy.map((k) => `m.${k}`);
  const select = keys.length ? `${keys.join(', ')}, ` : '';
  const group = (extra: string) => `GROUP BY ${[...keys, extra].join(', ')}`;
  return {
    minutes: `SELECT ${select}i.category, sum(i.actual_minutes) AS minutes FROM ${agendaItem} i JOIN held m ON i.tenant_id = m.tenant_id AND i.meeting_id = m.id
      WHERE i.actual_minutes IS NOT NULL ${group('i.category')}`,
    levels: `SELECT ${select}s.level, count(*) AS n FROM ${score} s JOIN held m ON s.tenant_id = m.tenant_id AND s.meeting_id = m.id ${group('s.level')}`,
  };
}

const snake = (s: string) => s.toLowerCase();
/** The maintained column of each category's minutes and each level's count, in the table. */
export const MINUTES_COLUMNS = Object.values(AgendaCategory).map((c) => ({ category: c, column: `minutes_${snake(c)}`, property: camel(`minutes_${snake(c)}`) }));
export const LEVEL_COLUMNS = Object.values(QualityLevel).map((l) => ({ level: l, column: `level_${snake(l)}`, property: camel(`level_${snake(l)}`) }));

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The table's columns of one unit-month's figures. */
function toColumns(f: MonthFigures): Record<string, number> {
  const out: Record<string, number> = { meetingsHeld: f.meetingsHeld, regularHeld: f.regularHeld, thematicHeld: f.thematicHeld, expected: f.expected, present: f.present, speakers: f.speakers };
  for (const c of MINUTES_COLUMNS) out[c.property] = f.minutes[c.category];
  for (const l of LEVEL_COLUMNS) out[l.property] = f.levels[l.level];
  return out;
}

/** The summing expressions of every maintained column over rows `f` of the table. */
const SUMS = [
  ['meetings_held', 'meetingsHeld'],
  ['regular_held', 'regularHeld'],
  ['thematic_held', 'thematicHeld'],
  ['expected', 'expected'],
  ['present', 'present'],
  ['speakers', 'speakers'],
  ...MINUTES_COLUMNS.map((c) => [c.column, c.property]),
  ...LEVEL_COLUMNS.map((l) => [l.column, l.property]),
]
  .map(([column, alias]) => `sum(f.${column}) AS "${alias}"`)
  .join(', ');

function fromSums(r: Record<string, string | null>): MonthFigures {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    meetingsHeld: n('meetingsHeld'),
    regularHeld: n('regularHeld'),
    thematicHeld: n('thematicHeld'),
    expected: n('expected'),
    present: n('present'),
    speakers: n('speakers'),
    minutes: Object.fromEntries(MINUTES_COLUMNS.map((c) => [c.category, n(c.property)])) as MonthFigures['minutes'],
    levels: Object.fromEntries(LEVEL_COLUMNS.map((l) => [l.level, n(l.property)])) as MonthFigures['levels'],
  };
}

/** A rule set version as the G-6 drill-down's SQL picks it per meeting date. */
export type ShareVersion = Pick<MeetingRuleSet, 'version' | 'effectiveFrom' | 'professionalShareMax'>;

/**
 * One tenant's maintained figures computed from its held meetings in one statement: for rows
 * written in bulk (the generator's COPY), where no per-meeting event keeps them.
 */
export const REBUILD_TENANT_FIGURES_SQL = (() => {
  const c = heldFiguresColumns('"meetings"."attendance"', '"meetings"."contribution"');
  const g = contentAndLevelSql('"meetings"."agenda_item"', '"meetings"."meeting_score"', ['tenant_id', 'cell_id', 'month']);
  const extra = [...MINUTES_COLUMNS.map((m) => m.column), ...LEVEL_COLUMNS.map((l) => l.column)];
  const key = 'USING (tenant_id, cell_id, month)';
  return `WITH held AS MATERIALIZED (
      SELECT m.*, to_char((m.held_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM') AS month
      FROM "meetings"."meeting" m
      WHERE m.tenant_id = $1 AND m.status IN ('HELD', 'MINUTES_APPROVED') AND m.held_at IS NOT NULL
    ), base AS (
      SELECT tenant_id, cell_id, month, count(*) AS meetings_held, count(*) FILTER (WHERE kind = 'REGULAR') AS regular_held, count(*) FILTER (WHERE kind = 'THEMATIC') AS thematic_held,
             coalesce(sum(expected), 0) AS expected, coalesce(sum(present) FILTER (WHERE expected IS NOT NULL), 0) AS present, coalesce(sum(speakers) FILTER (WHERE expected IS NOT NULL), 0) AS speakers
      FROM (SELECT m.tenant_id, m.cell_id, m.kind, m.month, ${c.expected} AS expected, ${c.present} AS present, ${c.speakers} AS speakers FROM held m) h
      GROUP BY tenant_id, cell_id, month
    ), minutes AS (
      SELECT tenant_id, cell_id, month, ${MINUTES_COLUMNS.map((m) => `sum(minutes) FILTER (WHERE category = '${m.category}') AS ${m.column}`).join(', ')}
      FROM (${g.minutes}) x GROUP BY tenant_id, cell_id, month
    ), levels AS (
      SELECT tenant_id, cell_id, month, ${LEVEL_COLUMNS.map((l) => `sum(n) FILTER (WHERE level = '${l.level}') AS ${l.column}`).join(', ')}
      FROM (${g.levels}) x GROUP BY tenant_id, cell_id, month
    )
    INSERT INTO "meetings"."dashboard_unit_month" (tenant_id, org_unit_id, month, meetings_held, regular_held, thematic_held, expected, present, speakers, ${extra.join(', ')})
    SELECT tenant_id, cell_id, month, meetings_held, regular_held, thematic_held, expected, present, speakers, ${extra.map((e) => `coalesce(${e}, 0)`).join(', ')}
    FROM base LEFT JOIN minutes ${key} LEFT JOIN levels ${key}
    ON CONFLICT (tenant_id, org_unit_id, month) DO UPDATE SET meetings_held = EXCLUDED.meetings_held, regular_held = EXCLUDED.regular_held,
      thematic_held = EXCLUDED.thematic_held, expected = EXCLUDED.expected, present = EXCLUDED.present, speakers = EXCLUDED.speakers,
      ${extra.map((e) => `${e} = EXCLUDED.${e}`).join(', ')}`;
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
    const g = contentAndLevelSql(this.table(AgendaItemRecord), this.table(MeetingScoreRecord), []);
    // One round trip: the meetings' G-4/G-5 facts, and the month's G-6 minutes and G-7 levels as one aggregate each.
    const [r]: { meetings: { kind: string; expected: number | null; present: number; speakers: number }[]; minutes: Record<string, number>; levels: Record<string, number> }[] =
      await this.tx.manager.query(
        `WITH held AS MATERIALIZED (
           SELECT m.* FROM ${this.table(MeetingRecord)} m
           WHERE m.tenant_id = $1 AND m.cell_id = $2 AND m.held_at >= $3 AND m.held_at < $4 AND m.status = ANY($5))
         SELECT (SELECT coalesce(json_agg(x), '[]'::json) FROM (SELECT m.kind, ${c.expected} AS expected, ${c.present} AS present, ${c.speakers} AS speakers FROM held m) x) AS meetings,
                (SELECT coalesce(json_object_agg(x.category, x.minutes), '{}'::json) FROM (${g.minutes}) x) AS minutes,
                (SELECT coalesce(json_object_agg(x.level, x.n), '{}'::json) FROM (${g.levels}) x) AS levels`,
        [this.tx.tenantId, orgUnitId, range.from, range.to, HELD],
      );
    const figures = monthFiguresWith(
      r!.meetings.map((m) => ({ kind: m.kind, expected: m.expected === null ? null : Number(m.expected), present: Number(m.present), speakers: Number(m.speakers) })),
      Object.fromEntries(Object.entries(r!.minutes).map(([k, v]) => [k, Number(v)])),
      Object.fromEntries(Object.entries(r!.levels).map(([k, v]) => [k, Number(v)])),
    );
    // A month left without held meetings keeps a zero row: the service's role may not delete,
    // and zero counts as nothing.
    await this.tx.manager.upsert(DashboardUnitMonthRecord, { tenantId: this.tx.tenantId, orgUnitId, month, ...toColumns(figures) }, ['tenantId', 'orgUnitId', 'month']);
  }

  /** The summed figures of every unit under `path` (itself included) over the given months. */
  async sumInSubtree(path: string, months: string[]): Promise<MonthFigures> {
    const [r]: Record<string, string | null>[] = await this.tx.manager.query(
      `SELECT ${SUMS}
       FROM ${this.table(DashboardUnitMonthRecord)} f
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = f.tenant_id AND u.id = f.org_unit_id
       WHERE f.tenant_id = $1 AND f.month = ANY($2) AND u.path LIKE $3`,
      [this.tx.tenantId, months, `${path}%`],
    );
    if (!r || r.meetingsHeld === null) return NO_FIGURES;
    return fromSums(r);
  }

  /**
   * The cell-months (chi bộ × tháng) owing a regular meeting under `path` (G-1): every cell
   * open in each of the months. A cell closed (dissolved or merged, T-2) owes nothing from the
   * month after it closed; the org tree keeps no founding date, so a cell owes every month until then.
   */
  private dueCellMonths(): string {
    return `SELECT u.id, u.path, mo.month, coalesce(f.regular_held, 0) > 0 AS met
      FROM ${this.table(OrgUnitProjection)} u
      CROSS JOIN unnest($3::text[]) AS mo(month)
      LEFT JOIN ${this.table(DashboardUnitMonthRecord)} f ON f.tenant_id = u.tenant_id AND f.org_unit_id = u.id AND f.month = mo.month
      WHERE u.tenant_id = $1 AND u.path LIKE $2 AND u.kind IN ('CELL', 'BASE_CELL')
        AND (u.closed_on IS NULL OR u.closed_on > to_date(mo.month || '-01', 'YYYY-MM-DD'))`;
  }

  /** G-1 over the months: cell-months due, those with a regular meeting, and the cells that missed at least one. */
  async regularMeetingsDue(path: string, months: string[]): Promise<{ due: number; met: number; cellsMissing: number }> {
    if (!months.length) return { due: 0, met: 0, cellsMissing: 0 };
    const [r]: { due: string; met: string; cellsMissing: string }[] = await this.tx.manager.query(
      `SELECT count(*) AS due, count(*) FILTER (WHERE met) AS met, count(DISTINCT id) FILTER (WHERE NOT met) AS "cellsMissing" FROM (${this.dueCellMonths()}) d`,
      [this.tx.tenantId, `${path}%`, months],
    );
    return { due: Number(r!.due), met: Number(r!.met), cellsMissing: Number(r!.cellsMissing) };
  }

  /** The due cell-months without a regular meeting, oldest month first, then by the tree: the drill-down of G-1. */
  async missedRegularMeetings(path: string, months: string[], limit: number): Promise<{ cellId: string; month: string }[]> {
    if (!months.length) return [];
    const rows: { id: string; month: string }[] = await this.tx.manager.query(
      `SELECT id, month FROM (${this.dueCellMonths()}) d WHERE NOT met ORDER BY month, path LIMIT $4`,
      [this.tx.tenantId, `${path}%`, months, limit],
    );
    return rows.map((r) => ({ cellId: r.id, month: r.month }));
  }

  /** The cells that missed a due regular meeting in at least one of the months, in tree order. */
  async cellIdsMissingRegular(path: string, months: string[]): Promise<string[]> {
    if (!months.length) return [];
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT id FROM (${this.dueCellMonths()}) d WHERE NOT met GROUP BY id, path ORDER BY path`,
      [this.tx.tenantId, `${path}%`, months],
    );
    return rows.map((r) => r.id);
  }

  /**
   * G-6 drill-down: held meetings of the subtree in [from, to) whose PROFESSIONAL share of actual
   * minutes exceeds the threshold of the rule set version in force on the meeting's date, latest first.
   */
  async professionalHeavyMeetings(path: string, from: Date, to: Date, versions: ShareVersion[], limit: number): Promise<Meeting[]> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT m.id FROM ${this.table(MeetingRecord)} m
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
       CROSS JOIN LATERAL (SELECT sum(i.actual_minutes) AS total, coalesce(sum(i.actual_minutes) FILTER (WHERE i.category = 'PROFESSIONAL'), 0) AS professional
         FROM ${this.table(AgendaItemRecord)} i WHERE i.tenant_id = m.tenant_id AND i.meeting_id = m.id AND i.actual_minutes IS NOT NULL) g
       CROSS JOIN LATERAL (SELECT r.share FROM unnest($6::date[], $7::int[], $8::float8[]) AS r(effective_from, version, share)
         WHERE r.effective_from <= (m.held_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date ORDER BY r.effective_from DESC, r.version DESC LIMIT 1) rules
       WHERE m.tenant_id = $1 AND u.path LIKE $2 AND m.status = ANY($3) AND m.held_at >= $4 AND m.held_at < $5
         AND g.total > 0 AND g.professional > g.total * rules.share
       ORDER BY m.held_at DESC, m.id LIMIT $9`,
      [this.tx.tenantId, `${path}%`, HELD, from, to, versions.map((v) => v.effectiveFrom), versions.map((v) => v.version), versions.map((v) => v.professionalShareMax), limit],
    );
    return this.meetingsInOrder(rows.map((r) => r.id));
  }

  /** G-7 drill-down: held meetings of the subtree in [from, to) scored at `level`, latest first. */
  async meetingsAtQualityLevel(path: string, from: Date, to: Date, level: QualityLevel, limit: number): Promise<Meeting[]> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT m.id FROM ${this.table(MeetingRecord)} m
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
       JOIN ${this.table(MeetingScoreRecord)} s ON s.tenant_id = m.tenant_id AND s.meeting_id = m.id
       WHERE m.tenant_id = $1 AND u.path LIKE $2 AND m.status = ANY($3) AND m.held_at >= $4 AND m.held_at < $5 AND s.level = $6
       ORDER BY m.held_at DESC, m.id LIMIT $7`,
      [this.tx.tenantId, `${path}%`, HELD, from, to, level, limit],
    );
    return this.meetingsInOrder(rows.map((r) => r.id));
  }

  private async meetingsInOrder(ids: string[]): Promise<Meeting[]> {
    if (!ids.length) return [];
    const found = new Map((await this.tx.manager.findBy(MeetingRecord, { tenantId: this.tx.tenantId, id: In(ids) })).map((r) => [r.id, toMeeting(r)]));
    return ids.map((id) => found.get(id)!).filter(Boolean);
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
    const rows: { id: string }[] = await this.tx.manager.query(`SELECT u.id ${this.cellsWithout(kind)} ORDER BY u.path`, [this.tx.tenantId, `${path}%`, months]);
    return rows.map((r) => r.id);
  }

  /** How many cells `cellIdsWithout` would list: a province's top counts 8,000 cells, not their ids. */
  async countCellsWithout(path: string, kind: MeetingKind, months: string[]): Promise<number> {
    const [row]: { n: number }[] = await this.tx.manager.query(`SELECT count(*)::int AS n ${this.cellsWithout(kind)}`, [this.tx.tenantId, `${path}%`, months]);
    return row.n;
  }

  /** FROM … WHERE of the cells of a subtree ($1 tenant, $2 path prefix) with no meeting of a kind in any of months $3. */
  private cellsWithout(kind: MeetingKind): string {
    const column = kind === 'REGULAR' ? 'regular_held' : kind === 'THEMATIC' ? 'thematic_held' : null;
    if (!column) throw new Error(`no maintained count for ${kind} meetings`);
    return `FROM ${this.table(OrgUnitProjection)} u
       WHERE u.tenant_id = $1 AND u.path LIKE $2 AND u.kind IN ('CELL', 'BASE_CELL')
         -- a cell closed (dissolved or merged, T-2) before the period began owes it nothing
         AND (u.closed_on IS NULL OR u.closed_on > to_date((SELECT min(m) FROM unnest($3::text[]) m) || '-01', 'YYYY-MM-DD'))
         AND NOT EXISTS (SELECT 1 FROM ${this.table(DashboardUnitMonthRecord)} f
           WHERE f.tenant_id = u.tenant_id AND f.org_unit_id = u.id AND f.month = ANY($3) AND f.${column} > 0)`;
  }
}
