import { randomUUID } from 'node:crypto';
import { OrgUnitKind, PositionKind as P, Role } from '@chibo/domain';
import { HttpEventSink } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';
import { ADMIT, admitInput, daysAgo, registerOfficial, seedCity, today } from './fixtures';

const ASSIGN = `mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id kind startsOn endsOn decisionNumber orgUnit { id } } } }`;
const END = `mutation($i: EndPositionInput!) { endPosition(input: $i) { position { id endsOn } } }`;
const POSITIONS = `query($id: ID!) { member(id: $id) { positions { kind startsOn endsOn orgUnit { id } } } }`;

/** M-3 posts with dates, and D-8's removal from post, through the gateway. */
describe('positions held by members (M-3)', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố chức vụ');
  });

  it('M-3: assigns a secretary with dates, refuses a second one, and ends a post', async () => {
    const a = await registerOfficial(ctx.staff, ctx.tree.cell, 'Bí Thư Thứ Nhất');
    const b = await registerOfficial(ctx.staff, ctx.tree.cell, 'Bí Thư Thứ Hai');
    const res = await ctx.staff.ok(ASSIGN, { i: { memberId: a.id, kind: P.SECRETARY, startsOn: daysAgo(100), decisionNumber: 'NQ bầu 01' } });
    expect(res.assignPosition.position).toMatchObject({ kind: 'SECRETARY', startsOn: daysAgo(100), endsOn: null, decisionNumber: 'NQ bầu 01', orgUnit: { id: ctx.tree.cell } });
    const second = await ctx.staff.execute(ASSIGN, { i: { memberId: b.id, kind: P.SECRETARY, startsOn: daysAgo(10) } });
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-3' });

    const ended = await ctx.staff.ok(END, { i: { positionId: res.assignPosition.position.id, endsOn: daysAgo(10) } });
    expect(ended.endPosition.position.endsOn).toBe(daysAgo(10));
    await ctx.staff.ok(ASSIGN, { i: { memberId: b.id, kind: P.SECRETARY, startsOn: daysAgo(10) } });
    const { member } = await ctx.staff.ok(POSITIONS, { id: a.id });
    expect(member.positions).toEqual([{ kind: 'SECRETARY', startsOn: daysAgo(100), endsOn: daysAgo(10), orgUnit: { id: ctx.tree.cell } }]);
  });

  it('M-3: a probationary member cannot sit on the cell committee but may lead a party group', async () => {
    const introducer = await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Người Giới Thiệu');
    const p = (await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.otherCell, introducer.id, { fullName: 'Dự Bị Tổ Trưởng' }) })).admitMember.member;
    const committee = await ctx.staff.execute(ASSIGN, { i: { memberId: p.id, kind: P.CELL_COMMITTEE_MEMBER, startsOn: today() } });
    expect(committee.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-3' });
    const group = await ctx.city.createOrgUnit(ctx.tree.otherCell, OrgUnitKind.PARTY_GROUP, 'Tổ đảng số 1');
    const leader = await ctx.staff.ok(ASSIGN, { i: { memberId: p.id, kind: P.GROUP_LEADER, orgUnitId: group, startsOn: today() } });
    expect(leader.assignPosition.position.orgUnit).toEqual({ id: group });
    const elsewhere = await ctx.staff.execute(ASSIGN, { i: { memberId: introducer.id, kind: P.GROUP_LEADER, orgUnitId: ctx.tree.ward, startsOn: today() } });
    expect(elsewhere.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'orgUnitId' });
  });

  it('D-8: a removal from post decided by inspection ends every post the member holds', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.otherCell, 'Phó Bí Thư Bị Cách Chức');
    await ctx.staff.ok(ASSIGN, { i: { memberId: m.id, kind: P.DEPUTY_SECRETARY, startsOn: daysAgo(200) } });
    const sink = new HttpEventSink('test', () => stack().services.membership.subgraph.url.replace(/\/graphql$/, '/events'), stack().options.internalSecret);
    await sink.deliver({
      id: randomUUID(),
      tenantId: ctx.city.id,
      type: 'DisciplineDecided',
      source: 'inspection',
      occurredAt: new Date().toISOString(),
      payload: { caseId: randomUUID(), subjectKind: 'MEMBER', memberId: m.id, orgUnitId: null, form: 'REMOVAL_FROM_POST', effectiveOn: daysAgo(1), annulled: false },
    });
    const { member } = await ctx.staff.ok(POSITIONS, { id: m.id });
    expect(member.positions).toEqual([expect.objectContaining({ kind: 'DEPUTY_SECRETARY', endsOn: daysAgo(1) })]);
  });

  it('keeps posts to the subtree and the tenant', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Chi Ủy Viên');
    const secretary = await ctx.city.user({ role: Role.CELL_SECRETARY, scope: ctx.tree.otherCell });
    expect((await secretary.execute(ASSIGN, { i: { memberId: m.id, kind: P.CELL_COMMITTEE_MEMBER, startsOn: today() } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const other = await stack().createTenant('Đảng bộ khác chức vụ');
    expect((await other.admin.execute(ASSIGN, { i: { memberId: m.id, kind: P.CELL_COMMITTEE_MEMBER, startsOn: today() } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { member } = await ctx.staff.ok(POSITIONS, { id: m.id });
    expect(member.positions).toEqual([]);
  });
});
