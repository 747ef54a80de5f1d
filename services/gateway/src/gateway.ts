import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import wsTransport from '@graphql-mesh/transport-ws';
import { printSchema, type ExecutionResult } from 'graphql';
import { useServer, type Extra as WsExtra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { DomainError, type Principal } from '@chibo/domain';
import { DashboardBus, IDENTITY_HEADER, ServiceMetrics, callInternal, signIdentity, traceHeaders, tracer, type Logger } from '@chibo/service-kit';
import { context as otelContext, trace } from '@opentelemetry/api';
import type { Authenticate } from './auth/authenticate';
import { domainToGraphQLError, errorBody, httpStatusOf, normalizeResult, toClientError, toWireResult } from './errors';
import { accessPlugin, checkOperationAccess, type AccessTable } from './access';
import { batchedAdmit, budgetPlugin, budgetsFromEnv, memoryAdmit, membershipAdmit, persistedSet, type Admit, type BudgetLimits } from './budget';
import { DEFAULT_LIMITS, limitPlugins, type QueryLimits } from './limits';
import { LiveFanout, classPrincipal, fanoutPlugin, type FanoutParams, type LiveSocket } from './live-fanout';
import { DashboardCache, dashboardCachePlugin, type DashboardCacheOptions } from './dashboard-cache';
import { withSubgraphUrls } from './supergraph';
import { webRoutes, type DemoMode, type WebOptions } from './web';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → URL, overriding the URLs composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  internalSecret: string;
  authenticator: Authenticate;
  logger: Logger;
  port?: number;
  host?: string;
  /** Served at `/.well-known/jwks.json` (the embedded default's public signing keys). */
  jwks?: object;
  limits?: QueryLimits;
  /**
   * Who may run which root field: OPERATION_ACCESS (packages/domain), checked before anything
   * runs. Another table only for a gateway over another schema (this package's own tests).
   */
  operationAccess?: AccessTable;
  /** Hourly budgets in points; default from the environment (budget.ts). */
  budgets?: BudgetLimits;
  /** Who admits each operation; default membership (shared by replicas), in memory without it. */
  admit?: Admit;
  /**
   * Trusted documents (hash → document), run when sent by hash; default the web dashboard's
   * manifest (`persisted-documents.json` in `web.dir`) when there is one.
   */
  persistedDocuments?: Record<string, string>;
  /**
   * How often a socket opened with an API key checks the key again, so that subscriptions
   * already running end soon after a revocation (new operations check at once). Default 10 s.
   */
  apiKeyRecheckMs?: number;
  /** Production mode: no introspection, no field suggestions. Default: NODE_ENV=production. */
  production?: boolean;
  /** The built dashboard and GraphiQL, served at `/` and `/graphiql`. */
  web?: WebOptions;
  /** Embedded default only (local keys): demo logins and a pre-filled GraphiQL token. */
  demo?: DemoMode;
  /**
   * PostgreSQL URL on which to listen to the dashboard bus (any role that may connect). With it,
   * `Query.dashboard` answers are kept per caller's visibility class until a change of their
   * figures is announced (dashboard-cache.ts); without it nothing is kept.
   */
  dashboardBusUrl?: string;
  /** Sizes of that cache; `false` turns it off even with a bus. */
  dashboardCache?: DashboardCacheOptions | false;
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  port: number;
  close(): Promise<void>;
}

/** What the gateway adds to the runtime's context; the transports read `chiboIdentity`. */
type ChiboContext = {
  chiboPrincipal?: Principal;
  chiboIdentity?: string;
};

const GRAPHQL_PATH = '/graphql';
const MAX_BODY_BYTES = 1 << 20;
const gatewayTracer = tracer('chibo-gateway');
const IDENTITY_TTL_SECONDS = 60;
const IDENTITY_REUSE_MS = 30_000;

/**
 * Signing is cheap but not free, and a dashboard sends bursts of requests as the same person:
 * one signature per principal is reused for half its lifetime, so a reused one still has at
 * least 30 s left when a subgraph checks it.
 */
function identitySigner(secret: string): (p: Principal) => Promise<string> {
  const cache = new Map<string, { token: string; until: number }>();
  return async (p) => {
    const key = JSON.stringify([p.tenantId, p.subject, [...p.roles].sort(), p.scopeOrgUnitId, p.memberId ?? null, p.scopes ?? null]);
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.token;
    const token = await signIdentity(p, secret, IDENTITY_TTL_SECONDS);
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, { token, until: now + IDENTITY_REUSE_MS });
    return token;
  };
}

/** The web dashboard's trusted documents, written next to it by its build. */
function loadManifest(webDir: string | undefined): Record<string, string> | undefined {
  const file = webDir ? join(webDir, 'persisted-documents.json') : undefined;
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function asDomainError(err: unknown, logger: Logger): DomainError {
  if (err instanceof DomainError) return err;
  logger.error('authentication failed unexpectedly', { error: (err as Error)?.message });
  return new DomainError('INTERNAL');
}

/**
 * The public entry: one HTTP server carrying GraphQL over HTTP, SSE and WebSocket on
 * `/graphql`, plus health and the JWKS. Nothing reaches the runtime unauthenticated, and
 * nothing reaches a subgraph without the signed identity of the caller.
 */
export async function startGateway(o: GatewayOptions): Promise<RunningGateway> {
  const log = o.logger;
  const sign = identitySigner(o.internalSecret);
  const debug = process.env.CHIBO_LOG_LEVEL === 'debug';

  // An integrator's API key is checked by membership, which keeps the keys (hashed) per tenant.
  // No cache: a revoked key must stop working at once.
  const membershipUrl = o.subgraphUrls.membership;
  const authenticate = async (authorization: string | null | undefined, apiKey?: string | null): Promise<Required<ChiboContext>> => {
    const chiboPrincipal = apiKey
      ? await callInternal<Principal>(membershipUrl, 'verify-api-key', { key: apiKey }, o.internalSecret)
      : await o.authenticator(authorization);
    return { chiboPrincipal, chiboIdentity: await sign(chiboPrincipal) };
  };

  const chiboPlugin: GatewayPlugin<ChiboContext> = {
    // HTTP and SSE: authenticate before Yoga parses anything; what is learned rides on the
    // server context, which Yoga uses as the GraphQL context.
    onRequest({ request, serverContext, endResponse, fetchAPI }) {
      return authenticate(request.headers.get('authorization'), request.headers.get('x-api-key')).then(
        (ctx) => {
          Object.assign(serverContext as object, ctx);
        },
        (err) => {
          const e = asDomainError(err, log);
          endResponse(
            new fetchAPI.Response(JSON.stringify(errorBody(e)), {
              status: httpStatusOf(e.code),
              headers: { 'content-type': 'application/json; charset=utf-8', ...(e.code === 'INTERNAL' ? {} : { 'www-authenticate': 'Bearer' }) },
            }),
          );
        },
      );
    },
    // Subgraph calls over HTTP (queries, mutations, entity fetches for subscription payloads).
    // Signed at fetch time, not taken from the context: a subscription outlives a signature.
    onFetch({ context, options, setOptions }) {
      const principal = (context as ChiboContext | undefined)?.chiboPrincipal;
      
      if (!principal) return;
      const requestId = (context as { request?: Request } | undefined)?.request?.headers.get('x-request-id');
      return sign(principal).then((identity) => {
        const headers = new Headers(options.headers as HeadersInit | undefined);
        headers.set(IDENTITY_HEADER, identity);
        if (requestId) headers.set('x-request-id', requestId);
        for (const [k, v] of Object.entries(traceHeaders())) headers.set(k, v);
        setOptions({ ...options, headers: Object.fromEntries(headers) });
      });
    },
    // The last net for HTTP and SSE: every error on the wire gets a listed code.
    onResultProcess({ result, setResult }) {
      setResult(normalizeResult(result as ExecutionResult, log) as typeof result);
    },
    // Yoga answers some refusals (415 unsupported media type, 406 not acceptable) with an empty
    // body; a client still gets a GraphQL error body with a code.
    onResponse({ response, setResponse, fetchAPI }) {
      if (response.status < 400 || /json/.test(response.headers.get('content-type') ?? '')) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-length');
      const body = errorBody(new DomainError(response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'));
      setResponse(new fetchAPI.Response(JSON.stringify(body), { status: response.status, headers }));
    },
  };

  const metrics = new ServiceMetrics('gateway', { processMetrics: true });
  const production = o.production ?? process.env.NODE_ENV === 'production';
  /** Ready when every subgraph answers its health check: a gateway without them serves errors. */
  const readiness = async () => {
    const checks: Record<string, boolean> = {};
    await Promise.all(
      Object.entries(o.subgraphUrls).map(async ([name, u]) => {
        checks[name] = await fetch(u.replace(/\/graphql$/, '/healthz'), { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        );
      }),
    );
    return checks;
  };

  // Dashboard answers, dropped as soon as the bus announces a change of their figures.
  const cache = o.dashboardBusUrl && o.dashboardCache !== false ? new DashboardCache(o.dashboardCache || {}) : null;
  const bus = cache ? new DashboardBus(o.dashboardBusUrl!, log) : null;
  if (cache && bus) {
    await bus.watch(cache).catch((err: Error) => log.warn('dashboard cache off: the bus cannot be reached', { error: err.message }));
    metrics.gauge('chibo_dashboard_cache_entries', 'Dashboard answers kept at the gateway', async () => cache.size);
    metrics.gauge('chibo_dashboard_cache_hits', 'Dashboard requests answered from the gateway cache since start', async () => cache.hits);
    metrics.gauge('chibo_dashboard_cache_misses', 'Dashboard requests that could be kept but were asked of the services', async () => cache.misses);
  }

  // One admission call for the requests of a tenant that arrive while another is on its way.
  const admit = batchedAdmit(o.admit ?? (membershipUrl ? membershipAdmit(membershipUrl, o.internalSecret) : memoryAdmit()));

  const manifest = o.persistedDocuments ?? loadManifest(o.web?.dir);
  // Dashboard subscribers (graphql-ws or SSE) asking the same thing under the same visibility
  // class share one upstream subscription and one execution per change (see LiveFanout).
  // A shared update is serialised once per group, as graphql-ws would after onNext (below).
  const fanout = new LiveFanout((result) => JSON.stringify(toWireResult(result, log)));
  metrics.gauge('chibo_live_upstream_subscriptions', 'Shared upstream dashboard subscriptions (one per dashboard and visibility class)', async () => fanout.upstreamCount);
  metrics.gauge('chibo_live_subscribers', 'graphql-ws and SSE subscribers served by a shared dashboard subscription', async () => fanout.subscriberCount);
  const notFound = new DomainError('PERSISTED_DOCUMENT_NOT_FOUND');

  const runtime = createGatewayRuntime<ChiboContext>({
    supergraph: withSubgraphUrls(o.supergraphSdl, o.subgraphUrls),
    transports: { http: httpTransport, ws: wsTransport },
    transportEntries: {
      '*.http': {
        // The HTTP executor shares one answer between identical queries in flight. Its key is URL
        // and body, plus these headers — not the ones onFetch adds — so without the caller's
        // identity here two people asking the same thing at once would both get the first one's
        // answer (an inspector's counts reaching a cell secretary). With it, only one person's
        // identical requests share an answer. onFetch still replaces it with a fresh signature.
        headers: [[IDENTITY_HEADER, '{context.chiboIdentity}']],
        options: {
          // Subscriptions go to the owning subgraph over graphql-ws; it reads the identity
          // from the connection parameters, since a WebSocket has no per-request headers.
          // Upstream sockets are keyed by that identity, which rotates every 30 s, so keeping an
          // idle one open (the transport's default: 3 s) buys little and delays shutdown.
          subscriptions: {
            kind: 'ws',
            options: { connectionParams: { identity: '{context.chiboIdentity}' }, lazyCloseTimeout: 0 },
          },
        },
      },
    },
    logging: debug ? 'debug' : false,
    landingPage: false,
    graphiql: false,
    graphqlEndpoint: GRAPHQL_PATH,
    maskedErrors: { maskError: (error) => toClientError(error as Error, log) },
    // A subgraph error without a code of ours is a transport failure or a subgraph bug; the
    // subgraph's name is topology, not something a client needs.
    subgraphErrors: { errorCode: 'SUBGRAPH_UNAVAILABLE', subgraphNameProp: false },
    plugins: () => [
      chiboPlugin,
      fanoutPlugin(fanout, sign, o.operationAccess) as GatewayPlugin<ChiboContext>,
      ...(limitPlugins(o.limits, { production }) as GatewayPlugin<ChiboContext>[]),
      // The access table before the budget: a refused operation spends nothing.
      accessPlugin({ table: o.operationAccess, metrics }) as GatewayPlugin<ChiboContext>,
      budgetPlugin({
        admit,
        limits: o.budgets ?? budgetsFromEnv(),
        maxCost: (o.limits ?? DEFAULT_LIMITS).maxCost,
        persisted: persistedSet(manifest),
        logger: log,
      }) as GatewayPlugin<ChiboContext>,
      // After the budget: a kept answer is admitted and charged like a fresh one.
      ...(cache ? [dashboardCachePlugin(cache) as GatewayPlugin<ChiboContext>] : []),
    ],
    disableIntrospection: production ? { disableIf: () => true } : undefined,
    // Arbitrary documents pass here; a tenant that wants persisted ones only is asked later
    // (budget.ts), once the caller is known.
    persistedDocuments: {
      getPersistedOperation: (hash) => manifest?.[hash] ?? null,
      allowArbitraryDocuments: true,
      customErrors: { notFound: { message: notFound.message, extensions: { ...notFound.toExtensions(), http: { status: 400 } } } },
    },
  });

  const web = webRoutes({
    web: o.web,
    demo: o.demo,
    graphiql: !production,
    send: sendJson,
    badRequest: (res) => sendJson(res, 400, errorBody(new DomainError('BAD_REQUEST'))),
  });

  const httpServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    if (path === '/healthz' && isRead) return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz' && isRead) {
      void readiness().then((checks) => {
        const ready = Object.values(checks).every(Boolean);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
      });
      return;
    }
    if (path === '/metrics' && isRead) {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      });
      return;
    }
    if (path === '/.well-known/jwks.json' && isRead && o.jwks) return sendJson(res, 200, o.jwks);
    if (path !== GRAPHQL_PATH && web(req, res, path)) return;
    // The public schema as SDL, for integrators who generate clients (introspection may be off).
    if (path === '/sdl' && isRead) {
      void authenticate(req.headers.authorization ?? null, (req.headers['x-api-key'] as string | undefined) ?? null).then(
        async () => {
          const sdl = printSchema(await runtime.getSchema());
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(sdl);
        },
        (err) => {
          const e = asDomainError(err, log);
          sendJson(res, httpStatusOf(e.code), errorBody(e));
        },
      );
      return;
    }
    // One request, one operation, at most 1 MiB: a bigger body is refused before it is read.
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      // Member lists are the one big upload: say where a big one goes.
      const e = new DomainError(
        'LIMIT_EXCEEDED',
        {
          vi: 'Yêu cầu vượt quá 1 MiB. Tệp danh sách đảng viên lớn hơn hãy nhập bằng lệnh `pnpm chibo import members TỆP --tenant …`',
          en: 'The request exceeds 1 MiB. Import a larger member file with `pnpm chibo import members FILE --tenant …`',
        },
        { limit: 'bodyBytes', max: MAX_BODY_BYTES },
      );
      res.setHeader('connection', 'close');
      return sendJson(res, 413, errorBody(e));
    }
    // Only /graphql reaches the runtime: its landing page, /healthcheck and /readiness stay shut.
    if (path !== GRAPHQL_PATH) return sendJson(res, 404, errorBody(new DomainError('NOT_FOUND')));
    // One id per request, forwarded to the subgraphs, so its log lines can be joined up.
    if (!req.headers['x-request-id']) req.headers['x-request-id'] = randomUUID();
    res.setHeader('x-request-id', req.headers['x-request-id'] as string);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.requests.inc({ operation: 'http', outcome: res.statusCode < 400 ? 'ok' : 'error' });
      metrics.duration.observe({ operation: 'http' }, seconds);
    });
    // One trace per client request; the subgraph calls below carry it on (traceparent).
    const span = gatewayTracer.startSpan('gateway graphql', { attributes: { 'http.method': req.method ?? '' } });
    res.once('finish', () => {
      span.setAttribute('http.status_code', res.statusCode);
      span.end();
    });
    // requestListener answers its own failures (a 500 without a stack), so nothing escapes here.
    otelContext.with(trace.setSpan(otelContext.active(), span), () => void runtime.requestListener(req, res));
  });

  // The runtime loads the supergraph lazily; a WebSocket subscribe does not wait for it the way
  // an HTTP request does, so the first one would find no schema.
  await runtime.getSchema();

  // 1 MiB per message: ws' default of 100 MiB is an invitation. (Query limits: a later issue.)
  const wss = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: 1 << 20 });
  // Signed again per subscribe: the socket may be older than the signature made at connect.
  const wsOptions = getGraphQLWSOptions<ChiboContext, WsExtra & Partial<ChiboContext>>(runtime, async (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    chiboPrincipal: ctx.extra.chiboPrincipal,
    chiboIdentity: await sign(ctx.extra.chiboPrincipal!),
  }));
  type WsArgs = Parameters<NonNullable<typeof wsOptions.subscribe>>[0];
  const subscribe = (args: WsArgs) => {
    const context = args.contextValue as ChiboContext & { params: FanoutParams; socket?: LiveSocket; chiboSubscriptionId?: string };
    const principal = context.chiboPrincipal;
    if (!principal || !fanout.shareable(context.params)) return wsOptions.subscribe!(args);
    // A subscriber joining a shared stream runs no execution of its own, so the access table is
    // asked here, for this subscriber, before it joins (the shared one is checked as its class).
    const denied = checkOperationAccess(principal, args.document, args.operationName, o.operationAccess);
    if (denied) return { errors: [domainToGraphQLError(denied)] } as ReturnType<NonNullable<typeof wsOptions.subscribe>>;
    // The fan-out writes each update's frame to this subscriber's socket itself, under its id.
    const direct = context.socket && context.chiboSubscriptionId !== undefined ? { socket: context.socket, id: context.chiboSubscriptionId } : undefined;
    return fanout.subscribe(principal, context.params, async () => {
      // The shared execution runs as the class, not as its first subscriber, and keeps nothing
      // of that subscriber's socket: it outlives them when others still watch.
      const shared = classPrincipal(principal);
      const contextValue = { ...context, req: undefined, socket: undefined, chiboSubscriptionId: undefined, chiboFanoutShared: true, chiboPrincipal: shared, chiboIdentity: await sign(shared) };
      return (await wsOptions.subscribe!({ ...args, contextValue })) as ExecutionResult | AsyncIterable<ExecutionResult>;
    }, direct) as ReturnType<NonNullable<typeof wsOptions.subscribe>>;
  };
  const wsServer = useServer<Record<string, unknown> | undefined, ChiboContext>(
    {
      ...wsOptions,
      subscribe,
      // The runtime's onSubscribe builds the execution; counting wraps it, never replaces it.
      onSubscribe: async (ctx, id, payload) => {
        // A key revoked after the socket opened must not start anything new: a key is checked
        // again for every operation (a token is not: it carries its own expiry).
        const apiKey = (ctx.extra as { chiboApiKey?: string }).chiboApiKey;
        if (apiKey) {
          try {
            Object.assign(ctx.extra, await authenticate(null, apiKey));
          } catch (err) {
            const e = asDomainError(err, log);
            ctx.extra.socket.close(e.code === 'INTERNAL' ? 4500 : 4401, e.code);
            return [domainToGraphQLError(e)];
          }
        }
        metrics.subscriptions.inc();
        const execArgs = await wsOptions.onSubscribe!(ctx, id, payload);
        // The subscription's id, for the fan-out's own `next` frames (see LiveFanout).
        if (execArgs && 'contextValue' in execArgs && execArgs.contextValue) (execArgs.contextValue as { chiboSubscriptionId?: string }).chiboSubscriptionId = id;
        return execArgs;
      },
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const apiKey = ctx.connectionParams?.['x-api-key'] ?? ctx.connectionParams?.apiKey;
        try {
          Object.assign(ctx.extra, await authenticate(typeof authorization === 'string' ? authorization : null, typeof apiKey === 'string' ? apiKey : null));
          if (typeof apiKey === 'string' && apiKey) {
            Object.assign(ctx.extra, { chiboApiKey: apiKey });
            const socket = ctx.extra.socket;
            const recheck = setInterval(() => {
              authenticate(null, apiKey).catch((err) => {
                const e = asDomainError(err, log);
                // Only a verdict on the key ends the socket; membership being away does not.
                if (e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN') socket.close(4401, e.code);
              });
            }, o.apiKeyRecheckMs ?? 10_000);
            recheck.unref();
            socket.once('close', () => clearInterval(recheck));
          }
          return true;
        } catch (err) {
          const e = asDomainError(err, log);
          // 4401/4403 tell the client not to retry with the same token; the reason is the code.
          ctx.extra.socket.close(e.code === 'INTERNAL' ? 4500 : e.code === 'FORBIDDEN' ? 4403 : 4401, e.code);
          return false;
        }
      },
      onComplete: () => {
        metrics.subscriptions.dec();
      },
      onNext: (_ctx, _id, _payload, _args, result) => toWireResult(result as ExecutionResult, log),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => toWireResult({ errors: [e] }, log).errors![0]) as never,
    },
    wss,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = o.host && o.host !== '0.0.0.0' && o.host !== '::' ? o.host : '127.0.0.1';
  const url = `http://${host}:${port}${GRAPHQL_PATH}`;
  log.info('gateway listening', { url });

  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    port,
    close: async () => {
      // Subscriptions end with 1001 (going away) so clients reconnect to another replica.
      await wsServer.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // Stop accepting, let requests in flight finish (up to 10 s), then close what is left.
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const idle = setInterval(() => httpServer.closeIdleConnections(), 100);
      const deadline = setTimeout(() => httpServer.closeAllConnections(), 10_000);
      await closed;
      clearInterval(idle);
      clearTimeout(deadline);
      await runtime.dispose();
      await bus?.close();
    },
  };
}
