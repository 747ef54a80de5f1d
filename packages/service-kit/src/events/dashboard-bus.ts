import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { AsyncQueue } from './async-queue';

/** A change that touches the dashboards of these org units (a cell and all its ancestors). */
export interface DashboardChange {
  tenantId: string;
  orgUnitIds: string[];
  period: string;
}

const CHANNEL = 'chibo_dashboard';

/**
 * Fans dashboard changes out to live subscriptions through PostgreSQL NOTIFY, so a change
 * relayed by one replica reaches subscribers on every replica. It carries ids only; the
 * subscription resolves the figures itself, under the subscriber's own rights.
 */
export class DashboardBus {
  private listener: Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly subscribers = new Map<string, Set<AsyncQueue<DashboardChange>>>();

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  /** Send a change; called inside the transaction that made it, so it leaves only at commit. */
  static async publish(manager: EntityManager, change: DashboardChange): Promise<void> {
    await manager.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(change)]);
  }

  async subscribe(tenantId: string, orgUnitId: string): Promise<AsyncQueue<DashboardChange>> {
    await this.ensureListening();
    const key = `${tenantId}:${orgUnitId}`;
    const queue: AsyncQueue<DashboardChange> = new AsyncQueue(() => {
      const set = this.subscribers.get(key);
      set?.delete(queue);
      if (set && !set.size) this.subscribers.delete(key);
    });
    if (!this.subscribers.has(key)) this.subscribers.set(key, new Set());
    this.subscribers.get(key)!.add(queue);
    return queue;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  private ensureListening(): Promise<void> {
    if (this.listener) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.connectionString, application_name: 'chibo-dashboard-bus' });
      client.on('error', (err) => {
        this.logger.warn('dashboard bus connection lost', { error: err.message });
        if (this.listener === client) this.listener = null;
        this.connecting = null;
        this.reconnect();
      });
      client.on('notification', (msg) => this.dispatch(msg.payload));
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    })().catch((err) => {
      this.connecting = null;
      throw err;
    });
    return this.connecting;
  }

  /**
   * Live subscribers must not go deaf when the database restarts: listen again, with a pause
   * between tries, for as long as anyone is subscribed.
   */
  private reconnect(): void {
    if (this.closed || !this.subscribers.size) return;
    setTimeout(() => {
      if (this.closed || this.listener || !this.subscribers.size) return;
      this.ensureListening().catch(() => this.reconnect());
    }, 300).unref();
  }

  private dispatch(payload: string | undefined): void {
    if (!payload) return;
    let change: DashboardChange;
    try {
      change = JSON.parse(payload) as DashboardChange;
    } catch {
      return;
    }
    for (const orgUnitId of change.orgUnitIds) {
      for (const q of this.subscribers.get(`${change.tenantId}:${orgUnitId}`) ?? []) q.push(change);
    }
  }

  private closed = false;

  async close(): Promise<void> {
    this.closed = true;
    for (const set of [...this.subscribers.values()]) for (const q of [...set]) q.close();
    const l = this.listener;
    this.listener = null;
    this.connecting = null;
    await l?.end().catch(() => undefined);
  }
}
