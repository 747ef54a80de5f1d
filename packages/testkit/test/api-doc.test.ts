import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@chibo/domain';
import { repoRoot, signWebhook } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';

/** Every example in docs/api.md runs against a fresh tenant with an API key, as documented. */
describe('docs/api.md examples', () => {
  const stack = useStack();
  const doc = readFileSync(join(repoRoot(), 'docs', 'api.md'), 'utf8');
  const blocks = [...doc.matchAll(/```graphql( example| admin-example)?\n([\s\S]*?)```/g)].map((m) => ({ example: m[1] === ' example', admin: m[1] === ' admin-example', query: m[2] }));

  const run = (key: string, query: string, variables?: Record<string, unknown>) =>
    fetch(stack().gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query, variables }) });

  it('has examples to run', () => {
    expect(blocks.filter((b) => b.example).length).toBeGreaterThanOrEqual(3);
  });

  it('creates a key with the documented mutation and runs every example with it', async () => {
    const t = await stack().createTenant('Đảng bộ tài liệu API');
    const tree = await t.seedTree();
    const create = blocks.find((b) => !b.example && b.query.includes('createApiKey'))!;
    const secret = (await t.admin.ok(create.query)).createApiKey.secret as string;
    const documentedHeaders = [...doc.matchAll(/^\| `(x-ratelimit-[a-z]+)` \|/gm)].map((m) => m[1]);
    expect(documentedHeaders.length).toBeGreaterThanOrEqual(4);
    // A sync token for the delta-sync examples, taken as the page says (before reading).
    const since = (await t.admin.ok('{ syncToken }')).syncToken as string;
    for (const { query } of blocks.filter((b) => b.example)) {
      const res = await run(secret, query, { unit: tree.ward, since });
      const body = await res.json();
      expect({ query: query.split('\n')[0], errors: body.errors ?? null }).toEqual({ query: query.split('\n')[0], errors: null });
      // Every answer carries its cost and the budget left, as documented, in body and headers.
      expect(body.extensions.cost).toEqual(expect.objectContaining({ requested: expect.any(Number), remaining: expect.any(Number), resource: 'key' }));
      for (const h of documentedHeaders) expect({ h, value: res.headers.get(h) }).toEqual({ h, value: expect.any(String) });
      expect(Number(res.headers.get('x-ratelimit-remaining'))).toBe(body.extensions.cost.remaining);
    }
    // The worked example of the cost rules is what the gateway charges.
    const worked = /So `([^`]+)`\s+costs [^=]+= (\d+)/.exec(doc)!;
    const charged = await (await run(secret, `{ ${worked[1]} }`)).json();
    expect(charged.extensions.cost.requested).toBe(Number(worked[2]));
    // The documented refusals are the ones the API gives, and run nothing.
    const refusals = [...doc.matchAll(/```graphql error ([A-Z_]+)\n([\s\S]*?)```/g)];
    expect(refusals.length).toBeGreaterThanOrEqual(1);
    for (const [, code, query] of refusals) {
      const body = await (await run(secret, query, { unit: tree.ward })).json();
      expect({ code: body.errors?.[0].extensions?.code, data: body.data ?? null }).toEqual({ code, data: null });
    }
  });

  it('runs the city administrator’s examples (webhooks, audit log) as one', async () => {
    const t = await stack().createTenant('Đảng bộ tài liệu quản trị');
    await t.seedTree();
    const admin = blocks.filter((b) => b.admin);
    expect(admin.length).toBeGreaterThanOrEqual(3);
    for (const { query } of admin) {
      const body = await t.admin.execute(query);
      expect({ query: query.split('\n')[0], errors: body.errors ?? null }).toEqual({ query: query.split('\n')[0], errors: null });
    }
    const log = (await t.admin.ok(admin.find((b) => b.query.includes('AuditLog'))!.query)).membershipAuditLog;
    expect(log.totalCount).toBeGreaterThanOrEqual(3); // the three units of seedTree
  });

  it('gives a signature check that accepts chibo’s signature and nothing else', () => {
    const code = /```js webhook-verify\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toBeDefined();
    const verify = new Function('require', `${code}\nreturn verifyChiboWebhook;`)(require) as (s: string, h: Record<string, string>, b: string) => boolean;
    const secret = 'whsec_documented';
    const body = JSON.stringify({ id: 'e1', type: 'MemberAdmitted', payload: { memberId: 'm1' } });
    const now = String(Math.floor(Date.now() / 1000));
    const headers = { 'chibo-timestamp': now, 'chibo-signature': signWebhook(secret, now, body) };
    expect(verify(secret, headers, body)).toBe(true);
    expect(verify(secret, headers, body.replace('m1', 'm2'))).toBe(false);
    expect(verify('whsec_other', headers, body)).toBe(false);
    const old = String(Number(now) - 3600);
    expect(verify(secret, { 'chibo-timestamp': old, 'chibo-signature': signWebhook(secret, old, body) }, body)).toBe(false);
  });

  it('lists every error code a client can get', () => {
    const table = doc.slice(doc.indexOf('## Error codes'));
    // Not for integrators: a token without a tenant, and calls between chibo's own services.
    const internalOnly = ['MISSING_TENANT', 'INVALID_SIGNATURE'];
    expect(Object.keys(ERROR_CODES).filter((c) => !internalOnly.includes(c) && !table.includes(`\`${c}\``))).toEqual([]);
  });
});
