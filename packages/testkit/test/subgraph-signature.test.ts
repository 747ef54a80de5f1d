import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '@chibo/domain';
import { SERVICE_NAMES, signIdentity } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';

/** A subgraph believes only the gateway: a request without its signature is refused, on localhost too. */
describe('subgraphs trust only the gateway', () => {
  const stack = useStack();
  const query = JSON.stringify({ query: '{ __typename }' });

  it.each(SERVICE_NAMES)('%s refuses a request with no signature', async (name) => {
    const res = await fetch(stack().services[name].subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('INVALID_SIGNATURE');
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it.each(SERVICE_NAMES)('%s refuses an identity signed with another key', async (name) => {
    const forged = await signIdentity({ tenantId: null, subject: 'mallory', roles: [Role.PLATFORM_ADMIN], scopeOrgUnitId: null }, 'not-the-secret');
    const res = await fetch(stack().services[name].subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chibo-identity': forged },
      body: query,
    });
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].extensions.code).toBe('INVALID_SIGNATURE');
  });

  it('accepts the same request with the gateway signature (the check is the signature, nothing else)', async () => {
    const identity = await signIdentity({ tenantId: null, subject: 'gw', roles: [Role.PLATFORM_ADMIN], scopeOrgUnitId: null }, stack().options.internalSecret);
    const res = await fetch(stack().services.meetings.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chibo-identity': identity },
      body: query,
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('closes a subgraph WebSocket that brings no signed identity', async () => {
    const client = createClient({ url: stack().services.meetings.subgraph.url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: 'subscription { dashboardUpdated(orgUnitId: "00000000-0000-4000-8000-000000000000") { orgUnitId } }' }, {
        next: () => resolve('message'),
        error: (e) => resolve(e),
        complete: () => resolve('complete'),
      });
    });
    await client.dispose();
    expect((outcome as { code?: number }).code).toBe(4403);
  });

  it('refuses unsigned events on /events', async () => {
    const url = stack().services.meetings.subgraph.url.replace(/graphql$/, 'events');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'x' }) });
    expect(res.status).toBe(401);
  });
});
