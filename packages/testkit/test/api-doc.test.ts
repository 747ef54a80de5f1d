import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, signWebhook } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';

/** Every example in docs/api.md runs against a fresh tenant with an API key, as documented. */
describe('docs/api.md examples', () => {
  const stack = useStack();
  const doc = readFileSync(join(repoRoot(), 'docs', 'api.md'), 'utf8');
  const blocks = [...doc.matchAll(/```graphql( example| admin-example)?\n([\s\S]*?)```/g)].map((m) => ({ example: m[1] === ' example', admin: m[1] === ' admin-example', query: m[2] }));

  it('has examples to run', () => {
    expect(blocks.filter((b) => b.example).length).toBeGreaterThanOrEqual(3);
  });

  it('creates a key with the documented mutation and runs every example with it', async () => {
    const t = await stack().createTenant('Đảng bộ tài liệu API');
    const tree = await t.seedTree();
    const create = blocks.find((b) => !b.example && b.query.includes('createApiKey'))!;
    const secret = (await t.admin.ok(create.query)).createApiKey.secret as string;
    // A sync token for the delta-sync examples, taken as the page says (before reading).
    const since = (await t.admin.ok('{ syncToken }')).syncToken as string;
    for (const { query } of blocks.filter((b) => b.example)) {
      const res = await fetch(stack().gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': secret },
        body: JSON.stringify({ query, variables: { unit: tree.ward, since } }),
      });
      const body = await res.json();
      expect({ query: query.split('\n')[0], errors: body.errors ?? null }).toEqual({ query: query.split('\n')[0], errors: null });
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
});
