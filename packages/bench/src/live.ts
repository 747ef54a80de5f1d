import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MeetingKind, Role } from '@chibo/domain';
import type { BenchEnv } from './env';
import { profiled } from './profile';

export interface LiveFigures {
  subscribers: number;
  /** Distinct (unit, visibility class) dashboards watched: the gateway's upstream subscriptions. */
  dashboards: number;
  openSeconds: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  missed: number;
  rssPerSocketKb: number;
}

export const LIVE_QUERY = `subscription($id: ID!) {
  dashboardUpdated(orgUnitId: $id) { orgUnitId period meetingsHeld regularMeetingsHeld attendanceRate cellsWithoutRegularMeeting cellCount openInspections }
}`;

/** Subscriber processes at most: the machine has few cores, and the gateway needs one. */
const MAX_CLIENT_PROCESSES = 4;

function request<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type === 'error') reject(new Error(m.message));
      if (m.type !== reply) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/**
 * Scenario 3: N live subscribers (in separate processes) watching dashboards across the tree as
 * the people who would watch them: city administrators the city, each ward's staff their ward,
 * each cell's secretary their cell, twenty people per role and unit. One meeting is recorded in
 * a cell; latency runs from the mutation's answer (its commit) to each affected subscriber's
 * message. RSS per socket is the bench process's growth (gateway and subgraphs) per socket.
 */
export async function liveScenario(env: BenchEnv, o: { subscribers: number }): Promise<LiveFigures> {
  const { tree, stack } = env;
  const tenantId = tree.tenant.id;
  const cell = tree.cells[0];
  const ward = tree.wards[0];
  // Twenty people per watched unit and role; everyone watches a unit the recorded meeting touches.
  const people = async (role: Role, scope: string) =>
    Promise.all(Array.from({ length: 20 }, (_, i) => stack.token({ tenantId, roles: [role], scopeOrgUnitId: role === Role.CITY_ADMIN ? null : scope, subject: `bench-${role}-${scope}-${i}` })));
  const watchers = [
    { orgUnitId: tree.city, tokens: await people(Role.CITY_ADMIN, tree.city) },
    { orgUnitId: tree.city, tokens: await people(Role.INSPECTOR, tree.city) },
    { orgUnitId: ward, tokens: await people(Role.COMMITTEE_STAFF, ward) },
    { orgUnitId: cell, tokens: await people(Role.CELL_SECRETARY, cell) },
  ];
  const subscribers = Array.from({ length: o.subscribers }, (_, i) => {
    const w = watchers[i % watchers.length];
    return { orgUnitId: w.orgUnitId, token: w.tokens[Math.floor(i / watchers.length) % w.tokens.length] };
  });

  const rssBefore = process.memoryUsage().rss;
  // Next to this file when built; from the build output when run from sources (jest).
  const script = [join(__dirname, 'live-clients.js'), join(__dirname, '..', 'dist', 'live-clients.js')].find(existsSync);
  if (!script) throw new Error('live-clients.js not built: run the build first');
  // The subscribers are spread over several processes (2,500 each at most), so that reading
  // 10,000 messages is not one thread's queue: the times measure the platform, not the clients.
  const workers = Math.min(MAX_CLIENT_PROCESSES, Math.max(1, Math.ceil(o.subscribers / 2500)));
  const children = Array.from({ length: workers }, () => fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=2048'] }));
  const slices = children.map((_, w) => subscribers.filter((_, i) => i % workers === w));
  try {
    const started = performance.now();
    const readies = await Promise.all(children.map((child, w) => request<{ openMs: number; errors: number }>(child, { type: 'open', url: stack.gatewayUrl.replace(/^http/, 'ws'), query: LIVE_QUERY, subscribers: slices[w] }, 'ready')));
    const openMs = performance.now() - started;
    const errors = readies.reduce((a, r) => a + r.errors, 0);
    if (errors) throw new Error(`${errors} subscribers got errors on their first message`);
    // Let the sockets' buffers settle before reading the growth.
    await new Promise((r) => setTimeout(r, 500));
    const rssPerSocket = (process.memoryUsage().rss - rssBefore) / o.subscribers;
    const timesP = Promise.all(children.map((child) => request<{ times: (number | null)[] }>(child, { type: 'arm', timeoutMs: 30_000 }, 'times')));
    await new Promise((r) => setTimeout(r, 50));
    let committed = 0;
    const answers = await profiled(`live-${o.subscribers}`, async () => {
      await tree.tenant.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
        i: { cellId: cell, kind: MeetingKind.REGULAR, title: 'Đo độ trễ', heldAt: new Date().toISOString() },
      });
      committed = performance.timeOrigin + performance.now();
      return timesP;
    });
    // Arrival times are epoch milliseconds (timeOrigin + now) in every process, so they compare.
    const times = answers.flatMap((a) => a.times);
    const latencies = times.filter((t): t is number => t !== null).map((t) => t - committed).sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    return {
      subscribers: o.subscribers,
      dashboards: watchers.length,
      openSeconds: openMs / 1000,
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      max: latencies.at(-1) ?? NaN,
      missed: times.length - latencies.length,
      rssPerSocketKb: rssPerSocket / 1024,
    };
  } finally {
    await Promise.all(
      children.map((child) => {
        child.send({ type: 'close' });
        return new Promise((r) => child.once('exit', r));
      }),
    );
  }
}
