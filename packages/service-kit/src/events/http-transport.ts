import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, isErrorCode, type EventEnvelope } from '@chibo/domain';
import type { BatchDelivery, EventSink } from './relay';

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

/** A batch's body stays under this, well within the consumer's 1 MiB limit; a larger batch goes in several POSTs. */
const MAX_BATCH_BYTES = 512 * 1024;

export class HttpEventSink implements EventSink {
  constructor(
    readonly name: string,
    private readonly url: () => string,
    private readonly secret: string,
    private readonly accepts: (type: string) => boolean = () => true,
  ) {}

  async deliver(event: EventEnvelope): Promise<void> {
    if (!this.accepts(event.type)) return;
    const res = await this.post(JSON.stringify(event), 10_000);
    if (!res.ok) throw new Error(`${this.name} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }

  /**
   * The events this consumer handles, in order, a few hundred per POST (`{"events":[…]}`); the
   * consumer applies each POST in one transaction per tenant. Stops at the first event the
   * consumer could not apply: the ones before it count as delivered.
   */
  async deliverBatch(events: EventEnvelope[]): Promise<BatchDelivery> {
    const wanted: number[] = [];
    for (const [i, e] of events.entries()) if (this.accepts(e.type)) wanted.push(i);
    let sent = 0;
    while (sent < wanted.length) {
      const parts: string[] = [];
      let bytes = 0;
      for (let k = sent; k < wanted.length && (parts.length === 0 || bytes < MAX_BATCH_BYTES); k++) {
        const part = JSON.stringify(events[wanted[k]]);
        if (parts.length && bytes + part.length > MAX_BATCH_BYTES) break;
        parts.push(part);
        bytes += part.length + 1;
      }
      let outcome: { taken?: number; error?: string } | null;
      try {
        const res = await this.post(`{"events":[${parts.join(',')}]}`, 60_000);
        if (!res.ok) return { delivered: wanted[sent], error: `${this.name} answered ${res.status}: ${(await res.text()).slice(0, 200)}` };
        outcome = (await res.json()) as { taken?: number; error?: string } | null;
      } catch (err) {
        return { delivered: wanted[sent], error: `${this.name}: ${(err as Error).message}` };
      }
      const taken = typeof outcome?.taken === 'number' ? Math.max(0, Math.min(parts.length, outcome.taken)) : 0;
      sent += taken;
      if (taken < parts.length) return { delivered: wanted[sent], error: outcome?.error ?? `${this.name} took ${taken} of ${parts.length} events` };
    }
    return { delivered: events.length };
  }

  private post(body: string, timeoutMs: number): Promise<Response> {
    const timestamp = String(Date.now());
    return fetch(this.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chibo-timestamp': timestamp, 'x-chibo-signature': signBody(this.secret, timestamp, body) },
      body,
      // A batch is a few hundred events in one transaction: it gets more time than one event.
      signal: AbortSignal.timeout(timeoutMs),
    });
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
