import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@chibo/service-kit';
import { createAuthenticator, localDemo, startGateway, withSubgraphUrls, type RunningGateway } from '@chibo/gateway';
import { committedSupergraph, type Stack } from '@chibo/testkit';

export const DIST = join(__dirname, '..', 'dist');

/** The built dashboard; built here when a test runs before `pnpm build` did. */
export function ensureBuilt(): string {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'graphiql.html')) || !existsSync(join(DIST, 'persisted-documents.json'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: join(__dirname, '..'), stdio: 'inherit' });
  }
  return DIST;
}

/**
 * A second gateway in front of the test stack's subgraphs, as `pnpm start` runs it on the
 * embedded default: dashboard, GraphiQL and (unless `demo: false`) the demo logins.
 */
export async function startDemoGateway(
  stack: Stack,
  tree: { tenantId: string; ward: string; cell: string },
  o: { demo?: boolean; web?: string | null; port?: number; production?: boolean } = {},
): Promise<RunningGateway & { base: string }> {
  const urls = Object.fromEntries(Object.values(stack.services).map((s) => [s.module.name, s.subgraph.url]));
  const gw = await startGateway({
    supergraphSdl: withSubgraphUrls(committedSupergraph(), urls),
    subgraphUrls: urls,
    internalSecret: stack.options.internalSecret,
    authenticator: createAuthenticator({ kind: 'local', keys: stack.keys }),
    logger: createLogger({ component: 'demo-gateway' }, 'error'),
    port: o.port,
    production: o.production ?? false,
    web: o.web === null ? undefined : { dir: o.web ?? ensureBuilt() },
    demo: o.demo === false ? undefined : localDemo(stack.keys, { tenantId: tree.tenantId, wardId: tree.ward, cellId: tree.cell }),
  });
  return { ...gw, base: gw.url.replace(/\/graphql$/, '') };
}
