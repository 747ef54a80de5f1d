import { DomainError } from '@chibo/domain';
import { callInternal } from './http-transport';

/**
 * Where the other parts of the platform answer, learnt when a service connects to them (the
 * same list that tells its relay where to deliver events). A resolver that needs another
 * service's data for something it renders — member names in the minutes — asks through here,
 * signed, instead of keeping a copy of that service's model.
 */
export class Peers {
  private readonly urls = new Map<string, () => string>();

  constructor(private readonly secret: string) {}

  /** `baseUrl` is the peer's root (no `/graphql`); a function, so a restarted peer's new port is seen. */
  register(service: string, baseUrl: () => string): void {
    this.urls.set(service, baseUrl);
  }

  has(service: string): boolean {
    return this.urls.has(service);
  }

  /** `POST /internal/<name>` on the peer; SUBGRAPH_UNAVAILABLE when the peer is unknown or down. */
  async call<T>(service: string, name: string, body: unknown): Promise<T> {
    const url = this.urls.get(service);
    if (!url) throw new DomainError('SUBGRAPH_UNAVAILABLE');
    try {
      return await callInternal<T>(url(), name, body, this.secret);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('SUBGRAPH_UNAVAILABLE');
    }
  }
}
