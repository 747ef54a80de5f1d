import { Role } from '@chibo/domain';
import { createLogger, relayConnectionString } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';
import { PLANNER, planNextMonthForAllTenants } from '../src/events/planner-job';

const PLAN = 'mutation($id: ID!, $p: String!) { planMeetings(orgUnitId: $id, period: $p) { created meetings { kind scheduledAt cell { id } } } }';
const SET = 'mutation($i: SetMeetingRuleSetInput!) { setMeetingRuleSet(input: $i) { ruleSet { version effectiveFrom sundayRule regularMeetingDay } } }';
const RULES = { regularMeetingDay: 3, thematicMeetingDay: 15, attendanceRateMin: 0.85, professionalShareMax: 0.5, unexcusedMonthsForRemoval: 3, excusedStreakMax: 3 };
const MEETINGS = 'query($id: ID!) { orgUnit(id: $id) { meetings(first: 50) { nodes { kind status scheduledAt } } } }';

/** G-1 through the gateway: the tenant's rule set decides the day; the service plans next month on its own. */
describe('the per-tenant meeting rule set and the planner (G-1)', () => {
  // Its own database: the planner plans every tenant it finds, and must not plan other files' tenants.
  const stack = useStack({ ownDatabase: true });

  it('G-1: a 3rd falling on a Sunday stays the 3rd by default, and moves to Monday under a tenant rule set from its date', async () => {
    const city = await stack().createTenant('Đảng bộ quy định riêng');
    const tree = await city.seedTree();
    const other = await stack().createTenant('Đảng bộ mặc định');
    const otherTree = await other.seedTree();

    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    expect((await secretary.execute(SET, { i: { ...RULES, effectiveFrom: '2026-05-01', sundayRule: 'MONDAY_AFTER' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await city.admin.execute(SET, { i: { ...RULES, regularMeetingDay: 31, effectiveFrom: '2026-05-01', sundayRule: 'MONDAY_AFTER' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regularMeetingDay' });

    const set = await city.admin.ok(SET, { i: { ...RULES, effectiveFrom: '2026-05-01', sundayRule: 'MONDAY_AFTER' } });
    expect(set.setMeetingRuleSet.ruleSet).toEqual({ version: 1, effectiveFrom: '2026-05-01', sundayRule: 'MONDAY_AFTER', regularMeetingDay: 3 });
    const listed = await city.admin.ok('{ meetingRuleSets { version sundayRule } }');
    expect(listed.meetingRuleSets).toEqual([{ version: 0, sundayRule: 'KEEP' }, { version: 1, sundayRule: 'MONDAY_AFTER' }]);

    // 3 May 2026 is a Sunday: this tenant meets on Monday the 4th (08:00 in Vietnam)…
    const may = await city.admin.ok(PLAN, { id: tree.ward, p: '2026-05' });
    expect(new Set(may.planMeetings.meetings.map((m: { scheduledAt: string }) => m.scheduledAt))).toEqual(new Set(['2026-05-04T01:00:00.000Z']));
    // …the month before the version, and the other tenant, keep the 3rd.
    const april = await city.admin.ok(PLAN, { id: tree.ward, p: '2026-04' });
    expect(april.planMeetings.meetings.filter((m: { kind: string }) => m.kind === 'REGULAR')[0].scheduledAt).toBe('2026-04-03T01:00:00.000Z');
    const otherMay = await other.admin.ok(PLAN, { id: otherTree.ward, p: '2026-05' });
    expect(otherMay.planMeetings.meetings[0].scheduledAt).toBe('2026-05-03T01:00:00.000Z');
    // A version may not be slipped in before the one in force.
    const earlier = await city.admin.execute(SET, { i: { ...RULES, effectiveFrom: '2026-04-01', sundayRule: 'KEEP' } });
    expect(earlier.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'G-1' });
  });

  it("G-1: the service plans next month for every tenant's cells by itself, once, even with two replicas at the same moment", async () => {
    const a = await stack().createTenant('Đảng bộ tự lập lịch A');
    const treeA = await a.seedTree();
    const b = await stack().createTenant('Đảng bộ tự lập lịch B');
    const treeB = await b.seedTree();
    const s = stack();
    const deps = {
      dataSource: s.services.meetings.dataSource,
      relayUrl: relayConnectionString({ adminUrl: s.options.adminUrl, password: s.options.password, service: 'meetings' }),
      logger: createLogger({ component: 'test' }),
    };
    const now = new Date('2026-12-10T05:00:00Z'); // next month: January 2027, the first of a quarter
    const runs = await Promise.all([planNextMonthForAllTenants(deps, now), planNextMonthForAllTenants(deps, now)]);
    expect(runs[0].tenants).toBeGreaterThanOrEqual(2);
    expect(runs[0].planned + runs[1].planned).toBe(runs[0].tenants * 4); // every tenant here was seeded with two cells
    expect((await planNextMonthForAllTenants(deps, now)).planned).toBe(0);

    for (const [tenant, cell] of [[a, treeA.cell], [b, treeB.cell]] as const) {
      const seen = await tenant.admin.ok(MEETINGS, { id: cell });
      expect(seen.orgUnit.meetings.nodes.map((m: { kind: string; scheduledAt: string }) => `${m.kind}@${m.scheduledAt}`).sort()).toEqual([
        'REGULAR@2027-01-03T01:00:00.000Z',
        'THEMATIC@2027-01-15T01:00:00.000Z',
      ]);
    }
    // A staff member planning the same month afterwards finds nothing left to plan.
    expect((await a.admin.ok(PLAN, { id: treeA.ward, p: '2027-01' })).planMeetings.created).toBe(0);
    const { rows } = await (async () => {
      const sql = await s.sql('meetings', 'admin');
      try {
        return await sql.query('SELECT DISTINCT created_by FROM meetings.meeting WHERE tenant_id = ANY($1)', [[a.id, b.id]]);
      } finally {
        await sql.end();
      }
    })();
    expect(rows).toEqual([{ created_by: PLANNER }]);
    const sql = await s.sql('meetings', 'admin');
    try {
      const dup = await sql.query(
        `SELECT tenant_id, cell_id, kind, count(*)::int AS n FROM meetings.meeting
         WHERE tenant_id = ANY($1) AND scheduled_at >= '2026-12-31T17:00:00Z' AND scheduled_at < '2027-01-31T17:00:00Z'
         GROUP BY 1, 2, 3 HAVING count(*) > 1`,
        [[a.id, b.id]],
      );
      expect(dup.rows).toEqual([]);
    } finally {
      await sql.end();
    }
  });

  it("the planner's cross-tenant view is the tenant ids and nothing else", async () => {
    const relay = await stack().sql('meetings', 'relay');
    try {
      const { rows } = await relay.query('SELECT DISTINCT tenant_id FROM meetings.org_unit');
      expect(rows.length).toBeGreaterThan(0);
      await expect(relay.query('SELECT path FROM meetings.org_unit LIMIT 1')).rejects.toThrow(/permission denied/);
      await expect(relay.query('SELECT id FROM meetings.meeting LIMIT 1')).rejects.toThrow(/permission denied/);
    } finally {
      await relay.end();
    }
  });
});
