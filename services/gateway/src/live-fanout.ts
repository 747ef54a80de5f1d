import { GraphQLError, Kind, getOperationAST, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Principal } from '@chibo/domain';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** The root field whose subscribers share one upstream subscription. */
const SHARED_FIELD = 'dashboardUpdated';
/** Parsed documents kept for recognising shared subscriptions; clients send few distinct ones. */
const MAX_CACHED_DOCUMENTS = 500;

type Result = ExecutionResult;
type Source = AsyncIterableIterator<Result> | AsyncIterable<Result>;

/**
 * What a dashboard payload may depend on. Two principals that agree on these see exactly the same
 * figures for the same unit and period, and they also pass or fail the same scope checks, so one
 * execution can serve both. The subject and member id are left out on purpose: the shared
 * execution runs as the class, never as one person (see {@link classPrincipal}).
 */
export function visibilityClass(p: Principal): string {
  return JSON.stringify([p.tenantId, [...p.roles].sort(), p.scopeOrgUnitId, p.scopes ? [...p.scopes].sort() : null]);
}

/**
 * The principal a shared subscription runs as: the class itself, with no personal identity, so a
 * figure that depended on who is asking (a member's own records) could never leak from the first
 * subscriber to the others — it would simply show what an anonymous member of the class may see.
 */
export function classPrincipal(p: Principal): Principal {
  return { tenantId: p.tenantId, subject: `live-class:${p.roles.slice().sort().join('+')}`, roles: [...p.roles], scopeOrgUnitId: p.scopeOrgUnitId, memberId: null, ...(p.scopes ? { scopes: [...p.scopes] } : {}) };
}

/**
 * One subscriber's end of a shared stream. A dashboard update is the whole current state, so a
 * subscriber that has not taken the previous one yet (a slow socket) gets only the newest: memory
 * per socket stays one result, however fast updates come.
 */
class LatestOnly implements AsyncIterableIterator<Result> {
  private pending: Result | undefined;
  private waiter: ((r: IteratorResult<Result>) => void) | undefined;
  private ended = false;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  push(r: Result): void {
    if (this.closed || this.ended) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: r, done: false });
    } else this.pending = r;
  }

  /** The source ended: what is pending is still delivered, then the stream completes. */
  end(): void {
    this.ended = true;
    if (this.waiter && this.pending === undefined) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<Result>> {
    if (this.pending !== undefined) {
      const value = this.pending;
      this.pending = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.ended || this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<Result>> {
    if (!this.closed) {
      this.closed = true;
      this.pending = undefined;
      this.waiter?.({ value: undefined, done: true });
      this.waiter = undefined;
      this.onClose();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<Result>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

interface Group {
  sinks: Set<LatestOnly>;
  /** The last result the upstream sent: the current state, handed at once to whoever joins. */
  latest: Result | undefined;
  /** The upstream iterator once it is open; closed when the last subscriber leaves. */
  source: AsyncIterator<Result> | undefined;
  stopped: boolean;
}

export interface FanoutParams {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * Live dashboards at the gateway: every subscriber (graphql-ws or SSE) asking for the same dashboard (same
 * document and variables) under the same visibility class shares one upstream subscription and
 * one execution per change, fanned out to all of them. Without it, 1,000 people watching the city
 * meant 1,000 subscriptions to the meetings service and 1,000 executions of every update.
 */
export class LiveFanout {
  private readonly groups = new Map<string, Group>();
  private readonly documents = new Map<string, DocumentNode | null>();

  /** Is this operation a dashboard subscription that may be shared? */
  shareable(params: FanoutParams): boolean {
    const query = params.query;
    if (typeof query !== 'string') return false;
    let doc = this.documents.get(query);
    if (doc === undefined) {
      try {
        doc = parse(query, { noLocation: true });
      } catch {
        doc = null; // the runtime answers the syntax error itself
      }
      if (this.documents.size >= MAX_CACHED_DOCUMENTS) this.documents.clear();
      this.documents.set(query, doc);
    }
    if (!doc) return false;
    const op = getOperationAST(doc, params.operationName ?? undefined);
    if (!op || op.operation !== 'subscription') return false;
    const selections = op.selectionSet.selections;
    return selections.length === 1 && selections[0].kind === Kind.FIELD && selections[0].name.value === SHARED_FIELD;
  }

  /**
   * A stream of the shared subscription for one subscriber. `open` starts the upstream; it is
   * called only by the first subscriber of a group and must run as the class, not the person.
   */
  subscribe(principal: Principal, params: FanoutParams, open: () => Promise<Result | Source>): Promise<Result | AsyncIterableIterator<Result>> {
    const key = JSON.stringify([visibilityClass(principal), params.query, params.operationName ?? null, params.variables ?? null]);
    let group = this.groups.get(key);
    const created = !group;
    if (!group) {
      group = { sinks: new Set(), latest: undefined, source: undefined, stopped: false };
      this.groups.set(key, group);
    }
    const g = group;
    const sink = new LatestOnly(() => {
      g.sinks.delete(sink);
      if (!g.sinks.size) this.stop(key, g);
    });
    g.sinks.add(sink);
    if (g.latest) sink.push(g.latest); // a (re)connecting client gets the current state at once
    if (!created) return Promise.resolve(sink);
    return Promise.resolve()
      .then(open)
      .then(
        (opened) => {
          if (!isAsyncIterable(opened)) {
            // Refused before any stream existed (validation, scope): every waiting subscriber gets
            // the same answer, and the next one tries afresh.
            this.end(key, g);
            for (const s of g.sinks) {
              s.push(opened);
              s.end();
            }
            return opened;
          }
          g.source = opened[Symbol.asyncIterator]();
          if (g.stopped) void g.source.return?.();
          else void this.pump(key, g);
          return sink;
        },
        (err: unknown) => {
          this.end(key, g);
          const failed: Result = { errors: [err instanceof GraphQLError ? err : new GraphQLError((err as Error)?.message ?? 'subscription failed', { originalError: err as Error })] };
          for (const s of g.sinks) {
            s.push(failed);
            s.end();
          }
          return failed;
        },
      );
  }

  /** Open upstream subscriptions (one per group), for metrics and tests. */
  get upstreamCount(): number {
    return this.groups.size;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.sinks.size;
    return n;
  }

  private async pump(key: string, g: Group): Promise<void> {
    const source = g.source!;
    try {
      for (;;) {
        const r = await source.next();
        if (r.done || g.stopped) break;
        g.latest = r.value;
        for (const s of g.sinks) s.push(r.value);
      }
    } catch (err) {
      const failed: Result = { errors: [err instanceof GraphQLError ? err : new GraphQLError('subscription failed', { originalError: err as Error })] };
      for (const s of g.sinks) s.push(failed);
    } finally {
      this.end(key, g);
      for (const s of g.sinks) s.end();
    }
  }

  private end(key: string, g: Group): void {
    g.stopped = true;
    if (this.groups.get(key) === g) this.groups.delete(key);
  }

  private stop(key: string, g: Group): void {
    if (g.stopped) return;
    this.end(key, g);
    void g.source?.return?.()?.catch(() => undefined);
  }
}

function isAsyncIterable(x: unknown): x is Source {
  return !!x && typeof (x as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** What the gateway puts in the context; the transports read `chiboIdentity`. */
interface FanoutContext {
  chiboPrincipal?: Principal;
  chiboIdentity?: string;
}

/**
 * Puts every shareable subscription, whatever carries it, through the fan-out. Both ways in end
 * at the runtime's params handler — SSE from the HTTP request, graphql-ws from the socket's
 * subscribe — so wrapping it here lets an SSE and a WebSocket subscriber of the same dashboard and
 * class share one upstream subscription. The shared execution runs as the class and keeps nothing
 * of the first subscriber's connection: not its socket, not its HTTP request (whose abort signal
 * would otherwise end the stream for everyone when that one subscriber leaves).
 */
export function fanoutPlugin(fanout: LiveFanout, sign: (p: Principal) => Promise<string>): GatewayPlugin<FanoutContext> {
  return {
    onParams({ paramsHandler, setParamsHandler }) {
      setParamsHandler((payload) => {
        const context = payload.context as typeof payload.context & FanoutContext;
        const principal = context.chiboPrincipal;
        if (!principal || !fanout.shareable(payload.params)) return paramsHandler(payload);
        return fanout.subscribe(principal, payload.params, async () => {
          const shared = classPrincipal(principal);
          // No request, as for graphql-ws, whose contexts never have one.
          const contextValue = { ...context, req: undefined, res: undefined, socket: undefined, request: undefined, chiboPrincipal: shared, chiboIdentity: await sign(shared) };
          return (await paramsHandler({ params: payload.params, request: undefined as never, context: contextValue as unknown as typeof context })) as Result | Source;
        });
      });
    },
  };
}
