import { MemberStatus as S, Role } from '@chibo/domain';
import { useStack, type GatewayClient } from '@chibo/testkit';
import { ADMIT, MEMBER, MEMBERS, RECOGNISE, ROLL, admitInput, integrator, registerOfficial, seedCity, today } from './fixtures';

/**
 * Who sees and changes which member (DESIGN.md §2, M-3), from outside through the gateway: a
 * cell secretary only their cell, committee staff their subtree, integrators read-only with
 * `membership:read`, citizen ids masked for everyone not entitled; and nothing across tenants.
 */
describe('member access and isolation', () => {
  const stack = useStack();
  let a: Awaited<ReturnType<typeof seedCity>>;
  let b: Awaited<ReturnType<typeof seedCity>>;
  let memberA: { id: string };
  let introducerA: { id: string };
  const CCCD = '038095001212';

  beforeAll(async () => {
    a = await seedCity(stack, 'Đảng bộ thành phố A');
    b = await seedCity(stack, 'Đảng bộ thành phố B');
    introducerA = await registerOfficial(a.staff, a.tree.cell, 'Nguyễn Văn Giới Thiệu');
    memberA = await registerOfficial(a.staff, a.tree.cell, 'Hoàng Thị Riêng Tư', { citizenId: CCCD });
  });

  const citizenIdAs = async (user: GatewayClient) => (await user.ok(MEMBER, { id: memberA.id })).member.citizenId;

  it('M-3: stores the citizen id encrypted, never in clear', async () => {
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query('SELECT citizen_id_cipher FROM membership.member WHERE id = $1', [memberA.id]);
      expect(rows[0].citizen_id_cipher).toMatch(/^v1:/);
      expect(rows[0].citizen_id_cipher).not.toContain(CCCD);
      const { rows: anywhere } = await sql.query(`SELECT count(*)::int AS n FROM membership.member m WHERE m::text LIKE $1`, [`%${CCCD}%`]);
      expect(anywhere[0].n).toBe(0);
    } finally {
      await sql.end();
    }
  });

  it('M-3: shows the citizen id to the city admin, the subtree staff and the member; masked to others', async () => {
    expect(await citizenIdAs(a.city.admin)).toBe(CCCD);
    expect(await citizenIdAs(a.staff)).toBe(CCCD);
    expect(await citizenIdAs(await a.city.user({ role: Role.MEMBER, scope: a.tree.cell, memberId: memberA.id }))).toBe(CCCD);
    expect(await citizenIdAs(await a.city.user({ role: Role.CELL_SECRETARY, scope: a.tree.cell }))).toBe('0380******12');
    expect(await citizenIdAs(await integrator(stack(), a.city.id, ['membership:read']))).toBe('0380******12');
    const list = await (await a.city.user({ role: Role.CELL_SECRETARY, scope: a.tree.cell })).ok(`query($u: ID) { members(orgUnitId: $u, first: 10) { nodes { id citizenId } } }`, { u: a.tree.cell });
    expect(JSON.stringify(list)).not.toContain(CCCD);
  });

  it('keeps a cell secretary to their own cell, for reading and for writing', async () => {
    const own = await a.city.user({ role: Role.CELL_SECRETARY, scope: a.tree.cell });
    const other = await a.city.user({ role: Role.CELL_SECRETARY, scope: a.tree.otherCell });
    expect((await own.ok(MEMBER, { id: memberA.id })).member.fullName).toBe('Hoàng Thị Riêng Tư');
    const admitted = await own.ok(ADMIT, { i: admitInput(a.tree.cell, introducerA.id, { fullName: 'Do Bí Thư Kết Nạp' }) });
    expect(admitted.admitMember.member.status).toBe(S.PROBATIONARY);

    expect((await other.execute(MEMBER, { id: memberA.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await other.execute(MEMBERS, { unit: a.tree.cell, first: 10 })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await other.execute(ROLL, { cell: a.tree.cell, date: today() })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const intoOther = await other.execute(ADMIT, { i: admitInput(a.tree.cell, introducerA.id, { fullName: 'Không Được Phép' }) });
    expect(intoOther.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const ownList = await other.ok(MEMBERS, { first: 10 });
    expect(ownList.members.totalCount).toBe(0);
  });

  it('lets committee staff work on their subtree only', async () => {
    const otherWard = await a.city.createOrgUnit(a.city.rootOrgUnitId, 'COMMITTEE' as never, 'Đảng bộ phường Bắc Hà');
    const staffElsewhere = await a.city.user({ role: Role.COMMITTEE_STAFF, scope: otherWard });
    expect((await staffElsewhere.execute(MEMBER, { id: memberA.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const wardList = await a.staff.ok(MEMBERS, { unit: a.tree.ward, first: 100 });
    expect(wardList.members.nodes.map((n: { id: string }) => n.id)).toContain(memberA.id);
  });

  it('lets an integrator with membership:read read but never write; without it, not even read', async () => {
    const reader = await integrator(stack(), a.city.id, ['membership:read']);
    const list = await reader.ok(MEMBERS, { unit: a.tree.cell, first: 10 });
    expect(list.members.totalCount).toBeGreaterThan(0);
    const write = await reader.execute(ADMIT, { i: admitInput(a.tree.cell, introducerA.id, { fullName: 'Tích Hợp Ghi' }) });
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const recognise = await reader.execute(RECOGNISE, { i: { memberId: memberA.id, effectiveOn: today() } });
    expect(recognise.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const outsider = await integrator(stack(), a.city.id, ['meetings:read']);
    // The access table asks a key for membership:read: refused at the gateway, naming the scope.
    expect((await outsider.execute(MEMBER, { id: memberA.id })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'membership:read' });
    expect((await outsider.execute(MEMBERS, { unit: a.tree.cell, first: 10 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("lets a plain member read only their own record", async () => {
    const self = await a.city.user({ role: Role.MEMBER, scope: a.tree.cell, memberId: memberA.id });
    expect((await self.ok(MEMBER, { id: memberA.id })).member.id).toBe(memberA.id);
    expect((await self.execute(MEMBER, { id: introducerA.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await self.execute(MEMBERS, { first: 10 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("T-1: tenant B reads and changes nothing of A's members, whatever the role", async () => {
    const usersOfB = [b.city.admin, b.staff, await b.city.user({ role: Role.CELL_SECRETARY, scope: b.tree.cell }), await integrator(stack(), b.city.id, ['membership:read'])];
    for (const user of usersOfB) {
      for (const [query, vars] of [
        [MEMBER, { id: memberA.id }],
        [MEMBERS, { unit: a.tree.cell, first: 10 }],
        [ROLL, { cell: a.tree.cell, date: today() }],
      ] as const) {
        const res = await user.execute(query, vars);
        expect(res.data).toBeNull();
        expect(res.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
        expect(JSON.stringify(res)).not.toContain('Riêng Tư');
      }
      const own = await user.execute(MEMBERS, { first: 100 });
      expect(JSON.stringify(own)).not.toContain('Riêng Tư');
    }
    const attempts = [
      ['mutation($i: MemberLifecycleInput!) { exemptMember(input: $i) { member { id } } }', { i: { memberId: memberA.id, effectiveOn: today(), reason: 'Giả mạo' } }],
      ['mutation($i: RemoveMemberInput!) { removeMember(input: $i) { member { id } } }', { i: { memberId: memberA.id, effectiveOn: today(), ground: 'FAILED_POLITICAL_STANDARDS' } }],
      ['mutation($i: MemberLifecycleInput!) { recordMemberDeath(input: $i) { member { id } } }', { i: { memberId: memberA.id, effectiveOn: today() } }],
      [ADMIT, { i: admitInput(a.tree.cell, introducerA.id, { fullName: 'Xâm Nhập' }) }],
      [ADMIT, { i: admitInput(b.tree.cell, introducerA.id, { fullName: 'Giới Thiệu Chéo' }) }],
    ] as const;
    for (const [query, vars] of attempts) {
      const res = await b.city.admin.execute(query, vars);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|RULE_VIOLATION/);
    }
    const { member } = await a.staff.ok(MEMBER, { id: memberA.id });
    expect(member.status).toBe(S.OFFICIAL);
    expect((await a.staff.ok(MEMBERS, { unit: a.tree.cell, name: 'xam nhap', first: 10 })).members.totalCount).toBe(0);
  });
});
