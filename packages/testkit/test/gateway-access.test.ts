import { createHash } from 'node:crypto';
import { Role } from '@chibo/domain';
import { useStack, type GatewayClient, type GraphQLResponse, type TenantHandle } from '@chibo/testkit';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const KEYS_BY_HASH = 'query KeysByHash { apiKeys { id } }';
const MEMBERS = 'query($u: ID, $n: Int!) { members(orgUnitId: $u, first: $n) { totalCount nodes { id } } }';

/**
 * The role × operation table enforced at the gateway (issue 7): a root field the table does not
 * give the caller is refused with FORBIDDEN naming the field before any subgraph is asked —
 * whatever the document's shape, and on every transport. Subgraph request counters (their
 * `/metrics`) show that nothing went through.
 */
describe('the access table at the gateway', () => {
  const stack = useStack({ persistedDocuments: { [sha256(KEYS_BY_HASH)]: KEYS_BY_HASH } });
  let t: TenantHandle;
  let member: GatewayClient;
  let staff: GatewayClient;

  beforeAll(async () => {
    t = await stack().createTenant('Đảng bộ cổng phân quyền');
    member = await t.user({ role: Role.MEMBER, scope: t.rootOrgUnitId });
    staff = await t.user({ role: Role.COMMITTEE_STAFF, scope: t.rootOrgUnitId });
  });

  /** Operations a subgraph has answered so far (its own Prometheus counter). */
  async function served(service: 'membership' | 'meetings' | 'inspection'): Promise<number> {
    const text = await (await fetch(stack().services[service].subgraph.url.replace(/\/graphql$/, '/metrics'))).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith('chibo_graphql_requests_total'))
      .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
  }

  function expectForbidden(res: GraphQLResponse, field: string): void {
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: field });
    expect(res.errors?.[0].extensions?.messageVi).toContain(field);
    expect(res.errors?.[0].extensions?.messageEn).toContain(field);
  }

  it('refuses a role the table denies with FORBIDDEN naming the field, and no subgraph is asked', async () => {
    const before = { membership: await served('membership'), inspection: await served('inspection') };
    expectForbidden(await member.execute('{ apiKeys { id } }'), 'apiKeys');
    expectForbidden(await member.execute('{ disciplineRules { __typename } }'), 'disciplineRules');
    expectForbidden(await staff.execute('mutation($i: SetApiKeyQueryBudgetInput!) { setApiKeyQueryBudget(input: $i) { id } }', { i: { apiKeyId: t.rootOrgUnitId, pointsPerHour: 5 } }), 'setApiKeyQueryBudget');
    expect(await served('membership')).toBe(before.membership);
    expect(await served('inspection')).toBe(before.inspection);
    // The counters do move when the table allows: the same questions from a city admin reach them.
    await t.admin.ok('{ apiKeys { id } disciplineRules { __typename } }');
    expect(await served('membership')).toBeGreaterThan(before.membership);
    expect(await served('inspection')).toBeGreaterThan(before.inspection);
  });

  it.each([
    ['an alias', '{ keys: apiKeys { id } }'],
    ['a named fragment', 'query { ...F } fragment F on Query { apiKeys { id } }'],
    ['nested fragments', 'query { ...A } fragment A on Query { ...B } fragment B on Query { k: apiKeys { id } }'],
    ['an inline fragment', '{ ... on Query { apiKeys { id } } }'],
    ['an allowed field beside it', '{ __typename currentTenant { id } apiKeys { id } }'],
    ['@skip that would skip it', '{ currentTenant { id } apiKeys @skip(if: true) { id } }'],
    ['@include on a variable', 'query($x: Boolean!) { currentTenant { id } apiKeys @include(if: $x) { id } }'],
  ])('is not bypassed by %s', async (_how, query) => {
    const before = await served('membership');
    expectForbidden(await member.execute(query, { x: false }), 'apiKeys');
    expect(await served('membership')).toBe(before);
  });

  it('answers a __typename-only document without asking anyone, and refuses a persisted document the same way', async () => {
    const before = await served('membership');
    const typename = await member.execute('{ __typename }');
    expect(typename.errors).toBeUndefined();
    expect(typename.data).toEqual({ __typename: 'Query' });
    const res = await member.post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(KEYS_BY_HASH) } } }));
    expectForbidden((await res.json()) as GraphQLResponse, 'apiKeys');
    expect(await served('membership')).toBe(before);
    // The same hash runs for the role the table names.
    const ok = await t.admin.post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(KEYS_BY_HASH) } } }));
    expect(((await ok.json()) as GraphQLResponse).data?.apiKeys).toEqual([]);
  });

  it('refuses subscriptions (and queries over graphql-ws) the table denies, over graphql-ws and SSE, before any subgraph is asked', async () => {
    const key = await t.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { name: 'Chỉ thành viên', scopes: ['membership:read'] } });
    const integrator = stack().client(null).with({ 'x-api-key': key.createApiKey.secret });
    const cases: [GatewayClient, string, string][] = [
      [member, 'subscription($id: ID!) { disciplineCaseChanged(orgUnitId: $id) { changedAt } }', 'disciplineCaseChanged'],
      [integrator, 'subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { orgUnitId } }', 'dashboardUpdated'],
      [integrator, 'subscription($id: ID!) { ... on Subscription { live: dashboardUpdated(orgUnitId: $id) { orgUnitId } } }', 'dashboardUpdated'],
    ];
    const before = { membership: await served('membership'), meetings: await served('meetings'), inspection: await served('inspection') };
    // A query sent over graphql-ws goes through the same door.
    const overWs = member.subscribe('{ apiKeys { id } }');
    try {
      expectForbidden(await overWs.next(5000), 'apiKeys');
    } finally {
      await overWs.close();
    }
    // Subscriptions upstream are graphql-ws, which the subgraphs' request counter does not see; the
    // answer itself shows who refused: the services would say NOT_FOUND (a member asking for case
    // changes) or name only the scope, never the operation, as the gateway's table does.
    for (const [client, query, field] of cases) {
      for (const sub of [client.subscribe(query, { id: t.rootOrgUnitId }), client.subscribeSse(query, { id: t.rootOrgUnitId })]) {
        try {
          expectForbidden(await sub.next(5000), field);
        } finally {
          await sub.close();
        }
      }
    }
    expect(await served('membership')).toBe(before.membership);
    expect(await served('meetings')).toBe(before.meetings);
    expect(await served('inspection')).toBe(before.inspection);
    // A key without meetings:read is told which scope it lacks.
    const sub = integrator.subscribeSse(cases[1][1], { id: t.rootOrgUnitId });
    try {
      expect((await sub.next(5000)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'meetings:read' });
    } finally {
      await sub.close();
    }
    // Allowed: a committee staff member's dashboard stream opens and answers.
    const open = staff.subscribe('subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { orgUnitId } }', { id: t.rootOrgUnitId });
    try {
      expect((await open.next(10_000)).data?.dashboardUpdated.orgUnitId).toBe(t.rootOrgUnitId);
    } finally {
      await open.close();
    }
  }, 60_000);

  it('charges nothing for a refused operation', async () => {
    const first = (await t.admin.execute(MEMBERS, { u: t.rootOrgUnitId, n: 10 })) as GraphQLResponse & { extensions?: any };
    const left = first.extensions?.cost.remaining as number;
    for (let i = 0; i < 3; i++) expectForbidden(await member.execute('{ apiKeys { id } }'), 'apiKeys');
    const next = (await t.admin.execute('{ currentTenant { id } }')) as GraphQLResponse & { extensions?: any };
    expect(next.extensions?.cost.remaining).toBe(left - 1);
  });
});
