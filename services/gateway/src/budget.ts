import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { parse, print, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { DomainError, Role, admitRequest, budgetsFromEnv as domainBudgetsFromEnv, type Admission, type AdmissionRequest, type BudgetLimits, type BudgetState, type Principal } from '@chibo/domain';
import { callInternal, type Logger } from '@chibo/service-kit';
import { operationCost, oneOperationRule } from './cost';
import { domainToGraphQLError } from './errors';

/**
 * Hourly budgets in points (the static cost of each operation, see cost.ts): one per tenant for
 * everything its users and keys run, and one per API key on top, so one integrator cannot eat a
 * whole tenant's share. Refused requests run nothing and spend nothing. These are the defaults;
 * a tenant's or a key's own budget, set through the API, is kept by membership and wins.
 */
export { DEFAULT_BUDGETS, type BudgetLimits } from '@chibo/domain';

/** `CHIBO_BUDGET_TENANT_POINTS_PER_HOUR`, `CHIBO_BUDGET_KEY_POINTS_PER_HOUR`; the defaults otherwise. */
export function budgetsFromEnv(env: NodeJS.ProcessEnv = process.env): BudgetLimits {
  return domainBudgetsFromEnv(env);
}

/** Who decides; membership in the platform (counters in PostgreSQL, shared by every replica). */
export type Admit = (req: AdmissionRequest) => Promise<Admission>;

/**
 * Counters in PostgreSQL, behind membership (which already holds the tenant and its keys):
 * replicas share them with no new infrastructure, and one conditional upsert per request is
 * cheap next to the request itself. Redis would save that round trip at the price of another
 * thing to run, back up and secure; the `Admit` seam is where it would go.
 */
export function membershipAdmit(membershipUrl: string, secret: string): Admit {
  return (req) => callInternal<Admission>(membershipUrl, 'admit-request', req, secret);
}

/**
 * Admissions of one tenant (and key) in one call while another is on its way: every admission
 * updates the same budget row, so concurrent requests of one tenant queued on its lock one commit
 * after another. The first request goes alone and at once; those that arrive meanwhile go
 * together as soon as it returns, with their points added up. A batch that is refused as a whole
 * spent nothing (all or none), and its requests are then asked one by one, in order, so each gets
 * the verdict it would have had alone.
 */
export function batchedAdmit(admit: Admit): Admit {
  type Waiting = { req: AdmissionRequest; resolve: (a: Admission) => void; reject: (err: unknown) => void };
  const queues = new Map<string, Waiting[]>();
  const drain = async (key: string, waiting: Waiting[]) => {
    while (waiting.length) {
      const batch = waiting.splice(0);
      const alone = async (w: Waiting) => {
        try {
          w.resolve(await admit(w.req));
        } catch (err) {
          w.reject(err);
        }
      };
      if (batch.length === 1) {
        await alone(batch[0]);
        continue;
      }
      let verdict: Admission;
      try {
        verdict = await admit({ ...batch[0].req, points: batch.reduce((sum, w) => sum + w.req.points, 0) });
      } catch (err) {
        for (const w of batch) w.reject(err);
        continue;
      }
      if (verdict.admitted || verdict.reason === 'persistedOnly') for (const w of batch) w.resolve(verdict);
      else for (const w of batch) await alone(w);
    }
    queues.delete(key);
  };
  return (req) =>
    new Promise<Admission>((resolve, reject) => {
      const key = JSON.stringify([req.tenantId, req.keyId, req.persisted, req.tenantLimit, req.keyLimit]);
      const waiting = queues.get(key);
      if (waiting) {
        waiting.push({ req, resolve, reject });
        return;
      }
      const fresh: Waiting[] = [{ req, resolve, reject }];
      queues.set(key, fresh);
      void drain(key, fresh);
    });
}

/**
 * The same rule (`admitRequest`) with counters in this process, for a gateway without
 * membership (tests of the gateway alone): not shared between replicas, never persisted-only.
 */
export function memoryAdmit(): Admit {
  const spent = new Map<string, { windowStart: number; spent: number }>();
  return (req) =>
    admitRequest(req, {
      persistedDocumentsOnly: async () => false,
      tenantPointsPerHour: async () => null,
      keyPointsPerHour: async () => null,
      spend: async (buckets, points, windowStart) => {
        const used = new Map(buckets.map((b) => {
          const row = spent.get(`${req.tenantId}:${b.bucket}`);
          return [b.bucket, row && row.windowStart >= windowStart.getTime() ? row.spent : 0] as const;
        }));
        const over = buckets.filter((b) => used.get(b.bucket)! + points > b.limit).map((b) => b.bucket);
        if (!over.length) for (const b of buckets) used.set(b.bucket, used.get(b.bucket)! + points);
        if (!over.length) for (const b of buckets) spent.set(`${req.tenantId}:${b.bucket}`, { windowStart: windowStart.getTime(), spent: used.get(b.bucket)! });
        return { spent: used, over };
      },
    });
}

/** What `extensions.cost` carries. */
export interface CostReport {
  requested: number;
  limit?: number;
  remaining?: number;
  resetAt?: string;
  resource?: BudgetState['resource'];
}

type Ctx = { chiboPrincipal?: Principal; request?: Request };

function keyIdOf(p: Principal): string | null {
  return p.roles.includes(Role.INTEGRATOR) && p.subject.startsWith('apikey:') ? p.subject.slice('apikey:'.length) : null;
}

/**
 * The manifest's documents in one normal form: a document is persisted when it is one of them,
 * whether it came by hash (HTTP) or as text (graphql-ws, whose messages always carry the text).
 */
export function persistedSet(manifest: Record<string, string> | undefined): Set<string> {
  return new Set(Object.values(manifest ?? {}).map((d) => print(parse(d))));
}

export function budgetHeaders(cost: CostReport | undefined): Record<string, string> {
  if (!cost || cost.limit === undefined) return {};
  return {
    'x-ratelimit-limit': String(cost.limit),
    'x-ratelimit-remaining': String(cost.remaining),
    'x-ratelimit-reset': String(Math.ceil(Date.parse(cost.resetAt!) / 1000)),
    'x-ratelimit-resource': cost.resource!,
    'x-ratelimit-used': String(cost.requested),
  };
}

/**
 * Cost, budgets and the persisted-only mode, decided once per operation after validation and
 * before anything runs. The verdict rides on the request (for the headers) and on the result
 * (`extensions.cost`).
 */
export function budgetPlugin(o: { admit: Admit; limits: BudgetLimits; maxCost: number; persisted: Set<string>; logger: Logger }): GatewayPlugin {
  const costs = new WeakMap<Request, CostReport>();

  const decide = async (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | null | undefined, ctx: Ctx) => {
    const requested = operationCost(schema, document, variables, operationName);
    const report: CostReport = { requested };
    if (ctx.request) costs.set(ctx.request, report);
    if (requested > o.maxCost) {
      throw new DomainError('LIMIT_EXCEEDED', { vi: `Chi phí truy vấn ${requested} vượt mức ${o.maxCost}`, en: `Query cost ${requested} exceeds ${o.maxCost}` }, { limit: 'maxCost', max: o.maxCost, requested });
    }
    const principal = ctx.chiboPrincipal;
    // A platform administrator acts outside every tenant: no tenant to charge.
    if (!principal?.tenantId) return report;
    let verdict: Admission;
    try {
      verdict = await o.admit({
        tenantId: principal.tenantId,
        keyId: keyIdOf(principal),
        points: requested,
        persisted: o.persisted.has(print(document)),
        tenantLimit: o.limits.tenantPointsPerHour,
        keyLimit: o.limits.keyPointsPerHour,
      });
    } catch (err) {
      // Membership down: its own fields fail anyway; the rest of the graph keeps answering.
      o.logger.warn('request admission unavailable', { error: (err as Error).message });
      return report;
    }
    if (!verdict.admitted && verdict.reason === 'persistedOnly') throw new DomainError('PERSISTED_DOCUMENT_REQUIRED');
    Object.assign(report, verdict.budget);
    if (!verdict.admitted) {
      throw new DomainError('RATE_LIMITED', undefined, { limit: verdict.budget.limit, remaining: verdict.budget.remaining, resetAt: verdict.budget.resetAt, resource: verdict.budget.resource, requested });
    }
    return report;
  };

  const refuse = (err: unknown, report?: CostReport): ExecutionResult => {
    if (!(err instanceof DomainError)) throw err;
    return { errors: [domainToGraphQLError(err)], ...(report ? { extensions: { cost: report } } : {}) };
  };

  return {
    onValidate({ addValidationRule }) {
      addValidationRule(oneOperationRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Ctx;
      return decide(args.schema, args.document, args.variableValues as Record<string, unknown> | undefined, args.operationName, ctx).then(
        (report) => ({
          onExecuteDone({ result, setResult }) {
            if (result && !(Symbol.asyncIterator in (result as object))) {
              const r = result as ExecutionResult;
              setResult({ ...r, extensions: { ...(r.extensions ?? {}), cost: report } });
            }
          },
        }),
        (err) => {
          setResultAndStopExecution(refuse(err, ctx.request ? costs.get(ctx.request) : undefined));
        },
      );
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Ctx;
      return decide(args.schema, args.document, args.variableValues as Record<string, unknown> | undefined, args.operationName, ctx).then(
        () => undefined,
        (err) => {
          setResultAndStopExecution(refuse(err, ctx.request ? costs.get(ctx.request) : undefined));
        },
      );
    },
    onResponse({ request, response }) {
      for (const [k, v] of Object.entries(budgetHeaders(costs.get(request)))) response.headers.set(k, v);
      const cost = costs.get(request);
      if (response.status === 429 && cost?.resetAt) response.headers.set('retry-after', String(Math.max(1, Math.ceil((Date.parse(cost.resetAt) - Date.now()) / 1000))));
    },
  };
}
