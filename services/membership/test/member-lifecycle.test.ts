import { MemberStatus as S, RemovalGround } from '@chibo/domain';
import { useStack } from '@chibo/testkit';
import { ADMIT, DEATH, EXEMPT, MEMBER, MEMBERS, RECOGNISE, REGISTER, REMOVE, admitInput, daysAgo, monthsAgo, registerOfficial, seedCity, today } from './fixtures';

/** M-1, M-2, M-4, M-6, M-10: a member's life as committee staff record it, through the gateway. */
describe('member lifecycle', () => {
  const stack = useStack();
  let ctx: Awaited<ReturnType<typeof seedCity>>;
  let introducer: { id: string };

  beforeAll(async () => {
    ctx = await seedCity(stack, 'Đảng bộ thành phố Hà Tĩnh');
    introducer = await registerOfficial(ctx.staff, ctx.tree.cell, 'Phan Văn Hùng');
  });

  const outbox = async (memberId: string) => {
    await stack().settle();
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT type, payload FROM membership.outbox WHERE tenant_id = $1 AND payload->>'memberId' = $2 ORDER BY seq`, [ctx.city.id, memberId]);
      return rows as { type: string; payload: Record<string, unknown> }[];
    } finally {
      await sql.end();
    }
  };

  it('M-1: admits an applicant as probationary, records who and which decision, and tells other services', async () => {
    const { admitMember } = await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.cell, introducer.id, { fullName: 'Trần Thị Bi\u0301ch' }) });
    const m = admitMember.member;
    expect(m).toMatchObject({ fullName: 'Trần Thị Bích', status: S.PROBATIONARY, admittedOn: daysAgo(3), cell: { id: ctx.tree.cell } });
    expect(m.fullName).toBe(m.fullName.normalize('NFC'));
    const { member } = await ctx.staff.ok(MEMBER, { id: m.id });
    expect(member.history).toEqual([expect.objectContaining({ kind: 'ADMITTED', effectiveOn: daysAgo(3), decisionNumber: '125-QĐ/ĐU', recordedBy: expect.any(String) })]);
    const events = await outbox(m.id);
    expect(events).toEqual([{ type: 'MemberAdmitted', payload: { memberId: m.id, cellId: ctx.tree.cell, status: 'PROBATIONARY', effectiveOn: daysAgo(3) } }]);
    expect(JSON.stringify(events)).not.toMatch(/Bích|042195/);
  });

  it.each([
    ['M-1: an applicant under 18 on the day of consideration', { dateOfBirth: daysAgo(0).replace(/^\d{4}/, (y) => String(Number(y) - 18)), consideredOn: daysAgo(10) }],
    ['M-1: an applicant of 61 without a higher committee decision', { dateOfBirth: '1950-01-01' }],
    ['M-1: no introducer', { introducerIds: [] }],
  ])('%s is refused naming the rule, and nothing is written', async (_name, over) => {
    const before = await ctx.staff.ok(MEMBERS, { unit: ctx.tree.cell, first: 100 });
    const res = await ctx.staff.execute(ADMIT, { i: admitInput(ctx.tree.cell, introducer.id, { fullName: 'Người Bị Từ Chối', ...over }) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-1', messageVi: expect.any(String), messageEn: expect.any(String) });
    const after = await ctx.staff.ok(MEMBERS, { unit: ctx.tree.cell, first: 100 });
    expect(after.members.totalCount).toBe(before.members.totalCount);
  });

  it('M-1: admits a 61-year-old with the higher committee decision recorded', async () => {
    const res = await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.cell, introducer.id, { fullName: 'Lê Văn Thọ', dateOfBirth: '1960-01-01', citizenId: null, higherCommitteeDecision: 'QĐ 88-QĐ/TU' }) });
    const { member } = await ctx.staff.ok(MEMBER, { id: res.admitMember.member.id });
    expect(member.history[0].reason).toContain('QĐ 88-QĐ/TU');
  });

  it('M-1: a probationary member cannot introduce', async () => {
    const fresh = await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.cell, introducer.id, { fullName: 'Võ Thị Mai' }) });
    const res = await ctx.staff.execute(ADMIT, { i: admitInput(ctx.tree.cell, fresh.admitMember.member.id, { fullName: 'Hồ Văn Nam' }) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-1', field: 'introducerIds' });
  });

  it('M-2: recognises only after 12 months of probation, and lists those whose probation ends within 60 days', async () => {
    const due = (await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.otherCell, introducer.id, { fullName: 'Đủ Mười Hai Tháng', consideredOn: monthsAgo(13), admittedOn: monthsAgo(12) }) })).admitMember.member;
    const early = (await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.otherCell, introducer.id, { fullName: 'Mới Mười Một Tháng', consideredOn: monthsAgo(12), admittedOn: monthsAgo(11) }) })).admitMember.member;
    const recent = (await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.otherCell, introducer.id, { fullName: 'Vừa Kết Nạp', consideredOn: monthsAgo(3), admittedOn: monthsAgo(2) }) })).admitMember.member;
    expect(early.probationEndsOn > today()).toBe(true);

    const soon = await ctx.staff.ok(MEMBERS, { unit: ctx.tree.otherCell, soon: true, first: 10 });
    expect(soon.members.nodes.map((n: { id: string }) => n.id).sort()).toEqual([due.id, early.id].sort());
    expect(soon.members.nodes.map((n: { id: string }) => n.id)).not.toContain(recent.id);

    const refused = await ctx.staff.execute(RECOGNISE, { i: { memberId: early.id, effectiveOn: today(), decisionNumber: 'NQ 3' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-2', probationEndsOn: early.probationEndsOn });

    const ok = await ctx.staff.ok(RECOGNISE, { i: { memberId: due.id, effectiveOn: today(), decisionNumber: 'NQ 4' } });
    expect(ok.recogniseMember.member).toEqual({ id: due.id, status: S.OFFICIAL, officialOn: today() });
    expect((await outbox(due.id)).map((e) => e.type)).toEqual(['MemberAdmitted', 'MemberStatusChanged']);
    const again = await ctx.staff.execute(RECOGNISE, { i: { memberId: due.id, effectiveOn: today() } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-2' });
  });

  it('M-4, M-6, M-10: exempt, remove on a ground, and the history keeps every step', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Nguyễn Thị Lan');
    const probationary = (await ctx.staff.ok(ADMIT, { i: admitInput(ctx.tree.cell, introducer.id, { fullName: 'Dự Bị Xin Miễn' }) })).admitMember.member;
    const notOfficial = await ctx.staff.execute(EXEMPT, { i: { memberId: probationary.id, effectiveOn: today(), reason: 'Sức khỏe' } });
    expect(notOfficial.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-4' });

    const exempt = await ctx.staff.ok(EXEMPT, { i: { memberId: m.id, effectiveOn: daysAgo(2), decisionNumber: 'NQ 12-NQ/CB', reason: 'Tuổi cao, sức khỏe yếu' } });
    expect(exempt.exemptMember.member.status).toBe(S.EXEMPT);
    const backdated = await ctx.staff.execute(REMOVE, { i: { memberId: m.id, effectiveOn: daysAgo(5), ground: RemovalGround.FAILED_POLITICAL_STANDARDS } });
    expect(backdated.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-10' });
    const removed = await ctx.staff.ok(REMOVE, { i: { memberId: m.id, effectiveOn: today(), decisionNumber: 'QĐ 40', ground: RemovalGround.CARD_RETURNED_OR_DESTROYED } });
    expect(removed.removeMember.member.status).toBe(S.REMOVED);
    const twice = await ctx.staff.execute(REMOVE, { i: { memberId: m.id, effectiveOn: today(), ground: RemovalGround.CARD_RETURNED_OR_DESTROYED } });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-6' });
    const dead = await ctx.staff.execute(DEATH, { i: { memberId: m.id, effectiveOn: today() } });
    expect(dead.errors?.[0].extensions?.code).toBe('RULE_VIOLATION');

    const { member } = await ctx.staff.ok(MEMBER, { id: m.id });
    expect(member.status).toBe(S.REMOVED);
    expect(member.history.map((h: { kind: string }) => h.kind)).toEqual(['REGISTERED', 'EXEMPTED', 'REMOVED']);
    expect(member.history[2]).toMatchObject({ ground: 'CARD_RETURNED_OR_DESTROYED', decisionNumber: 'QĐ 40', effectiveOn: today() });
    expect((await outbox(m.id)).map((e) => [e.type, e.payload.status])).toEqual([
      ['MemberAdmitted', 'PROBATIONARY'],
      ['MemberStatusChanged', 'OFFICIAL'],
      ['MemberStatusChanged', 'EXEMPT'],
      ['MemberStatusChanged', 'REMOVED'],
    ]);
  });

  it('M-10: two changes to one member at the same moment cannot both be written', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Đồng Thời');
    const results = await Promise.all([
      ctx.staff.execute(REMOVE, { i: { memberId: m.id, effectiveOn: today(), ground: RemovalGround.FAILED_POLITICAL_STANDARDS } }),
      ctx.staff.execute(DEATH, { i: { memberId: m.id, effectiveOn: today() } }),
    ]);
    const failed = results.filter((r) => r.errors?.length);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].errors?.[0].extensions?.code).toMatch(/CONFLICT|RULE_VIOLATION/);
    const { member } = await ctx.staff.ok(MEMBER, { id: m.id });
    expect(member.history).toHaveLength(2);
  });

  it('records a death', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Bùi Văn Tư');
    const res = await ctx.staff.ok(DEATH, { i: { memberId: m.id, effectiveOn: daysAgo(1), reason: 'Từ trần' } });
    expect(res.recordMemberDeath.member.status).toBe(S.DECEASED);
    const deceased = await ctx.staff.ok(MEMBERS, { unit: ctx.tree.ward, statuses: [S.DECEASED], first: 10 });
    // The race test above may have recorded a death too (whichever of its two writes won).
    expect(deceased.members.nodes.map((n: { id: string }) => n.id)).toContain(m.id);
    const alive = await ctx.staff.ok(MEMBERS, { unit: ctx.tree.ward, statuses: [S.OFFICIAL], first: 100 });
    expect(alive.members.nodes.map((n: { id: string }) => n.id)).not.toContain(m.id);
  });

  it.each([
    ['a status other than probationary or official', { status: 'REMOVED' }, 'BAD_USER_INPUT', 'status'],
    ['an official date before 12 months of probation (M-2)', { admittedOn: '2020-01-01', officialOn: '2020-12-31' }, 'RULE_VIOLATION', 'officialOn'],
    ['an admission before the 18th birthday (M-1)', { dateOfBirth: '1990-06-02', admittedOn: '2008-06-01', officialOn: '2009-06-01' }, 'RULE_VIOLATION', 'admittedOn'],
    ['a citizen id that is not 12 digits (M-3)', { citizenId: '12345' }, 'BAD_USER_INPUT', 'citizenId'],
  ])('refuses to register %s', async (_name, over, code, field) => {
    const res = await ctx.staff.execute(REGISTER, {
      i: { cellId: ctx.tree.cell, fullName: 'Hồ Sơ Sai', dateOfBirth: '1970-05-19', gender: 'MALE', status: 'OFFICIAL', admittedOn: '2000-02-03', officialOn: '2001-02-03', ...over },
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code, field });
    expect((await ctx.staff.ok(MEMBERS, { unit: ctx.tree.cell, name: 'ho so sai', first: 10 })).members.totalCount).toBe(0);
  });

  it('refuses a party card number already on the register', async () => {
    const res = await ctx.staff.execute(REGISTER, {
      i: { cellId: ctx.tree.cell, fullName: 'Thẻ Trùng', dateOfBirth: '1970-05-19', gender: 'MALE', status: 'OFFICIAL', admittedOn: '2000-02-03', officialOn: '2001-02-03', partyCardNumber: '9000111' },
    });
    expect(res.errors).toBeUndefined();
    const dup = await ctx.staff.execute(REGISTER, {
      i: { cellId: ctx.tree.otherCell, fullName: 'Thẻ Trùng Hai', dateOfBirth: '1971-05-19', gender: 'FEMALE', status: 'OFFICIAL', admittedOn: '2000-02-03', officialOn: '2001-02-03', partyCardNumber: '9000111' },
    });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'partyCardNumber' });
  });

  it('refuses dates in the future and malformed dates as bad input', async () => {
    const m = await registerOfficial(ctx.staff, ctx.tree.cell, 'Cao Văn Sáng');
    const future = await ctx.staff.execute(DEATH, { i: { memberId: m.id, effectiveOn: '2999-01-01' } });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveOn' });
    const bad = await ctx.staff.execute(DEATH, { i: { memberId: m.id, effectiveOn: '2026-02-30' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveOn' });
    const { member } = await ctx.staff.ok(MEMBER, { id: m.id });
    expect(member.status).toBe(S.OFFICIAL);
  });
});
