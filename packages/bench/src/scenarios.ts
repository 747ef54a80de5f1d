import autocannon from 'autocannon';
import { Client } from 'pg';
import { MeetingKind } from '@chibo/domain';
import type { BenchEnv } from './env';
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
      if (JSON.stringify(viaChibo) !== JSON.stringify(other) || viaChibo.errors) {
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
    return { chibo, apollo, floor: inProcess, ratio: chibo.rps / apollo.rps, floorRatio: chibo.rps / inProcess.rps };
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
