import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, isErrorCode, type EventEnvelope } from '@chibo/domain';
import type { EventSink } from './relay';

/**
 * Events cross services over HTTP: the relay POSTs each envelope to the consumer's `/events`,
 * signed with the platform's internal secret and a timestamp, so nothing but a relay of this
 * platform can feed a service events, and an old request cannot be replayed later.
 */
const MAX_SKEW_MS = 5 * 60 * 1000;

export function signBody(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('base64url');
}

export function verifySignedBody(secret: string, timestamp: string | undefined, signature: string | undefined, body: string): boolean {
  if (!timestamp || !signature) return false;
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(Date.now() - ts) > MAX_SKEW_MS) return false;
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class HttpEventSink implements EventSink {
  constructor(
    readonly name: string,
    private readonly url: () => string,
    private readonly secret: string,
    private readonly accepts: (type: string) => boolean = () => true,
  ) {}

  async deliver(event: EventEnvelope): Promise<void> {
    if (!this.accepts(event.type)) return;
    const body = JSON.stringify(event);
    const timestamp = String(Date.now());
    const res = await fetch(this.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chibo-timestamp': timestamp, 'x-chibo-signature': signBody(this.secret, timestamp, body) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`${this.name} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
}

/** Call another part's `/internal/<name>`; a DomainError comes back as a DomainError. */
export async function callInternal<T>(baseUrl: string, name: string, body: unknown, secret: string): Promise<T> {
  const text = JSON.stringify(body);
  const timestamp = String(Date.now());
  const res = await fetch(`${baseUrl.replace(/\/graphql$/, '')}/internal/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-chibo-timestamp': timestamp, 'x-chibo-signature': signBody(secret, timestamp, text) },
    body: text,
    signal: AbortSignal.timeout(5_000),
  });
  const answer = (await res.json().catch(() => null)) as { ok: boolean; result?: T; error?: { code?: string } } | null;
  if (answer?.ok) return answer.result as T;
  const code = answer?.error?.code;
  throw new DomainError(isErrorCode(code) ? code : 'SUBGRAPH_UNAVAILABLE');
}
