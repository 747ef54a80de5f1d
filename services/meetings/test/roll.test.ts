import { randomUUID } from 'node:crypto';
import { Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { deliver, redeliver } from './helpers';

const ROLL = 'query($id: ID!, $on: String!) { orgUnit(id: $id) { attendanceRoll(on: $on) { memberId status temporarilyOut } } }';

/**
 * G-4 / M-8: meetings keeps each cell's roll from membership's events, effective-dated, so the
 * roll on any meeting date is answerable; events are applied once however often they arrive.
 */
describe('the roll projection fed by membership events (G-4, M-8)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
  });

  const rollOf = async (cellId: string, on: string) => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.ward });
    const data = await staff.ok(ROLL, { id: cellId, on });
    return (data.orgUnit.attendanceRoll as { memberId: string; status: string; temporarilyOut: boolean }[]).map(
      (m) => `${m.memberId}:${m.status}${m.temporarilyOut ? ':away' : ''}`,
    );
  };

  it('G-4/M-8: a member transferred mid-month is on exactly one roll on every day of the month', async () => {
    const binh = randomUUID();
    await deliver(stack(), city, { type: 'MemberAdmitted', payload: { memberId: binh, cellId: tree.cell, status: 'OFFICIAL', effectiveOn: '2019-05-19' } });
    await deliver(stack(), city, { type: 'MemberTransferred', payload: { memberId: binh, fromCellId: tree.cell, toCellId: tree.otherCell, kind: 'OFFICIAL', effectiveOn: '2026-10-15' } });
    expect(await rollOf(tree.cell, '2026-10-14')).toContain(`${binh}:OFFICIAL`);
    expect(await rollOf(tree.otherCell, '2026-10-14')).not.toContain(`${binh}:OFFICIAL`);
    for (const day of ['01', '14', '15', '31']) {
      const on = `2026-10-${day}`;
      const places = [...(await rollOf(tree.cell, on)), ...(await rollOf(tree.otherCell, on))].filter((m) => m.startsWith(binh));
      expect(places).toHaveLength(1);
    }
    expect(await rollOf(tree.otherCell, '2026-10-15')).toContain(`${binh}:OFFICIAL`);
  });

  it('M-8: a TEMPORARY transfer keeps the member on the home roll, away, and off the host roll', async () => {
    const cuong = randomUUID();
    await deliver(stack(), city, { type: 'MemberAdmitted', payload: { memberId: cuong, cellId: tree.cell, status: 'PROBATIONARY', effectiveOn: '2026-01-10' } });
    await deliver(stack(), city, {
      type: 'MemberTransferred',
      payload: { memberId: cuong, fromCellId: tree.cell, toCellId: tree.otherCell, kind: 'TEMPORARY', effectiveOn: '2026-09-01', until: '2026-12-01' },
    });
    expect(await rollOf(tree.cell, '2026-09-03')).toContain(`${cuong}:PROBATIONARY:away`);
    expect((await rollOf(tree.otherCell, '2026-09-03')).some((m) => m.startsWith(cuong))).toBe(false);
    expect(await rollOf(tree.cell, '2026-12-01')).toContain(`${cuong}:PROBATIONARY`);
  });

  it('M-4, M-10: exemption and removal change the roll from their dates', async () => {
    const dung = randomUUID();
    await deliver(stack(), city, { type: 'MemberAdmitted', payload: { memberId: dung, cellId: tree.otherCell, status: 'OFFICIAL', effectiveOn: '2000-01-01' } });
    await deliver(stack(), city, { type: 'MemberStatusChanged', payload: { memberId: dung, cellId: tree.otherCell, status: 'EXEMPT', effectiveOn: '2026-03-01' } });
    await deliver(stack(), city, { type: 'MemberStatusChanged', payload: { memberId: dung, cellId: tree.otherCell, status: 'DECEASED', effectiveOn: '2026-08-20' } });
    expect(await rollOf(tree.otherCell, '2026-02-28')).toContain(`${dung}:OFFICIAL`);
    expect(await rollOf(tree.otherCell, '2026-03-01')).toContain(`${dung}:EXEMPT`);
    expect((await rollOf(tree.otherCell, '2026-08-20')).some((m) => m.startsWith(dung))).toBe(false);
  });

  it('redelivered events change nothing', async () => {
    const em = randomUUID();
    const admitted = await deliver(stack(), city, { type: 'MemberAdmitted', payload: { memberId: em, cellId: tree.cell, status: 'OFFICIAL', effectiveOn: '2024-01-01' } });
    const moved = await deliver(stack(), city, { type: 'MemberTransferred', payload: { memberId: em, fromCellId: tree.cell, toCellId: tree.otherCell, kind: 'OFFICIAL', effectiveOn: '2026-06-10' } });
    const before = [await rollOf(tree.cell, '2026-06-09'), await rollOf(tree.otherCell, '2026-06-10'), await rollOf(tree.cell, '2026-06-10')];
    // The relay delivers at least once: the same envelopes again, in and out of order.
    await redeliver(stack(), moved);
    await redeliver(stack(), admitted);
    await redeliver(stack(), moved);
    const after = [await rollOf(tree.cell, '2026-06-09'), await rollOf(tree.otherCell, '2026-06-10'), await rollOf(tree.cell, '2026-06-10')];
    expect(after).toEqual(before);
    expect(after[0].filter((m) => m.startsWith(em))).toHaveLength(1);
    expect(after[2].filter((m) => m.startsWith(em))).toHaveLength(0);
  });

  it('T-1: events of another tenant never reach this tenant\'s roll, and its users cannot read this roll', async () => {
    const other = await stack().createTenant('Đảng bộ thành phố khác');
    const stranger = randomUUID();
    await deliver(stack(), other, { type: 'MemberAdmitted', payload: { memberId: stranger, cellId: tree.cell, status: 'OFFICIAL', effectiveOn: '2020-01-01' } });
    expect((await rollOf(tree.cell, '2026-11-01')).some((m) => m.startsWith(stranger))).toBe(false);
    const res = await other.admin.execute(ROLL, { id: tree.cell, on: '2026-11-01' });
    expect(JSON.stringify(res.data ?? null)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("a secretary of another cell cannot read this cell's roll", async () => {
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell });
    const res = await secretary.execute(ROLL, { id: tree.cell, on: '2026-11-01' });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
