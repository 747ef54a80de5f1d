import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from '../logger';

/**
 * Prometheus metrics of one service (or the gateway). Each gets its own registry so that
 * several services in one process (tests, `pnpm start`) do not mix their figures.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly duration: Histogram<'operation'>;
  readonly subscriptions: Gauge;

  constructor(service: string, opts: { processMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'chibo_' });
    this.requests = new Counter({
      name: 'chibo_graphql_requests_total',
      help: 'GraphQL operations by type and outcome',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'chibo_graphql_request_duration_seconds',
      help: 'GraphQL operation latency',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.subscriptions = new Gauge({ name: 'chibo_subscriptions_active', help: 'Open subscriptions', registers: [this.registry] });
  }

  /** A gauge read from a function at scrape time (outbox lag, pool use …). */
  gauge(name: string, help: string, read: () => Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read().catch(() => -1));
      },
    });
  }

  /** Counts and times every operation, and logs it with request id, tenant and operation name. */
  apolloPlugin(logger: Logger): ApolloServerPlugin<{ principal?: { tenantId: string | null }; requestId?: string }> {
    const metrics = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse(rc) {
            const operation = rc.operation?.operation ?? 'invalid';
            const outcome = rc.errors?.length ? 'error' : 'ok';
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            metrics.requests.inc({ operation, outcome });
            metrics.duration.observe({ operation }, seconds);
            logger.info('graphql', {
              requestId: rc.contextValue.requestId,
              tenantId: rc.contextValue.principal?.tenantId ?? null,
              operationName: rc.operationName ?? null,
              operation,
              outcome,
              ms: Math.round(seconds * 1000),
              codes: rc.errors?.map((e) => e.extensions?.code).filter(Boolean),
            });
          },
        };
      },
    };
  }
}
