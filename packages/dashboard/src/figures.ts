import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import type { Figure } from './operations';

const named = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));

/**
 * The dashboard shows every number `OrgUnitDashboard` has in the composed supergraph, labelled
 * with its (Vietnamese) description: services add figures without touching the web app.
 */
export function figuresOf(supergraphSdl: string): Figure[] {
  const doc = parse(supergraphSdl);
  const type = doc.definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'OrgUnitDashboard');
  const fields = ((type && 'fields' in type ? type.fields : []) ?? []) as FieldDefinitionNode[];
  return fields
    .filter((f) => f.type.kind !== Kind.LIST_TYPE && !(f.type.kind === Kind.NON_NULL_TYPE && f.type.type.kind === Kind.LIST_TYPE))
    .filter((f) => ['Int', 'Float'].includes(named(f.type)))
    .map((f) => ({ name: f.name.value, type: named(f.type) as Figure['type'], description: f.description?.value ?? f.name.value }));
}
