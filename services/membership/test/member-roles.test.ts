import { MemberStatus as S, Role } from '@chibo/domain';
import { useStack, type GatewayClient } from '@chibo/testkit';
import { EXEMPT, MEMBER, integrator, registerOfficial, seedCity, today } from './fixtures';

const CCCD = '042188004455';
const MASKED = '0421******55';
const MERGE = 'mutation($i: MergeOrgUnitInput!) { mergeOrgUnit(input: $i) { movedMembers } }';
const RESIDENCE = 'mutation($i: SetResidenceLiaisonInput!) { setResidenceLiaison(input: $i) { liaison { category } } }';
const LETTERS = 'query { transferLetters(direction: INCOMING) { id } }';

type Seen = 'clear' | 'masked' | 'none';

/**
 * One row per role, through the gateway as that user (DESIGN.md §2, M-3): what they read of a
 * member of a ward's cell, whether the citizen id is in clear, and whether they may change the
 * member's record. Writes that are refused change nothing.
 */
describe('each role on a member record, from outside', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;
  let otherWard: string;
  let subject: { id: string };

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố vai trò');
    otherWard = await ctx.city.createOrgUnit(ctx.city.rootOrgUnitId, 'COMMITTEE' as never, 'Đảng bộ phường khác');
    await stack().settle();
    subject = await registerOfficial(ctx.staff, ctx.tree.cell, 'Đinh Thị Đối Tượng', { citizenId: CCCD });
  });

  const roles: [string, () => Promise<GatewayClient>, Seen, boolean][] = [
    ['city_admin', async () => ctx.city.admin, 'clear', true],
    ['committee_staff of the ward', async () => ctx.staff, 'clear', true],
    ['committee_staff of another ward', async () => ctx.city.user({ role: Role.COMMITTEE_STAFF, scope: otherWard }), 'none', false],
    ['cell_secretary of the member’s cell', async () => ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.cell }), 'masked', true],
    ['cell_secretary of another cell', async () => ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.otherCell }), 'none', false],
    ['inspector of the ward', async () => ctx.city.user({ role: Role.INSPECTOR, scope: ctx.tree.ward }), 'masked', false],
    ['inspector of another ward', async () => ctx.city.user({ role: Role.INSPECTOR, scope: otherWard }), 'none', false],
    ['the member themself', async () => ctx.city.user({ role: Role.MEMBER, scope: ctx.tree.cell, memberId: subject.id }), 'clear', false],
    ['another member of the cell', async () => ctx.city.user({ role: Role.MEMBER, scope: ctx.tree.cell, memberId: ctx.city.id }), 'none', false],
    ['integrator with membership:read', () => integrator(stack(), ctx.city.id, ['membership:read']), 'masked', false],
    ['integrator without membership:read', () => integrator(stack(), ctx.city.id, ['meetings:read']), 'none', false],
  ];

  it.each(roles)('M-3: %s reads the member: %s; writes: %s', async (_role, client, seen, writes) => {
    const user = await client();
    const read = await user.execute(`query($id: ID!) { member(id: $id) { id citizenId } }`, { id: subject.id });
    // Hidden (NOT_FOUND) from a role that may ask but not see this member; a key without
    // membership:read is refused by the access table at the gateway (FORBIDDEN).
    if (seen === 'none') expect(read.errors?.[0].extensions?.code).toBe(_role === 'integrator without membership:read' ? 'FORBIDDEN' : 'NOT_FOUND');
    else expect(read.data?.member).toEqual({ id: subject.id, citizenId: seen === 'clear' ? CCCD : MASKED });

    const target = await registerOfficial(ctx.staff, ctx.tree.cell, 'Người Được Miễn');
    const write = await user.execute(EXEMPT, { i: { memberId: target.id, effectiveOn: today(), reason: 'Tuổi cao' } });
    const after = (await ctx.staff.ok(MEMBER, { id: target.id })).member.status;
    if (writes) {
      expect(write.errors).toBeUndefined();
      expect(after).toBe(S.EXEMPT);
    } else {
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(write.errors?.[0].extensions?.code);
      expect(after).toBe(S.OFFICIAL);
    }
  });

  it.each(roles.filter(([name]) => !['city_admin', 'committee_staff of the ward'].includes(name)))(
    'T-2, M-5, M-8: %s can neither merge units, nor set a residence liaison outside their cell, nor open the letters',
    async (name, client) => {
      const user = await client();
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain((await user.execute(MERGE, { i: { id: ctx.tree.otherCell, intoId: ctx.tree.cell } })).errors?.[0].extensions?.code);
      if (!name.startsWith('cell_secretary of the member')) {
        const res = await user.execute(RESIDENCE, { i: { memberId: subject.id, category: 'INTRODUCED_EXEMPT', residenceName: 'x', introducedOn: '2025-01-01' } });
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.errors?.[0].extensions?.code);
      }
      expect((await user.execute(LETTERS, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await ctx.city.admin.ok('query($id: ID!) { orgUnit(id: $id) { validTo } }', { id: ctx.tree.otherCell })).orgUnit.validTo).toBeNull();
      expect((await ctx.staff.ok('query($id: ID!) { member(id: $id) { residenceLiaison { category } } }', { id: subject.id })).member.residenceLiaison).toBeNull();
    },
  );
});
