import { buildSchema, type GraphQLSchema } from 'graphql';
import { ALL_ROLES, API_KEY_SCOPES, OPERATION_ACCESS, Role, isOperation, mayRun, type Operation, type Principal } from '@chibo/domain';
import { useStack, type GatewayClient, type GraphQLResponse, type TenantHandle } from '@chibo/testkit';
import { buildProbes, type IdBook, type Probe } from './attack/probes';
import { seedVictim, snapshotTenant } from './attack/tenants';

/**
 * Bookkeeping that moves with every request, allowed or not, and is not the tenant's records:
 * the request budget (metering), the audit log (it logs the budget and the late events of earlier
 * allowed calls), messaging and webhook delivery queues. A denied call must leave the
 * tenant's domain tables alone; these say nothing about that.
 */
const BOOKKEEPING = /\.(request_budget|audit_log|outbox|inbox|webhook_delivery)$/;

/** Answers that mean "not for you": refused outright, or the record hidden as absent. */
const DENIED = /^(FORBIDDEN|NOT_FOUND|MISSING_TENANT)$/;

/**
 * The role × operation matrix, generated from OPERATION_ACCESS (packages/domain): every cell,
 * every role, through the gateway. A denied cell must be refused and change nothing; an allowed
 * cell must get past authorization (it may still break a business rule with the probe's
 * made-up values, which is an answer about the data, not about the role).
 */
describe('role × operation matrix from OPERATION_ACCESS', () => {
  const stack = useStack();
  let t: TenantHandle;
  let schema: GraphQLSchema;
  let ids: IdBook;
  let probes: Map<string, Probe>;

  beforeAll(async () => {
    t = await stack().createTenant('Đảng bộ ma trận quyền');
    ids = await seedVictim(stack(), t);
    const sdl = await fetch(stack().gatewayUrl.replace(/\/graphql$/, '/sdl'), { headers: { authorization: `Bearer ${t.admin.token}` } });
    schema = buildSchema(await sdl.text());
    probes = new Map(buildProbes(schema, ids, 'victim', { optionalIds: false }).probes.map((p) => [p.field.split('.')[1], p]));
  }, 120_000);

  /** The widest place each role can stand, so the answer is about the role, not the subtree. */
  function principalOf(role: Role, scopes: string[] = [...API_KEY_SCOPES]): Principal {
    const scoped = [Role.COMMITTEE_STAFF, Role.CELL_SECRETARY, Role.INSPECTOR, Role.MEMBER].includes(role);
    return {
      tenantId: role === Role.PLATFORM_ADMIN ? null : t.id,
      subject: `matrix-${role}`,
      roles: [role],
      scopeOrgUnitId: scoped ? t.rootOrgUnitId : null,
      memberId: role === Role.MEMBER ? ids.Member! : null,
      ...(role === Role.INTEGRATOR ? { scopes } : {}),
    };
  }

  async function clientOf(p: Principal): Promise<GatewayClient> {
    return stack().client(await stack().token({ ...p, roles: p.roles }));
  }

  const topErrors = (res: GraphQLResponse, field: string) => (res.errors ?? []).filter((e) => !e.path || (e.path.length === 1 && e.path[0] === field));

  it('names every query, mutation and subscription of the public schema, and nothing else', () => {
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()),
      ...Object.keys(schema.getMutationType()!.getFields()),
      ...Object.keys(schema.getSubscriptionType()!.getFields()),
    ];
    expect(fields.filter((f) => !isOperation(f))).toEqual([]);
    expect(Object.keys(OPERATION_ACCESS).filter((op) => !fields.includes(op))).toEqual([]);
  });

  it('holds in every cell: queries', async () => {
    const wrong: string[] = [];
    for (const op of Object.keys(OPERATION_ACCESS) as Operation[]) {
      const probe = probes.get(op);
      if (!probe) {
        wrong.push(`${op}: no probe could be built (see the attack suite's uncovered list)`);
        continue;
      }
      if (probe.root !== 'query') continue;
      for (const role of ALL_ROLES) {
        const principal = principalOf(role);
        const res = await (await clientOf(principal)).execute(probe.query, probe.variables);
        const codes = topErrors(res, op).map((e) => String(e.extensions?.code));
        const refused = codes.some((c) => DENIED.test(c)) && res.data?.[op] == null;
        if (mayRun(principal, op) === refused) wrong.push(`${op} × ${role}: table says ${mayRun(principal, op) ? 'allowed' : 'denied'}, got ${codes.join('/') || 'data'}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('holds in every cell: mutations (denied ones change nothing)', async () => {
    const wrong: string[] = [];
    for (const op of Object.keys(OPERATION_ACCESS) as Operation[]) {
      const probe = probes.get(op);
      if (!probe) {
        wrong.push(`${op}: no probe could be built (see the attack suite's uncovered list)`);
        continue;
      }
      if (probe.root !== 'mutation') continue;
      // Denied cells first: an allowed one may change the record the others aim at.
      const roles = [...ALL_ROLES].sort((x, y) => Number(mayRun(principalOf(x), op)) - Number(mayRun(principalOf(y), op)));
      for (const role of roles) {
        const principal = principalOf(role);
        const allowed = mayRun(principal, op);
        // Events of earlier, allowed calls land first, so a change seen below is this call's.
        if (!allowed) await stack().settle();
        const before = allowed ? undefined : await snapshotTenant(stack(), t.id, BOOKKEEPING);
        const res = await (await clientOf(principal)).execute(probe.query, probe.variables);
        const codes = topErrors(res, op).map((e) => String(e.extensions?.code));
        if (allowed) {
          // Past the door: whatever it answers, it is not a refusal of the role.
          if (codes.some((c) => c === 'FORBIDDEN' || c === 'MISSING_TENANT')) wrong.push(`${op} × ${role}: table says allowed, got ${codes.join('/')}`);
        } else {
          if (!codes.some((c) => DENIED.test(c)) || res.data?.[op] != null) wrong.push(`${op} × ${role}: table says denied, got ${codes.join('/') || 'data'}`);
          await stack().settle();
          const after = await snapshotTenant(stack(), t.id, BOOKKEEPING);
          const changed = Object.keys(after).filter((k) => after[k] !== before![k]);
          if (changed.length) wrong.push(`${op} × ${role}: denied, yet changed ${changed.join(', ')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it('holds in every cell: subscriptions (graphql-ws), refused before the stream opens', async () => {
    const wrong: string[] = [];
    for (const op of Object.keys(OPERATION_ACCESS) as Operation[]) {
      const probe = probes.get(op);
      if (!probe || probe.root !== 'subscription') continue;
      for (const role of ALL_ROLES) {
        const principal = principalOf(role);
        const sub = (await clientOf(principal)).subscribe(probe.query, probe.variables);
        let res: GraphQLResponse;
        try {
          res = await sub.next(3000);
        } catch {
          res = { data: { silent: true } }; // open and quiet: accepted
        } finally {
          await sub.close();
        }
        const codes = (res.errors ?? []).map((e) => String(e.extensions?.code));
        const refused = codes.some((c) => DENIED.test(c));
        if (mayRun(principal, op) === refused) wrong.push(`${op} × ${role}: table says ${mayRun(principal, op) ? 'allowed' : 'denied'}, got ${codes.join('/') || 'a stream'}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('holds for an API key without the scope an operation names', async () => {
    const wrong: string[] = [];
    for (const op of Object.keys(OPERATION_ACCESS) as Operation[]) {
      const access = OPERATION_ACCESS[op] as { roles: readonly Role[]; scope?: string };
      if (!access.scope || !access.roles.includes(Role.INTEGRATOR)) continue;
      const probe = probes.get(op)!;
      const principal = principalOf(Role.INTEGRATOR, API_KEY_SCOPES.filter((s) => s !== access.scope));
      expect(mayRun(principal, op)).toBe(false);
      const res = await (await clientOf(principal)).execute(probe.query, probe.variables);
      const codes = topErrors(res, op).map((e) => String(e.extensions?.code));
      if (!codes.some((c) => DENIED.test(c)) || res.data?.[op] != null) wrong.push(`${op} without ${access.scope}: got ${codes.join('/') || 'data'}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
