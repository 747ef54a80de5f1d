import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';

/** Every example in docs/api.md runs against a fresh tenant with an API key, as documented. */
describe('docs/api.md examples', () => {
  const stack = useStack();
  const doc = readFileSync(join(repoRoot(), 'docs', 'api.md'), 'utf8');
  const blocks = [...doc.matchAll(/```graphql( example)?\n([\s\S]*?)```/g)].map((m) => ({ example: !!m[1], query: m[2] }));

  it('has examples to run', () => {
    expect(blocks.filter((b) => b.example).length).toBeGreaterThanOrEqual(3);
  });

  it('creates a key with the documented mutation and runs every example with it', async () => {
    const t = await stack().createTenant('Đảng bộ tài liệu API');
    const tree = await t.seedTree();
    const create = blocks.find((b) => !b.example && b.query.includes('createApiKey'))!;
    const secret = (await t.admin.ok(create.query)).createApiKey.secret as string;
    for (const { query } of blocks.filter((b) => b.example)) {
      const res = await fetch(stack().gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': secret },
        body: JSON.stringify({ query, variables: { unit: tree.ward } }),
      });
      const body = await res.json();
      expect({ query: query.split('\n')[0], errors: body.errors ?? null }).toEqual({ query: query.split('\n')[0], errors: null });
    }
  });
});
