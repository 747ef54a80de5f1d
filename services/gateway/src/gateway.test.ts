import 'reflect-metadata';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DomainError, Role, type Principal } from '@chibo/domain';
import { buildFederatedSchema, createLogger, startSubgraphServer, type RequestContext, type RunningSubgraph } from '@chibo/service-kit';
import { createAuthenticator } from './auth/authenticate';
import { loadOrCreateLocalKeys, mintToken, type LocalKeys } from './auth/keys';
import { startGateway, type RunningGateway } from './gateway';
import { composeSupergraph, withSubgraphUrls } from './supergraph';

/**
 * Two toy subgraphs (no database: the gateway is under test, not the services) behind a real
 * gateway, driven over the wire the way a client would.
 */

const seen: Record<'people' | 'notes', Principal[]> = { people: [], notes: [] };
const PEOPLE = [
  { id: 'p1', name: 'Lan' },
  { id: 'p2', name: 'Minh' },
];

@Directive('@key(fields: "id")')
@ObjectType('Person')
class Person {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@Resolver(() => Person)
class PeopleResolver {
  @Query(() => [Person])
  people(@Ctx() ctx: RequestContext): Person[] {
    seen.people.push(ctx.principal);
    return PEOPLE;
  }

  @Query(() => String)
  forbiddenThing(): string {
    throw new DomainError('FORBIDDEN');
  }

  @Query(() => String)
  boom(): string {
    throw new Error('connection to 10.0.0.7:5432 refused');
  }

  @Subscription(() => Person, {
    subscribe: async function* () {
      for (const p of PEOPLE) {
        await new Promise((r) => setTimeout(r, 20));
        yield p;
      }
    },
  })
  personJoined(@Root() p: Person, @Ctx() ctx: RequestContext): Person {
    seen.people.push(ctx.principal);
    return p;
  }
}

@Directive('@key(fields: "id")')
@ObjectType('Person')
class PersonRef {
  @Field(() => ID) id: string;
}

@Resolver(() => PersonRef)
class NotesResolver {
  @Query(() => String)
  notesVersion(@Arg('prefix', { nullable: true }) prefix?: string): string {
    return `${prefix ?? ''}v1`;
  }

  @FieldResolver(() => [String])
  notes(@Root() p: PersonRef, @Ctx() ctx: RequestContext): string[] {
    seen.notes.push(ctx.principal);
    return [`note for ${p.id}`];
  }
}

const SECRET = 'test-internal-secret-0123456789abcdef';
const logger = createLogger({}); // silent under Jest unless CHIBO_LOG_LEVEL is set
let keys: LocalKeys;
let subgraphs: RunningSubgraph[] = [];
let gateway: RunningGateway;
let supergraph: string;

/** The toy schema's own access table (chibo's is OPERATION_ACCESS): every role may ask. */
const TOY_ACCESS = Object.fromEntries(['people', 'forbiddenThing', 'boom', 'personJoined', 'notesVersion'].map((f) => [f, { roles: Object.values(Role) }]));

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chibo-gw-'));
  keys = await loadOrCreateLocalKeys(dir);
  const people = await buildFederatedSchema({ name: 'people', resolvers: [PeopleResolver] });
  const notes = await buildFederatedSchema({
    name: 'notes',
    resolvers: [NotesResolver],
    orphanedTypes: [PersonRef],
    referenceResolvers: { Person: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
  });
  const common = { dataSource: {} as any, internalSecret: SECRET, logger };
  subgraphs = [
    await startSubgraphServer({ ...common, name: 'people', schema: people.schema }),
    await startSubgraphServer({ ...common, name: 'notes', schema: notes.schema }),
  ];
  // Composed with the default ports, as the committed supergraph is; the gateway rewrites them.
  supergraph = composeSupergraph([
    { name: 'people', url: 'http://127.0.0.1:4001/graphql', sdl: people.sdl },
    { name: 'notes', url: 'http://127.0.0.1:4002/graphql', sdl: notes.sdl },
  ]);
  gateway = await startGateway({
    supergraphSdl: supergraph,
    subgraphUrls: { people: subgraphs[0].url, notes: subgraphs[1].url },
    internalSecret: SECRET,
    authenticator: createAuthenticator({ kind: 'local', keys }),
    logger,
    jwks: keys.publicJwks,
    operationAccess: TOY_ACCESS,
  });
});

afterAll(async () => {
  await gateway?.close();
  for (const s of subgraphs) await s.close();
});

beforeEach(() => {
  seen.people = [];
  seen.notes = [];
});

const token = (claims: Partial<Parameters<typeof mintToken>[1]> = {}, expiresIn?: string) =>
  mintToken(keys, { tenantId: 't-1', roles: [Role.CITY_ADMIN], subject: 'u-1', scopeOrgUnitId: 'ou-1', ...claims }, { expiresIn });

async function post(body: string, headers: Record<string, string> = {}, url = gateway.url) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

async function query(q: string, auth?: string | null, url?: string) {
  const t = auth === undefined ? await token() : auth;
  return post(JSON.stringify({ query: q }), t ? { authorization: `Bearer ${t}` } : {}, url);
}

/** Every error a client sees: a listed code, both messages, nothing from the inside. */
function expectTyped(errors: any[], code: string) {
  expect(errors?.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.extensions).toEqual(expect.objectContaining({ code, messageVi: expect.any(String), messageEn: expect.any(String) }));
    expect(JSON.stringify(e)).not.toMatch(/stack|\bat \/|node_modules|originalError|10\.0\.0\.7/i);
  }
}

describe('supergraph', () => {
  it('rewrites subgraph URLs and refuses unknown names', () => {
    const moved = withSubgraphUrls(supergraph, { notes: 'http://10.1.1.1:9999/graphql' });
    expect(moved).toContain('@join__graph(name: "notes", url: "http://10.1.1.1:9999/graphql")');
    expect(moved).toContain('@join__graph(name: "people", url: "http://127.0.0.1:4001/graphql")');
    expect(() => withSubgraphUrls(supergraph, { nope: 'http://x' })).toThrow(/nope/);
  });

  it('explains composition errors', () => {
    const sdl = 'type Query { a: Int }\ntype Thing @key(fields: "missing") { id: ID! }';
    expect(() => composeSupergraph([{ name: 'x', url: 'http://x', sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])\n${sdl}` }])).toThrow(
      /composition failed[\s\S]*missing/i,
    );
  });
});

describe('local keys', () => {
  it('are made once, private half 0600, and reused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chibo-keys-'));
    const a = await loadOrCreateLocalKeys(dir);
    const b = await loadOrCreateLocalKeys(dir);
    expect(a.kid).toBe(b.kid);
    expect(a.publicJwks.keys[0]).not.toHaveProperty('d');
    const priv = join(dir, 'jwt-signing-key.private.jwk.json');
    expect(statSync(priv).mode & 0o777).toBe(0o600);
    const principal = await createAuthenticator({ kind: 'local', keys: b })(
      `Bearer ${await mintToken(a, { tenantId: null, roles: [Role.PLATFORM_ADMIN] })}`,
    );
    expect(principal).toEqual(expect.objectContaining({ tenantId: null, roles: [Role.PLATFORM_ADMIN], scopeOrgUnitId: null }));
  });
});

describe('gateway', () => {
  it('serves health and the JWKS without a token, nothing else', async () => {
    const health = await fetch(gateway.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const jwks = await fetch(gateway.url.replace('/graphql', '/.well-known/jwks.json'));
    expect(await jwks.json()).toEqual(keys.publicJwks);
    for (const path of ['/readiness', '/healthcheck', '/', '/graphiql']) {
      const res = await fetch(gateway.url.replace('/graphql', path));
      expect(res.status).toBe(404);
      expectTyped((await res.json()).errors, 'NOT_FOUND');
    }
  });

  it('verifies tokens against a JWKS URL (here its own) with issuer and audience checked', async () => {
    const jwksUrl = gateway.url.replace('/graphql', '/.well-known/jwks.json');
    const auth = createAuthenticator({ kind: 'jwks', jwksUrl, issuer: 'chibo-local', audience: 'chibo' });
    expect((await auth(`Bearer ${await token()}`)).subject).toBe('u-1');
    const wrongIssuer = createAuthenticator({ kind: 'jwks', jwksUrl, issuer: 'someone-else', audience: 'chibo' });
    await expect(wrongIssuer(await token())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers a query spanning both subgraphs, each seeing the caller', async () => {
    const res = await query('{ people { id name notes } }');
    expect(res.json).toEqual({
      // The static cost (cost.ts): a list of people, 10 assumed, each one object.
      extensions: { cost: expect.objectContaining({ requested: 10, resource: 'tenant' }) },
      data: {
        people: [
          { id: 'p1', name: 'Lan', notes: ['note for p1'] },
          { id: 'p2', name: 'Minh', notes: ['note for p2'] },
        ],
      },
    });
    const expected = { tenantId: 't-1', subject: 'u-1', roles: [Role.CITY_ADMIN], scopeOrgUnitId: 'ou-1', memberId: null };
    expect(seen.people).toEqual([expected]);
    expect(seen.notes).toEqual([expected, expected]);
  });

  it('rejects missing, bad, foreign and expired tokens', async () => {
    const foreignKeys = await loadOrCreateLocalKeys(mkdtempSync(join(tmpdir(), 'chibo-other-')));
    const cases: [string | null, string][] = [
      [null, 'UNAUTHENTICATED'],
      ['garbage', 'UNAUTHENTICATED'],
      ['a.b.c', 'UNAUTHENTICATED'],
      [await mintToken(foreignKeys, { tenantId: 't-1', roles: [Role.CITY_ADMIN] }), 'UNAUTHENTICATED'],
      [await token({ roles: ['root' as Role] }), 'UNAUTHENTICATED'],
      [await token({}, '-10 minutes'), 'TOKEN_EXPIRED'],
    ];
    for (const [t, code] of cases) {
      const res = await query('{ people { id } }', t);
      expect(res.status).toBe(401);
      expect(res.json.data).toBeUndefined();
      expectTyped(res.json.errors, code);
    }
    expect(seen.people).toEqual([]);
  });

  it('types request errors, never leaks a stack, and keeps answering', async () => {
    const auth = { authorization: `Bearer ${await token()}` };
    const bad: [string, Record<string, string>][] = [
      ['{not json', {}],
      ['', {}],
      ['[1,2', {}],
      ['"just a string"', {}],
      [JSON.stringify({ query: '{ people { id ' }), {}],
      [JSON.stringify({ query: '{ nope }' }), {}],
      [JSON.stringify({ query: 42 }), {}],
      [JSON.stringify({ variables: {} }), {}],
      ['\u0000\u00ff\ud800', { 'content-type': 'application/json' }],
    ];
    for (const [body, headers] of bad) {
      const res = await post(body, { ...auth, ...headers });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectTyped(res.json.errors, 'BAD_REQUEST');
    }
    const unsupported = await post('query=1', { ...auth, 'content-type': 'text/x-garbage' });
    expect(unsupported.status).toBeGreaterThanOrEqual(400);
    expectTyped(unsupported.json.errors, 'BAD_REQUEST');

    const ok = await query('{ people { id } }');
    expect(ok.json.data).toEqual({ people: [{ id: 'p1' }, { id: 'p2' }] });
  });

  it('keeps subgraph error codes and masks the unexpected', async () => {
    const forbidden = await query('{ forbiddenThing }');
    expectTyped(forbidden.json.errors, 'FORBIDDEN');
    const boom = await query('{ boom }');
    expectTyped(boom.json.errors, 'INTERNAL');
  });

  it('reports an unreachable subgraph as SUBGRAPH_UNAVAILABLE', async () => {
    const broken = await startGateway({
      supergraphSdl: supergraph,
      subgraphUrls: { people: subgraphs[0].url, notes: 'http://127.0.0.1:1/graphql' },
      internalSecret: SECRET,
      authenticator: createAuthenticator({ kind: 'local', keys }),
      logger,
      operationAccess: TOY_ACCESS,
    });
    try {
      const res = await query('{ people { id notes } }', undefined, broken.url);
      expectTyped(res.json.errors, 'SUBGRAPH_UNAVAILABLE');
      expect(JSON.stringify(res.json)).not.toContain('127.0.0.1:1');
    } finally {
      await broken.close();
    }
  });

  it('forwards a subscription over graphql-ws and resolves the other subgraph in the payload', async () => {
    const client = createClient({
      url: gateway.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await token()}` },
      retryAttempts: 0,
    });
    try {
      const got: unknown[] = [];
      await new Promise<void>((resolve, reject) => {
        client.subscribe(
          { query: 'subscription { personJoined { id name notes } }' },
          { next: (m) => got.push(m), error: reject, complete: resolve },
        );
      });
      expect(got).toEqual([
        { data: { personJoined: { id: 'p1', name: 'Lan', notes: ['note for p1'] } } },
        { data: { personJoined: { id: 'p2', name: 'Minh', notes: ['note for p2'] } } },
      ]);
      expect(seen.people.map((p) => p.subject)).toEqual(['u-1', 'u-1']);
      expect(seen.notes.map((p) => p.subject)).toEqual(['u-1', 'u-1']);

      // Errors over the socket are typed too.
      const errors = await new Promise<any>((resolve) => {
        client.subscribe({ query: 'subscription { nope }' }, { next: (m) => resolve(m.errors), error: resolve, complete: () => undefined });
      });
      expectTyped(errors, 'BAD_REQUEST');
    } finally {
      await client.dispose();
    }
  });

  it('refuses a WebSocket without a valid token at connect', async () => {
    for (const [params, reason] of [
      [{}, 'UNAUTHENTICATED'],
      [{ authorization: 'Bearer nope' }, 'UNAUTHENTICATED'],
      [{ authorization: `Bearer ${await token({}, '-1 hour')}` }, 'TOKEN_EXPIRED'],
    ] as const) {
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
        const ws = new WebSocket(gateway.wsUrl, 'graphql-transport-ws');
        ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: params })));
        ws.on('close', (code, r) => resolve({ code, reason: r.toString() }));
      });
      expect(closed).toEqual({ code: 4401, reason });
    }
    // Garbage on the socket closes that socket, not the gateway.
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(gateway.wsUrl, 'graphql-transport-ws');
      ws.on('open', () => ws.send('\u0000not json'));
      ws.on('close', () => resolve());
    });
    expect((await query('{ people { id } }')).status).toBe(200);
  });

  it('forwards a subscription over SSE', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ query: 'subscription { personJoined { id name notes } }' }),
    });
    expect(res.status).toBe(200);
    const text = await res.text(); // the stream completes after the generator's last value
    const events = text
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trim())
      .filter(Boolean)
      .map((d) => JSON.parse(d));
    expect(events).toEqual([
      { data: { personJoined: { id: 'p1', name: 'Lan', notes: ['note for p1'] } } },
      { data: { personJoined: { id: 'p2', name: 'Minh', notes: ['note for p2'] } } },
    ]);
    expect(seen.notes.map((p) => p.tenantId)).toEqual(['t-1', 't-1']);
  });
});
