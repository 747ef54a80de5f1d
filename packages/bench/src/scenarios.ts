import autocannon from 'autocannon';
import { Client } from 'pg';
import { MeetingKind, OrgUnitKind, Role, type GenerateScale } from '@chibo/domain';
import { generateTenant, generatedTenantName } from '@chibo/testkit';
import type { BenchEnv } from './env';
import { StatementCounter } from './sql-counter';
import { startFloor } from './floor';
import { profiled } from './profile';

export interface LoadFigures {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
}

/** The dashboard question a committee asks: its wards, each ward's cells and their activity. */
export const DASHBOARD_QUERY = `query Dashboard($id: ID!) {
  orgUnit(id: $id) {
    name
    children { name kind meetings(first: 5) { totalCount nodes { title heldAt } } inspections { kind status } }
  }
}`;

async function load(url: string, headers: Record<string, string>, body: string, seconds: number, connections: number): Promise<LoadFigures> {
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duration: seconds, connections });
  return { rps: r.requests.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/**
 * Scenario 1: the same dashboard query through chibo's gateway and through @apollo/gateway, over
 * the same subgraphs, with a fixed number of connections. Both answers are checked equal first.
 */
export async function gatewayScenario(env: BenchEnv, o: { seconds: number; connections: number }) {
  const variables = { id: env.tree.wards[0] };
  const body = JSON.stringify({ query: DASHBOARD_QUERY, variables });
  const chiboHeaders = { authorization: `Bearer ${env.tree.inspectorToken}` };
  const apolloHeaders = { 'x-tenant-id': env.tree.tenant.id, 'x-scope': env.tree.city };
  const viaChibo = await (await fetch(env.stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...chiboHeaders }, body })).json();
  const viaApollo = await (await fetch(env.apolloUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...apolloHeaders }, body })).json();
  const floor = await startFloor(env.stack);
  try {
    const viaFloor = await (await fetch(floor.url, { method: 'POST', headers: { 'content-type': 'application/json', ...apolloHeaders }, body })).json();
    for (const [name, other] of [['@apollo/gateway', viaApollo], ['the in-process floor', viaFloor]] as const) {
      // The data must agree; chibo's answer also carries `extensions.cost` (its budgets), the others' do not.
      if (JSON.stringify(viaChibo.data) !== JSON.stringify(other.data) || viaChibo.errors || other.errors) {
        throw new Error(`chibo and ${name} disagree:\n${JSON.stringify(viaChibo).slice(0, 400)}\n${JSON.stringify(other).slice(0, 400)}`);
      }
    }
    // Warm all three (query plans, connections), then measure one after the other.
    await load(env.stack.gatewayUrl, chiboHeaders, body, 1, o.connections);
    await load(env.apolloUrl, apolloHeaders, body, 1, o.connections);
    await load(floor.url, apolloHeaders, body, 1, o.connections);
    const chibo = await profiled('gateway-chibo', () => load(env.stack.gatewayUrl, chiboHeaders, body, o.seconds, o.connections));
    const apollo = await load(env.apolloUrl, apolloHeaders, body, o.seconds, o.connections);
    const inProcess = await profiled('gateway-floor', () => load(floor.url, apolloHeaders, body, o.seconds, o.connections));
    // The dashboard's own question (Query.dashboard of the ward), which the gateway may answer
    // from its cache: once with every request missing it (`Cache-Control: no-cache`), once cached.
    const figuresBody = JSON.stringify({ query: DASHBOARD_FIGURES, variables });
    const viaFloorFigures = await (await fetch(floor.url, { method: 'POST', headers: { 'content-type': 'application/json', ...apolloHeaders }, body: figuresBody })).json();
    const viaChiboFigures = await (await fetch(env.stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...chiboHeaders }, body: figuresBody })).json();
    if (JSON.stringify(viaChiboFigures.data) !== JSON.stringify(viaFloorFigures.data) || viaChiboFigures.errors || viaFloorFigures.errors) {
      throw new Error(`chibo and the in-process floor disagree on the figures:\n${JSON.stringify(viaChiboFigures).slice(0, 400)}\n${JSON.stringify(viaFloorFigures).slice(0, 400)}`);
    }
    const cold = { ...chiboHeaders, 'cache-control': 'no-cache' };
    await load(env.stack.gatewayUrl, cold, figuresBody, 1, o.connections);
    await load(floor.url, apolloHeaders, figuresBody, 1, o.connections);
    const figuresCold = await profiled('figures-chibo-cold', () => load(env.stack.gatewayUrl, cold, figuresBody, o.seconds, o.connections));
    const figuresCached = await profiled('figures-chibo-cached', () => load(env.stack.gatewayUrl, chiboHeaders, figuresBody, o.seconds, o.connections));
    const figuresFloor = await load(floor.url, apolloHeaders, figuresBody, o.seconds, o.connections);
    return {
      chibo,
      apollo,
      floor: inProcess,
      ratio: chibo.rps / apollo.rps,
      floorRatio: chibo.rps / inProcess.rps,
      figures: { cold: figuresCold, cached: figuresCached, floor: figuresFloor, coldRatio: figuresCold.rps / figuresFloor.rps, cachedRatio: figuresCached.rps / figuresFloor.rps },
    };
  } finally {
    await floor.close();
  }
}

/**
 * Scenario 2: SQL statements per operation, counted at the driver (every `pg` query of this
 * process), for page sizes 5 and 50. Relays are paused so only the request's own SQL counts.
 */
export async function sqlScenario(env: BenchEnv) {
  const cell = env.tree.cells[0];
  // Give the measured cell enough meetings for the larger page.
  for (let i = 0; i < 55; i++) {
    await env.tree.tenant.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: cell, kind: MeetingKind.REGULAR, title: `Buổi ${i}`, heldAt: new Date(Date.now() - (i + 100) * 86_400_000).toISOString() },
    });
  }
  await env.stack.settle(30_000);
  for (const s of Object.values(env.stack.services)) await s.relay.stop();
  const counter = StatementCounter.install();
  const measure = async (query: string, variables: Record<string, unknown>) => {
    await env.tree.tenant.admin.ok(query, variables); // warm: caches, prepared plans
    return (await counter.measure(() => env.tree.tenant.admin.ok(query, variables))).statements;
  };
  try {
    const rows = [];
    const meetingsPage = 'query($id: ID!, $n: Int!) { orgUnit(id: $id) { name meetings(first: $n) { totalCount nodes { title kind cell { name } } } } }';
    const wardPage = 'query($id: ID!, $n: Int!) { orgUnit(id: $id) { children { name meetings(first: $n) { totalCount nodes { title } } } } }';
    for (const n of [5, 50]) rows.push({ operation: 'cell meetings page (+ cell name from membership)', pageSize: n, statements: await measure(meetingsPage, { id: cell, n }) });
    for (const n of [5, 50]) rows.push({ operation: "ward's cells with their meetings", pageSize: n, statements: await measure(wardPage, { id: env.tree.wards[0], n }) });
    return rows;
  } finally {
    counter.restore();
    for (const s of Object.values(env.stack.services)) await s.relay.start();
  }
}

/** The figures of one org unit's dashboard (Query.dashboard), from all three services. */
export const DASHBOARD_FIGURES = `query Figures($id: ID!) {
  dashboard(orgUnitId: $id) {
    orgUnitId period cellCount orgUnit { name }
    meetingsHeld regularMeetingsHeld attendanceRate participationRate thematicMeetingsThisQuarter
    cellsWithoutRegularMeeting cellsWithoutThematicThisQuarter openInspections
  }
}`;

export interface DashboardFigures {
  /** p50/p95 are the cold path (every request misses the gateway's cache); these are cached. */
  cachedP50: number;
  cachedP95: number;
  scale: GenerateScale;
  members: number;
  cells: number;
  level: string;
  unit: string;
  requests: number;
  p50: number;
  p95: number;
  generateSeconds: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Scenario 4: dashboard figures for the top, a ward (grassroots committee) and a cell of a
 * generated tenant at each scale; p50/p95 over sequential requests through the gateway, after a
 * warm-up. The tenant is generated here (`pnpm chibo generate`'s code), so the figures are taken
 * on data of the size the issue names.
 */
export async function dashboardScenario(
  env: BenchEnv,
  o: { scales: GenerateScale[]; requests: number; onProgress?: (msg: string) => void; nationTenants?: number },
): Promise<DashboardFigures[]> {
  const rows: DashboardFigures[] = [];
  for (const scale of o.scales) {
    const started = performance.now();
    o.onProgress?.(`generating the ${scale} tenant…`);
    const tenants = scale === 'nation' ? (o.nationTenants ?? 63) : undefined;
    const tenant = await generateTenant(env.stack.options.adminUrl, { scale, name: `Đảng bộ đo hiệu năng (${scale})`, seed: 4, tenants });
    // The nation: the other provinces' tenants share the database (and its indexes) with the measured one.
    for (let i = 1; i < (tenants ?? 1); i++) {
      o.onProgress?.(`generating tenant ${i + 1}/${tenants}…`);
      await generateTenant(env.stack.options.adminUrl, { scale, name: generatedTenantName('nation', i, tenants!), seed: 4 + i, tenants });
    }
    // Until the other services' generators are registered, the tree reaches them by events.
    await env.stack.settle(30 * 60_000);
    const generateSeconds = (performance.now() - started) / 1000;
    const root = tenant.units[0];
    const ward = tenant.units.find((u) => u.kind === OrgUnitKind.COMMITTEE && u.parentId !== null && tenant.units.some((c) => c.parentId === u.id && c.kind === OrgUnitKind.CELL))!;
    const cell = tenant.units.find((u) => u.parentId === ward.id && u.kind === OrgUnitKind.CELL)!;
    const client = env.stack.client(await env.stack.token({ tenantId: tenant.tenantId, roles: [Role.CITY_ADMIN] }));
    const cells = tenant.units.filter((u) => u.kind === OrgUnitKind.CELL || u.kind === OrgUnitKind.BASE_CELL).length;
    for (const [level, unit] of [
      ['top (city / province committee)', root],
      ['ward / commune committee', ward],
      ['cell', cell],
    ] as const) {
      // Cold: `Cache-Control: no-cache` makes the gateway ask the services every time.
      const measure = async (who: typeof client) => {
        const ask = () => who.ok(DASHBOARD_FIGURES, { id: unit.id });
        for (let i = 0; i < 3; i++) await ask();
        const times: number[] = [];
        for (let i = 0; i < o.requests; i++) {
          const t0 = performance.now();
          await ask();
          times.push(performance.now() - t0);
        }
        return times.sort((a, b) => a - b);
      };
      const times = await measure(client.with({ 'cache-control': 'no-cache' }));
      const cached = await measure(client);
      rows.push({
        scale,
        members: tenant.members.length,
        cells,
        level,
        unit: unit.name,
        requests: o.requests,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        cachedP50: percentile(cached, 50),
        cachedP95: percentile(cached, 95),
        generateSeconds,
      });
    }
  }
  return rows;
}
