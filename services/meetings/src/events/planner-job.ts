import { Client } from 'pg';
import { monthPeriod } from '@chibo/domain';
import { UnitOfWork, type BackgroundJob, type JobDeps } from '@chibo/service-kit';
import { planCells } from '../domain/planning';
import { MeetingStore } from '../store';

/** Who the planner's meetings say planned them. */
export const PLANNER = 'system:planner';

/** The month after `now`'s (Vietnam time), as YYYY-MM. */
export function nextPeriod(now: Date): string {
  const [y, m] = monthPeriod(now).split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Tenant ids the meetings service knows (from its org tree), read as the relay role, which may see only that column. */
async function knownTenants(relayUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: relayUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM "meetings"."org_unit" ORDER BY tenant_id');
    return rows.map((r) => r.tenant_id);
  } finally {
    await client.end();
  }
}

/**
 * G-1 on its own: plans next month's regular (and, at a quarter's start, thematic) meetings for
 * every cell of every tenant. One transaction per tenant under the tenant's planning lock, so two
 * replicas — or the timer and a staff member's `planMeetings` — never plan a meeting twice.
 */
export async function planNextMonthForAllTenants(deps: Pick<JobDeps, 'dataSource' | 'relayUrl' | 'logger'>, now = new Date()): Promise<{ tenants: number; planned: number }> {
  const period = nextPeriod(now);
  let planned = 0;
  const tenants = await knownTenants(deps.relayUrl);
  for (const tenantId of tenants) {
    planned += await new UnitOfWork(deps.dataSource, tenantId, 'meetings').run(async (tx) => {
      const store = new MeetingStore(tx);
      return (await planCells(tenantId, PLANNER, await store.allUnits(), period, store, now)).length;
    });
  }
  if (planned) deps.logger.info('planned next month', { period, tenants: tenants.length, planned });
  return { tenants: tenants.length, planned };
}

export const plannerJob: BackgroundJob = {
  name: 'meetings-planner',
  everyMs: Number(process.env.CHIBO_PLANNER_EVERY_MS ?? 60 * 60 * 1000),
  // Not at start: a fresh replica (or a test stack) is not the moment; within ten minutes is soon enough.
  firstAfterMs: Number(process.env.CHIBO_PLANNER_FIRST_MS ?? 10 * 60 * 1000),
  run: (deps) => planNextMonthForAllTenants(deps),
};
