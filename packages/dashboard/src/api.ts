import { createClient, type Client } from 'graphql-ws';
import type { PersistedDocument } from './operations';

/** A GraphQL error as the gateway sends it: a listed code and a message in both languages. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Runs one of the dashboard's persisted operations, sent by its hash (the Apollo
 * `persistedQuery` extension): a tenant may accept nothing else.
 */
export async function gql<T>(token: string, op: PersistedDocument, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: op.hash } } }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code);
  if (!body.data) throw new ApiError(`HTTP ${res.status}`, undefined);
  return body.data;
}

export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * One graphql-ws connection for a page; it reconnects forever (1 s, 2 s, … up to 10 s apart),
 * except when the gateway says the token is refused (4401/4403): retrying cannot help then.
 */
export function wsClient(authorization: string | null, onStatus: (s: LiveStatus) => void): Client {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  return createClient({
    url,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (e) => !(e && typeof e === 'object' && 'code' in e && ((e as CloseEvent).code === 4401 || (e as CloseEvent).code === 4403)),
    retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * 2 ** Math.min(retries, 4)))),
    keepAlive: 10_000,
    lazy: false,
    on: {
      connecting: () => onStatus('connecting'),
      connected: () => onStatus('live'),
      closed: () => onStatus('offline'),
    },
  });
}

export interface DemoAccount {
  id: string;
  role: string;
  scopeOrgUnitId: string | null;
  label: { vi: string; en: string };
}

export const isDemo = () => document.querySelector('meta[name="chibo-demo"]') !== null;

export async function demoAccounts(): Promise<DemoAccount[]> {
  const res = await fetch('/demo/accounts');
  if (!res.ok) return [];
  return ((await res.json()) as { accounts: DemoAccount[] }).accounts;
}

export async function demoLogin(account: string): Promise<string> {
  const res = await fetch('/demo/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account }) });
  if (!res.ok) throw new ApiError(`HTTP ${res.status}`, undefined);
  return ((await res.json()) as { token: string }).token;
}

/** The claims the UI needs (where to start the tree); the gateway verifies the token, not this. */
export function claimsOf(token: string): { roles: string[]; scope: string | null } {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { roles?: string[]; scope?: string | null };
    return { roles: payload.roles ?? [], scope: payload.scope ?? null };
  } catch {
    return { roles: [], scope: null };
  }
}
