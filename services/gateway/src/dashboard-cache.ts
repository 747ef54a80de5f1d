import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Kind, getOperationAST, print, type DocumentNode, type ExecutionResult, type SelectionSetNode, type ValueNode } from 'graphql';
import { monthPeriod, parseReportingPeriod, type Principal } from '@chibo/domain';
import type { DashboardChange, DashboardWatcher } from '@chibo/service-kit';
import { visibilityClass } from './live-fanout';

/** The root field whose answers are kept: the figures of one org unit in one period. */
const CACHED_FIELD = 'dashboard';

export interface DashboardCacheOptions {
  /** Answers kept at most (the oldest go first). Default 5,000. */
  maxEntries?: number;
  /**
   * The longest an answer is served, whatever happens. The bus carries the changes of meetings
   * and discipline (and membership's member changes); a change it does not carry and that did not
   * come through this gateway (another replica's mutation of an inspection, a projection caught
   * up later by a relay) is seen after at most this long. Default 5 s.
   */
  maxAgeMs?: number;
}

/** One `dashboard(orgUnitId, period)` of an operation, with the months its period covers. */
interface Target {
  orgUnitId: string;
  months: string[];
}

interface Entry {
  tenantId: string;
  targets: Target[];
  data: ExecutionResult['data'];
  storedAt: number;
}

/** What a document is, computed once per parsed document (the runtime reuses them). */
type Shape = { text: string; fields: { orgUnitId: ValueNode | undefined; period: ValueNode | undefined }[] } | null;

type Ctx = { chiboPrincipal?: Principal; request?: Request };

/**
 * Answers of `Query.dashboard` kept at the gateway, per document, variables and visibility class
 * of the caller (tenant, roles, scope unit, API scopes — the class the live fan-out shares one
 * execution across — plus the member id, so nothing personal is ever shared). An answer is
 * dropped:
 * - when the dashboard bus announces a change of a unit it shows, in a month its period covers
 *   (the bus is told in the same transaction that changes the figures);
 * - when any mutation of its tenant goes through this gateway (before and after it runs);
 * - after `maxAgeMs` at the latest, and all of them when the bus connection is lost (nothing is
 *   kept until it listens again, since changes may have been missed).
 * A query that was running while its tenant changed does not store its answer (a generation
 * number per tenant), so a figure read before a change cannot be kept after it.
 */
export class DashboardCache implements DashboardWatcher {
  private readonly entries = new Map<string, Entry>();
  /** Keys per tenant, so a change looks only at its own tenant's answers. */
  private readonly byTenant = new Map<string, Set<string>>();
  private readonly generations = new Map<string, number>();
  private readonly shapes = new WeakMap<DocumentNode, Shape>();
  private live = false;
  private epoch = 0;
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  hits = 0;
  misses = 0;

  constructor(o: DashboardCacheOptions = {}) {
    this.maxEntries = o.maxEntries ?? 5_000;
    this.maxAgeMs = o.maxAgeMs ?? 5_000;
  }

  get size(): number {
    return this.entries.size;
  }

  // --- the bus ---------------------------------------------------------------------------

  change(change: DashboardChange): void {
    this.bump(change.tenantId);
    const keys = this.byTenant.get(change.tenantId);
    if (!keys) return;
    const units = new Set(change.orgUnitIds.map((u) => u.toLowerCase()));
    for (const key of keys) {
      const e = this.entries.get(key);
      if (!e) keys.delete(key);
      else if (e.targets.some((t) => units.has(t.orgUnitId) && (change.allPeriods || t.months.includes(change.period)))) this.drop(key);
    }
  }

  lost(): void {
    this.live = false;
    this.entries.clear();
    this.byTenant.clear();
    // Queries running across the gap must not store what they read: every generation moves.
    this.epoch++;
  }

  listening(): void {
    this.live = true;
  }

  /** Everything of a tenant goes: one of its mutations may change any figure. */
  tenantChanged(tenantId: string): void {
    this.bump(tenantId);
    for (const key of this.byTenant.get(tenantId) ?? []) this.entries.delete(key);
    this.byTenant.delete(tenantId);
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    const keys = this.byTenant.get(e.tenantId);
    keys?.delete(key);
    if (keys && !keys.size) this.byTenant.delete(e.tenantId);
  }

  // --- requests --------------------------------------------------------------------------

  /**
   * The cache key of an operation for this caller, with the units and months it shows; null
   * when it is not kept (not a query of `dashboard` fields only, no tenant, bus not listening).
   */
  keyOf(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, principal: Principal | undefined, now = new Date()): { key: string; tenantId: string; targets: Target[] } | null {
    if (!this.live || !principal?.tenantId) return null;
    const shape = this.shapeOf(document, operationName);
    if (!shape) return null;
    const targets: Target[] = [];
    const resolved: string[] = [];
    for (const f of shape.fields) {
      const unit = valueOf(f.orgUnitId, variables);
      const asked = valueOf(f.period, variables);
      if (typeof unit !== 'string' || (asked != null && typeof asked !== 'string')) return null;
      // No period means the current month: the month is part of the key, so a new month misses.
      const period = parseReportingPeriod(asked ?? monthPeriod(now));
      if (!period) return null; // the subgraph answers the error, every time
      targets.push({ orgUnitId: unit.toLowerCase(), months: period.months });
      resolved.push(period.key);
    }
    const who = [visibilityClass(principal), principal.memberId ?? null];
    return { key: JSON.stringify([who, shape.text, operationName ?? null, variables ?? null, resolved]), tenantId: principal.tenantId, targets };
  }

  get(key: string, now = Date.now()): ExecutionResult['data'] | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.storedAt > this.maxAgeMs) {
      this.drop(key);
      return undefined;
    }
    return e.data;
  }

  /** The tenant's generation when a query starts; {@link put} keeps its answer only if unchanged. */
  generation(tenantId: string): number {
    return this.epoch * 1_000_000_000 + (this.generations.get(tenantId) ?? 0);
  }

  put(key: string, tenantId: string, targets: Target[], generation: number, data: ExecutionResult['data'], now = Date.now()): void {
    if (!this.live || this.generation(tenantId) !== generation) return;
    this.drop(key);
    if (this.entries.size >= this.maxEntries) this.drop(this.entries.keys().next().value!);
    this.entries.set(key, { tenantId, targets, data, storedAt: now });
    let keys = this.byTenant.get(tenantId);
    if (!keys) this.byTenant.set(tenantId, (keys = new Set()));
    keys.add(key);
  }

  private bump(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }

  private shapeOf(document: DocumentNode, operationName: string | null | undefined): Shape {
    if (this.shapes.has(document) && !operationName) return this.shapes.get(document)!;
    const op = getOperationAST(document, operationName ?? undefined);
    let shape: Shape = null;
    // One operation only (fragments elsewhere would need resolving: such documents are not kept).
    if (op && op.operation === 'query' && document.definitions.length === 1) {
      const fields: NonNullable<Shape>['fields'] = [];
      let ok = op.selectionSet.selections.length > 0;
      for (const s of op.selectionSet.selections) {
        if (s.kind !== Kind.FIELD || s.name.value !== CACHED_FIELD || s.directives?.length || !figuresOnly(s.selectionSet)) {
          ok = false;
          break;
        }
        const arg = (name: string) => s.arguments?.find((a) => a.name.value === name)?.value;
        fields.push({ orgUnitId: arg('orgUnitId'), period: arg('period') });
      }
      if (ok) shape = { text: print(document), fields };
    }
    if (!operationName) this.shapes.set(document, shape);
    return shape;
  }
}

/**
 * Dashboard fields whose answer may not be kept: reading them is audited per person
 * (confidential inspection records), so each reader must reach the service.
 */
const AUDITED_FIELDS = new Set(['openInspectionList']);

/**
 * Only the figures and the names, kinds and ids of what they list: plain fields of the dashboard,
 * and leaf fields one level below it. A deeper selection (a cell's members, a meeting's minutes)
 * would reach data whose changes the bus does not announce, so such a query is never kept.
 */
function figuresOnly(set: SelectionSetNode | undefined): boolean {
  if (!set) return false;
  return set.selections.every(
    (s) =>
      s.kind === Kind.FIELD &&
      !s.directives?.length &&
      !AUDITED_FIELDS.has(s.name.value) &&
      (!s.selectionSet || s.selectionSet.selections.every((n) => n.kind === Kind.FIELD && !n.selectionSet && !n.directives?.length)),
  );
}

function valueOf(node: ValueNode | undefined, variables: Record<string, unknown> | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.NULL) return null;
  return Symbol('not a string'); // never a valid unit or period: not kept
}

/**
 * The cache in the request's path. It comes after the budget plugin: a cached answer is still
 * admitted and charged like any other (its `extensions.cost` is added the same way), only the
 * three subgraph calls are spared.
 */
export function dashboardCachePlugin(cache: DashboardCache): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const principal = (args.contextValue as Ctx).chiboPrincipal;
      const op = getOperationAST(args.document, args.operationName ?? undefined);
      if (op?.operation === 'mutation') {
        const tenantId = principal?.tenantId;
        if (!tenantId) return;
        cache.tenantChanged(tenantId);
        return { onExecuteDone: () => cache.tenantChanged(tenantId) };
      }
      const hit = cache.keyOf(args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined, principal);
      if (!hit) return;
      // `Cache-Control: no-cache` asks for a fresh answer (which then replaces the kept one).
      const request = (args.contextValue as Ctx).request;
      const fresh = /no-cache|no-store/i.test(request?.headers.get('cache-control') ?? '');
      const data = fresh ? undefined : cache.get(hit.key);
      if (data !== undefined) {
        cache.hits++;
        setResultAndStopExecution({ data });
        return;
      }
      cache.misses++;
      const generation = cache.generation(hit.tenantId);
      return {
        onExecuteDone({ result }) {
          if (!result || Symbol.asyncIterator in (result as object)) return;
          const r = result as ExecutionResult;
          if (!r.errors?.length && r.data) cache.put(hit.key, hit.tenantId, hit.targets, generation, r.data);
        },
      };
    },
  };
}
