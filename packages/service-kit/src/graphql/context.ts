import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { requireTenant, type Principal } from '@chibo/domain';
import type { DashboardBus } from '../events/dashboard-bus';
import type { Peers } from '../events/peers';
import type { Logger } from '../logger';
import { UnitOfWork } from '../unit-of-work';
import type { WebhookSettings } from '../webhooks/endpoint-policy';

export interface RuntimeSettings {
  webhooks?: WebhookSettings;
}

/**
 * What every resolver receives: the verified principal and a way to open a unit of work in the
 * principal's tenant. Loaders live for one request only, so no cache crosses users.
 */
export class RequestContext {
  private readonly loaders = new Map<string, DataLoader<any, any>>();
  /** The mutation's root field(s), set once the operation is known; what the audit log names. */
  operation?: string;

  constructor(
    readonly principal: Principal,
    readonly dataSource: DataSource,
    readonly service: string,
    readonly logger: Logger,
    private readonly bus?: DashboardBus,
    /** The gateway's request id, carried into logs so one request can be followed across services. */
    readonly requestId?: string,
    /**
     * A subscription's context lives as long as the subscription: its loaders must batch but
     * not cache, or every later event would be answered with the figures of the first.
     */
    private readonly cacheLoads = true,
    private readonly peerDirectory?: Peers,
    /** Deployment settings some resolvers need (e.g. which webhook URLs are allowed). */
    readonly settings: RuntimeSettings = {},
  ) {}

  /** The other services, for signed internal calls (e.g. names for a document this one renders). */
  get peers(): Peers {
    if (!this.peerDirectory) throw new Error(`${this.service} knows no peers`);
    return this.peerDirectory;
  }

  /** The live-update fan-out, for subscription resolvers. */
  get dashboardBus(): DashboardBus {
    if (!this.bus) throw new Error(`${this.service} has no dashboard bus`);
    return this.bus;
  }

  get tenantId(): string {
    return requireTenant(this.principal);
  }

  /** A unit of work in the caller's tenant; MISSING_TENANT when the caller has none. */
  uow(): UnitOfWork {
    return this.uowIn(this.tenantId);
  }

  /** A unit of work in a given tenant (a platform administrator creating one), audited as the caller. */
  uowIn(tenantId: string): UnitOfWork {
    return new UnitOfWork(this.dataSource, tenantId, this.service, {
      actor: this.principal.subject,
      operation: this.operation,
      requestId: this.requestId,
    });
  }

  /** One DataLoader per name per request: batches `__resolveReference` and field lookups. */
  loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let l = this.loaders.get(name);
    if (!l) {
      // A batch that throws before its promise (ctx.uow() without a tenant) would surface as
      // DataLoader's own TypeError, i.e. INTERNAL; as a rejection it keeps its code.
      l = new DataLoader<K, V, unknown>((keys) => Promise.resolve(keys).then(batch), { cache: this.cacheLoads, cacheKeyFn: (k: K) => (typeof k === 'object' ? JSON.stringify(k) : k) });
      this.loaders.set(name, l);
    }
    return l as DataLoader<K, V>;
  }
}
