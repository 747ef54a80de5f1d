import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Builds attack probes from the public schema, so a field added tomorrow is attacked tomorrow
 * without anyone remembering to write a test. Every ID argument is aimed at a record of the
 * victim tenant (or at an id nobody has); whatever else an argument needs gets a plausible value.
 * A field the generator cannot build (an ID whose kind it cannot tell, a scalar it does not
 * know) is reported as uncovered, and the suite fails on it unless it is allow-listed.
 */

/** The kinds of record an ID argument can name; the victim tenant must have one of each. */
export type IdKind =
  | 'OrgUnit'
  | 'Cell'
  | 'Member'
  | 'Position'
  | 'Transfer'
  | 'Meeting'
  | 'AgendaItem'
  | 'Resolution'
  | 'ResolutionTask'
  | 'InspectionPlan'
  | 'InspectionPlanItem'
  | 'Supervision'
  | 'Inspection'
  | 'DisciplineCase'
  | 'ApiKey'
  | 'TransferLetter'
  | 'TenantCalendarDay'
  | 'HigherDocument'
  | 'Webhook'
  /** The victim tenant itself: a tenant id is legitimate input naming another tenant. */
  | 'Tenant';

export type IdBook = Partial<Record<IdKind, string>>;

/** Argument names → the kind of record they name. Order matters: first match wins. */
const ID_NAMES: [RegExp, IdKind][] = [
  [/^(cellId|toCellId|fromCellId)$/, 'Cell'],
  [/(^o|O)rgUnitIds?$|^(parentId|newParentId|rootId|intoId)$/, 'OrgUnit'],
  // toTenantId, residenceTenantId: a letter or a residence in another tenant, here the victim.
  [/(^t|T)enantId$/, 'Tenant'],
  [/^letterId$/, 'TransferLetter'],
  [/^documentIds?$/, 'HigherDocument'],
  [/(^m|M)emberIds?$|^introducerIds$/, 'Member'],
  [/^meetingId$/, 'Meeting'],
  [/^agendaItemId$/, 'AgendaItem'],
  [/^resolutionId$/, 'Resolution'],
  [/^taskId$/, 'ResolutionTask'],
  [/^planId$/, 'InspectionPlan'],
  [/^planItemId$/, 'InspectionPlanItem'],
  [/^inspectionId$/, 'Inspection'],
  [/^supervisionId$/, 'Supervision'],
  [/^caseId$/, 'DisciplineCase'],
  [/^positionId$/, 'Position'],
  [/^transferId$/, 'Transfer'],
  [/^apiKeyId$/, 'ApiKey'],
];

/** Type names (of a field's result, or of the input holding an `id`) → the kind an `id` names. */
const ID_TYPES: [RegExp, IdKind][] = [
  [/OrgUnit/, 'OrgUnit'],
  [/ApiKey/, 'ApiKey'],
  [/DisciplineCase/, 'DisciplineCase'],
  [/Inspection(?!Plan)/, 'Inspection'],
  [/InspectionPlan/, 'InspectionPlan'],
  [/Supervision/, 'Supervision'],
  [/Resolution/, 'Resolution'],
  [/Meeting/, 'Meeting'],
  [/Position/, 'Position'],
  [/TransferLetter/, 'TransferLetter'],
  [/Transfer/, 'Transfer'],
  [/Webhook/, 'Webhook'],
  [/TenantCalendarDay/, 'TenantCalendarDay'],
  [/Member/, 'Member'],
];

/**
 * IDs whose name and type say nothing of the record (`recordId` of a log, an `id` returned as a
 * bare ID), by root field and argument (or input field) name: the record that field's own
 * service keeps, so that in the victim's hands the probe finds something.
 */
const FIELD_IDS: Record<string, IdKind> = {
  'Query.confidentialReads.recordId': 'Inspection',
  'Query.membershipAuditLog.recordId': 'Member',
  'Query.meetingsAuditLog.recordId': 'Meeting',
  'Query.inspectionAuditLog.recordId': 'Inspection',
  'Mutation.removeTenantCalendarDay.id': 'TenantCalendarDay',
};

export interface Probe {
  root: 'query' | 'mutation' | 'subscription';
  field: string;
  query: string;
  variables: Record<string, unknown>;
  /** The victim's ids the probe carries (an error may echo what the caller sent). */
  sentIds: string[];
}

export interface Uncovered {
  field: string;
  reason: string;
}

class CannotBuild extends Error {}

export type Aim = 'victim' | 'madeUp';

/** Plausible non-ID values, by argument name; what a form would send. */
function stringFor(name: string): string {
  if (/period/i.test(name)) return '2026-05';
  if (/At$/.test(name)) return new Date().toISOString();
  if (/dateOfBirth/.test(name)) return '1980-01-01';
  if (/(On|Date|date|since|^on|Until|until|From)$/.test(name)) return '2026-05-04';
  if (/citizenId/.test(name)) return '042195001234';
  if (/occasion/i.test(name)) return '2026-02-03';
  if (/scopes?$/.test(name)) return 'membership:read';
  return 'Thăm dò / probe';
}

function intFor(name: string): number {
  if (name === 'first' || name === 'last') return 10;
  if (/year/i.test(name)) return 2026;
  if (/Quarter|quarter/.test(name)) return 2;
  if (/Minutes/.test(name)) return 10;
  return 1;
}

/** Optional input fields a plausible request carries anyway (a month or quarter of a period). */
const OPTIONAL_SENT = new Set(['index']);

class Builder {
  readonly sentIds: string[] = [];

  constructor(
    private readonly ids: IdBook,
    private readonly aim: Aim,
    /** Optional ID fields are doors to try in an attack, but noise when asking "may this role run it?". */
    private readonly optionalIds = true,
    /** The root field being built (Query.x), for FIELD_IDS. */
    private readonly field = '',
  ) {}

  id(kind: IdKind | undefined, where: string): string {
    if (!kind) throw new CannotBuild(`cannot tell what ${where} names`);
    if (this.aim === 'madeUp') return randomUUID();
    const id = this.ids[kind];
    if (!id) throw new CannotBuild(`the victim tenant has no ${kind} for ${where}`);
    this.sentIds.push(id);
    return id;
  }

  value(type: GraphQLInputType, name: string, ctx: { holder: string }): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, name, ctx);
    if (isListType(type)) return [this.value(type.ofType, name, ctx)];
    if (isInputObjectType(type)) {
      const out: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields()) as GraphQLInputField[]) {
        const isId = getNamedType(f.type).name === 'ID';
        // Required fields, and every optional ID: each one is a door to try.
        if (!isNonNullType(f.type) && !(isId && this.optionalIds) && !OPTIONAL_SENT.has(f.name)) continue;
        out[f.name] = this.value(f.type, f.name, { holder: type.name });
      }
      return out;
    }
    if (isEnumType(type)) return type.getValues()[0].value;
    switch (type.name) {
      case 'ID':
        return this.id(FIELD_IDS[`${this.field}.${name}`] ?? idKindOf(name, ctx.holder), `${ctx.holder}.${name}`);
      case 'String':
        return stringFor(name);
      case 'Int':
        return intFor(name);
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTimeISO':
        return new Date().toISOString();
      default:
        throw new CannotBuild(`no value for scalar ${type.name} (${ctx.holder}.${name})`);
    }
  }
}

function idKindOf(name: string, holder: string): IdKind | undefined {
  for (const [re, kind] of ID_NAMES) if (re.test(name)) return kind;
  if (name === 'id' || name === 'ids') for (const [re, kind] of ID_TYPES) if (re.test(holder)) return kind;
  return undefined;
}

/**
 * Every scalar of the result two levels down, so a leak anywhere in the payload shows; list
 * fields that need `first` get a small one.
 */
export function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const t = getNamedType(type);
  if (isLeafType(t)) return '';
  if (isAbstractType(t)) return '{ __typename }';
  if (!isObjectType(t)) return '';
  const parts = ['__typename'];
  for (const f of Object.values(t.getFields()) as GraphQLField<unknown, unknown>[]) {
    const required = f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const leaf = isLeafType(getNamedType(f.type));
    if (leaf) {
      if (!required.length) parts.push(f.name);
      continue;
    }
    if (depth >= 2 || !required.every((a) => a.name === 'first' || a.name === 'last')) continue;
    const args = required.length ? `(${required.map((a) => `${a.name}: 5`).join(', ')})` : '';
    parts.push(`${f.name}${args} ${selectionOf(f.type, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

const ROOTS = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** One probe per root field of each operation type, aimed at the victim's ids or at made-up ones. */
export function buildProbes(schema: GraphQLSchema, ids: IdBook, aim: Aim, o: { optionalIds?: boolean } = {}): { probes: Probe[]; uncovered: Uncovered[] } {
  const probes: Probe[] = [];
  const uncovered: Uncovered[] = [];
  for (const root of Object.keys(ROOTS) as (keyof typeof ROOTS)[]) {
    const type = root === 'query' ? schema.getQueryType() : root === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const name = `${ROOTS[root]}.${field.name}`;
      try {
        const b = new Builder(ids, aim, o.optionalIds ?? true, name);
        const variables: Record<string, unknown> = {};
        const decl: string[] = [];
        const args: string[] = [];
        for (const a of field.args as readonly GraphQLArgument[]) {
          const isId = getNamedType(a.type).name === 'ID';
          // Optional arguments are sent when they can name a record (a filter by unit, a case).
          if (!isNonNullType(a.type) && !isId && !isInputObjectType(getNamedType(a.type))) continue;
          const holder = a.name === 'id' || a.name === 'ids' ? getNamedType(field.type).name : name;
          variables[a.name] = b.value(a.type, a.name, { holder });
          decl.push(`$${a.name}: ${String(a.type)}`);
          args.push(`${a.name}: $${a.name}`);
        }
        const query =
          `${root} Probe${decl.length ? `(${decl.join(', ')})` : ''} ` +
          `{ ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selectionOf(field.type)} }`;
        probes.push({ root, field: name, query, variables, sentIds: b.sentIds });
      } catch (err) {
        if (!(err instanceof CannotBuild)) throw err;
        uncovered.push({ field: name, reason: err.message });
      }
    }
  }
  return { probes, uncovered };
}

export interface EntityProbe {
  /** The subgraph's name in the supergraph (lower case, as the stack names its services). */
  graph: string;
  typename: string;
  representation: Record<string, unknown>;
  sentIds: string[];
}

/**
 * One `_entities` lookup per entity key of each subgraph, aimed at the victim: what the gateway
 * would send a subgraph if it were ever fooled into asking for another tenant's record. The
 * subgraph must answer with the caller's tenant only, whoever built the representation.
 */
export function buildEntityProbes(supergraphSdl: string, ids: IdBook): { probes: EntityProbe[]; uncovered: Uncovered[] } {
  const probes: EntityProbe[] = [];
  const uncovered: Uncovered[] = [];
  const re = /^type (\w+)((?:\s*@join__type\([^)]*\))+)/gm;
  for (const m of supergraphSdl.matchAll(re)) {
    const typename = m[1];
    for (const j of m[2].matchAll(/@join__type\(graph: (\w+), key: "([^"]+)"([^)]*)\)/g)) {
      if (/resolvable: false/.test(j[3])) continue;
      const graph = j[1].toLowerCase();
      const b = new Builder(ids, 'victim');
      try {
        const representation: Record<string, unknown> = { __typename: typename };
        for (const key of j[2].split(/\s+/)) {
          representation[key] = key === 'id' || /Id$/.test(key) ? b.id(idKindOf(key, typename), `${typename}.${key}`) : stringFor(key);
        }
        probes.push({ graph, typename, representation, sentIds: b.sentIds });
      } catch (err) {
        if (!(err instanceof CannotBuild)) throw err;
        uncovered.push({ field: `${graph}:${typename}`, reason: err.message });
      }
    }
  }
  return { probes, uncovered };
}
