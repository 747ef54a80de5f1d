import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import {
  DisciplineCaseStatus,
  DisciplineForm,
  Gender,
  InspectionKind,
  InspectionStatus,
  MemberStatus,
  OrgUnitKind,
  Role,
  SupervisionKind,
  VN_CALENDAR_LENIENT,
  type GeneratedMember,
  type GeneratedOrgUnit,
  type GeneratedTenant,
} from '@chibo/domain';
import { useStack } from '@chibo/testkit';
import { CASE_TRANSITIONS, ballotCarries, type CaseTransition } from '../src/domain/discipline-case';
import { authorityFor, complaintFilingDeadline, requireFormAllowed, requireNotDeferred, requireWithinLimitation } from '../src/domain/discipline-rules';
import { INSPECTION_STEPS } from '../src/domain/inspections';
import { generateInspection } from '../src/store/generate';

/** A small city built here as data, the way membership's generator hands it over. */
function smallCity(o: { seed: number; cells: number; membersPerCell: number; from: string; to: string }): GeneratedTenant {
  const units: GeneratedOrgUnit[] = [];
  const members: GeneratedMember[] = [];
  const root = { id: randomUUID(), parentId: null, kind: OrgUnitKind.COMMITTEE, name: 'Đảng bộ thành phố', validFrom: '2015-01-01' };
  units.push(root);
  const wards = [0, 1].map((i) => ({ id: randomUUID(), parentId: root.id, kind: OrgUnitKind.COMMITTEE, name: `Đảng bộ phường ${i + 1}`, validFrom: '2015-01-01' }));
  units.push(...wards);
  for (let c = 0; c < o.cells; c++) {
    const kind = c === 0 ? OrgUnitKind.BASE_CELL : OrgUnitKind.CELL;
    const cell = { id: randomUUID(), parentId: kind === OrgUnitKind.BASE_CELL ? root.id : wards[c % 2].id, kind, name: `Chi bộ ${c + 1}`, validFrom: '2016-03-01' };
    units.push(cell);
    for (let m = 0; m < o.membersPerCell; m++) {
      const status = m % 20 === 0 ? MemberStatus.EXEMPT : m % 7 === 0 ? MemberStatus.PROBATIONARY : MemberStatus.OFFICIAL;
      members.push({
        id: randomUUID(), cellId: cell.id, fullName: `Đảng viên ${c}-${m}`, gender: m % 2 ? Gender.FEMALE : Gender.MALE, birthDate: '1975-05-05',
        admittedOn: status === MemberStatus.PROBATIONARY ? '2025-10-01' : '2005-05-19', officialOn: status === MemberStatus.PROBATIONARY ? null : '2006-05-19', status,
      });
    }
  }
  return { tenantId: randomUUID(), name: 'Thành phố thử', scale: 'demo', seed: o.seed, from: o.from, to: o.to, units, members };
}

describe('generateInspection: demo volumes that obey the rules', () => {
  const stack = useStack();

  async function generate(tenant: GeneratedTenant, asTenant = tenant.tenantId) {
    const sql = await stack().sql('inspection', 'app');
    try {
      await sql.query('BEGIN');
      await sql.query(`SELECT set_config('app.tenant_id', $1, true)`, [asTenant]);
      const counts = await generateInspection(sql, tenant);
      await sql.query('COMMIT');
      return counts;
    } catch (e) {
      await sql.query('ROLLBACK');
      throw e;
    } finally {
      await sql.end();
    }
  }

  async function read<T>(tenantId: string, query: string): Promise<T[]> {
    const sql: Client = await stack().sql('inspection', 'app');
    try {
      await sql.query('BEGIN');
      await sql.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const { rows } = await sql.query(query);
      await sql.query('COMMIT');
      return rows as T[];
    } finally {
      await sql.end();
    }
  }

  it('a small city: every form, state and kind, dates consistent with D-2 … D-7, deterministic from the seed, readable by its inspectors', async () => {
    const tenant = smallCity({ seed: 2026, cells: 7, membersPerCell: 25, from: '2024-01-01', to: '2026-06-30' });
    const counts = await generate(tenant);
    expect(counts.disciplineCases).toBeGreaterThanOrEqual(13);
    expect(counts.supervisions + counts.inspections).toBeGreaterThanOrEqual(10 * counts.disciplineCases);
    expect(counts.supervisions + counts.inspections).toBeLessThanOrEqual(50 * counts.disciplineCases);

    const cases = await read<any>(tenant.tenantId, 'SELECT * FROM inspection.discipline_case');
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(Object.values(DisciplineCaseStatus)));
    expect(new Set(cases.filter((c) => c.form).map((c) => c.form))).toEqual(new Set(Object.values(DisciplineForm)));
    expect(new Set(cases.filter((c) => c.complaint?.outcome).map((c) => c.complaint.outcome))).toEqual(new Set(['UPHELD', 'REDUCED', 'ANNULLED']));

    const units = new Map(tenant.units.map((u) => [u.id, u]));
    const lineage = (id: string): string[] => (units.get(id)!.parentId ? [...lineage(units.get(id)!.parentId!), id] : [id]);
    const body = (id: string) => ({ orgUnitId: id, orgUnitKind: units.get(id)!.kind, lineage: lineage(id) });
    const inspections = new Map((await read<any>(tenant.tenantId, 'SELECT * FROM inspection.inspection')).map((i) => [i.id, i]));
    const day = (d: string | Date | null) => (d instanceof Date ? new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10) : d);
    for (const c of cases) {
      const history = c.history as CaseTransition[];
      // D-7: each step is one the workflow allows, in date order, none after the span.
      history.slice(1).forEach((h, i) => {
        expect([c.id, CASE_TRANSITIONS[history[i].to]]).toEqual([c.id, expect.arrayContaining([h.to])]);
        expect(h.on >= history[i].on).toBe(true);
      });
      expect(history[history.length - 1].to).toBe(c.status);
      expect(history[history.length - 1].on <= tenant.to).toBe(true);
      const place = { subjectKind: c.subject_kind, orgUnitId: c.org_unit_id, lineage: lineage(c.org_unit_id) };
      if (c.form) {
        const decidedOn = day(c.decided_on)!;
        requireFormAllowed({ kind: c.subject_kind, holdsPost: c.holds_post }, c.form); // D-3
        expect(authorityFor(body(c.deciding_org_unit_id), place, c.form)).toBe('IMPOSE'); // D-4
        requireWithinLimitation(c.violations, c.form, decidedOn); // D-5
        requireNotDeferred(c.deferrals, decidedOn); // D-6
        expect(ballotCarries(c.ballot)).toBe(true);
      }
      if (c.status === 'PROPOSED_UPWARD') expect(authorityFor(body(c.deliberating_org_unit_id), place, c.proposed_form)).toBe('PROPOSE_UPWARD');
      // D-7: a complaint within 30 working days of the announcement.
      if (c.complaint) expect(c.complaint.filedOn <= complaintFilingDeadline(day(c.announced_on)!, VN_CALENDAR_LENIENT)).toBe(true);
      // D-2: a case opened by an inspection follows its conclusion with a violation.
      if (c.inspection_id) {
        const i = inspections.get(c.inspection_id);
        expect([i.status, i.violation_found, day(i.concluded_on)! <= day(c.opened_on)!]).toEqual(['CONCLUDED', true, true]);
      }
      if (c.subject_member_id) expect(c.subject).toMatchObject({ name: tenant.members.find((m) => m.id === c.subject_member_id)!.fullName });
    }
    expect(new Set([...inspections.values()].map((i) => i.kind))).toEqual(new Set(Object.values(InspectionKind)));
    expect(new Set([...inspections.values()].map((i) => i.status))).toEqual(new Set(Object.values(InspectionStatus)));
    for (const i of inspections.values()) {
      i.history.slice(1).forEach((h: { to: InspectionStatus; on: string }, k: number) => {
        expect(INSPECTION_STEPS[i.history[k].to as InspectionStatus]).toContain(h.to);
        expect(h.on >= i.history[k].on).toBe(true);
      });
    }
    const supervisions = await read<any>(tenant.tenantId, 'SELECT kind, status, plan_item_id FROM inspection.supervision');
    expect(new Set(supervisions.map((s) => `${s.kind}/${s.status}`))).toEqual(new Set([`${SupervisionKind.REGULAR}/OPEN`, `${SupervisionKind.REGULAR}/CONCLUDED`, `${SupervisionKind.THEMATIC}/OPEN`, `${SupervisionKind.THEMATIC}/CONCLUDED`]));
    const plans = await read<any>(tenant.tenantId, 'SELECT items FROM inspection.inspection_plan');
    const planItems = new Set(plans.flatMap((p) => p.items.map((i: { id: string }) => i.id)));
    expect(supervisions.filter((s) => s.plan_item_id).every((s) => planItems.has(s.plan_item_id))).toBe(true);

    // The same seed gives the same tenant.
    const twin = { ...tenant, tenantId: randomUUID() };
    await generate(twin);
    const shape = (rows: any[]) => rows.map((c) => [c.id, c.status, c.form, day(c.opened_on)]).sort();
    expect(shape(await read<any>(twin.tenantId, 'SELECT * FROM inspection.discipline_case'))).toEqual(shape(cases));

    // Through the gateway, the city's inspectors count every case; a ward's staff only their subtree's.
    const inspector = stack().client(await stack().token({ tenantId: tenant.tenantId, roles: [Role.INSPECTOR], scopeOrgUnitId: tenant.units[0].id }));
    const COUNTS = 'query($u: ID!) { disciplineCaseCounts(orgUnitId: $u) { total } }';
    expect((await inspector.ok(COUNTS, { u: tenant.units[0].id })).disciplineCaseCounts.total).toBe(counts.disciplineCases);
    const ward = tenant.units[1];
    const wardCases = cases.filter((c) => lineage(c.org_unit_id).includes(ward.id)).length;
    const staff = stack().client(await stack().token({ tenantId: tenant.tenantId, roles: [Role.COMMITTEE_STAFF], scopeOrgUnitId: ward.id }));
    expect((await staff.ok(COUNTS, { u: ward.id })).disciplineCaseCounts.total).toBe(wardCases);
    expect(wardCases).toBeLessThan(counts.disciplineCases);
  });

  it('Hà Tĩnh’s scale: about 30–40 cases a year for 8,400 members, and 10–50 times as many supervisions and inspections', async () => {
    const tenant = smallCity({ seed: 7, cells: 240, membersPerCell: 35, from: '2025-01-01', to: '2025-12-31' });
    const counts = await generate(tenant);
    expect(counts.disciplineCases).toBeGreaterThanOrEqual(30);
    expect(counts.disciplineCases).toBeLessThanOrEqual(40);
    const ratio = (counts.supervisions + counts.inspections) / counts.disciplineCases;
    expect(ratio).toBeGreaterThanOrEqual(10);
    expect(ratio).toBeLessThanOrEqual(50);
  });

  it('T-1: rows for one tenant cannot be written while another tenant is set (row-level security checks every copied row)', async () => {
    const tenant = smallCity({ seed: 1, cells: 2, membersPerCell: 5, from: '2025-01-01', to: '2025-12-31' });
    await expect(generate(tenant, randomUUID())).rejects.toThrow(/row-level security/);
    expect(await read(tenant.tenantId, 'SELECT 1 FROM inspection.discipline_case')).toEqual([]);
  });
});
