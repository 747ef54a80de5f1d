import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { OrgUnitKind, Role } from '@chibo/domain';
import {
  SERVICE_NAMES,
  appConnectionString,
  createLogger,
  serviceRoles,
  startService,
  withCredentials,
  type Logger,
  type RunningService,
  type ServiceName,
  type WebhookSettings,
} from '@chibo/service-kit';
import { createAuthenticator, loadOrCreateLocalKeys, mintToken, startGateway, withSubgraphUrls, type BudgetLimits, type DashboardCacheOptions, type LocalKeys, type RunningGateway, type TokenClaims } from '@chibo/gateway';
import { GatewayClient } from './client';
import { SERVICES } from './services';
import { committedSupergraph } from './supergraph';

export interface StackOptions {
  adminUrl: string;
  password: string;
  internalSecret?: string;
  keysDir?: string;
  ports?: Partial<Record<ServiceName | 'gateway', number>>;
  host?: string;
  logger?: Logger;
  /** Hourly budgets of the gateway (small ones to test running out). */
  budgets?: BudgetLimits;
  /** Trusted documents (hash → document) the gateway runs by hash. */
  persistedDocuments?: Record<string, string>;
  /** Where the webhook dispatcher may send (tests trust their own CA here, never globally). */
  webhooks?: WebhookSettings;
  /**
   * Keep `Query.dashboard` answers at the gateway, dropped by the dashboard bus (as `pnpm start`
   * and the bench do). Off by default: tests that change figures behind the platform's back
   * (SQL as a role) would read a kept answer.
   */
  dashboardCache?: boolean | DashboardCacheOptions;
  /** Run the services' background jobs (the meetings planner): on for `pnpm start`, off in tests, which run a job by hand. */
  jobs?: boolean;
}

/**
 * The whole platform in one process: three subgraphs, their relays and the gateway, on a
 * database that already has its schemas and migrations. Tests talk to it only through the
 * gateway, as a client would; the handles here exist to break things on purpose (stop a relay)
 * and to look underneath (SQL as a given role).
 */
export class Stack {
  private constructor(
    readonly gatewayUrl: string,
    readonly services: Record<ServiceName, RunningService>,
    readonly keys: LocalKeys,
    readonly options: StackOptions & { internalSecret: string },
    private readonly closeGateway: () => Promise<void>,
  ) {}

  static async start(o: StackOptions): Promise<Stack> {
    const logger = o.logger ?? createLogger({ component: 'stack' });
    const internalSecret = o.internalSecret ?? randomBytes(32).toString('base64url');
    const keys = await loadOrCreateLocalKeys(o.keysDir ?? mkdtempSync(join(tmpdir(), 'chibo-keys-')));
    const services = {} as Record<ServiceName, RunningService>;
    for (const name of SERVICE_NAMES) {
      services[name] = await startService(SERVICES[name], {
        adminUrl: o.adminUrl,
        password: o.password,
        internalSecret,
        logger,
        port: o.ports?.[name] ?? 0,
        host: o.host,
        // Timers would change tenants under a test's feet; tests run a job by hand when they mean to.
        jobs: o.jobs ?? false,
        webhooks: o.webhooks ?? {},
      });
    }
    const all = Object.values(services);
    for (const s of all) await s.connect(all);
    const gateway = await startGatewayFor(services, { ...o, internalSecret }, keys, logger, o.ports?.gateway ?? 0);
    return new Stack(gateway.url, services, keys, { ...o, internalSecret }, gateway.close);
  }

  /** Another gateway replica on the same services (closed by the caller). */
  replica(): Promise<RunningGateway> {
    return startGatewayFor(this.services, this.options, this.keys, this.options.logger ?? createLogger({ component: 'stack' }), 0);
  }

  token(claims: Partial<TokenClaims> & { roles: Role[] }, expiresIn = '1h'): Promise<string> {
    return mintToken(this.keys, { tenantId: null, subject: `test-${randomUUID()}`, scopeOrgUnitId: null, ...claims }, { expiresIn });
  }

  client(token: string | null): GatewayClient {
    return new GatewayClient(this.gatewayUrl, token);
  }

  async platformAdmin(): Promise<GatewayClient> {
    return this.client(await this.token({ roles: [Role.PLATFORM_ADMIN], subject: 'platform-admin' }));
  }

  /** A new tenant through the API; each test makes its own, so tests need no clean-up. */
  async createTenant(name: string): Promise<TenantHandle> {
    const admin = await this.platformAdmin();
    const data = await admin.ok<{ createTenant: { tenant: { id: string; name: string }; rootOrgUnit: { id: string } } }>(
      `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id name } rootOrgUnit { id } } }`,
      { input: { name } },
    );
    const t = data.createTenant;
    const cityAdmin = this.client(await this.token({ tenantId: t.tenant.id, roles: [Role.CITY_ADMIN], subject: `city-admin-${t.tenant.id}` }));
    return new TenantHandle(this, t.tenant.id, t.tenant.name, t.rootOrgUnit.id, cityAdmin);
  }

  /** Wait until every service's outbox is delivered, so projections have caught up. */
  async settle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const admin = new Client({ connectionString: this.options.adminUrl });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      for (;;) {
        let pending = 0;
        for (const name of SERVICE_NAMES) {
          const { rows } = await admin.query(`SELECT count(*)::int AS n FROM "${name}"."outbox" WHERE published_at IS NULL`);
          pending += rows[0].n;
        }
        if (!pending) return;
        if (Date.now() > deadline) throw new Error(`${pending} events still undelivered after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await admin.end();
    }
  }

  /** A raw SQL connection as one of a service's roles, or as the superuser. */
  async sql(service: ServiceName, role: 'app' | 'owner' | 'relay' | 'admin'): Promise<Client> {
    const url = role === 'admin' ? this.options.adminUrl : withCredentials(this.options.adminUrl, serviceRoles(service)[role], this.options.password);
    const client = new Client({ connectionString: url });
    await client.connect();
    return client;
  }

  async stop(): Promise<void> {
    await this.closeGateway();
    for (const s of Object.values(this.services)) await s.close();
  }
}

function startGatewayFor(services: Record<ServiceName, RunningService>, o: StackOptions & { internalSecret: string }, keys: LocalKeys, logger: Logger, port: number): Promise<RunningGateway> {
  const urls = Object.fromEntries(Object.values(services).map((s) => [s.module.name, s.subgraph.url]));
  return startGateway({
    supergraphSdl: withSubgraphUrls(committedSupergraph(), urls),
    subgraphUrls: urls,
    internalSecret: o.internalSecret,
    authenticator: createAuthenticator({ kind: 'local', keys }),
    logger,
    port,
    host: o.host,
    jwks: keys.publicJwks,
    budgets: o.budgets,
    persistedDocuments: o.persistedDocuments,
    // Any role may LISTEN; meetings' app role is the one that already listens to the bus.
    ...(o.dashboardCache
      ? { dashboardBusUrl: appConnectionString({ adminUrl: o.adminUrl, password: o.password, service: 'meetings' }), dashboardCache: o.dashboardCache === true ? {} : o.dashboardCache }
      : {}),
  });
}

export class TenantHandle {
  constructor(
    readonly stack: Stack,
    readonly id: string,
    readonly name: string,
    readonly rootOrgUnitId: string,
    readonly admin: GatewayClient,
  ) {}

  /** A client acting as a user of this tenant with the given role and scope. */
  async user(o: { role: Role; scope?: string | null; memberId?: string; scopes?: string[] }): Promise<GatewayClient> {
    return this.stack.client(
      await this.stack.token({ tenantId: this.id, roles: [o.role], scopeOrgUnitId: o.scope ?? null, memberId: o.memberId ?? null, scopes: o.scopes }),
    );
  }

  async createOrgUnit(parentId: string, kind: OrgUnitKind, name: string): Promise<string> {
    const data = await this.admin.ok<{ createOrgUnit: { orgUnit: { id: string } } }>(
      `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }`,
      { input: { parentId, kind, name } },
    );
    return data.createOrgUnit.orgUnit.id;
  }

  /** A small tree: the city, one ward committee, two cells under it; projections settled. */
  async seedTree(): Promise<{ city: string; ward: string; cell: string; otherCell: string }> {
    const ward = await this.createOrgUnit(this.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Tân Giang');
    const cell = await this.createOrgUnit(ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 3');
    const otherCell = await this.createOrgUnit(ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 5');
    await this.stack.settle();
    return { city: this.rootOrgUnitId, ward, cell, otherCell };
  }
}
