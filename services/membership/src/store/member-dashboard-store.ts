import { ON_ROLL_STATUSES, type MemberEventKind, type MemberStatus } from '@chibo/domain';
import type { Transaction } from '@chibo/service-kit';
import { DashboardMemberCategory as C, NO_MEMBERS, yearStartOf, type MemberDashboardDays, type MemberFigures, type PlacedFact } from '../domain/member-dashboard';
import { OrgUnitChangeKind, treeAsOf } from '../domain/org-unit-history';
import type { OrgUnit } from '../domain/org-units';
import { NAME_COLLATION } from './member-store';
import { MembershipStore } from './membership-store';

/**
 * The units of a subtree on a day, as SQL: by today's path when no unit moved since (the usual
 * case, one indexed prefix), else the ids of the tree as it was then (T-2).
 */
export interface SubtreeOn {
  /** A condition on an `org_unit` alias `u`, with its parameter at `$2`. */
  where: string;
  param: string | string[];
}

/** Which members a category means on the as-of day (`$3`), in SQL over `member m` with `st` its status then. */
const CATEGORY_SQL: Record<Exclude<C, C.REGULATION_213>, string> = {
  OFFICIAL: `st = 'OFFICIAL'`,
  PROBATIONARY: `st = 'PROBATIONARY'`,
  EXEMPT: `st = 'EXEMPT'`,
  ADMITTED_THIS_YEAR: `m.admitted_on BETWEEN $4 AND $3`,
  ADMITTED_IN_PERIOD: `m.admitted_on BETWEEN $5 AND $6 AND m.admitted_on <= $3`,
};

/**
 * Membership's dashboard figures, a fixed handful of statements per request whatever the size of
 * the subtree. Members whose record has not changed since the as-of day are counted from the
 * member table (its status then is its status now, but for a registered member's official date
 * still ahead); the few whose history continues after it come back as events to replay (M-10).
 */
export class MemberDashboardStore {
  constructor(private readonly tx: Transaction) {}

  private get m() {
    return this.tx.manager;
  }

  async subtreeOn(root: OrgUnit, asOf: string): Promise<SubtreeOn | null> {
    const units = new MembershipStore(this.tx);
    const moves = (await units.orgUnitChangesAfter(asOf)).filter((c) => c.kind === OrgUnitChangeKind.MOVED || c.kind === OrgUnitChangeKind.MERGED);
    if (!moves.length) return { where: 'u.path LIKE $2', param: `/${root.lineage.join('/')}/%` };
    const tree = treeAsOf(await units.allOrgUnits(), moves, root.id, asOf);
    if (!tree) return null;
    return { where: 'u.id = ANY($2::uuid[])', param: tree.map((t) => t.unit.id) };
  }

  private params(sub: SubtreeOn, days: MemberDashboardDays) {
    return [this.tx.tenantId, sub.param, days.asOf, yearStartOf(days), days.from, days.to];
  }

  /** Names the days' parameters once, so a statement using only some of them still types them all. */
  private readonly days = `WITH days AS (SELECT $3::date AS as_of, $4::date AS year_from, $5::date AS period_from, $6::date AS period_to)`;

  /** Members of the subtree unchanged since the as-of day, with `st` their status on it. */
  private stable(sub: SubtreeOn) {
    return `SELECT m.*, CASE WHEN m.status = 'OFFICIAL' AND m.official_on > $3 THEN 'PROBATIONARY' ELSE m.status END AS st
              FROM membership.member m JOIN membership.org_unit u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
             WHERE m.tenant_id = $1 AND ${sub.where}
               AND NOT EXISTS (SELECT 1 FROM membership.member_event e WHERE e.tenant_id = m.tenant_id AND e.member_id = m.id AND e.effective_on > $3)`;
  }

  private registered213(sub: SubtreeOn) {
    return `SELECT l.member_id FROM membership.residence_liaison l
              JOIN membership.org_unit u ON u.tenant_id = l.tenant_id AND u.id = l.residence_org_unit_id
              JOIN membership.member rm ON rm.tenant_id = l.tenant_id AND rm.id = l.member_id
             WHERE l.tenant_id = $1 AND ${sub.where} AND l.introduced_on <= $3 AND rm.status IN (${ON_ROLL_STATUSES.map((s) => `'${s}'`).join(', ')})`;
  }

  /** The six counts of the unchanged members, in one statement. */
  async counts(sub: SubtreeOn, days: MemberDashboardDays): Promise<MemberFigures> {
    const [row] = await this.m.query(
      `${this.days}
       SELECT count(*) FILTER (WHERE ${CATEGORY_SQL.OFFICIAL})::int AS "officialMembers",
              count(*) FILTER (WHERE ${CATEGORY_SQL.PROBATIONARY})::int AS "probationaryMembers",
              count(*) FILTER (WHERE ${CATEGORY_SQL.EXEMPT})::int AS "exemptMembers",
              (SELECT count(*)::int FROM (${this.registered213(sub)}) r) AS "regulation213Members",
              count(*) FILTER (WHERE ${CATEGORY_SQL.ADMITTED_THIS_YEAR})::int AS "membersAdmittedThisYear",
              count(*) FILTER (WHERE ${CATEGORY_SQL.ADMITTED_IN_PERIOD})::int AS "membersAdmittedInPeriod"
         FROM (${this.stable(sub)}) m`,
      this.params(sub, days),
    );
    return { ...NO_MEMBERS, ...row };
  }

  /** The first `limit` unchanged members of a category, in Vietnamese name order: ids only. */
  async memberIds(sub: SubtreeOn, days: MemberDashboardDays, category: C, limit: number): Promise<string[]> {
    const sql =
      category === C.REGULATION_213
        ? `SELECT m.id FROM membership.member m WHERE m.tenant_id = $1 AND m.id IN (${this.registered213(sub)})`
        : `SELECT m.id FROM (${this.stable(sub)}) m WHERE ${CATEGORY_SQL[category]}`;
    const rows: { id: string }[] = await this.m.query(`${this.days} ${sql} ORDER BY m.full_name COLLATE ${NAME_COLLATION}, m.id LIMIT ${Math.trunc(limit)}`, this.params(sub, days));
    return rows.map((r) => r.id);
  }

  /**
   * Every event up to the as-of day of the members whose history goes on after it and who were
   * in the subtree at some point by then, each marked with whether its cell is in the subtree.
   */
  async changedMembersFacts(sub: SubtreeOn, days: MemberDashboardDays): Promise<PlacedFact[]> {
    const rows: {
      member_id: string;
      kind: string;
      effective_on: string;
      sequence: number;
      cell_id: string;
      registered_status: string | null;
      admitted_on: string | null;
      official_on: string | null;
      in_subtree: boolean;
    }[] = await this.m.query(
      `SELECT e.member_id, e.kind, e.effective_on::text, e.sequence, e.cell_id, e.registered_status, e.admitted_on::text, e.official_on::text,
              (${sub.where}) AS in_subtree
         FROM membership.member_event e JOIN membership.org_unit u ON u.tenant_id = e.tenant_id AND u.id = e.cell_id
        WHERE e.tenant_id = $1 AND e.effective_on <= $3
          AND e.member_id IN (SELECT later.member_id FROM membership.member_event later WHERE later.tenant_id = $1 AND later.effective_on > $3)
          AND e.member_id IN (SELECT x.member_id FROM membership.member_event x JOIN membership.org_unit u ON u.tenant_id = x.tenant_id AND u.id = x.cell_id
                               WHERE x.tenant_id = $1 AND x.effective_on <= $3 AND ${sub.where})`,
      [this.tx.tenantId, sub.param, days.asOf],
    );
    return rows.map((r) => ({
      memberId: r.member_id,
      kind: r.kind as MemberEventKind,
      effectiveOn: r.effective_on,
      sequence: r.sequence,
      cellId: r.cell_id,
      registeredStatus: r.registered_status as MemberStatus | null,
      admittedOn: r.admitted_on,
      officialOn: r.official_on,
      inSubtree: r.in_subtree,
    }));
  }
}
