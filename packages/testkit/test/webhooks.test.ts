import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@chibo/domain';
import { WEBHOOK_HEADERS, checkEndpointUrl, isPrivateAddress, verifyWebhook } from '@chibo/service-kit';
import { useStack, type TenantHandle } from '@chibo/testkit';

/* A real HTTPS receiver with a self-signed certificate for `localhost`, made for this run. */
const dir = mkdtempSync(join(tmpdir(), 'chibo-webhook-tls-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
const tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };

interface Received {
  at: number;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const REGISTER = 'mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { secret webhook { id url eventTypes scopes } } }';
const DELIVERIES = `query { webhooks { id deliveries(first: 50) { totalCount nodes { id eventType status attempts lastError lastStatusCode nextAttemptAt deliveredAt } } } }`;

async function until<T>(what: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Webhooks (issue 7): signed, retried, per tenant, confidential events by scope, no SSRF. */
describe('webhooks', () => {
  // Its own database: no other test file's dispatcher (without this CA) may take our deliveries.
  const stack = useStack({ ownDatabase: true, webhooks: () => ({ trustedCa: tls.cert, allowPrivateHosts: ['localhost'], backoffBaseMs: 300, pollIntervalMs: 100, maxAttempts: 5 }) });
  let server: Server;
  let port: number;
  const received: Received[] = [];
  /** Answers per path: a queue of status codes, then 200. */
  const answers = new Map<string, number[]>();
  /** Requests to these paths wait for the promise before answering (to look at a delivery mid-way). */
  const gates = new Map<string, Promise<void>>();
  let a: TenantHandle;
  let b: TenantHandle;

  beforeAll(async () => {
    server = createServer(tls, (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', async () => {
        const path = req.url ?? '/';
        received.push({ at: Date.now(), path, headers: req.headers as Record<string, string>, body });
        const status = answers.get(path)?.shift() ?? 200;
        if (received.filter((r) => r.path === path).length === 2) await gates.get(path);
        res.statusCode = status;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    a = await stack().createTenant('Đảng bộ webhook A');
    b = await stack().createTenant('Đảng bộ webhook B');
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const url = (path: string) => `https://localhost:${port}${path}`;
  const at = (path: string) => received.filter((r) => r.path === path);

  it('signs each delivery with the secret shown once; the receiver can verify it', async () => {
    const reg = (await a.admin.ok(REGISTER, { i: { url: url('/a/signed'), eventTypes: ['OrgUnitCreated'], scopes: ['membership:read'] } })).registerWebhook;
    expect(reg.secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await a.admin.ok('{ webhooks { id url } }'))).not.toContain(reg.secret);
    // Kept sealed: the database holds no usable copy, and the audit log masks even that.
    const admin = await stack().sql('membership', 'admin');
    try {
      const { rows } = await admin.query('SELECT secret FROM membership.webhook_endpoint WHERE id = $1', [reg.webhook.id]);
      expect(rows[0].secret).toMatch(/^s1:/);
      expect(rows[0].secret).not.toContain(reg.secret.slice(6));
      const logged = await admin.query(`SELECT after->>'secret' AS s FROM membership.audit_log WHERE record_id = $1`, [reg.webhook.id]);
      expect(logged.rows).toEqual([{ s: '***' }]);
    } finally {
      await admin.end();
    }

    const unit = await a.createOrgUnit(a.rootOrgUnitId, 'COMMITTEE' as never, 'Đảng bộ phường Webhook');
    const got = await until(() => at('/a/signed').find((r) => JSON.parse(r.body).payload?.orgUnitId === unit || JSON.stringify(r.body).includes(unit)));
    const h = got.headers;
    expect(verifyWebhook(reg.secret, h[WEBHOOK_HEADERS.timestamp], got.body, h[WEBHOOK_HEADERS.signature])).toBe(true);
    // A tampered body or another secret does not verify.
    expect(verifyWebhook(reg.secret, h[WEBHOOK_HEADERS.timestamp], got.body.replace('OrgUnitCreated', 'OrgUnitDissolved'), h[WEBHOOK_HEADERS.signature])).toBe(false);
    expect(verifyWebhook('whsec_other', h[WEBHOOK_HEADERS.timestamp], got.body, h[WEBHOOK_HEADERS.signature])).toBe(false);
    const event = JSON.parse(got.body);
    expect(event).toMatchObject({ type: 'OrgUnitCreated', source: 'membership', tenantId: a.id });

    const status = await until(async () => {
      const hooks = (await a.admin.ok(DELIVERIES)).webhooks;
      const d = hooks.find((w: { id: string }) => w.id === reg.webhook.id).deliveries.nodes.find((n: { id: string }) => n.id === h[WEBHOOK_HEADERS.id]);
      return d?.status === 'DELIVERED' ? d : undefined;
    });
    expect(status).toMatchObject({ eventType: 'OrgUnitCreated', attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
  });

  it('retries a failing endpoint with growing delays and the same idempotency id, then succeeds', async () => {
    answers.set('/a/flaky', [500, 503]);
    // The second attempt is held until the first failure has been seen through the API.
    let release!: () => void;
    gates.set('/a/flaky', new Promise<void>((r) => (release = r)));
    const reg = (await a.admin.ok(REGISTER, { i: { url: url('/a/flaky'), eventTypes: ['OrgUnitCreated'], scopes: ['membership:read'] } })).registerWebhook;
    await a.createOrgUnit(a.rootOrgUnitId, 'COMMITTEE' as never, 'Đảng bộ phường Thử lại');

    const pending = await until(async () => {
      const hook = (await a.admin.ok(DELIVERIES)).webhooks.find((w: { id: string }) => w.id === reg.webhook.id);
      const d = hook.deliveries.nodes[0];
      return d && d.status === 'PENDING' && d.attempts >= 1 ? d : undefined;
    });
    expect(pending).toMatchObject({ attempts: 1, lastError: 'HTTP 500', lastStatusCode: 500 });
    expect(pending.nextAttemptAt).not.toBeNull();
    release();

    const done = await until(async () => {
      const hook = (await a.admin.ok(DELIVERIES)).webhooks.find((w: { id: string }) => w.id === reg.webhook.id);
      return hook.deliveries.nodes[0]?.status === 'DELIVERED' ? hook.deliveries.nodes[0] : undefined;
    });
    expect(done.attempts).toBe(3);
    const tries = at('/a/flaky');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((t) => t.headers[WEBHOOK_HEADERS.id]))).toEqual(new Set([done.id]));
    // Backoff doubles: 300 ms after the first failure, 600 ms after the second.
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(250);
    expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(550);
  });

  it('gives up after the last attempt and says so', async () => {
    answers.set('/a/dead', Array(10).fill(500));
    const reg = (await a.admin.ok(REGISTER, { i: { url: url('/a/dead'), eventTypes: ['OrgUnitCreated'], scopes: ['membership:read'] } })).registerWebhook;
    await a.createOrgUnit(a.rootOrgUnitId, 'COMMITTEE' as never, 'Đảng bộ phường Không nhận');
    const failed = await until(async () => {
      const hook = (await a.admin.ok(DELIVERIES)).webhooks.find((w: { id: string }) => w.id === reg.webhook.id);
      return hook.deliveries.nodes[0]?.status === 'FAILED' ? hook.deliveries.nodes[0] : undefined;
    }, 25_000);
    expect(failed).toMatchObject({ attempts: 5, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null, deliveredAt: null });
    expect(at('/a/dead')).toHaveLength(5);
    const onlyFailed = await a.admin.ok('query { webhooks { id deliveries(first: 5, status: "FAILED") { totalCount } } }');
    expect(onlyFailed.webhooks.find((w: { id: string }) => w.id === reg.webhook.id).deliveries.totalCount).toBe(1);
  }, 40_000);

  it('delivers nothing of one tenant to another tenant’s endpoint', async () => {
    await b.admin.ok(REGISTER, { i: { url: url('/b/all'), eventTypes: ['*'], scopes: ['membership:read', 'meetings:read', 'inspection:read', 'discipline:read'] } });
    await a.admin.ok(REGISTER, { i: { url: url('/a/all'), eventTypes: ['*'], scopes: ['membership:read'] } });
    await a.createOrgUnit(a.rootOrgUnitId, 'COMMITTEE' as never, 'Đảng bộ phường A riêng');
    await b.createOrgUnit(b.rootOrgUnitId, 'COMMITTEE' as never, 'Đảng bộ phường B riêng');
    await until(() => (at('/b/all').length && at('/a/all').length ? true : undefined));
    await stack().settle();
    expect(at('/b/all').every((r) => JSON.parse(r.body).tenantId === b.id)).toBe(true);
    expect(at('/a/all').every((r) => JSON.parse(r.body).tenantId === a.id)).toBe(true);
    // B's admin cannot see or disable A's webhooks.
    const aHooks = (await a.admin.ok('{ webhooks { id } }')).webhooks;
    expect((await b.admin.ok('{ webhooks { id } }')).webhooks.map((w: { id: string }) => w.id)).not.toContain(aHooks[0].id);
    expect((await b.admin.execute('mutation($id: ID!) { disableWebhook(id: $id) { id } }', { id: aHooks[0].id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('sends events of other services, and discipline only to endpoints granted discipline:read', async () => {
    await a.admin.ok(REGISTER, { i: { url: url('/a/no-discipline'), eventTypes: ['*'], scopes: ['membership:read', 'meetings:read', 'inspection:read'] } });
    await a.admin.ok(REGISTER, { i: { url: url('/a/discipline'), eventTypes: ['DisciplineDecided', 'MeetingRecorded'], scopes: ['discipline:read', 'meetings:read'] } });
    // The other services publish as they do: an event in their outbox, in a tenant transaction.
    const caseId = randomUUID();
    for (const [service, type, payload] of [
      ['inspection', 'DisciplineDecided', { caseId, subjectKind: 'ORG_UNIT', memberId: null, orgUnitId: a.rootOrgUnitId, form: 'REPRIMAND', effectiveOn: '2026-01-05', annulled: false }],
      ['meetings', 'MeetingRecorded', { meetingId: randomUUID(), cellId: a.rootOrgUnitId }],
    ] as const) {
      const app = await stack().sql(service, 'app');
      try {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
        await app.query(`INSERT INTO "${service}".outbox (tenant_id, id, type, payload) VALUES ($1, $2, $3, $4)`, [a.id, randomUUID(), type, JSON.stringify(payload)]);
        await app.query(`SELECT pg_notify($1, $2)`, [`chibo_${service}_outbox`, a.id]);
        await app.query('COMMIT');
      } finally {
        await app.end();
      }
    }
    const types = (path: string) => at(path).map((r) => JSON.parse(r.body).type);
    await until(() => (types('/a/discipline').includes('DisciplineDecided') && types('/a/discipline').includes('MeetingRecorded') ? true : undefined));
    await until(() => (types('/a/no-discipline').includes('MeetingRecorded') ? true : undefined));
    await stack().settle();
    expect(types('/a/no-discipline')).not.toContain('DisciplineDecided');
    expect(JSON.stringify(at('/a/no-discipline'))).not.toContain(caseId);
    // B asked for everything with every scope, and still got nothing of A's.
    expect(at('/b/all').map((r) => JSON.parse(r.body).type)).not.toContain('DisciplineDecided');
  });

  it('refuses plain HTTP, private and metadata addresses, and non-admins', async () => {
    for (const bad of [`http://localhost:${port}/x`, `https://127.0.0.1:${port}/x`, 'https://10.1.2.3/hook', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/x', 'https://user:pw@example.com/x', 'ftp://example.com/x']) {
      const res = await a.admin.execute(REGISTER, { i: { url: bad, eventTypes: ['*'], scopes: ['membership:read'] } });
      expect([bad, res.errors?.[0].extensions?.code]).toEqual([bad, 'BAD_USER_INPUT']);
    }
    const staff = await a.user({ role: Role.COMMITTEE_STAFF });
    expect((await staff.execute(REGISTER, { i: { url: url('/x'), eventTypes: ['*'], scopes: [] } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await staff.execute('{ webhooks { id } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const integrator = await a.user({ role: Role.INTEGRATOR, scopes: ['membership:read'] });
    expect((await integrator.execute('{ webhooks { id } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('applies the same address rules without the development allowance', async () => {
    await expect(checkEndpointUrl(`https://localhost:${port}/x`, {})).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(checkEndpointUrl('http://example.com/x', {})).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await checkEndpointUrl('http://localhost/x', { allowHttp: true, allowPrivateHosts: ['localhost'] })).hostname).toBe('localhost');
    expect(['10.0.0.1', '172.20.1.1', '192.168.1.1', '127.0.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:10.0.0.1', '100.64.0.1'].map(isPrivateAddress)).toEqual(Array(9).fill(true));
    expect(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'].map(isPrivateAddress)).toEqual([false, false, false]);
  });
});
