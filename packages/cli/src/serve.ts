import { parseArgs } from 'node:util';
import { SERVICE_NAMES, createLogger, startService, type ServiceName } from '@chibo/service-kit';
import { authConfigFromEnv, createAuthenticator, loadOrCreateLocalKeys, startGateway, withSubgraphUrls } from '@chibo/gateway';
import { SERVICES, committedSupergraph } from '@chibo/testkit';

/**
 * One part of the platform as its own process (what a container runs). Configuration comes
 * from the environment, as it would in Kubernetes:
 * - services: CHIBO_ADMIN_URL, CHIBO_DB_PASSWORD, CHIBO_INTERNAL_SECRET, CHIBO_PEERS
 *   (`meetings=http://…/graphql,inspection=…`: where to deliver this service's events);
 * - gateway: CHIBO_SUBGRAPHS (`membership=http://…/graphql,…`), CHIBO_INTERNAL_SECRET, CHIBO_KEYS_DIR,
 *   CHIBO_DASHBOARD_BUS_URL (optional: a database URL to listen to the dashboard bus on, which
 *   turns on the gateway's dashboard cache).
 */
function pairs(value: string | undefined): Record<string, string> {
  return Object.fromEntries((value ?? '').split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
}

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

export async function serve(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } } });
  const what = positionals[0];
  const port = Number(values.port);
  const logger = createLogger({ component: what });
  let close: () => Promise<void>;
  let url: string;
  if (what === 'gateway') {
    // An identity provider's JWKS when CHIBO_JWT_JWKS_URL is set, the local key otherwise.
    const keysDir = need('CHIBO_KEYS_DIR');
    const keys = process.env.CHIBO_JWT_JWKS_URL ? null : await loadOrCreateLocalKeys(keysDir);
    const urls = pairs(need('CHIBO_SUBGRAPHS'));
    const gw = await startGateway({
      supergraphSdl: withSubgraphUrls(committedSupergraph(), urls),
      subgraphUrls: urls,
      internalSecret: need('CHIBO_INTERNAL_SECRET'),
      authenticator: createAuthenticator(await authConfigFromEnv(keysDir)),
      logger,
      port,
      host: values.host,
      jwks: keys?.publicJwks,
      // Dashboard answers kept until the bus (PostgreSQL NOTIFY) announces a change of them.
      dashboardBusUrl: process.env.CHIBO_DASHBOARD_BUS_URL || undefined,
    });
    close = gw.close;
    url = gw.url;
  } else if ((SERVICE_NAMES as string[]).includes(what)) {
    const running = await startService(SERVICES[what as ServiceName], {
      adminUrl: need('CHIBO_ADMIN_URL'),
      password: need('CHIBO_DB_PASSWORD'),
      internalSecret: need('CHIBO_INTERNAL_SECRET'),
      logger,
      port,
      host: values.host,
    });
    const peers = Object.entries(pairs(process.env.CHIBO_PEERS)).map(([name, peerUrl]) => ({
      module: SERVICES[name as ServiceName],
      eventsUrl: () => peerUrl.replace(/\/graphql$/, '/events'),
    }));
    await running.connect(peers);
    close = running.close;
    url = running.subgraph.url;
  } else {
    throw new Error(`serve: unknown part "${what}" (gateway, ${SERVICE_NAMES.join(', ')})`);
  }
  // The parent (testkit or an operator) reads this line to know the part is ready.
  process.stdout.write(`ready ${url}\n`);
  const stop = async () => {
    await close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
