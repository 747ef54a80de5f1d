import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request, type Response } from 'express';
import { GraphQLError, getOperationAST, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import { DomainError, type EventEnvelope, type Principal } from '@chibo/domain';
import { IDENTITY_HEADER, verifyIdentity } from '../auth/identity';
import type { EventConsumer } from '../events/consumer';
import type { DashboardBus } from '../events/dashboard-bus';
import type { Peers } from '../events/peers';
import { verifySignedBody } from '../events/http-transport';
import type { Logger } from '../logger';
import { ServiceMetrics } from '../ops/metrics';
import { contextFromHeaders, tracer } from '../ops/tracing';
import { context as otelContext, trace } from '@opentelemetry/api';
import { RequestContext, type RuntimeSettings } from './context';
import { isRetryable, toClientError, toGraphQLError } from './errors';

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  internalSecret: string;
  logger: Logger;
  consumer?: EventConsumer;
  dashboardBus?: DashboardBus;
  metrics?: ServiceMetrics;
  /** Calls only other parts of the platform may make (`POST /internal/<name>`, HMAC-signed). */
  internal?: Record<string, InternalHandler>;
  /** The other services, filled in when the service connects (see `Peers`). */
  peers?: Peers;
  settings?: RuntimeSettings;
  /** Readiness beyond liveness: database reachable, migrations current … */
  readiness?: () => Promise<Record<string, boolean>>;
  port?: number;
  host?: string;
}

export type InternalHandler = (body: unknown, deps: { dataSource: DataSource; logger: Logger }) => Promise<unknown>;

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * One subgraph on one port: GraphQL over HTTP and over WebSocket on `/graphql`, events from
 * other services on `/events`, health on `/healthz`. Every GraphQL request must carry the
 * gateway's signed identity — on localhost too: being near is not being trusted.
 */
/** The root fields of the mutation a document runs (`admitMember`, or `a,b`); undefined for a query. */
function mutationFields(document: DocumentNode, operationName?: string | null): string | undefined {
  const op = getOperationAST(document, operationName ?? undefined);
  if (op?.operation !== 'mutation') return undefined;
  return op.selectionSet.selections.map((f) => (f.kind === 'Field' ? f.name.value : '')).filter((n) => n && !n.startsWith('__')).join(',') || undefined;
}

const asGraphQLError = (f: GraphQLFormattedError) => new GraphQLError(f.message, { extensions: f.extensions, path: f.path });

export async function startSubgraphServer(o: SubgraphServerOptions): Promise<RunningSubgraph> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const metrics = o.metrics ?? new ServiceMetrics(o.name);
  const makeContext = (principal: Principal, requestId?: string, cacheLoads = true) =>
    new RequestContext(principal, o.dataSource, o.name, o.logger, o.dashboardBus, requestId, cacheLoads, o.peers, o.settings);

  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsServer = useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema: o.schema,
      onConnect: async (ctx) => {
        try {
          ctx.extra.principal = await verifyIdentity(ctx.connectionParams?.identity, o.internalSecret);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx, _id, _payload, args) => {
        const c = makeContext(ctx.extra.principal!, undefined, false);
        c.operation = mutationFields(args.document, args.operationName);
        return c;
      },
      onSubscribe: () => {
        metrics.subscriptions.inc();
      },
      onComplete: () => {
        metrics.subscriptions.dec();
      },
      // Over WebSocket the same error rules hold as over HTTP: a code, both messages, no stack.
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => asGraphQLError(toClientError(e.toJSON(), e, o.logger))),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors?.length) return result;
        return { ...result, errors: result.errors.map((e) => asGraphQLError(toClientError(e.toJSON(), e, o.logger))) };
      },
    },
    wss,
  );

  const apollo = new ApolloServer<RequestContext>({
    schema: o.schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => toClientError(formatted, error, o.logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Traces go to OpenTelemetry (operations issue), not into every response.
      ApolloServerPluginInlineTraceDisabled(),
      metrics.apolloPlugin(o.logger),
      {
        // The audit log names a change by the mutation that made it.
        async requestDidStart() {
          return {
            async didResolveOperation({ document, operationName, contextValue }) {
              contextValue.operation = mutationFields(document, operationName);
            },
          };
        },
      },
      { async serverWillStart() { return { async drainServer() { await wsServer.dispose(); } }; } },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: o.name });
  });

  app.get('/readyz', async (_req, res) => {
    const checks = await (o.readiness?.() ?? Promise.resolve({})).catch(() => ({ readiness: false }));
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: o.name, checks });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.post('/events', express.text({ type: 'application/json', limit: '1mb' }), async (req: Request, res: Response) => {
    const body = typeof req.body === 'string' ? req.body : '';
    if (!verifySignedBody(o.internalSecret, req.header('x-chibo-timestamp'), req.header('x-chibo-signature'), body)) {
      res.status(401).json({ code: 'INVALID_SIGNATURE' });
      return;
    }
    try {
      const parsed = JSON.parse(body) as EventEnvelope | { events: EventEnvelope[] };
      if ('events' in parsed && Array.isArray(parsed.events)) {
        // A relay's batch, applied in order: `taken` events are in; the next one failed (`error`).
        const outcome = o.consumer ? await o.consumer.applyBatch(parsed.events) : { taken: parsed.events.length, applied: 0 };
        if (outcome.error !== undefined) o.logger.warn('event not applied', { event: parsed.events[outcome.taken]?.id, error: outcome.error });
        res.json(outcome);
        return;
      }
      const event = parsed as EventEnvelope;
      const applied = o.consumer ? await o.consumer.apply(event) : false;
      res.json({ applied });
    } catch (err) {
      o.logger.warn('event not applied', { error: (err as Error).message });
      res.status(500).json({ code: 'INTERNAL' });
    }
  });

  const t = tracer(`chibo-${o.name}`);
  app.post('/internal/:name', express.text({ type: 'application/json', limit: '64kb' }), async (req: Request, res: Response) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const handler = o.internal?.[String(req.params.name)];
    if (!verifySignedBody(o.internalSecret, req.header('x-chibo-timestamp'), req.header('x-chibo-signature'), body) || !handler) {
      res.status(handler ? 401 : 404).json({ code: handler ? 'INVALID_SIGNATURE' : 'NOT_FOUND' });
      return;
    }
    try {
      res.json({ ok: true, result: await handler(JSON.parse(body), { dataSource: o.dataSource, logger: o.logger }) });
    } catch (err) {
      if (err instanceof DomainError) res.status(200).json({ ok: false, error: err.toExtensions() });
      else {
        o.logger.error('internal call failed', { name: req.params.name, error: (err as Error).message });
        res.status(isRetryable(err) ? 503 : 500).json({ ok: false, error: new DomainError(isRetryable(err) ? 'UNAVAILABLE' : 'INTERNAL').toExtensions() });
      }
    }
  });

  app.use(
    '/graphql',
    // Continue the gateway's trace: one span for this subgraph's part of the request.
    (req: Request, res: Response, next: () => void) => {
      const parent = contextFromHeaders(req.headers);
      const span = t.startSpan(`${o.name} graphql`, { attributes: { 'chibo.service': o.name } }, parent);
      res.once('finish', () => {
        span.setAttribute('http.status_code', res.statusCode);
        span.end();
      });
      otelContext.with(trace.setSpan(parent, span), next);
    },
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return makeContext(await verifyIdentity(req.header(IDENTITY_HEADER), o.internalSecret), req.header('x-request-id') ?? undefined);
        } catch (err) {
          if (err instanceof DomainError) throw toGraphQLError(err, 401);
          throw err;
        }
      },
    }),
  );

  // Malformed JSON bodies and other transport errors: a typed answer, never a stack trace.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: unknown) => {
    const retryable = isRetryable(err);
    const status = err.status && err.status < 500 ? err.status : retryable ? 503 : 500;
    const code = status < 500 ? 'BAD_REQUEST' : retryable ? 'UNAVAILABLE' : 'INTERNAL';
    if (status >= 500) o.logger.error('request failed outside GraphQL', { error: err.message, code });
    res.status(status).json({ errors: [{ message: new DomainError(code).message, extensions: new DomainError(code).toExtensions() }] });
  });

  await new Promise<void>((resolve) => httpServer.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${o.host ?? '127.0.0.1'}:${port}/graphql`;
  o.logger.info('subgraph listening', { service: o.name, url });
  return {
    name: o.name,
    url,
    port,
    close: async () => {
      await apollo.stop();
    },
  };
}
