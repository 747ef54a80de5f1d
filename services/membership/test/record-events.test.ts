import { PositionKind as P } from '@chibo/domain';
import { useStack } from '@chibo/testkit';
import { daysAgo, registerOfficial, seedCity } from './fixtures';

const ASSIGN = `mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }`;
const END = `mutation($i: EndPositionInput!) { endPosition(input: $i) { position { id } } }`;
const RENAME = `mutation($i: RenameOrgUnitInput!) { renameOrgUnit(input: $i) { orgUnit { id } } }`;

/**
 * Every change goes to the outbox (issue 3), not only status and cell changes: a rename, a post
 * given and ended. Ids only in the payload; the values stay behind membership's own checks.
 */
describe('events for every change of a member record or a unit', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố sự kiện');
  });

  async function outbox(type: string): Promise<Record<string, unknown>[]> {
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT payload FROM membership.outbox WHERE tenant_id = $1 AND type = $2 ORDER BY seq`, [ctx.city.id, type]);
      return rows.map((r) => r.payload);
    } finally {
      await sql.end();
    }
  }

  it('T-2: a rename tells the other services which unit and from when, not the name', async () => {
    await ctx.city.admin.ok(RENAME, { i: { id: ctx.tree.cell, name: 'Chi bộ tổ dân phố 7 (mới)' } });
    const events = await outbox('OrgUnitRenamed');
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({ orgUnitId: ctx.tree.cell, effectiveOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('M-3: giving and ending a post each publish MemberRecordChanged with the member id only', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Phó Bí Thư Sự Kiện');
    const given = await ctx.staff.ok(ASSIGN, { i: { memberId: m.id, kind: P.DEPUTY_SECRETARY, startsOn: daysAgo(30) } });
    await ctx.staff.ok(END, { i: { positionId: given.assignPosition.position.id, endsOn: daysAgo(1) } });
    const events = (await outbox('MemberRecordChanged')).filter((e) => e.memberId === m.id);
    expect(events).toEqual([
      { memberId: m.id, aspect: 'POSITION' },
      { memberId: m.id, aspect: 'POSITION' },
    ]);
  });
});
