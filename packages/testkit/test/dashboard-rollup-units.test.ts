import type { Client } from 'pg';
import { MemberStatus as S, Role, monthPeriod, type GeneratedTenant } from '@chibo/domain';
import { generateTenant, useStack, type GatewayClient } from '@chibo/testkit';

const MEMBER_FIGURES = ['officialMembers', 'probationaryMembers', 'exemptMembers', 'regulation213Members', 'membersAdmittedThisYear', 'membersAdmittedInPeriod'] as const;
const INSPECTION_FIGURES = ['inspectionsConcluded', 'openSupervisions', 'supervisionsConcluded', 'decisions'] as const;
const DASHBOARD = `query($id: ID!, $period: String) { dashboard(orgUnitId: $id, period: $period) {
  ${MEMBER_FIGURES.join(' ')} inspectionsConcluded openSupervisions supervisionsConcluded disciplineDecisionsByForm { form count }
} }`;

type Figures = Record<(typeof MEMBER_FIGURES)[number] | (typeof INSPECTION_FIGURES)[number], number>;

/** What a planned member of the generator was on a day: an independent account of M-10 for the generated world. */
interface Planned {
  id: string;
  cellId: string;
  admittedOn: string;
  officialOn: string | null;
  exit: { kind: 'EXEMPTED' | 'REMOVED' | 'DECEASED'; on: string } | null;
  transfer: { fromCellId: string; startsOn: string } | null;
}

function plannedOn(m: Planned, day: string): { status: S | null; cellId: string } {
  const cellId = m.transfer && m.transfer.startsOn > day ? m.transfer.fromCellId : m.cellId;
  if (m.admittedOn > day) return { status: null, cellId };
  if (m.exit && m.exit.on <= day) return { status: m.exit.kind === 'EXEMPTED' ? S.EXEMPT : m.exit.kind === 'DECEASED' ? S.DECEASED : S.REMOVED, cellId };
  return { status: m.officialOn && m.officialOn <= day ? S.OFFICIAL : S.PROBATIONARY, cellId };
}

const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const lastDayOfQuarter = (q: string) => {
  const end = Number(q.slice(-1)) * 3;
  return new Date(Date.UTC(Number(q.slice(0, 4)), end, 0)).toISOString().slice(0, 10);
};

/**
 * Roll-ups of the member and inspection figures on a generated city (Hà Tĩnh's size), through
 * the gateway: a committee's figure is the sum of its children's plus what is recorded on the
 * committee itself, and the city's member counts match the generator's own account of who was
 * what on the day — today, and at the end of a past quarter.
 */
describe('member and inspection figures roll up a generated city', () => {
  const stack = useStack();
  let city: GeneratedTenant;
  let inspector: GatewayClient;
  let db: Client;
  const children = new Map<string, string[]>();

  beforeAll(async () => {
    city = await generateTenant(stack().options.adminUrl, { scale: 'city', name: 'Đảng bộ thành phố cộng dồn (sinh)', seed: 23 });
    inspector = stack().client(await stack().token({ tenantId: city.tenantId, roles: [Role.INSPECTOR], scopeOrgUnitId: city.units[0].id }));
    for (const u of city.units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    db = await stack().sql('inspection', 'admin');
  }, 180_000);

  afterAll(async () => {
    await db?.end();
  });

  const figures = async (id: string, period: string): Promise<Figures> => {
    const d = (await inspector.ok(DASHBOARD, { id, period })).dashboard;
    return { ...d, decisions: (d.disciplineDecisionsByForm as { count: number }[]).reduce((n, r) => n + r.count, 0) };
  };

  /** Inspection work recorded on the unit itself (not below it), for the same period. */
  async function ownInspectionWork(unitId: string, from: string, to: string, asOf: string): Promise<Record<(typeof INSPECTION_FIGURES)[number], number>> {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM inspection.inspection WHERE tenant_id = $1 AND org_unit_id = $2 AND concluded_on BETWEEN $3 AND $4) AS "inspectionsConcluded",
              (SELECT count(*)::int FROM inspection.supervision WHERE tenant_id = $1 AND org_unit_id = $2 AND started_on <= $5 AND (concluded_on IS NULL OR concluded_on > $5)) AS "openSupervisions",
              (SELECT count(*)::int FROM inspection.supervision WHERE tenant_id = $1 AND org_unit_id = $2 AND concluded_on BETWEEN $3 AND $4) AS "supervisionsConcluded",
              (SELECT count(*)::int FROM inspection.discipline_case c WHERE tenant_id = $1 AND org_unit_id = $2 AND form IS NOT NULL AND decided_on BETWEEN $3 AND $4
                  AND coalesce(c.complaint->>'outcome', '') <> 'ANNULLED') AS decisions`,
      [city.tenantId, unitId, from, to, asOf],
    );
    return rows[0];
  }

  it('a committee is the sum of its children (plus its own inspection work), for this month, the last quarter and this year', async () => {
    const today = city.to;
    const lastQuarterEnd = new Date(Date.UTC(Number(today.slice(0, 4)), Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3, 0)).toISOString().slice(0, 10);
    const periods = [
      { period: monthPeriod(new Date()), from: `${today.slice(0, 7)}-01`, to: today, asOf: today },
      { period: quarterOf(lastQuarterEnd), from: `${lastQuarterEnd.slice(0, 5)}${String(Number(lastQuarterEnd.slice(5, 7)) - 2).padStart(2, '0')}-01`, to: lastQuarterEnd, asOf: lastQuarterEnd },
      { period: today.slice(0, 4), from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31`, asOf: today },
    ];
    const root = city.units[0].id;
    // The city, and three grassroots committees with cells under them.
    const committees = [root, ...(children.get(root) ?? []).filter((id) => (children.get(id)?.length ?? 0) > 0).slice(0, 3)];
    expect(committees.length).toBe(4);
    let checked = 0;
    for (const { period, from, to, asOf } of periods) {
      for (const unit of committees) {
        const kids = children.get(unit)!;
        const own = await figures(unit, period);
        const parts = await Promise.all(kids.map((k) => figures(k, period)));
        const ownWork = await ownInspectionWork(unit, from, to, asOf);
        for (const f of MEMBER_FIGURES) expect([period, unit, f, own[f]]).toEqual([period, unit, f, parts.reduce((n, p) => n + p[f], 0)]);
        for (const f of INSPECTION_FIGURES) expect([period, unit, f, own[f]]).toEqual([period, unit, f, ownWork[f] + parts.reduce((n, p) => n + p[f], 0)]);
        checked++;
      }
      const total = await figures(root, period);
      expect(total.officialMembers).toBeGreaterThan(5000);
      expect(total.inspectionsConcluded + total.supervisionsConcluded).toBeGreaterThan(0);
    }
    expect(checked).toBe(12);
  }, 240_000);

  it("M-10: the city's and each grassroots organization's members match the generator's account, today and at the end of the last quarter", async () => {
    const today = city.to;
    const lastQuarterEnd = new Date(Date.UTC(Number(today.slice(0, 4)), Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3, 0)).toISOString().slice(0, 10);
    const parentOf = new Map(city.units.map((u) => [u.id, u.parentId]));
    const grassrootsOf = (cellId: string) => {
      let id = cellId;
      while (parentOf.get(id) && parentOf.get(id) !== city.units[0].id) id = parentOf.get(id)!;
      return id;
    };
    const planned = city.members as unknown as Planned[];
    for (const [period, day] of [
      [monthPeriod(new Date()), today],
      [quarterOf(lastQuarterEnd), lastDayOfQuarter(quarterOf(lastQuarterEnd))],
    ] as const) {
      const expected = new Map<string, Record<string, number>>();
      const add = (unit: string, key: string) => {
        const row = expected.get(unit) ?? { officialMembers: 0, probationaryMembers: 0, exemptMembers: 0 };
        row[key]++;
        expected.set(unit, row);
      };
      for (const m of planned) {
        const { status, cellId } = plannedOn(m, day);
        const key = status === S.OFFICIAL ? 'officialMembers' : status === S.PROBATIONARY ? 'probationaryMembers' : status === S.EXEMPT ? 'exemptMembers' : null;
        if (!key) continue;
        add(city.units[0].id, key);
        add(grassrootsOf(cellId), key);
      }
      for (const unit of [city.units[0].id, ...children.get(city.units[0].id)!.slice(0, 10)]) {
        const f = await figures(unit, period);
        const want = expected.get(unit) ?? { officialMembers: 0, probationaryMembers: 0, exemptMembers: 0 };
        expect([period, unit, { officialMembers: f.officialMembers, probationaryMembers: f.probationaryMembers, exemptMembers: f.exemptMembers }]).toEqual([period, unit, want]);
      }
    }
  }, 120_000);
});
