import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Kind, type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { DomainError, OPERATION_ACCESS, requireRootField, type OperationAccess, type Principal } from '@chibo/domain';
import type { ServiceMetrics } from '@chibo/service-kit';
import { domainToGraphQLError } from './errors';

/**
 * The root fields an operation asks for, however they are written: aliased, inside inline
 * fragments or named fragment spreads (followed once each), and whatever `@skip`/`@include`
 * say — a field that might run is checked. Introspection fields (`__typename`, `__schema`,
 * `__type`) are not operations; production turns introspection off elsewhere.
 */
export function rootFieldsOf(document: DocumentNode, operationName?: string | null): { operation: OperationDefinitionNode['operation']; fields: string[] } | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!op) return null;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const fields = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (!s.name.value.startsWith('__')) fields.add(s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(op.selectionSet);
  return { operation: op.operation, fields: [...fields] };
}

/** FORBIDDEN for the first root field the table does not let this principal run; nothing otherwise. */
export type AccessTable = Readonly<Record<string, OperationAccess>>;

export function checkOperationAccess(principal: Principal | undefined, document: DocumentNode, operationName?: string | null, table: AccessTable = OPERATION_ACCESS): DomainError | null {
  const root = rootFieldsOf(document, operationName);
  // No such operation: the runtime answers that itself, and runs nothing.
  if (!root) return null;
  // Nothing reaches the runtime unauthenticated; should something ever, it runs nothing.
  if (!principal) return new DomainError('UNAUTHENTICATED');
  for (const field of root.fields) {
    try {
      requireRootField(principal, field, table);
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
  }
  return null;
}

type Ctx = { chiboPrincipal?: Principal };

/**
 * The role × operation table (OPERATION_ACCESS, packages/domain) enforced at the edge: after
 * authentication and validation, before the query planner or any subgraph sees the operation.
 * It runs for every transport — HTTP, SSE, graphql-ws, persisted documents (the document is
 * the manifest's by then) — since they all end in the runtime's execute or subscribe. The
 * services check again (the second wall) and decide the finer rules themselves.
 */
export function accessPlugin(o: { table?: AccessTable; metrics?: ServiceMetrics }): GatewayPlugin {
  // A refused query or mutation answers `data: null`, as any operation that could not run; a
  // refused subscription is an error before the stream, as graphql-js gives one.
  const refuse = (err: DomainError, data: boolean): ExecutionResult => {
    o.metrics?.requests.inc({ operation: 'access', outcome: 'forbidden' });
    return data ? { data: null, errors: [domainToGraphQLError(err)] } : { errors: [domainToGraphQLError(err)] };
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const denied = checkOperationAccess((args.contextValue as Ctx).chiboPrincipal, args.document, args.operationName, o.table);
      if (denied) setResultAndStopExecution(refuse(denied, true));
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const denied = checkOperationAccess((args.contextValue as Ctx).chiboPrincipal, args.document, args.operationName, o.table);
      if (denied) setResultAndStopExecution(refuse(denied, false));
    },
  };
}
