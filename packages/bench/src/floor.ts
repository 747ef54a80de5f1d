import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { execute, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { Role, type Principal } from '@chibo/domain';
import { RequestContext, buildFederatedSchema, createLogger, type ServiceName } from '@chibo/service-kit';
import { SERVICES, committedSupergraph, type Stack } from '@chibo/testkit';

/** One request's principal, and the per-service contexts made from it on first use. */
interface FloorContext {
  principal: Principal;
  contexts: Map<string, RequestContext>;
}

/**
 * Scenario 1(c), the floor: the same schema and the very same resolvers, against the same
 * database, served by one process with no gateway in front — no HTTP between services, no JSON
 * in between, no identity signed or verified. The three subgraph schemas are executed in
 * memory and joined by graphql-tools' stitching from the same supergraph, so what is left is
 * the resolvers and the join itself; identical requests of one caller in flight share one
 * execution, as they do at chibo's gateway. (A hand-merged monolith could shave the join too; the
 * services' shared entity types are declared once per service, so that is not one schema.)
 */
export async function startFloor(stack: Stack): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createLogger({ component: 'bench-floor' }, 'warn');
  const schemas = new Map<string, GraphQLSchema>();
  for (const [name, module] of Object.entries(SERVICES)) schemas.set(name, (await buildFederatedSchema(module.subgraph)).schema);

  const contextFor = (ctx: FloorContext, name: string): RequestContext => {
    let c = ctx.contexts.get(name);
    if (!c) {
      c = new RequestContext(ctx.principal, stack.services[name as ServiceName].dataSource, name, logger);
      ctx.contexts.set(name, c);
    }
    return c;
  };

  const schema = getStitchedSchemaFromSupergraphSdl({
    supergraphSdl: committedSupergraph(),
    batch: true,
    onSubschemaConfig: (config) => {
      const local = schemas.get(config.name.toLowerCase()) ?? schemas.get(config.name);
      if (!local) throw new Error(`no local schema for subgraph ${config.name}`);
      const name = [...schemas.keys()].find((k) => k === config.name.toLowerCase() || k === config.name)!;
      config.executor = ((request: Parameters<typeof config.executor>[0]) =>
        execute({ schema: local, document: request.document, variableValues: request.variables, operationName: request.operationName, contextValue: contextFor(request.context as FloorContext, name) })) as typeof config.executor;
    },
  });

  const documents = new Map<string, DocumentNode>();
  const inFlight = new Map<string, Promise<ExecutionResult>>();
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown>; operationName?: string };
        let document = documents.get(query);
        if (!document) {
          document = parse(query);
          const errors = validate(schema, document);
          if (errors.length) return answer(res, 400, { errors });
          documents.set(query, document);
        }
        // Like the @apollo/gateway baseline: the caller comes from headers, no token verified.
        const principal: Principal = { tenantId: String(req.headers['x-tenant-id'] ?? ''), subject: 'bench', roles: [Role.INSPECTOR], scopeOrgUnitId: String(req.headers['x-scope'] ?? '') || null };
        // Like chibo's gateway, identical requests of one caller in flight share one execution.
        const key = JSON.stringify([principal, query, variables ?? null, operationName ?? null]);
        let result = inFlight.get(key);
        if (!result) {
          result = Promise.resolve(execute({ schema, document, variableValues: variables, operationName, contextValue: { principal, contexts: new Map() } satisfies FloorContext }));
          inFlight.set(key, result);
          void result.finally(() => inFlight.delete(key));
        }
        answer(res, 200, await result);
      })().catch((err: Error) => answer(res, 500, { errors: [{ message: err.message }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
