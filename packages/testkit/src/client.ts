import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

/** A live subscription: pull the next message with a deadline, or close it. */
export interface Subscription<T = any> {
  next(timeoutMs?: number): Promise<GraphQLResponse<T>>;
  /** Read and return every message until none arrives for `quietMs`. */
  drain(quietMs?: number): Promise<GraphQLResponse<T>[]>;
  close(): Promise<void>;
}

async function drainOf<T>(next: (t: number) => Promise<GraphQLResponse<T>>, quietMs: number): Promise<GraphQLResponse<T>[]> {
  const seen: GraphQLResponse<T>[] = [];
  for (;;) {
    try {
      seen.push(await next(quietMs));
    } catch {
      return seen;
    }
  }
}

/**
 * A client of the public gateway, as an integrator or the dashboard would be: HTTP for
 * queries and mutations, graphql-ws or SSE for subscriptions, a bearer token for identity.
 */
export class GatewayClient {
  constructor(
    readonly url: string,
    readonly token: string | null,
    /** Sent with every request, e.g. `{ 'x-api-key': key }` for an integrator; also the socket's connection params. */
    readonly headers: Record<string, string> = {},
  ) {}

  /** The same client with other credentials or extra headers (a persisted-document hash, a key). */
  with(headers: Record<string, string>, token: string | null = this.token): GatewayClient {
    return new GatewayClient(this.url, token, { ...this.headers, ...headers });
  }

  async execute<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const res = await this.post(JSON.stringify({ query, variables }));
    return (await res.json()) as GraphQLResponse<T>;
  }

  /** Like `execute`, but fails the test with the errors when there are any. */
  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.execute<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  async post(body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.headers,
        ...headers,
      },
      body,
    });
  }

  /** Subscribe over GraphQL over WebSocket (graphql-ws). */
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): Subscription<T> {
    const ws: WsClient = createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...this.headers },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    const queue = new MessageQueue<T>();
    const dispose = ws.subscribe<T>(
      { query, variables },
      {
        next: (m) => queue.push(m as GraphQLResponse<T>),
        error: (e) => queue.push({ errors: errorsOf(e) }),
        complete: () => queue.end(),
      },
    );
    return {
      next: (t) => queue.next(t),
      drain: (q = 300) => drainOf((t) => queue.next(t), q),
      close: async () => {
        dispose();
        await ws.dispose();
      },
    };
  }

  /** Subscribe over server-sent events (`Accept: text/event-stream`). */
  subscribeSse<T = any>(query: string, variables?: Record<string, unknown>): Subscription<T> {
    const queue = new MessageQueue<T>();
    const abort = new AbortController();
    void (async () => {
      try {
        const res = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...this.headers },
          body: JSON.stringify({ query, variables }),
          signal: abort.signal,
        });
        if (!res.body) return queue.end();
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('\n');
            if (data) queue.push(JSON.parse(data) as GraphQLResponse<T>);
          }
        }
        queue.end();
      } catch (e) {
        if (!abort.signal.aborted) queue.push({ errors: errorsOf(e) });
      }
    })();
    return {
      next: (t) => queue.next(t),
      drain: (q = 300) => drainOf((t) => queue.next(t), q),
      close: async () => abort.abort(),
    };
  }
}

function errorsOf(e: unknown): GraphQLResponse['errors'] {
  if (Array.isArray(e)) return e as GraphQLResponse['errors'];
  const ev = e as { code?: number; reason?: string; message?: string };
  return [{ message: ev?.reason || ev?.message || String(e), extensions: { closeCode: ev?.code } }];
}

class MessageQueue<T> {
  private readonly items: GraphQLResponse<T>[] = [];
  private readonly waiters: ((m: GraphQLResponse<T> | null) => void)[] = [];
  private ended = false;

  push(m: GraphQLResponse<T>) {
    const w = this.waiters.shift();
    if (w) w(m);
    else this.items.push(m);
  }

  end() {
    this.ended = true;
    for (const w of this.waiters.splice(0)) w(null);
  }

  next(timeoutMs = 5000): Promise<GraphQLResponse<T>> {
    const item = this.items.shift();
    if (item) return Promise.resolve(item);
    if (this.ended) return Promise.reject(new Error('subscription ended'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const idx = this.waiters.indexOf(waiter);
        if (idx >= 0) this.waiters.splice(idx, 1);
        reject(new Error(`no subscription message within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (m: GraphQLResponse<T> | null) => {
        clearTimeout(timer);
        if (m) resolve(m);
        else reject(new Error('subscription ended'));
      };
      this.waiters.push(waiter);
    });
  }
}
