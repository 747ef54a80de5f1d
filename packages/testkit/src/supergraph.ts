import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PORTS, SERVICE_NAMES, buildFederatedSchema, repoRoot } from '@chibo/service-kit';
import { composeSupergraph } from '@chibo/gateway';
import { SERVICES } from './services';

/** Where the reviewed, committed supergraph lives. */
export const SUPERGRAPH_FILE = join(repoRoot(), 'services', 'gateway', 'supergraph.graphql');

/** Compose the supergraph from the subgraphs' code, with the default local URLs. */
export async function composeFromCode(): Promise<string> {
  const subgraphs = [];
  for (const name of SERVICE_NAMES) {
    const { sdl } = await buildFederatedSchema(SERVICES[name].subgraph);
    subgraphs.push({ name, url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`, sdl });
  }
  return composeSupergraph(subgraphs);
}

export function committedSupergraph(): string {
  return readFileSync(SUPERGRAPH_FILE, 'utf8');
}
