import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { MemberStatus as S, Role, type GeneratedTenant } from '@chibo/domain';
import { generateTenant, useStack, type GatewayClient } from '@chibo/testkit';
import type { PlannedMember } from '../src/domain/generated-population';
import { addDays } from '../src/domain/dates';
import { searchKey } from '../src/domain/member-rules';
import { MEMBERS, ROLL } from './fixtures';

/**
 * A generated city (Hà Tĩnh's size) is an ordinary tenant: the gateway serves its members, the
 * roll of a cell on a date follows the generated events, the citizen ids open with the service's
 * key, and another tenant sees none of it.
 */
describe('a generated city tenant, through the gateway', () => {
  const stack = useStack();
  let city: GeneratedTenant;
  let admin: GatewayClient;
  let members: PlannedMember[];
  const ON_ROLL: readonly string[] = [S.PROBATIONARY, S.OFFICIAL, S.EXEMPT];

  beforeAll(async () => {
    city = await generateTenant(stack().options.adminUrl, { scale: 'city', name: 'Đảng bộ thành phố Hà Tĩnh (sinh)', seed: 11 });
    members = city.members as PlannedMember[];
    admin = stack().client(await stack().token({ tenantId: city.tenantId, roles: [Role.CITY_ADMIN] }));
  }, 120_000);

  it('is a tenant like any other: its root holds the 51 grassroots organizations', async () => {
    const res = await admin.ok<{ currentTenant: { name: string; rootOrgUnit: { id: string; children: { name: string }[] } } }>(
      '{ currentTenant { name rootOrgUnit { id children { name } } } }',
    );
    expect(res.currentTenant.name).toBe('Đảng bộ thành phố Hà Tĩnh (sinh)');
    expect(res.currentTenant.rootOrgUnit.id).toBe(city.units[0].id);
    expect(res.currentTenant.rootOrgUnit.children).toHaveLength(51);
  });

  it("T-3: Tân Giang's 13 cells carry no structural warning: enough official members, a chi ủy where 9 or more", async () => {
    const ward = city.units.find((u) => u.name === 'Đảng bộ phường Tân Giang')!;
    const res = await admin.ok<{ orgUnit: { children: { name: string; warnings: { code: string }[] }[] } }>(
      'query($id: ID!) { orgUnit(id: $id) { children { name warnings { code } } } }',
      { id: ward.id },
    );
    expect(res.orgUnit.children).toHaveLength(13);
    expect(res.orgUnit.children.filter((c) => c.warnings.length)).toEqual([]);
  });

  it("M-7: a cell's ratings for last year are there, within the 20 % cap", async () => {
    const ward = city.units.find((u) => u.name === 'Đảng bộ phường Tân Giang')!;
    const cell = city.units.find((u) => u.parentId === ward.id && u.name === 'Chi bộ tổ dân phố 3')!;
    const year = Number(city.to.slice(0, 4)) - 1;
    const res = await admin.ok<{ cellRatings: { excellent: number; good: number; completed: number; notCompleted: number; ratings: unknown[] } }>(
      'query($cell: ID!, $year: Int!) { cellRatings(cellId: $cell, year: $year) { excellent good completed notCompleted ratings { year } } }',
      { cell: cell.id, year },
    );
    const r = res.cellRatings;
    const active = members.filter((m) => m.cellId === cell.id && (m.status === S.OFFICIAL || m.status === S.PROBATIONARY) && m.admittedOn <= `${year}-12-31`);
    expect(r.ratings).toHaveLength(active.length);
    expect(r.excellent + r.good + r.completed + r.notCompleted).toBe(active.length);
    expect(r.excellent * 100).toBeLessThanOrEqual(20 * (r.good + r.excellent));
  });

  it('search "nguyen" finds the generated Nguyễns, accent-insensitively, and counts them all', async () => {
    const expected = members.filter((m) => searchKey(m.fullName).includes('nguyen'));
    const res = await admin.ok(MEMBERS, { name: 'nguyen', first: 20 });
    expect(res.members.totalCount).toBe(expected.length);
    expect(res.members.nodes.every((n: { fullName: string }) => n.fullName.includes('Nguyễn'))).toBe(true);
    const probationary = await admin.ok(MEMBERS, { statuses: [S.PROBATIONARY], first: 1 });
    expect(probationary.members.totalCount).toBe(members.filter((m) => m.status === S.PROBATIONARY).length);
  });

  it("a cell's roll on a date follows the generated lifecycle: admitted by then, moved in or not yet away, not yet gone", async () => {
    const ward = city.units.find((u) => u.name === 'Đảng bộ phường Tân Giang')!;
    const tdp3 = city.units.find((u) => u.parentId === ward.id && u.name === 'Chi bộ tổ dân phố 3')!;
    const moved = members.find((m) => m.transfer)!;
    const dates = [city.to, '2012-06-30', '2020-01-01', moved.transfer!.startsOn, addDays(moved.transfer!.startsOn, -1)];
    for (const cellId of [tdp3.id, moved.transfer!.fromCellId, moved.cellId]) {
      // Everyone who was ever on this roll: its members now, and those who moved away from it (M-8).
      const ever = members.filter((m) => m.cellId === cellId || m.transfer?.fromCellId === cellId);
      const here = (m: PlannedMember, date: string) => (m.transfer && m.transfer.startsOn > date ? m.transfer.fromCellId : m.cellId) === cellId;
      for (const date of dates) {
        const expected = ever.filter((m) => here(m, date) && m.admittedOn <= date && !(m.exit && m.exit.kind !== 'EXEMPTED' && m.exit.on <= date));
        const res = await admin.ok<{ cellRoll: { status: string; member: { id: string } }[] }>(ROLL, { cell: cellId, date });
        expect(res.cellRoll.map((e) => e.member.id).sort()).toEqual(expected.map((m) => m.id).sort());
        for (const e of res.cellRoll) {
          const m = ever.find((x) => x.id === e.member.id)!;
          const want = m.exit?.kind === 'EXEMPTED' && m.exit.on <= date ? S.EXEMPT : m.officialOn && m.officialOn <= date ? S.OFFICIAL : S.PROBATIONARY;
          expect(e.status).toBe(want);
        }
      }
    }
    expect(members.filter((m) => m.cellId === tdp3.id && ON_ROLL.includes(m.status)).length).toBeGreaterThan(20);
    const history = await admin.ok<{ member: { history: { kind: string }[] } }>('query($id: ID!) { member(id: $id) { history { kind } } }', { id: moved.id });
    expect(history.member.history.map((h) => h.kind)).toEqual(['ADMITTED', 'RECOGNISED', 'TRANSFERRED']);
  });

  it("citizen ids open with the service's own key: in clear for the city's admin, masked for a cell secretary", async () => {
    const m = members.find((x) => x.status === S.OFFICIAL)!;
    const clear = await admin.ok<{ member: { citizenId: string; fullName: string; history: { kind: string }[] } }>(
      'query($id: ID!) { member(id: $id) { citizenId fullName history { kind } } }',
      { id: m.id },
    );
    expect(clear.member.citizenId).toMatch(/^042\d{9}$/);
    expect(clear.member.fullName).toBe(m.fullName);
    expect(clear.member.history.map((h) => h.kind)).toEqual(['ADMITTED', 'RECOGNISED']);
    const secretary = stack().client(await stack().token({ tenantId: city.tenantId, roles: [Role.CELL_SECRETARY], scopeOrgUnitId: m.cellId }));
    const masked = await secretary.ok<{ member: { citizenId: string } }>('query($id: ID!) { member(id: $id) { citizenId } }', { id: m.id });
    expect(masked.member.citizenId).toMatch(/^042\d\*{6}\d{2}$/);
  });

  it('another tenant sees nothing of it', async () => {
    const other = await stack().createTenant('Đảng bộ thành phố khác');
    const none = await other.admin.ok(MEMBERS, { name: 'nguyen', first: 5 });
    expect(none.members.totalCount).toBe(0);
    const m = members[0];
    const res = await other.admin.execute('query($id: ID!) { member(id: $id) { fullName } }', { id: m.id });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const roll = await other.admin.execute(ROLL, { cell: m.cellId, date: city.to });
    expect(roll.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('is deterministic through the database too: the same seed gives the same people', async () => {
    const a = await generateTenant(stack().options.adminUrl, { scale: 'demo', name: 'Đảng bộ mẫu A', seed: 99 });
    const b = await generateTenant(stack().options.adminUrl, { scale: 'demo', name: 'Đảng bộ mẫu B', seed: 99 });
    const names = async (t: GeneratedTenant) => {
      const c = stack().client(await stack().token({ tenantId: t.tenantId, roles: [Role.CITY_ADMIN] }));
      const res = await c.ok<{ members: { nodes: { fullName: string }[] } }>(MEMBERS, { first: 100 });
      return res.members.nodes.map((n) => n.fullName);
    };
    const [na, nb] = [await names(a), await names(b)];
    expect(na.length).toBe(Math.min(100, a.members.length));
    expect(na).toEqual(nb);
  });

  it("is whole or not at all: when a later service's generator fails, nothing of the tenant is left", async () => {
    const tenantId = randomUUID();
    const handed: GeneratedTenant[] = [];
    const failing = async (client: ClientBase, t: GeneratedTenant) => {
      handed.push(t);
      // Same transaction: membership's rows are there for the next generator to build on.
      const { rows } = await client.query('SELECT count(*)::int AS n FROM membership.member WHERE tenant_id = $1', [t.tenantId]);
      expect(rows[0].n).toBe(t.members.length);
      throw new Error('meetings generator failed');
    };
    await expect(generateTenant(stack().options.adminUrl, { scale: 'demo', name: 'Đảng bộ dở dang', seed: 5, tenantId }, undefined, [failing])).rejects.toThrow('meetings generator failed');
    expect(handed.map((t) => t.tenantId)).toEqual([tenantId]);
    const sql = await stack().sql('membership', 'admin');
    try {
      for (const table of ['tenant', 'org_unit', 'member', 'member_event', 'outbox']) {
        const { rows } = await sql.query(`SELECT count(*)::int AS n FROM membership.${table} WHERE tenant_id = $1`, [tenantId]);
        expect([table, rows[0].n]).toEqual([table, 0]);
      }
    } finally {
      await sql.end();
    }
    const ghost = stack().client(await stack().token({ tenantId, roles: [Role.CITY_ADMIN] }));
    expect((await ghost.execute('{ currentTenant { id } }')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
