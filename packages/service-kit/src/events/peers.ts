import { DomainError } from '@chibo/domain';
import type { ServiceName } from '../config';
import { callInternal } from './http-transport';

/**
 * The other services this one may ask for facts at request time, by a signed internal call
 * (`/internal/<name>`). Their addresses are learned when the service is connected, so the same
 * code runs in one process (tests) and as separate processes or replicas.
 */
export class Peers {
  private readonly urls = new Map<string, () => string>();

  constructor(private readonly secret: string) {}

  register(name: ServiceName, baseUrl: () => string): void {
    this.urls.set(name, baseUrl);
  }

  /** A peer that is unknown or down answers SUBGRAPH_UNAVAILABLE, never a guess. */
  async call<T>(peer: ServiceName, handler: string, body: unknown): Promise<T> {
    const url = this.urls.get(peer);
    if (!url) throw new DomainError('SUBGRAPH_UNAVAILABLE', undefined, { peer });
    return callInternal<T>(url(), handler, body, this.secret);
  }
}
