import { DomainError } from '@chibo/domain';
import type { ServiceName } from '../config';
import { callInternal } from './http-transport';

/**
 * The other services this one may ask for facts at request time, by a signed internal call
 * (`/internal/<name>`): member names in the minutes, a discipline subject's status. Asking,
 * instead of keeping a copy of another service's model. Addresses are learned when the service
 * is connected (the same list that tells its relay where to deliver events), so the same code
 * runs in one process (tests) and as separate processes or replicas.
 */
export class Peers {
  private readonly urls = new Map<string, () => string>();

  constructor(private readonly secret: string) {}

  /** `baseUrl` is the peer's root (no `/graphql`); a function, so a restarted peer's new port is seen. */
  register(name: ServiceName, baseUrl: () => string): void {
    this.urls.set(name, baseUrl);
  }

  has(name: ServiceName): boolean {
    return this.urls.has(name);
  }

  /** `POST /internal/<handler>` on the peer; a peer that is unknown or down answers SUBGRAPH_UNAVAILABLE, never a guess. */
  async call<T>(peer: ServiceName, handler: string, body: unknown): Promise<T> {
    const url = this.urls.get(peer);
    if (!url) throw new DomainError('SUBGRAPH_UNAVAILABLE', undefined, { peer });
    try {
      return await callInternal<T>(url(), handler, body, this.secret);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('SUBGRAPH_UNAVAILABLE', undefined, { peer });
    }
  }
}
