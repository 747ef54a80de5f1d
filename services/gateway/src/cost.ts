import { GraphQLError, Kind, getNamedType, isLeafType, isListType, isNonNullType, type DocumentNode, type GraphQLOutputType, type GraphQLSchema, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DomainError } from '@chibo/domain';

/**
 * The static cost of an operation, in points: how many objects it may return, known before
 * anything runs. Computed by graphql-query-complexity (variables resolved, fragments followed)
 * with one estimator of ours:
 *
 * - a field returning an object costs 1, plus what is selected under it;
 * - a connection (`…Connection`) multiplies what is selected under it by `first`/`last`, which
 *   it must have, at most MAX_PAGE (its `nodes` count once per item of the page);
 * - a plain list of objects is counted as LIST_GUESS items (its length is not known in advance);
 * - scalars are free; every operation costs at least 1.
 *
 * The same number is the per-request limit (`maxCost`), the one reported in `extensions.cost`
 * and the one taken from the hourly budgets.
 */
export const MAX_PAGE = 100;
export const LIST_GUESS = 10;

const isList = (t: GraphQLOutputType): boolean => (isNonNullType(t) ? isList(t.ofType) : isListType(t));

function pageSize(args: Record<string, unknown>, field: string): number {
  const n = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  if (n === undefined) {
    throw new DomainError('LIMIT_EXCEEDED', { vi: `Phải có first hoặc last ở ${field}`, en: `${field} needs first or last` }, { limit: 'first', max: MAX_PAGE, field });
  }
  if (n < 0 || n > MAX_PAGE) {
    throw new DomainError('LIMIT_EXCEEDED', { vi: `first/last ở ${field} tối đa ${MAX_PAGE}`, en: `first/last on ${field} may be at most ${MAX_PAGE}` }, { limit: 'first', max: MAX_PAGE, field });
  }
  return n;
}

const isConnection = (name: string) => name.endsWith('Connection');

const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;
  if (isConnection(named.name)) return 1 + pageSize(args, field.name) * childComplexity;
  // A connection's `nodes`/`edges` hold one page: the connection has multiplied already.
  if (isList(field.type) && !isConnection(type.name)) return LIST_GUESS * (1 + childComplexity);
  return 1 + childComplexity;
};

/**
 * Costs already computed, per schema and parsed document (the runtime reuses both), by variables:
 * a dashboard asks the same few questions over and over, and walking the document with the
 * schema's types is a measurable share of a request answered from the gateway's cache.
 */
const known = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
const VARIABLE_SETS_PER_DOCUMENT = 256;

/** The operation's cost; LIMIT_EXCEEDED (a DomainError) for a connection without a sane page size. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown> | null, operationName?: string | null): number {
  let bySchema = known.get(schema);
  if (!bySchema) known.set(schema, (bySchema = new WeakMap()));
  let byDocument = bySchema.get(document);
  if (!byDocument) bySchema.set(document, (byDocument = new Map()));
  const key = JSON.stringify([operationName ?? null, variables ?? null]);
  const hit = byDocument.get(key);
  if (hit !== undefined) return hit;
  const cost = computeCost(schema, document, variables, operationName);
  if (byDocument.size >= VARIABLE_SETS_PER_DOCUMENT) byDocument.clear();
  byDocument.set(key, cost);
  return cost;
}

function computeCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown> | null, operationName?: string | null): number {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [estimator] });
  } catch (err) {
    // The estimator's own refusals come back as they were thrown, or wrapped by graphql-js.
    const cause = err instanceof GraphQLError ? (err.originalError ?? err) : err;
    throw cause;
  }
  return Math.max(1, Math.ceil(cost));
}

/**
 * One operation per document: a second one is a batch by another name, and with
 * `operationName` a client could make the gateway parse and validate what it never runs.
 */
export const oneOperationRule: ValidationRule = (context) => ({
  Document(node) {
    const operations = node.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
    if (operations > 1) {
      const e = new DomainError('LIMIT_EXCEEDED', { vi: 'Mỗi yêu cầu chỉ một thao tác', en: 'One operation per request' }, { limit: 'operations', max: 1 });
      context.reportError(new GraphQLError(e.message, { extensions: e.toExtensions() }));
    }
  },
});
