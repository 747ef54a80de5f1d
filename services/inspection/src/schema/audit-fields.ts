import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The fields of a discipline case a query asked for, for the read log (D: "which fields").
 * `path` leads from the resolved field to the case: [] for the case itself, ['nodes'] and
 * ['edges', 'node'] for a connection, ['disciplineCase'] for a payload.
 */
export function requestedCaseFields(info: GraphQLResolveInfo, paths: string[][]): string[] {
  const out = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, path: string[]) => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (!path.length) {
          if (sel.name.value !== '__typename') out.add(sel.name.value);
        } else if (sel.name.value === path[0]) walk(sel.selectionSet, path.slice(1));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, path);
      else if (sel.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[sel.name.value]?.selectionSet, path);
    }
  };
  for (const node of info.fieldNodes) for (const p of paths) walk(node.selectionSet, p);
  return [...out].sort();
}
