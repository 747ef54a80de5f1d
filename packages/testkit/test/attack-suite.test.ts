import { buildASTSchema, buildSchema, parse, type GraphQLSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import { SignJWT, generateKeyPair } from 'jose';
import WebSocket from 'ws';
import { Role, type Principal } from '@chibo/domain';
import { IDENTITY_HEADER, signIdentity } from '@chibo/service-kit';
import { committedSupergraph, useStack, type GatewayClient, type GraphQLResponse, type TenantHandle } from '@chibo/testkit';
import { buildEntityProbes, buildProbes, selectionOf, type IdBook, type Probe } from './attack/probes';
import { VICTIM_MARK, idsOfTenant, seedVictim, snapshotTenant } from './attack/tenants';

/**
 * Fields the generator may skip, each with the reason a person checked it. Adding a field here
 * is a security decision: say why the field cannot reach another tenant's data.
 */
const ALLOWED_UNCOVERED: Record<string, string> = {
  // (none: every root field of the public schema is probed)
};

/** Codes an attack may earn; anything else (BAD_REQUEST, INTERNAL, LIMIT_EXCEEDED) means the probe itself is broken or the server is. */
const REFUSALS = /^(NOT_FOUND|FORBIDDEN|BAD_USER_INPUT|INVALID_ID|RULE_VIOLATION|CONFLICT|MISSING_TENANT)$/;

/**
 * T-1 as an attacker tries it: tenant A's credentials (a city admin's token, an inspector's
 * token, an API key with every scope) against every query, mutation and subscription root field
 * of the public schema, aimed at tenant B's ids and at ids nobody has. Nothing of B may come
 * back, and nothing of B may change. The probes are generated from the schema the gateway
 * serves, so a new field is attacked as soon as it exists.
 */
describe('attack suite generated from the schema (T-1, issue 7)', () => {
  const stack = useStack();
  let a: TenantHandle;
  let b: TenantHandle;
  let schema: GraphQLSchema;
  let victimIds: IdBook;
  let victimAll: Set<string>;
  let attackers: [string, GatewayClient][];

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ tấn công A');
    b = await stack().createTenant(`Đảng bộ nạn nhân ${VICTIM_MARK}`);
    await a.seedTree();
    victimIds = await seedVictim(stack(), b);
    victimAll = await idsOfTenant(stack(), b.id);
    const sdl = await fetch(stack().gatewayUrl.replace(/\/graphql$/, '/sdl'), { headers: { authorization: `Bearer ${a.admin.token}` } });
    schema = buildSchema(await sdl.text());
    const key = await a.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', {
      i: { name: 'Khóa tấn công', scopes: ['membership:read', 'meetings:read', 'meetings:write', 'inspection:read', 'discipline:read'] },
    });
    attackers = [
      ['city admin of A', a.admin],
      ['inspector of A', await a.user({ role: Role.INSPECTOR, scope: a.rootOrgUnitId })],
      ['API key of A (every scope)', stack().client(null).with({ 'x-api-key': key.createApiKey.secret })],
    ];
  }, 120_000);

  /** What in a response would betray B: its ids (unless only echoing what the caller sent) and its names. */
  function leaks(res: GraphQLResponse, probe: Probe): string[] {
    const found: string[] = [];
    const data = JSON.stringify(res.data ?? null);
    const errors = JSON.stringify(res.errors ?? []);
    if (data.includes(VICTIM_MARK) || errors.includes(VICTIM_MARK)) found.push(`text marked ${VICTIM_MARK}`);
    for (const id of victimAll) {
      if (data.includes(id)) found.push(`B's id ${id} in data`);
      else if (errors.includes(id) && !probe.sentIds.includes(id)) found.push(`B's id ${id} in an error`);
    }
    return found;
  }

  function verdict(who: string, probe: Probe, res: GraphQLResponse): string[] {
    const problems = leaks(res, probe).map((l) => `${probe.field} as ${who}: ${l}`);
    for (const e of res.errors ?? []) {
      const code = String(e.extensions?.code);
      if (!REFUSALS.test(code)) problems.push(`${probe.field} as ${who}: ${code} (${e.message})`);
    }
    return problems;
  }

  it('can build a probe for every root field (or the field is allow-listed with a reason)', () => {
    for (const aim of ['victim', 'madeUp'] as const) {
      const { uncovered } = buildProbes(schema, victimIds, aim);
      expect(uncovered.filter((u) => !(u.field in ALLOWED_UNCOVERED))).toEqual([]);
    }
    // The allow-list names only fields that still exist.
    const all = buildProbes(schema, victimIds, 'victim');
    const names = new Set([...all.probes, ...all.uncovered].map((p) => p.field));
    expect(Object.keys(ALLOWED_UNCOVERED).filter((f) => !names.has(f))).toEqual([]);
  });

  it("reads nothing of B through any query, with B's ids or made-up ones", async () => {
    const before = await snapshotTenant(stack(), b.id);
    const problems: string[] = [];
    let aimedAtB = 0;
    for (const aim of ['victim', 'madeUp'] as const) {
      const { probes } = buildProbes(schema, victimIds, aim);
      for (const probe of probes.filter((p) => p.root === 'query')) {
        if (probe.sentIds.length) aimedAtB++;
        for (const [who, client] of attackers) problems.push(...verdict(who, probe, await client.execute(probe.query, probe.variables)));
      }
    }
    expect(problems).toEqual([]);
    expect(aimedAtB).toBeGreaterThan(10);
    // Reading may write (an access log), but never into B's books.
    await stack().settle();
    expect(await snapshotTenant(stack(), b.id)).toEqual(before);
  }, 180_000);

  it("changes nothing of B through any mutation, and reveals nothing in the answer", async () => {
    const problems: string[] = [];
    let before = await snapshotTenant(stack(), b.id);
    for (const aim of ['victim', 'madeUp'] as const) {
      const { probes } = buildProbes(schema, victimIds, aim);
      for (const probe of probes.filter((p) => p.root === 'mutation')) {
        for (const [who, client] of attackers) {
          const res = await client.execute(probe.query, probe.variables);
          problems.push(...verdict(who, probe, res));
          const after = await snapshotTenant(stack(), b.id);
          const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
          if (changed.length) problems.push(`${probe.field} as ${who}: changed B's ${changed.join(', ')}`);
          before = after;
        }
      }
    }
    expect(problems).toEqual([]);
    // Events A's attempts may have queued are delivered too, and still leave B alone.
    await stack().settle();
    const settled = await snapshotTenant(stack(), b.id);
    expect(Object.keys(settled).filter((t) => settled[t] !== before[t])).toEqual([]);
  }, 300_000);

  it("subscribes to nothing of B, over graphql-ws or SSE", async () => {
    const problems: string[] = [];
    for (const aim of ['victim', 'madeUp'] as const) {
      const { probes } = buildProbes(schema, victimIds, aim);
      for (const probe of probes.filter((p) => p.root === 'subscription')) {
        for (const [who, client, transport] of attackers.flatMap(([w, c]) => [[w, c, 'ws'] as const, [w, c, 'sse'] as const])) {
          const sub = transport === 'ws' ? client.subscribe(probe.query, probe.variables) : client.subscribeSse(probe.query, probe.variables);
          let msg: GraphQLResponse;
          try {
            msg = await sub.next(5000);
          } catch {
            msg = { data: { accepted: true } };
          } finally {
            await sub.close();
          }
          // A subscription to B that is accepted and silent is a door left open, not a refusal.
          if (!msg.errors?.length) problems.push(`${probe.field} as ${who} over ${transport}: accepted (${JSON.stringify(msg.data)})`);
          problems.push(...verdict(`${who} over ${transport}`, probe, msg));
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('the probes are sharp: in B\'s own hands they reach B\'s data', async () => {
    // Without this, a suite whose probes all die on a typo would pass forever.
    const { probes } = buildProbes(schema, victimIds, 'victim');
    const aimed = probes.filter((p) => p.root === 'query' && p.sentIds.length);
    let reached = 0;
    const owners = [b.admin, await b.user({ role: Role.INSPECTOR, scope: b.rootOrgUnitId })];
    for (const probe of aimed) {
      for (const owner of owners) {
        const data = JSON.stringify((await owner.execute(probe.query, probe.variables)).data ?? null);
        if (data.includes(VICTIM_MARK) || probe.sentIds.some((id) => data.includes(id))) {
          reached++;
          break;
        }
      }
    }
    expect(reached).toBeGreaterThanOrEqual(Math.ceil(aimed.length / 2));
  });

  it("finds nothing of B through a subgraph's _entities, even with A's signed identity", async () => {
    const { probes, uncovered } = buildEntityProbes(committedSupergraph(), victimIds);
    expect(uncovered).toEqual([]);
    expect(probes.length).toBeGreaterThanOrEqual(5);
    const principal: Principal = { tenantId: a.id, subject: 'attacker', roles: [Role.CITY_ADMIN, Role.INSPECTOR], scopeOrgUnitId: null, memberId: null };
    const identity = await signIdentity(principal, stack().options.internalSecret);
    const ownerIdentity = await signIdentity({ ...principal, tenantId: b.id, subject: 'owner' }, stack().options.internalSecret);
    const call = async (graph: string, query: string, variables?: Record<string, unknown>, as = identity) => {
      const url = stack().services[graph as keyof ReturnType<typeof stack>['services']].subgraph.url;
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: as }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as GraphQLResponse;
    };
    const problems: string[] = [];
    const sdls: Record<string, GraphQLSchema> = {};
    for (const probe of probes) {
      sdls[probe.graph] ??= buildASTSchema(parse((await call(probe.graph, '{ _service { sdl } }')).data!._service.sdl), { assumeValidSDL: true });
      const type = sdls[probe.graph].getType(probe.typename);
      const selection = type ? selectionOf(type as never, 1) : '{ __typename }';
      const lookup = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${probe.typename} ${selection} } }`;
      const res = await call(probe.graph, lookup, { r: [probe.representation] });
      // Sharpness: the same lookup as B itself answers with B's record.
      const own = await call(probe.graph, lookup, { r: [probe.representation] }, ownerIdentity);
      if (own.errors?.length || !own.data?._entities?.[0]) problems.push(`${probe.graph}:_entities(${probe.typename}) fails for B itself: ${JSON.stringify(own.errors)}`);
      const fake: Probe = { root: 'query', field: `${probe.graph}:_entities(${probe.typename})`, query: '', variables: {}, sentIds: probe.sentIds };
      // The representation is echoed back by design (its key fields); anything more is a leak.
      const echoed = JSON.stringify(res.data ?? null).replace(new RegExp(probe.sentIds.join('|') || '^$', 'g'), '');
      for (const l of leaks({ data: JSON.parse(echoed), errors: res.errors }, fake)) problems.push(`${fake.field}: ${l}`);
      for (const e of res.errors ?? []) if (String(e.extensions?.code) === 'INTERNAL') problems.push(`${fake.field}: INTERNAL`);
    }
    expect(problems).toEqual([]);
    // Through the gateway the lookup does not exist at all.
    for (const q of ['{ _entities(representations: []) { __typename } }', '{ _service { sdl } }']) {
      const res = await a.admin.execute(q);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    }
  });

  it('refuses expired, tampered, forged and wrong-tenant tokens', async () => {
    const probe = ['query($id: ID!) { orgUnit(id: $id) { id name } }', { id: victimIds.OrgUnit }] as const;
    const [header, payload, signature] = a.admin.token!.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, tid: b.id })).toString('base64url'), signature].join('.');
    const unsigned = [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'), Buffer.from(JSON.stringify({ ...claims, tid: b.id })).toString('base64url'), ''].join('.');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ ...claims, tid: b.id }).setProtectedHeader({ alg: 'ES256', kid: stack().keys.kid }).sign(privateKey);
    const cases: [string, string, string][] = [
      ['expired', await stack().token({ tenantId: a.id, roles: [Role.CITY_ADMIN] }, '-5 minutes'), 'TOKEN_EXPIRED'],
      ['tampered (tid changed to B)', tampered, 'UNAUTHENTICATED'],
      ['alg none', unsigned, 'UNAUTHENTICATED'],
      ['signed by another key with our kid', forged, 'UNAUTHENTICATED'],
    ];
    for (const [what, token, code] of cases) {
      const res = await stack().client(token).execute(...probe);
      expect({ what, code: res.errors?.[0].extensions?.code, data: res.data ?? null }).toEqual({ what, code, data: null });
    }
    // Valid signature, but a scope unit of B inside a token of A: still A's tenant, so B's unit is absent.
    const crossScoped = await a.user({ role: Role.CITY_ADMIN, scope: victimIds.OrgUnit });
    const res = await crossScoped.execute(...probe);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // A tenant that does not exist sees nothing at all.
    const ghost = stack().client(await stack().token({ tenantId: '00000000-0000-4000-8000-000000000000', roles: [Role.CITY_ADMIN] }));
    const none = await ghost.execute(...probe);
    expect(none.data ?? null).toBeNull();
    expect(JSON.stringify(none)).not.toContain(VICTIM_MARK);
  });

  it('refuses tampered, wrong-tenant and expired keys', async () => {
    const issued = await a.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', {
      i: { name: 'Khóa ngắn hạn', scopes: ['membership:read'], expiresAt: new Date(Date.now() + 1500).toISOString() },
    });
    const secret = issued.createApiKey.secret as string;
    const [, tenantHex, keyHex, random] = secret.split('_');
    const asKey = (key: string) => stack().client(null).with({ 'x-api-key': key });
    expect((await asKey(secret).ok('{ currentTenant { id } }')).currentTenant.id).toBe(a.id);
    const forgeries = [
      `chibo_${b.id.replace(/-/g, '')}_${keyHex}_${random}`, // A's key presented as B's
      `chibo_${tenantHex}_${keyHex}_${random.slice(0, -1)}${random.endsWith('A') ? 'B' : 'A'}`, // one character changed
      `chibo_${tenantHex}_${victimIds.ApiKey!.replace(/-/g, '')}_${random}`, // B's key id under A
    ];
    for (const key of forgeries) {
      const res = await asKey(key).execute('query($id: ID!) { orgUnit(id: $id) { name } }', { id: victimIds.OrgUnit });
      expect({ key, code: res.errors?.[0].extensions?.code, data: res.data ?? null }).toEqual({ key, code: 'UNAUTHENTICATED', data: null });
    }
    await new Promise((r) => setTimeout(r, 1700));
    expect((await asKey(secret).execute('{ currentTenant { id } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stops a revoked key at once: over HTTP, on a new socket, and for a new subscription on a socket opened before', async () => {
    const issued = await a.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }', {
      i: { name: 'Khóa sẽ bị thu hồi', scopes: ['membership:read', 'meetings:read'] },
    });
    const key = issued.createApiKey.secret as string;
    const integrator = stack().client(null).with({ 'x-api-key': key });
    expect((await integrator.ok('{ currentTenant { id } }')).currentTenant.id).toBe(a.id);
    const dashboard = { query: 'subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { orgUnitId } }', variables: { id: a.rootOrgUnitId } };
    // One socket, opened while the key was good, kept open by its first subscription.
    let connects = 0;
    let closedWith: number | undefined;
    const socket = createClient({
      url: stack().gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': key },
      retryAttempts: 0,
      on: { connected: () => void connects++, closed: (e) => void (closedWith = (e as { code?: number }).code) },
    });
    const first = (await new Promise((resolve, reject) => {
      socket.subscribe(dashboard, { next: (v) => resolve(v as GraphQLResponse), error: reject, complete: () => undefined });
    })) as GraphQLResponse;
    expect(first.data?.dashboardUpdated.orgUnitId).toBe(a.rootOrgUnitId);

    await a.admin.ok('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: issued.createApiKey.apiKey.id });

    expect((await integrator.execute('{ currentTenant { id } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = integrator.subscribe(dashboard.query, dashboard.variables);
    const refused = await fresh.next(5000);
    await fresh.close();
    expect(refused.errors?.[0]).toMatchObject({ message: 'UNAUTHENTICATED', extensions: { closeCode: 4401 } });
    const again = (await new Promise((resolve) => {
      socket.subscribe(dashboard, { next: (v) => resolve(v as GraphQLResponse), error: (e) => resolve({ errors: Array.isArray(e) ? e : [{ message: String((e as CloseEvent).reason ?? e), extensions: { closeCode: (e as CloseEvent).code } }] }), complete: () => undefined });
    })) as GraphQLResponse;
    expect(connects).toBe(1);
    expect(again.data ?? null).toBeNull();
    expect(JSON.stringify(again.errors)).toMatch(/UNAUTHENTICATED/);
    // Refusing a new operation ends the socket, and with it the subscription that was running.
    expect(closedWith).toBe(4401);
    await socket.dispose();
  });

  it('ends a running subscription of a revoked key within the recheck interval, with no new operation', async () => {
    const issued = await a.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }', {
      i: { name: 'Khóa đang theo dõi', scopes: ['meetings:read'] },
    });
    let closedWith: number | undefined;
    const socket = createClient({
      url: stack().gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': issued.createApiKey.secret },
      retryAttempts: 0,
      on: { closed: (e) => void (closedWith = (e as { code?: number }).code) },
    });
    try {
      await new Promise((resolve, reject) => {
        socket.subscribe(
          { query: 'subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { orgUnitId } }', variables: { id: a.rootOrgUnitId } },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      await a.admin.ok('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: issued.createApiKey.apiKey.id });
      const deadline = Date.now() + 12_000; // the gateway's default recheck is 10 s
      while (closedWith === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(closedWith).toBe(4401);
    } finally {
      await socket.dispose();
    }
  }, 20_000);
});
