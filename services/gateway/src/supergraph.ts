import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/**
 * Composes the subgraphs' SDL into one supergraph. It runs at build time from the SDL the
 * services print (not by introspecting running servers), so a broken schema fails the build
 * and the gateway never starts on a half-composed graph.
 */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    const lines = result.errors.map((e) => `  - ${e.extensions?.code ? `[${String(e.extensions.code)}] ` : ''}${e.message}`);
    throw new Error(`Supergraph composition failed (${result.errors.length} error(s)):\n${lines.join('\n')}`);
  }
  return result.supergraphSdl;
}

const JOIN_GRAPH = /@join__graph\(\s*name:\s*"([^"]+)"\s*,\s*url:\s*"([^"]*)"\s*\)/g;

/**
 * The committed supergraph names the default ports (4001..4003); tests and other deployments
 * run the same subgraphs elsewhere. Rewriting the URLs keeps one composed artifact instead of
 * recomposing per environment. An unknown name is a configuration mistake, so it throws.
 */
export function withSubgraphUrls(supergraphSdl: string, urls: Record<string, string>): string {
  const seen = new Set<string>();
  const out = supergraphSdl.replace(JOIN_GRAPH, (whole, name: string) => {
    if (!(name in urls)) return whole;
    seen.add(name);
    return `@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(urls[name])})`;
  });
  const unknown = Object.keys(urls).filter((n) => !seen.has(n));
  if (unknown.length) throw new Error(`No subgraph named ${unknown.join(', ')} in the supergraph`);
  return out;
}
