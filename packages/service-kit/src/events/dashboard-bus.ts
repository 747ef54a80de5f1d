import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { AsyncQueue } from './async-queue';

/** A change that touches the dashboards of these org units (a cell and all its ancestors). */
export interface DashboardChange {
  tenantId: string;
  orgUnitIds: string[];
  period: string;
  /**
   * The change moves figures of every period, not only `period`'s (a member admitted or a cell
   * created changes the counts "as of today" that every period's dashboard shows). Live
   * dashboards of `period` update; kept answers of any period go.
   */
  allPeriods?: boolean;
}

const CHANNEL = 'chibo_dashboard';

/** Who wants every change at once (see {@link DashboardBus.watch}). */
export interface DashboardWatcher {
  change(change: DashboardChange): void;
  lost(): void;
  listening(): void;
}

/**
 * Fans dashboard changes out to live subscriptions through PostgreSQL NOTIFY, so a change
 * relayed by one replica reaches subscribers on every replica. It carries ids only; the
 * subscription resolves the figures itself, under the subscriber's own rights.
 */
export class DashboardBus {
  private listener: Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly subscribers = new Map<string, Set<AsyncQueue<DashboardChange>>>();
  private readonly watchers = new Set<DashboardWatcher>();

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
    /** How long later changes of one unit are merged into one update, at first. */
    private readonly coalesceMs = 250,
    /** The longest merge window during a sustained burst. */
    private readonly maxCoalesceMs = 16_000,
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

  /**
   * Every change as it arrives, before any coalescing (a cache must drop a stale answer at once,
   * not at the end of a window). `lost` is called when the connection drops (changes may be
   * missed until `listening` is called again, after the bus listens anew).
   */
  async watch(watcher: DashboardWatcher): Promise<() => void> {
    this.watchers.add(watcher);
    try {
      await this.ensureListening();
    } catch (err) {
      this.watchers.delete(watcher);
      throw err;
    }
    return () => {
      this.watchers.delete(watcher);
    };
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
        for (const w of this.watchers) w.lost();
        this.reconnect();
      });
      client.on('notification', (msg) => this.dispatch(msg.payload));
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
      for (const w of this.watchers) w.listening();
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
    if (this.closed || (!this.subscribers.size && !this.watchers.size)) return;
    setTimeout(() => {
      if (this.closed || this.listener || (!this.subscribers.size && !this.watchers.size)) return;
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
    for (const w of this.watchers) w.change(change);
    // A unit nobody watches needs no window: whoever subscribes later gets the current state first.
    for (const orgUnitId of change.orgUnitIds) {
      const key = `${change.tenantId}:${orgUnitId}`;
      if (this.subscribers.has(key) || this.units.has(key)) this.coalesce(key, orgUnitId, change);
    }
  }

  /**
   * A burst of writes in one cell must not become a burst of updates on every dashboard above
   * it. Per unit, a change goes out at once if the unit was quiet; otherwise it waits for the end
   * of the current window, merged with everything else that came meanwhile. While changes keep
   * coming the window doubles (250 ms, 500 ms, 1 s … up to `maxCoalesceMs`), and it is short
   * again only after a quiet spell twice its length — a relay delivering a backlog in clumps
   * does not reset it. So a burst of hundreds of writes yields a handful of updates, a lone
   * change is sent at once, and subscribers re-read the figures, so the last update is complete.
   * When the writes stop, what is pending goes out after a quiet spell (twice `coalesceMs`, or
   * half the window, at most 2 s) rather than at the end of a long window: the final figures wait
   * seconds, not the window; a relay's clumps a few hundred ms apart still merge.
   */
  private readonly units = new Map<
    string,
    { level: number; lastSent: number; timer: NodeJS.Timeout | null; forget: NodeJS.Timeout | null; quiet: NodeJS.Timeout | null; close: (() => void) | null; pending: Map<string, DashboardChange> }
  >();

  private windowMs(level: number): number {
    return Math.min(this.coalesceMs * 2 ** level, this.maxCoalesceMs);
  }

  private coalesce(key: string, orgUnitId: string, change: DashboardChange): void {
    const now = Date.now();
    let u = this.units.get(key);
    if (!u) this.units.set(key, (u = { level: 0, lastSent: 0, timer: null, forget: null, quiet: null, close: null, pending: new Map() }));
    const unit = u;
    if (unit.forget) clearTimeout(unit.forget);
    unit.forget = null;
    // Each change restarts the quiet timer; if nothing follows for that long, flush now.
    const quietMs = Math.max(2 * this.coalesceMs, Math.min(this.windowMs(unit.level) / 2, 2000));
    const armQuiet = () => {
      if (unit.quiet) clearTimeout(unit.quiet);
      unit.quiet = setTimeout(() => {
        unit.quiet = null;
        if (unit.timer && unit.pending.size && unit.close) {
          clearTimeout(unit.timer);
          unit.close();
        }
      }, quietMs);
      unit.quiet.unref();
    };
    if (unit.timer) {
      unit.pending.set(change.period, change);
      armQuiet();
      return;
    }
    const since = now - unit.lastSent;
    // Quiet for twice the window: start afresh. Sent to recently: the unit is busy, widen it.
    if (since > 2 * this.windowMs(unit.level)) unit.level = 0;
    else if (since >= this.windowMs(unit.level)) unit.level = Math.min(unit.level + 1, 30);
    const wait = this.windowMs(unit.level) - since;
    if (wait <= 0) {
      this.deliver(key, orgUnitId, change);
      unit.lastSent = now;
    } else {
      unit.pending.set(change.period, change);
      armQuiet();
    }
    const close = () => {
      unit.timer = null;
      if (!unit.pending.size) {
        // Forget a unit once it has been quiet long enough to start afresh anyway.
        unit.forget = setTimeout(() => {
          if (this.units.get(key) === unit) this.units.delete(key);
        }, 2 * this.windowMs(unit.level));
        unit.forget.unref();
        return;
      }
      for (const c of unit.pending.values()) this.deliver(key, orgUnitId, c);
      unit.pending.clear();
      unit.lastSent = Date.now();
      unit.level = Math.min(unit.level + 1, 30);
      unit.timer = setTimeout(close, this.windowMs(unit.level));
      unit.timer.unref();
    };
    unit.close = close;
    unit.timer = setTimeout(close, Math.max(wait, this.windowMs(unit.level)));
    unit.timer.unref();
  }

  private deliver(key: string, orgUnitId: string, change: DashboardChange): void {
    // One object for every subscriber of the unit: resolvers may compute its figures once.
    const shared: DashboardChange = { ...change, orgUnitIds: [orgUnitId] };
    for (const q of this.subscribers.get(key) ?? []) q.push(shared);
  }

  private closed = false;

  async close(): Promise<void> {
    this.closed = true;
    for (const u of this.units.values()) {
      if (u.timer) clearTimeout(u.timer);
      if (u.forget) clearTimeout(u.forget);
    }
    this.units.clear();
    for (const w of this.watchers) w.lost();
    this.watchers.clear();
    for (const set of [...this.subscribers.values()]) for (const q of [...set]) q.close();
    const l = this.listener;
    this.listener = null;
    this.connecting = null;
    await l?.end().catch(() => undefined);
  }
}
