import type { Transaction } from '@chibo/service-kit';

/** The form in force: a complaint may have reduced it (D-7). */
export const EFFECTIVE_FORM = `CASE WHEN c.complaint->>'outcome' = 'REDUCED' THEN c.complaint->>'reducedForm' ELSE c.form END`;
/** An annulled decision no longer counts (D-7: annulled ⇒ rights restored). */
export const NOT_ANNULLED = `coalesce(c.complaint->>'outcome', '') <> 'ANNULLED'`;

export interface InspectionReportRows {
  supervisions: { kind: string; started: number; concluded: number; signsOfViolation: number }[];
  inspections: { kind: string; decided: number; concluded: number; violationsFound: number }[];
  casesOpened: number;
  decisions: { form: string; n: number }[];
}

/** Counts for D-9 over the units under `path`, between two dates inclusive; figures only, no record. */
export class ReportStore {
  constructor(private readonly tx: Transaction) {}

  async counts(path: string, from: string, to: string): Promise<InspectionReportRows> {
    const q = (sql: string) => this.tx.manager.query(sql, [this.tx.tenantId, `${path}%`, from, to]);
    const inSubtree = (alias: string) =>
      `${alias}.tenant_id = $1 AND EXISTS (SELECT 1 FROM inspection.org_unit u WHERE u.tenant_id = ${alias}.tenant_id AND u.id = ${alias}.org_unit_id AND u.path LIKE $2)`;
    const supervisions = await q(`
      SELECT kind,
             count(*) FILTER (WHERE started_on BETWEEN $3 AND $4)::int AS started,
             count(*) FILTER (WHERE concluded_on BETWEEN $3 AND $4)::int AS concluded,
             count(*) FILTER (WHERE concluded_on BETWEEN $3 AND $4 AND signs_of_violation)::int AS "signsOfViolation"
        FROM inspection.supervision s WHERE ${inSubtree('s')} GROUP BY kind ORDER BY kind`);
    const inspections = await q(`
      SELECT kind,
             count(*) FILTER (WHERE decided_on BETWEEN $3 AND $4)::int AS decided,
             count(*) FILTER (WHERE concluded_on BETWEEN $3 AND $4)::int AS concluded,
             count(*) FILTER (WHERE concluded_on BETWEEN $3 AND $4 AND violation_found)::int AS "violationsFound"
        FROM inspection.inspection i WHERE ${inSubtree('i')} GROUP BY kind ORDER BY kind`);
    const [opened] = await q(`SELECT count(*)::int AS n FROM inspection.discipline_case c WHERE ${inSubtree('c')} AND opened_on BETWEEN $3 AND $4`);
    const decisions = await q(`
      SELECT ${EFFECTIVE_FORM} AS form, count(*)::int AS n FROM inspection.discipline_case c
       WHERE ${inSubtree('c')} AND form IS NOT NULL AND decided_on BETWEEN $3 AND $4 AND ${NOT_ANNULLED}
       GROUP BY 1 ORDER BY 1`);
    return { supervisions, inspections, casesOpened: opened.n, decisions };
  }
}
