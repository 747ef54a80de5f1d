import { StatementCounter, recordFullMeeting, registerMembers } from '@chibo/bench';
import { Role } from '@chibo/domain';
import { useStack } from '@chibo/testkit';

/**
 * Recording a whole meeting through the gateway costs a bounded number of SQL statements: the
 * same for a roll of 40 as for a roll of 10, so nothing is done once per member. Counted at the
 * pg driver with the relays paused, so only the requests' own statements count.
 */
describe('the SQL cost of recording a whole meeting (G-3..G-8)', () => {
  // Its own database: relays are paused, and no other file's events may reach this process's services while counting.
  const stack = useStack({ ownDatabase: true });

  it('agenda, attendance of 40 members, contributions and a resolution with tasks: the same statements as for 10 members, under a fixed bound', async () => {
    const city = await stack().createTenant('Đảng bộ đo số câu lệnh');
    const tree = await city.seedTree();
    const big = await registerMembers(city.admin, tree.cell, 40, `B${process.pid}`);
    const small = await registerMembers(city.admin, tree.otherCell, 10, `S${process.pid}`);
    await stack().settle();
    const bigSecretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const smallSecretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell });
    // Warm both paths (schema caches, prepared plans) before counting.
    await recordFullMeeting(smallSecretary, tree.otherCell, small, new Date('2026-09-03T01:00:00Z'));
    await recordFullMeeting(bigSecretary, tree.cell, big, new Date('2026-09-03T01:00:00Z'));

    // Nothing in the background may send a statement while counting: relays and the webhook dispatcher's poll.
    for (const s of Object.values(stack().services)) {
      await s.relay.stop();
      await s.webhooks?.stop();
    }
    const counter = StatementCounter.install();
    let ten, forty;
    try {
      ten = await recordFullMeeting(smallSecretary, tree.otherCell, small, new Date('2026-10-03T01:00:00Z'), counter);
      forty = await recordFullMeeting(bigSecretary, tree.cell, big, new Date('2026-10-03T01:00:00Z'), counter);
    } finally {
      counter.restore();
      for (const s of Object.values(stack().services)) {
        await s.relay.start();
        s.webhooks?.start();
      }
    }
    const per = (r: typeof ten) => r.steps.map((s) => [s.operation.replace(/ \(\d+ members\)| \(\d+\)/, ''), s.statements]);
    expect(per(forty)).toEqual(per(ten));
    // Each step reached the database (the counter sees the driver the services use).
    for (const s of forty.steps) expect([s.operation, s.statements > 0]).toEqual([s.operation, true]);
    if (process.env.CHIBO_PRINT_COST) process.stdout.write(`${JSON.stringify(per(forty))}\n`);
    const total = forty.steps.reduce((a, s) => a + s.statements, 0);
    // Nine mutations; the bound is what they cost today with some room, far below one per member.
    expect(total).toBeLessThanOrEqual(9 * 16);
    const attendance = forty.steps.find((s) => s.operation.startsWith('recordAttendance'))!;
    expect(attendance.statements).toBeLessThan(40);
  }, 120_000);
});
