import type { DataSource } from 'typeorm';
import type { ServiceName } from './config';
import { appConnectionString, appDataSource, migrate, relayConnectionString } from './database/data-source';
import { DashboardBus } from './events/dashboard-bus';
import { provisionService } from './database/provision';
import { EventConsumer, type EventHandlers } from './events/consumer';
import { HttpEventSink } from './events/http-transport';
import { Peers } from './events/peers';
import { OutboxRelay, type EventSink } from './events/relay';
import { buildFederatedSchema, type SubgraphDefinition } from './graphql/federation';
import { startSubgraphServer, type InternalHandler, type RunningSubgraph } from './graphql/subgraph-server';
import type { Logger } from './logger';
import { ServiceMetrics } from './ops/metrics';
import { JobRunner, type BackgroundJob } from './ops/jobs';
import { WebhookDispatcher, fanOutWebhooks } from './webhooks/dispatcher';
import { webhookSink } from './webhooks/webhook-sink';
import { webhookSettingsFromEnv, type WebhookSettings } from './webhooks/endpoint-policy';

/** What a service is, declared once in its `index.ts`; the kit runs it. */
export interface ServiceModule {
  name: ServiceName;
  entities: Function[];
  migrations: Function[];
  subgraph: SubgraphDefinition;
  /** Events of other services this one applies. */
  eventHandlers?: EventHandlers;
  /** Signed calls from other parts of the platform (e.g. the gateway checking an API key). */
  internal?: Record<string, InternalHandler>;
  /**
   * This service hosts the tenant's webhooks: registrations, a delivery for each event of every
   * service (peers send it all their events), and the dispatcher. One service does, not three.
   */
  webhooks?: boolean;
  /** Reactions to the service's own events, run by its relay (e.g. dashboard notifications). */
  localSinks?: (deps: { dataSource: DataSource; logger: Logger }) => EventSink[];
  /** Work on a timer in every replica (idempotent, self-locking), e.g. planning next month's meetings. */
  jobs?: BackgroundJob[];
}

export interface ServiceRuntimeOptions {
  adminUrl: string;
  password: string;
  internalSecret: string;
  logger: Logger;
  port?: number;
  host?: string;
  /** Run the outbox relay in this process (default true); also the webhook dispatcher. */
  relay?: boolean;
  /** Run the module's background jobs (default true; tests run them by hand). */
  jobs?: boolean;
  /** Where webhooks may go (default: from the environment, i.e. public HTTPS only). */
  webhooks?: WebhookSettings;
}

export interface RunningService {
  module: ServiceModule;
  subgraph: RunningSubgraph;
  dataSource: DataSource;
  relay: OutboxRelay;
  /** Live dashboard subscriptions this service holds (one per upstream subscription from a gateway). */
  dashboardBus: DashboardBus;
  /** The webhook dispatcher, in the one service that sends webhooks (started and stopped with the relay). */
  webhooks?: WebhookDispatcher;
  /** Connect the relay to the services that consume this one's events. */
  connect(peers: RunningService[] | { module: ServiceModule; eventsUrl: () => string }[]): Promise<void>;
  close(): Promise<void>;
}

export async function prepareDatabase(module: ServiceModule, o: Pick<ServiceRuntimeOptions, 'adminUrl' | 'password'>): Promise<string[]> {
  await provisionService(o.adminUrl, module.name, o.password);
  return migrate({ adminUrl: o.adminUrl, password: o.password, service: module.name, entities: module.entities, migrations: module.migrations });
}

export async function startService(module: ServiceModule, o: ServiceRuntimeOptions): Promise<RunningService> {
  const logger = o.logger.child({ service: module.name });
  const dataSource = appDataSource({ adminUrl: o.adminUrl, password: o.password, service: module.name, entities: module.entities });
  await dataSource.initialize();
  const { schema } = await buildFederatedSchema(module.subgraph);
  const dashboardBus = new DashboardBus(appConnectionString({ adminUrl: o.adminUrl, password: o.password, service: module.name }), logger);
  const webhookSettings = o.webhooks ?? webhookSettingsFromEnv();
  const tap = module.webhooks ? (tx: Parameters<typeof fanOutWebhooks>[0], event: Parameters<typeof fanOutWebhooks>[2]) => fanOutWebhooks(tx, module.name, event).then(() => undefined) : undefined;
  const consumer = module.eventHandlers || tap ? new EventConsumer(dataSource, module.name, module.eventHandlers ?? {}, tap) : undefined;
  const metrics = new ServiceMetrics(module.name);
  const peers = new Peers(o.internalSecret);
  const relayUrl = relayConnectionString({ adminUrl: o.adminUrl, password: o.password, service: module.name });
  const subgraph = await startSubgraphServer({
    name: module.name,
    schema,
    dataSource,
    internalSecret: o.internalSecret,
    logger,
    consumer,
    dashboardBus,
    metrics,
    internal: module.internal,
    peers,
    readiness: () => readiness(module, dataSource),
    settings: { webhooks: webhookSettings },
    port: o.port,
    host: o.host,
  });
  const sinks: EventSink[] = module.localSinks?.({ dataSource, logger }) ?? [];
  let dispatcher: WebhookDispatcher | undefined;
  if (module.webhooks) {
    // The service's own events: fanned out by its relay, in a transaction of the event's tenant.
    sinks.push(webhookSink(dataSource, module.name));
    dispatcher = new WebhookDispatcher({ schema: module.name, connectionString: relayUrl, logger, settings: webhookSettings });
  }
  const relay = new OutboxRelay({ service: module.name, connectionString: relayUrl, sinks, logger });
  const jobs = new JobRunner(module.jobs ?? [], { dataSource, logger, relayUrl });
  metrics.gauge('chibo_outbox_lag_seconds', 'Age of the oldest undelivered event', () => relay.lagSeconds());
  return {
    module,
    subgraph,
    dataSource,
    relay,
    dashboardBus,
    webhooks: dispatcher,
    async connect(peerList) {
      for (const peer of peerList) {
        if (peer.module.name === module.name) continue;
        const eventsUrl = 'eventsUrl' in peer ? peer.eventsUrl : () => peer.subgraph.url.replace(/\/graphql$/, '/events');
        peers.register(peer.module.name, () => eventsUrl().replace(/\/events$/, ''));
        // A service that sends webhooks hears every event, not only those it handles.
        const handlers = peer.module.eventHandlers ?? {};
        const everything = !!peer.module.webhooks;
        if (!peer.module.eventHandlers && !everything) continue;
        sinks.push(new HttpEventSink(peer.module.name, eventsUrl, o.internalSecret, (type) => everything || type in handlers));
      }
      if (o.relay !== false) {
        await relay.start();
        dispatcher?.start();
      }
      if (o.jobs !== false) jobs.start();
    },
    async close() {
      await jobs.stop();
      await relay.stop();
      await dispatcher?.stop();
      await subgraph.close();
      await dashboardBus.close();
      await dataSource.destroy();
    },
  };
}

/** Ready when the database answers and every migration this code knows has been applied. */
async function readiness(module: ServiceModule, dataSource: DataSource): Promise<Record<string, boolean>> {
  const database = await dataSource.query('SELECT 1').then(
    () => true,
    () => false,
  );
  if (!database) return { database, migrations: false };
  const applied: { name: string }[] = await dataSource.query(`SELECT name FROM "${module.name}"."migrations"`).catch(() => []);
  const names = new Set(applied.map((r) => r.name));
  // typeorm records a migration under its class name.
  const migrations = module.migrations.every((m) => names.has(m.name));
  return { database, migrations };
}
