import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appConnectionString, repoRoot } from '@chibo/service-kit';
import { createAuthenticator, localDemo, startGateway, withSubgraphUrls, type RunningGateway } from '@chibo/gateway';
import { committedSupergraph, type Stack } from '@chibo/testkit';
import type { DemoTenant } from './seed';

/** Where `pnpm build` puts the web dashboard and GraphiQL. */
export const DASHBOARD_DIST = join(repoRoot(), 'packages', 'dashboard', 'dist');

/**
 * The gateway people open in a browser (`pnpm start`): GraphQL, the dashboard at `/`, GraphiQL
 * at `/graphiql`, and — on the embedded default only, never with an identity provider — the
 * demo account picker and a pre-filled GraphiQL token. It fronts the stack's own subgraphs.
 */
export async function startWebGateway(stack: Stack, demo: DemoTenant, port: number, wardId: string): Promise<RunningGateway> {
  const urls = Object.fromEntries(Object.values(stack.services).map((s) => [s.module.name, s.subgraph.url]));
  const local = !process.env.CHIBO_JWT_JWKS_URL;
  return startGateway({
    supergraphSdl: withSubgraphUrls(committedSupergraph(), urls),
    subgraphUrls: urls,
    internalSecret: stack.options.internalSecret,
    authenticator: createAuthenticator({ kind: 'local', keys: stack.keys }),
    logger: stack.options.logger!,
    port,
    host: stack.options.host,
    jwks: stack.keys.publicJwks,
    dashboardBusUrl: appConnectionString({ adminUrl: stack.options.adminUrl, password: stack.options.password, service: 'meetings' }),
    web: existsSync(join(DASHBOARD_DIST, 'index.html')) ? { dir: DASHBOARD_DIST } : undefined,
    demo: local ? localDemo(stack.keys, { tenantId: demo.tenantId, wardId, cellId: demo.firstCellId }) : undefined,
  });
}
