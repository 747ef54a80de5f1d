import { StatementCounter } from '@chibo/bench';
import { Role, type GeneratedTenant } from '@chibo/domain';
import { generateTenant, useStack, type GatewayClient } from '@chibo/testkit';

const FIGURES = `officialMembers probationaryMembers exemptMembers regulation213Members membersAdmittedThisYear membersAdmittedInPeriod
  inspectionsConcluded openSupervisions supervisionsConcluded disciplineDecisionsByForm { form count }`;
const QUERY = `query($id: ID!, $period: String) { dashboard(orgUnitId: $id, period: $period) { ${FIGURES} } }`;

/**
 * The member and inspection figures of a dashboard cost a fixed number of SQL statements per
 * request, whatever the subtree: the same for the whole generated city (~8,400 members) as for
 * one of its cells, for the current month and for last year (when members whose history went on
 * since are replayed). Counted at the pg driver with the relays paused.
 */
describe('the SQL cost of the member and inspection figures of a dashboard', () => {
  const stack = useStack({ ownDatabase: true });
  let city: GeneratedTenant;
  let inspector: GatewayClient;

  beforeAll(async () => {
    city = await generateTenant(stack().options.adminUrl, { scale: 'city', name: 'Đảng bộ đo chi phí bảng theo dõi', seed: 31 });
    inspector = stack().client(await stack().token({ tenantId: city.tenantId, roles: [Role.INSPECTOR], scopeOrgUnitId: city.units[0].id }));
  }, 180_000);

  it('the city costs the statements of one cell, under a fixed bound, for this month and for last year', async () => {
    const cell = city.members[0].cellId;
    const lastYear = String(Number(city.to.slice(0, 4)) - 1);
    const ask = (id: string, period?: string) => inspector.ok(QUERY, { id, period });
    for (const id of [city.units[0].id, cell]) for (const period of [undefined, lastYear]) await ask(id, period); // warm caches and plans
    for (const s of Object.values(stack().services)) {
      await s.relay.stop();
      await s.webhooks?.stop();
    }
    const counter = StatementCounter.install();
    const counts: Record<string, number> = {};
    try {
      for (const [name, id] of [['city', city.units[0].id], ['cell', cell]] as const) {
        for (const period of [undefined, lastYear]) counts[`${name} ${period ?? 'this month'}`] = (await counter.measure(() => ask(id, period))).statements;
      }
    } finally {
      counter.restore();
      for (const s of Object.values(stack().services)) {
        await s.relay.start();
        s.webhooks?.start();
      }
    }
    if (process.env.CHIBO_PRINT_COST) process.stdout.write(`${JSON.stringify(counts)}\n`);
    expect(counts['city this month']).toBe(counts['cell this month']);
    expect(counts[`city ${lastYear}`]).toBe(counts[`cell ${lastYear}`]);
    // The whole request: the tenant's request budget, meetings' scope check, membership's unit,
    // tree changes since the day, replayed members and six counts in one statement, inspection's
    // three counts in one and its decisions by form, each transaction with its tenant setting —
    // 30 statements when this was written (73 before the figures were memoised per request, as
    // type-graphql gives each field its own copy of the entity); the bound leaves a little room.
    for (const n of Object.values(counts)) expect(n).toBeLessThanOrEqual(36);
  }, 120_000);
});
