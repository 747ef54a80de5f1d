import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { InspectionKind, MeetingKind, OrgUnitKind, Role, type Principal } from '@chibo/domain';
import { IDENTITY_HEADER, createLogger, ensureDatabase, signIdentity, startEmbeddedPostgres, withDatabase } from '@chibo/service-kit';
import { withSubgraphUrls } from '@chibo/gateway';
import { Stack, committedSupergraph, migrateAll, type TenantHandle } from '@chibo/testkit';

export interface BenchTree {
  tenant: TenantHandle;
  city: string;
  wards: string[];
  cells: string[];
  inspectorToken: string;
}

export interface BenchEnv {
  stack: Stack;
  apolloUrl: string;
  tree: BenchTree;
  close(): Promise<void>;
}

/**
 * The bench's platform: a fresh database (its own embedded PostgreSQL unless one is given),
 * the chibo stack, and `@apollo/gateway` over the very same subgraphs as the baseline.
 */
export async function startBenchEnv(opts: { database?: { adminUrl: string; password: string }; wards?: number; cellsPerWard?: number; meetingsPerCell?: number } = {}): Promise<BenchEnv> {
  let adminUrl: string;
  let password: string;
  let stopDb = async () => undefined as void;
  if (opts.database) ({ adminUrl, password } = opts.database);
  else {
    const dir = mkdtempSync(join(tmpdir(), 'chibo-bench-'));
    password = 'bench';
    const pg = await startEmbeddedPostgres({ dir, password, durable: false });
    adminUrl = withDatabase(pg.adminUrl, 'bench');
    await ensureDatabase(adminUrl, 'bench');
    stopDb = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  await migrateAll(adminUrl, password);
  // A benchmark measures throughput, not the hourly budgets: it would spend a default tenant's
  // 500,000 points in seconds and then time 429s. The admission round trip is still paid.
  const budgets = { tenantPointsPerHour: 1_000_000_000, keyPointsPerHour: 1_000_000_000 };
  // The dashboard cache on, as `pnpm start` runs it; the scenarios measure both paths (a request
  // with `Cache-Control: no-cache` is answered afresh).
  const stack = await Stack.start({ adminUrl, password, logger: createLogger({ component: 'bench' }, 'warn'), budgets, dashboardCache: true });
  const apollo = await startApolloGateway(stack);
  const tree = await seed(stack, opts.wards ?? 5, opts.cellsPerWard ?? 8, opts.meetingsPerCell ?? 3);
  return {
    stack,
    apolloUrl: apollo.url,
    tree,
    async close() {
      await apollo.close();
      await stack.stop();
      await stopDb();
    },
  };
}

async function seed(stack: Stack, wards: number, cellsPerWard: number, meetingsPerCell: number): Promise<BenchTree> {
  const tenant = await stack.createTenant('Đảng bộ thành phố đo hiệu năng');
  const wardIds: string[] = [];
  const cells: string[] = [];
  for (let w = 0; w < wards; w++) {
    const ward = await tenant.createOrgUnit(tenant.rootOrgUnitId, OrgUnitKind.COMMITTEE, `Đảng bộ phường ${w + 1}`);
    wardIds.push(ward);
    for (let c = 0; c < cellsPerWard; c++) cells.push(await tenant.createOrgUnit(ward, OrgUnitKind.CELL, `Chi bộ tổ dân phố ${w + 1}.${c + 1}`));
  }
  await stack.settle(60_000);
  const day = 86_400_000;
  for (const [i, cellId] of cells.entries()) {
    for (let m = 0; m < meetingsPerCell; m++) {
      await tenant.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
        i: { cellId, kind: MeetingKind.REGULAR, title: `Sinh hoạt chi bộ kỳ ${m + 1}`, heldAt: new Date(Date.now() - (m * 30 + (i % 20)) * day).toISOString() },
      });
    }
  }
  const inspectorToken = await stack.token({ tenantId: tenant.id, roles: [Role.INSPECTOR], scopeOrgUnitId: tenant.rootOrgUnitId });
  const inspector = stack.client(inspectorToken);
  for (const ward of wardIds) {
    await inspector.ok('mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }', {
      i: { kind: InspectionKind.PLANNED, orgUnitId: ward, title: 'Kiểm tra theo kế hoạch' },
    });
  }
  await stack.settle(60_000);
  return { tenant, city: tenant.rootOrgUnitId, wards: wardIds, cells, inspectorToken };
}

/**
 * The baseline: Apollo's JavaScript gateway over the same supergraph. It cannot read our JWTs,
 * so it forwards one fixed, signed identity (re-signed every 30 s) — which only makes it faster.
 */
async function startApolloGateway(stack: Stack): Promise<{ url: string; close(): Promise<void> }> {
  const urls = Object.fromEntries(Object.values(stack.services).map((s) => [s.module.name, s.subgraph.url]));
  const principal: Principal = { tenantId: null, subject: 'bench', roles: [Role.INSPECTOR], scopeOrgUnitId: null };
  const signed = new Map<string, { token: string; until: number }>();
  const currentIdentity = async (p: Principal) => {
    const key = JSON.stringify(p);
    let hit = signed.get(key);
    if (!hit || hit.until < Date.now()) signed.set(key, (hit = { token: await signIdentity(p, stack.options.internalSecret), until: Date.now() + 30_000 }));
    return hit.token;
  };
  const gateway = new ApolloGateway({
    supergraphSdl: withSubgraphUrls(committedSupergraph(), urls),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<{ principal: Principal }>({
        url,
        async willSendRequest({ request, context }) {
          request.http?.headers.set(IDENTITY_HEADER, await currentIdentity(context.principal));
        },
      }),
  });
  const server = new ApolloServer<{ principal: Principal }>({ gateway });
  await server.start();
  const app = express();
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(server, {
      // The tenant comes from a header in the baseline (no JWT verification: a head start).
      context: async ({ req }) => ({ principal: { ...principal, tenantId: String(req.headers['x-tenant-id'] ?? ''), scopeOrgUnitId: String(req.headers['x-scope'] ?? '') || null } }),
    }),
  );
  const http = createServer(app);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await server.stop();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
