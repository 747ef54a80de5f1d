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
    /** How long later changes of one unit are merged into one update. */
    private readonly coalesceMs = 250,
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
    for (const orgUnitId of change.orgUnitIds) this.coalesce(`${change.tenantId}:${orgUnitId}`, orgUnitId, change);
  }

  /**
   * A burst of writes in one cell must not become a burst of updates on every dashboard above
   * it: the first change of a unit goes out at once, later ones within the window are merged
   * into one trailing update. Subscribers re-read the figures, so the last update is complete.
   */
  private readonly windows = new Map<string, { timer: NodeJS.Timeout; pending: Map<string, DashboardChange> }>();

  private coalesce(key: string, orgUnitId: string, change: DashboardChange): void {
    const window = this.windows.get(key);
    if (window) {
      window.pending.set(change.period, change);
      return;
    }
    this.deliver(key, orgUnitId, change);
    const open = () => {
      const w = { pending: new Map<string, DashboardChange>(), timer: setTimeout(() => {
        this.windows.delete(key);
        if (!w.pending.size) return;
        for (const c of w.pending.values()) this.deliver(key, orgUnitId, c);
        open();
      }, this.coalesceMs) };
      w.timer.unref();
      this.windows.set(key, w);
    };
    open();
  }

  private deliver(key: string, orgUnitId: string, change: DashboardChange): void {
    // One object for every subscriber of the unit: resolvers may compute its figures once.
    const shared: DashboardChange = { ...change, orgUnitIds: [orgUnitId] };
    for (const q of this.subscribers.get(key) ?? []) q.push(shared);
  }

  private closed = false;

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.windows.values()) clearTimeout(w.timer);
    this.windows.clear();
    for (const set of [...this.subscribers.values()]) for (const q of [...set]) q.close();
    const l = this.listener;
    this.listener = null;
    this.connecting = null;
    await l?.end().catch(() => undefined);
  }
}
