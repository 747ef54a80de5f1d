import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { SERVICE_NAMES } from '../config';
import { auditLogResolver } from '../audit/audit-log.resolver';
import { syncResolver, type TombstoneRule } from '../sync/delta-sync';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';

// Apollo passes the resolve info third: a confidential entity logs which fields were asked for.
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: GraphQLResolveInfo) => unknown }>;

/** What a service declares; the kit turns it into a Federation 2 subgraph schema. */
export interface SubgraphDefinition {
  name: string;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  /** Delta sync: when a record of this service counts as gone (besides a deleted row). */
  sync?: { tombstones?: TombstoneRule[] };
}

// Federation 2.5: the gateways that forward subscriptions ask for link v2.4 or later.
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

function mergeResolvers(a: Record<string, any>, b: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...a };
  for (const [type, fields] of Object.entries(b)) out[type] = { ...(out[type] ?? {}), ...fields };
  return out;
}

/**
 * type-graphql builds the schema from the classes; graphql-js' printer would drop the applied
 * `@key` directives, so the SDL is printed with them and handed to `buildSubgraphSchema`.
 */
export async function buildFederatedSchema(def: SubgraphDefinition): Promise<{ schema: GraphQLSchema; sdl: string }> {
  // What every service of the platform answers the same way comes from the kit, not from
  // three copies: the audit log (`<service>AuditLog`) and delta sync (`syncToken`, `<service>Tombstones`).
  const kit: Function[] = (SERVICE_NAMES as readonly string[]).includes(def.name) ? [auditLogResolver(def.name), syncResolver(def.name, def.sync?.tombstones)] : [];
  const schema = await buildSchema({
    resolvers: [...def.resolvers, ...kit] as NonEmptyArray<Function>,
    orphanedTypes: def.orphanedTypes,
    validate: { forbidUnknownValues: false },
    skipCheck: true,
    // Subscriptions here bring their own `subscribe` (the dashboard bus); type-graphql still
    // wants a PubSub, so it gets one that says so if a resolver ever relies on topics.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error('topic subscriptions are not used in chibo; pass `subscribe` instead');
      },
    },
  });
  // This text is what the composer reads: the supergraph is composed from it, not fetched.
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}\n`;
  const resolvers = mergeResolvers(createResolversMap(schema) as Record<string, any>, def.referenceResolvers ?? {});
  return { schema: buildSubgraphSchema({ typeDefs: gql(sdl), resolvers: resolvers as GraphQLResolverMap<unknown> }), sdl };
}
