import { GraphQLError, Kind, getOperationAST, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Principal } from '@chibo/domain';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { checkOperationAccess, type AccessTable } from './access';
import { domainToGraphQLError } from './errors';

/** The root field whose subscribers share one upstream subscription. */
const SHARED_FIELD = 'dashboardUpdated';
/** Parsed documents kept for recognising shared subscriptions; clients send few distinct ones. */
const MAX_CACHED_DOCUMENTS = 500;
/** Sockets written per turn of the event loop during a fan-out: 10,000 writes must not block other requests. */
const WRITES_PER_TURN = 500;

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
  /** The frame's start, `{"id":"…","type":"next","payload":`, built once per subscriber. */
  private readonly framePrefix: string | undefined;
  /** A frame handed to the socket and not yet written out; while it is, only the newest payload waits. */
  private writing = false;
  private pendingPayload: string | undefined;
  private readonly written = (err?: Error): void => {
    this.writing = false;
    const next = this.pendingPayload;
    this.pendingPayload = undefined;
    if (!err && next !== undefined) this.write(next);
  };

  constructor(
    private readonly onClose: () => void,
    private readonly direct?: DirectTarget,
  ) {
    if (direct) this.framePrefix = `{"id":${JSON.stringify(direct.id)},"type":"next","payload":`;
  }

  /**
   * One update of the shared stream. With a socket to write to, the subscriber's frame is its own
   * id around the payload serialised once for the whole group; graphql-ws still owns the
   * subscription (complete, errors, the socket's end) through this iterator.
   */
  deliver(r: Result, payload: () => string): void {
    if (this.direct) this.write(payload());
    else this.push(r);
  }

  private write(payload: string): void {
    if (this.closed || this.ended) return;
    const socket = this.direct!.socket;
    if (socket.readyState !== OPEN) return;
    if (this.writing) {
      this.pendingPayload = payload; // a slow socket keeps only the newest update
      return;
    }
    this.writing = true;
    socket.send(this.framePrefix + payload + '}', this.written);
  }

  /** Errors, refusals and the stream's end go through graphql-ws (its own framing, hooks and `complete`). */
  push(r: Result): void {
    if (this.closed || this.ended) return;
    this.pendingPayload = undefined; // an update not yet written must not overtake the error
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: r, done: false });
    } else this.pending = r;
  }

  /** The source ended: what is pending is still delivered, then the stream completes. */
  end(): void {
    // An update held back for a slow socket goes out before graphql-ws sends `complete`.
    const held = this.pendingPayload;
    this.pendingPayload = undefined;
    if (held !== undefined && !this.closed && this.direct?.socket.readyState === OPEN) this.direct.socket.send(this.framePrefix + held + '}');
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
      this.pendingPayload = undefined;
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

/** `ws`' WebSocket.OPEN, without importing ws into this module. */
const OPEN = 1;

/** The part of a `ws` WebSocket a shared stream writes to. */
export interface LiveSocket {
  readonly readyState: number;
  send(data: string, cb?: (err?: Error) => void): void;
}

/** Where a subscriber's frames go when the fan-out writes them itself: its socket and its subscription id. */
export interface DirectTarget {
  socket: LiveSocket;
  id: string;
}

interface Group {
  sinks: Set<LatestOnly>;
  /** The last result the upstream sent: the current state, handed at once to whoever joins. */
  latest: Result | undefined;
  /** `latest` as the `payload` of a graphql-ws `next` frame, serialised at most once. */
  latestPayload: string | undefined;
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

  /**
   * `serialize` turns a result into the JSON of a `next` frame's payload, exactly as graphql-ws
   * would after its `onNext` hook (the gateway masks errors there): it runs once per update and
   * group, and every subscriber of the group gets the same text under its own id.
   */
  constructor(private readonly serialize: (r: Result) => string = (r) => JSON.stringify(r)) {}

  /** The parsed document of a query `shareable` has seen. */
  documentOf(query: string): DocumentNode | null {
    return this.documents.get(query) ?? null;
  }

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
  subscribe(principal: Principal, params: FanoutParams, open: () => Promise<Result | Source>, direct?: DirectTarget): Promise<Result | AsyncIterableIterator<Result>> {
    const key = JSON.stringify([visibilityClass(principal), params.query, params.operationName ?? null, params.variables ?? null]);
    let group = this.groups.get(key);
    const created = !group;
    if (!group) {
      group = { sinks: new Set(), latest: undefined, latestPayload: undefined, source: undefined, stopped: false };
      this.groups.set(key, group);
    }
    const g = group;
    const sink = new LatestOnly(() => {
      g.sinks.delete(sink);
      if (!g.sinks.size) this.stop(key, g);
    }, direct);
    g.sinks.add(sink);
    const latest = g.latest;
    if (latest) sink.deliver(latest, () => this.payloadOf(g, latest)); // a (re)connecting client gets the current state at once
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
        g.latestPayload = undefined;
        await this.broadcast(g, r.value);
      }
    } catch (err) {
      const failed: Result = { errors: [err instanceof GraphQLError ? err : new GraphQLError('subscription failed', { originalError: err as Error })] };
      for (const s of g.sinks) s.push(failed);
    } finally {
      this.end(key, g);
      for (const s of g.sinks) s.end();
    }
  }

  /**
   * One update to every subscriber of the group, in slices that yield to the event loop between
   * them, so a fan-out to 10,000 sockets does not hold up requests. Subscribers who join meanwhile
   * got this state when they joined; one who left is skipped (its sink is closed).
   */
  private async broadcast(g: Group, r: Result): Promise<void> {
    const payload = () => this.payloadOf(g, r);
    const sinks = [...g.sinks];
    for (let i = 0; i < sinks.length; i += WRITES_PER_TURN) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const end = Math.min(sinks.length, i + WRITES_PER_TURN);
      for (let j = i; j < end; j++) sinks[j].deliver(r, payload);
    }
  }

  /** The payload JSON of a group's result, computed once per result. */
  private payloadOf(g: Group, r: Result): string {
    if (g.latest !== r) return this.serialize(r);
    return (g.latestPayload ??= this.serialize(r));
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
  /** A graphql-ws subscriber: the gateway's socket wrapper shares it, writing frames directly. */
  socket?: unknown;
  /** The shared execution the socket wrapper opened: already shared, run it as it is. */
  chiboFanoutShared?: boolean;
}

/**
 * Puts shareable subscriptions that arrive over SSE through the fan-out (graphql-ws subscribers
 * join in the gateway's socket wrapper, which writes their frames itself). An SSE and a WebSocket
 * subscriber of the same dashboard and class share one upstream subscription. The shared
 * execution runs as the class and keeps nothing of the first subscriber's connection: not its
 * socket, not its HTTP request (whose abort signal would otherwise end the stream for everyone
 * when that one subscriber leaves). A joiner runs no execution of its own, so the access table
 * is asked here, for this subscriber, before it joins.
 */
export function fanoutPlugin(fanout: LiveFanout, sign: (p: Principal) => Promise<string>, table?: AccessTable): GatewayPlugin<FanoutContext> {
  return {
    onParams({ paramsHandler, setParamsHandler }) {
      setParamsHandler((payload) => {
        const context = payload.context as typeof payload.context & FanoutContext;
        const principal = context.chiboPrincipal;
        if (!principal || context.socket || context.chiboFanoutShared || !fanout.shareable(payload.params)) return paramsHandler(payload);
        const denied = checkOperationAccess(principal, fanout.documentOf(payload.params.query!)!, payload.params.operationName, table);
        if (denied) return { errors: [domainToGraphQLError(denied)] };
        return fanout.subscribe(principal, payload.params, async () => {
          const shared = classPrincipal(principal);
          // No request, as for graphql-ws, whose contexts never have one.
          const contextValue = { ...context, req: undefined, res: undefined, socket: undefined, request: undefined, chiboFanoutShared: true, chiboPrincipal: shared, chiboIdentity: await sign(shared) };
          return (await paramsHandler({ params: payload.params, request: undefined as never, context: contextValue as unknown as typeof context })) as Result | Source;
        });
      });
    },
  };
}
