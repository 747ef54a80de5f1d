import autocannon from 'autocannon';
import { Client } from 'pg';
import { MeetingKind } from '@chibo/domain';
import type { BenchEnv } from './env';

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
  // The data must agree; chibo's answer also carries `extensions.cost` (its budgets), Apollo's does not.
  if (JSON.stringify(viaChibo.data) !== JSON.stringify(viaApollo.data) || viaChibo.errors || viaApollo.errors) {
    throw new Error(`the two gateways disagree:\n${JSON.stringify(viaChibo).slice(0, 400)}\n${JSON.stringify(viaApollo).slice(0, 400)}`);
  }
  // Warm both (query plans, connections), then measure one after the other.
  await load(env.stack.gatewayUrl, chiboHeaders, body, 1, o.connections);
  await load(env.apolloUrl, apolloHeaders, body, 1, o.connections);
  const chibo = await load(env.stack.gatewayUrl, chiboHeaders, body, o.seconds, o.connections);
  const apollo = await load(env.apolloUrl, apolloHeaders, body, o.seconds, o.connections);
  return { chibo, apollo, ratio: chibo.rps / apollo.rps };
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
  const proto = Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  let count = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  const measure = async (query: string, variables: Record<string, unknown>) => {
    await env.tree.tenant.admin.ok(query, variables); // warm: caches, prepared plans
    count = 0;
    await env.tree.tenant.admin.ok(query, variables);
    return count;
  };
  try {
    const rows = [];
    const meetingsPage = 'query($id: ID!, $n: Int!) { orgUnit(id: $id) { name meetings(first: $n) { totalCount nodes { title kind cell { name } } } } }';
    const wardPage = 'query($id: ID!, $n: Int!) { orgUnit(id: $id) { children { name meetings(first: $n) { totalCount nodes { title } } } } }';
    for (const n of [5, 50]) rows.push({ operation: 'cell meetings page (+ cell name from membership)', pageSize: n, statements: await measure(meetingsPage, { id: cell, n }) });
    for (const n of [5, 50]) rows.push({ operation: "ward's cells with their meetings", pageSize: n, statements: await measure(wardPage, { id: env.tree.wards[0], n }) });
    return rows;
  } finally {
    proto.query = original;
    for (const s of Object.values(env.stack.services)) await s.relay.start();
  }
}

/**
 * Scenario 3: N live subscribers to dashboards across the tree; one meeting recorded in a
 * cell; latency from the mutation's answer (its commit) to each affected subscriber's message.
 */
export async function liveScenario(env: BenchEnv, o: { subscribers: number }) {
  const units = [env.tree.city, ...env.tree.wards, ...env.tree.cells];
  const client = env.stack.client(await env.stack.token({ tenantId: env.tree.tenant.id, roles: ['city_admin' as never] }));
  const rssBefore = process.memoryUsage().rss;
  const subs = [];
  for (let i = 0; i < o.subscribers; i++) {
    // Every subscriber watches the city or the first ward: all of them are affected.
    const id = i % 2 ? env.tree.city : env.tree.wards[0];
    subs.push(client.subscribe('subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { meetingsHeld } }', { id }));
  }
  await Promise.all(subs.map((s) => s.next(30_000)));
  const rssPerSocket = (process.memoryUsage().rss - rssBefore) / o.subscribers;
  const cellInFirstWard = env.tree.cells[0];
  await env.tree.tenant.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
    i: { cellId: cellInFirstWard, kind: MeetingKind.REGULAR, title: 'Đo độ trễ', heldAt: new Date().toISOString() },
  });
  const committed = performance.now();
  const latencies = await Promise.all(
    subs.map(async (s) => {
      await s.next(30_000);
      return performance.now() - committed;
    }),
  );
  await Promise.all(subs.map((s) => s.close()));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { subscribers: o.subscribers, units: units.length, p50: pct(50), p95: pct(95), p99: pct(99), rssPerSocketKb: rssPerSocket / 1024 };
}
