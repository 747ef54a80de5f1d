import { parse } from 'graphql';
import { Role, type Principal } from '@chibo/domain';
import { DashboardCache } from './dashboard-cache';

const TENANT_A = '00000000-0000-4000-8000-00000000000a';
const TENANT_B = '00000000-0000-4000-8000-00000000000b';
const CITY = '11111111-1111-4111-8111-111111111111';
const WARD = '22222222-2222-4222-8222-222222222222';

const admin: Principal = { tenantId: TENANT_A, subject: 'a', roles: [Role.CITY_ADMIN], scopeOrgUnitId: null };
const inspector: Principal = { tenantId: TENANT_A, subject: 'i', roles: [Role.INSPECTOR], scopeOrgUnitId: CITY };
const FIGURES = 'query($id: ID!, $p: String) { dashboard(orgUnitId: $id, period: $p) { meetingsHeld cellCount orgUnit { name } } }';

function live(): DashboardCache {
  const cache = new DashboardCache({ maxAgeMs: 60_000 });
  cache.listening();
  return cache;
}

/** Stores an answer for the query as the principal; returns its key. */
function stored(cache: DashboardCache, who: Principal, variables: Record<string, unknown>, query = FIGURES): string {
  const k = cache.keyOf(parse(query), undefined, variables, who)!;
  cache.put(k.key, k.tenantId, k.targets, cache.generation(k.tenantId), { dashboard: { meetingsHeld: 1 } });
  return k.key;
}

describe('which operations the gateway keeps (dashboard-cache.ts)', () => {
  it.each([
    ['the figures of one unit', FIGURES, true],
    ['two units under aliases', `query { a: dashboard(orgUnitId: "${CITY}") { meetingsHeld } b: dashboard(orgUnitId: "${WARD}") { cellCount } }`, true],
    ['the listed cells (names only)', '{ dashboard(orgUnitId: "x") { cells { id name } } }', true],
    ['a read that is audited per person (inspection records)', '{ dashboard(orgUnitId: "x") { openInspectionList { id } } }', false],
    ['anything deeper than the names of what is listed', '{ dashboard(orgUnitId: "x") { orgUnit { children { name } } } }', false],
    ['another root field beside it', '{ dashboard(orgUnitId: "x") { meetingsHeld } orgUnit(id: "x") { name } }', false],
    ['a fragment', '{ dashboard(orgUnitId: "x") { ...F } } fragment F on OrgUnitDashboard { meetingsHeld }', false],
    ['a mutation', 'mutation { dashboard(orgUnitId: "x") { meetingsHeld } }', false],
    ['an invalid period (the service answers the error every time)', '{ dashboard(orgUnitId: "x", period: "2026-13") { meetingsHeld } }', false],
  ])('%s → kept: %s', (_name, query, kept) => {
    expect(live().keyOf(parse(query), undefined, { id: WARD }, admin) !== null).toBe(kept);
  });

  it('keeps nothing while the bus is not listening, nor for a caller without a tenant', () => {
    expect(new DashboardCache().keyOf(parse(FIGURES), undefined, { id: WARD }, admin)).toBeNull();
    expect(live().keyOf(parse(FIGURES), undefined, { id: WARD }, { ...admin, tenantId: null })).toBeNull();
  });

  it('never shares an answer between visibility classes, tenants or members', () => {
    const cache = live();
    const key = (p: Principal) => cache.keyOf(parse(FIGURES), undefined, { id: WARD }, p)!.key;
    expect(key(admin)).toBe(key({ ...admin, subject: 'another admin' }));
    expect(key(admin)).not.toBe(key(inspector));
    expect(key(admin)).not.toBe(key({ ...admin, tenantId: TENANT_B }));
    expect(key(inspector)).not.toBe(key({ ...inspector, scopeOrgUnitId: WARD }));
    expect(key({ ...admin, roles: [Role.MEMBER], memberId: 'm1' })).not.toBe(key({ ...admin, roles: [Role.MEMBER], memberId: 'm2' }));
    expect(key({ ...admin, roles: [Role.INTEGRATOR], scopes: ['meetings:read'] })).not.toBe(key({ ...admin, roles: [Role.INTEGRATOR], scopes: ['meetings:read', 'discipline:read'] }));
  });

  it('takes "no period" as the current month, so a new month asks afresh', () => {
    const cache = live();
    const nov = cache.keyOf(parse(FIGURES), undefined, { id: WARD }, admin, new Date('2026-11-20T00:00:00Z'))!;
    const dec = cache.keyOf(parse(FIGURES), undefined, { id: WARD }, admin, new Date('2026-12-20T00:00:00Z'))!;
    expect(nov.key).not.toBe(dec.key);
    expect(nov.targets).toEqual([{ orgUnitId: WARD, months: ['2026-11'] }]);
  });
});

describe('when a kept answer goes', () => {
  it.each([
    ['a change of the unit in a month of its quarter', true, { tenantId: TENANT_A, orgUnitIds: [CITY, WARD], period: '2026-11' }],
    ['a change of the unit in another quarter', false, { tenantId: TENANT_A, orgUnitIds: [CITY, WARD], period: '2026-07' }],
    ['a change of the unit that moves every period (a member admitted)', true, { tenantId: TENANT_A, orgUnitIds: [WARD], period: '2026-07', allPeriods: true }],
    ['a change of another unit', false, { tenantId: TENANT_A, orgUnitIds: [CITY], period: '2026-11' }],
    ['the same unit id in another tenant', false, { tenantId: TENANT_B, orgUnitIds: [WARD], period: '2026-11' }],
  ])('%s → dropped: %s', (_name, dropped, change) => {
    const cache = live();
    const key = stored(cache, admin, { id: WARD, p: '2026-Q4' });
    cache.change(change);
    expect(cache.get(key) === undefined).toBe(dropped);
  });

  it('goes with any mutation of its tenant through the gateway, and not with another tenant\'s', () => {
    const cache = live();
    const key = stored(cache, admin, { id: WARD, p: '2026-11' });
    cache.tenantChanged(TENANT_B);
    expect(cache.get(key)).toBeDefined();
    cache.tenantChanged(TENANT_A);
    expect(cache.get(key)).toBeUndefined();
  });

  it('is not kept when its tenant changed while it was being computed', () => {
    const cache = live();
    const k = cache.keyOf(parse(FIGURES), undefined, { id: WARD, p: '2026-11' }, admin)!;
    const started = cache.generation(TENANT_A);
    cache.change({ tenantId: TENANT_A, orgUnitIds: [CITY], period: '2026-01' });
    cache.put(k.key, k.tenantId, k.targets, started, { dashboard: { meetingsHeld: 1 } });
    expect(cache.get(k.key)).toBeUndefined();
  });

  it('expires after its maximum age, and everything goes when the bus connection is lost', () => {
    const cache = new DashboardCache({ maxAgeMs: 1_000 });
    cache.listening();
    const k = cache.keyOf(parse(FIGURES), undefined, { id: WARD, p: '2026-11' }, admin)!;
    cache.put(k.key, k.tenantId, k.targets, 0, { dashboard: {} }, 10_000);
    expect(cache.get(k.key, 10_900)).toBeDefined();
    expect(cache.get(k.key, 11_100)).toBeUndefined();
    const key = stored(cache, admin, { id: WARD, p: '2026-11' });
    const before = cache.generation(TENANT_A);
    cache.lost();
    expect(cache.get(key)).toBeUndefined();
    expect(cache.generation(TENANT_A)).not.toBe(before); // a query that spanned the gap keeps nothing
    expect(cache.keyOf(parse(FIGURES), undefined, { id: WARD }, admin)).toBeNull();
  });
});
