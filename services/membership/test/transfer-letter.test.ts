import { MemberStatus as S, RemovalGround, Role } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';
import { EXEMPT, MEMBER, MEMBERS, REMOVE, ROLL, daysAgo, registerOfficial, seedCity, today } from './fixtures';

const LETTER_FIELDS = `id direction status counterpartTenantId counterpartTenantName letterNumber issuedOn fromCellName fullName dateOfBirth gender
  citizenId partyCardNumber fileNumber listPosition registerNumber memberStatus admittedOn officialOn decidedOn rejectionReason
  member { id status cell { id } } receivingCell { id }`;
const ISSUE = `mutation($i: IssueTransferLetterInput!) { issueTransferLetter(input: $i) { letter { ${LETTER_FIELDS} } } }`;
const ACCEPT = `mutation($i: AcceptTransferLetterInput!) { acceptTransferLetter(input: $i) { letter { ${LETTER_FIELDS} } } }`;
const REJECT = `mutation($i: RejectTransferLetterInput!) { rejectTransferLetter(input: $i) { letter { ${LETTER_FIELDS} } } }`;
const WITHDRAW = `mutation($i: WithdrawTransferLetterInput!) { withdrawTransferLetter(input: $i) { letter { ${LETTER_FIELDS} } } }`;
const LETTERS = `query($d: TransferLetterDirection!, $s: TransferLetterStatus) { transferLetters(direction: $d, status: $s) { ${LETTER_FIELDS} } }`;
const LETTER = `query($id: ID!) { transferLetter(id: $id) { ${LETTER_FIELDS} } }`;

/** M-8 across tenants: a letter from one city committee to another, accepted or rejected. */
describe('transfer letters between tenants (M-8)', () => {
  const stack = useStack();
  let sender: Awaited<ReturnType<typeof seedCity>>;
  let receiver: Awaited<ReturnType<typeof seedCity>>;
  let third: TenantHandle;
  /** The receiving city's organisation department: staff of its root committee. */
  let desk: GatewayClient;
  let n = 0;

  beforeAll(async () => {
    sender = await seedCity(stack, 'Đảng bộ thành phố Hà Tĩnh');
    receiver = await seedCity(stack, 'Đảng bộ thành phố Vinh');
    third = await stack().createTenant('Đảng bộ thị xã Hồng Lĩnh');
    desk = await receiver.city.user({ role: Role.COMMITTEE_STAFF, scope: receiver.city.rootOrgUnitId });
  });

  const code = async (user: GatewayClient, query: string, vars: Record<string, unknown>) => (await user.execute(query, vars)).errors?.[0].extensions?.code;
  const rollIds = async (user: GatewayClient, cell: string) => ((await user.ok(ROLL, { cell, date: today() })).cellRoll as { member: { id: string } }[]).map((e) => e.member.id);
  const issue = async (memberId: string, over: Record<string, unknown> = {}) =>
    (await sender.staff.ok(ISSUE, { i: { memberId, toTenantId: receiver.city.id, letterNumber: `${++n}-GGT/TU`, listPosition: '45', registerNumber: 'ĐK 678', ...over } })).issueTransferLetter.letter;

  it('M-8: the receiver sees only the letter, accepts it onto a cell of theirs; the sender keeps a tombstone', async () => {
    const m = await registerOfficial(sender.staff, sender.tree.cell, 'Nguyễn Thị Chuyển', { citizenId: '042080001234', fileNumber: 'LL-0917' });
    const card = (await sender.staff.ok(MEMBER, { id: m.id })).member.partyCardNumber;
    const out = await issue(m.id);
    expect(out).toMatchObject({
      direction: 'OUTGOING',
      status: 'PENDING',
      counterpartTenantId: receiver.city.id,
      counterpartTenantName: 'Đảng bộ thành phố Vinh',
      fromCellName: 'Chi bộ tổ dân phố 3',
      member: { id: m.id, status: S.OFFICIAL, cell: { id: sender.tree.cell } },
    });
    // Pending, the member is still on the sender's roll.
    expect(await rollIds(sender.staff, sender.tree.cell)).toContain(m.id);

    const incoming = (await desk.ok(LETTERS, { d: 'INCOMING', s: 'PENDING' })).transferLetters;
    expect(incoming).toEqual([
      {
        id: out.id,
        direction: 'INCOMING',
        status: 'PENDING',
        counterpartTenantId: sender.city.id,
        counterpartTenantName: 'Đảng bộ thành phố Hà Tĩnh',
        letterNumber: out.letterNumber,
        issuedOn: today(),
        fromCellName: 'Chi bộ tổ dân phố 3',
        fullName: 'Nguyễn Thị Chuyển',
        dateOfBirth: '1970-05-19',
        gender: 'MALE',
        citizenId: '042080001234',
        partyCardNumber: card,
        fileNumber: 'LL-0917',
        listPosition: '45',
        registerNumber: 'ĐK 678',
        memberStatus: 'OFFICIAL',
        admittedOn: '2000-02-03',
        officialOn: '2001-02-03',
        decidedOn: null,
        rejectionReason: null,
        member: null,
        receivingCell: null,
      },
    ]);
    // The receiver cannot reach the sender's member, nor the sender the receiver's side.
    expect(await code(desk, MEMBER, { id: m.id })).toBe('NOT_FOUND');
    expect(await code(receiver.city.admin, MEMBER, { id: m.id })).toBe('NOT_FOUND');
    expect(await code(sender.staff, ACCEPT, { i: { letterId: out.id, cellId: sender.tree.otherCell } })).toBe('NOT_FOUND');
    expect(await code(sender.city.admin, REJECT, { i: { letterId: out.id, reason: 'tự từ chối' } })).toBe('NOT_FOUND');
    // A receiving cell secretary is not the organisation department.
    const secretary = await receiver.city.user({ role: Role.CELL_SECRETARY, scope: receiver.tree.cell });
    expect(await code(secretary, ACCEPT, { i: { letterId: out.id, cellId: receiver.tree.cell } })).toBe('FORBIDDEN');
    // Staff of one ward of the receiving city are not the city's desk: they are not told of it.
    const wardStaff = receiver.staff;
    expect(await code(wardStaff, ACCEPT, { i: { letterId: out.id, cellId: receiver.tree.cell } })).toBe('NOT_FOUND');
    expect(await code(wardStaff, LETTER, { id: out.id })).toBe('NOT_FOUND');
    expect(await code(wardStaff, LETTERS, { d: 'INCOMING', s: null })).toBe('FORBIDDEN');

    const accepted = (await desk.ok(ACCEPT, { i: { letterId: out.id, cellId: receiver.tree.cell } })).acceptTransferLetter.letter;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', decidedOn: today(), receivingCell: { id: receiver.tree.cell }, member: { status: S.OFFICIAL, cell: { id: receiver.tree.cell } } });
    const arrived = (await desk.ok(MEMBER, { id: accepted.member.id })).member;
    expect(arrived).toMatchObject({
      fullName: 'Nguyễn Thị Chuyển',
      dateOfBirth: '1970-05-19',
      citizenId: '042080001234',
      partyCardNumber: card,
      fileNumber: 'LL-0917',
      status: S.OFFICIAL,
      admittedOn: '2000-02-03',
      officialOn: '2001-02-03',
    });
    expect(arrived.history).toEqual([expect.objectContaining({ kind: 'TRANSFERRED_IN', effectiveOn: today(), decisionNumber: out.letterNumber, reason: 'Chuyển đến từ Đảng bộ thành phố Hà Tĩnh' })]);
    expect(await rollIds(desk, receiver.tree.cell)).toContain(arrived.id);

    // The sender's record stays readable as a tombstone, off the roll.
    const tomb = (await sender.staff.ok(MEMBER, { id: m.id })).member;
    expect(tomb.status).toBe(S.TRANSFERRED_OUT);
    expect(tomb.history.at(-1)).toMatchObject({ kind: 'TRANSFERRED_OUT', effectiveOn: today(), reason: 'Chuyển sinh hoạt đến Đảng bộ thành phố Vinh' });
    expect(await rollIds(sender.staff, sender.tree.cell)).not.toContain(m.id);
    expect((await sender.staff.ok(LETTER, { id: out.id })).transferLetter).toMatchObject({ status: 'ACCEPTED', decidedOn: today(), member: { id: m.id, status: S.TRANSFERRED_OUT } });

    expect(await code(desk, ACCEPT, { i: { letterId: out.id, cellId: receiver.tree.otherCell } })).toBe('CONFLICT');

    await stack().settle();
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT tenant_id, type, payload FROM membership.outbox WHERE payload->>'memberId' = ANY($1) AND type LIKE 'Member%' ORDER BY seq`, [[m.id, arrived.id]]);
      // The sender's member leaves the roll today (its registration events are from 2000–2001).
      expect(rows.filter((r) => r.payload.memberId === m.id && r.payload.effectiveOn === today()).map((r) => [r.tenant_id, r.type, r.payload.status ?? r.payload.toCellId])).toEqual([
        [sender.city.id, 'MemberStatusChanged', 'TRANSFERRED_OUT'],
        [sender.city.id, 'MemberTransferred', null],
      ]);
      expect(rows.filter((r) => r.payload.memberId === arrived.id).map((r) => [r.tenant_id, r.type, r.payload.cellId])).toEqual([[receiver.city.id, 'MemberAdmitted', receiver.tree.cell]]);
    } finally {
      await sql.end();
    }
  });

  it('M-8: on rejection the member stays on the sender’s roll, nothing is lost, and a new letter can be issued', async () => {
    const m = await registerOfficial(sender.staff, sender.tree.cell, 'Trần Văn Bị Trả');
    const out = await issue(m.id);
    expect(await code(sender.staff, ISSUE, { i: { memberId: m.id, toTenantId: receiver.city.id, letterNumber: 'khác' } })).toBe('CONFLICT');
    const empty = await desk.execute(REJECT, { i: { letterId: out.id, reason: '  ' } });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const rejected = (await desk.ok(REJECT, { i: { letterId: out.id, reason: 'Đảng viên không cư trú tại địa bàn' } })).rejectTransferLetter.letter;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'Đảng viên không cư trú tại địa bàn', member: null });
    expect((await sender.staff.ok(LETTER, { id: out.id })).transferLetter).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'Đảng viên không cư trú tại địa bàn',
      member: { id: m.id, status: S.OFFICIAL, cell: { id: sender.tree.cell } },
    });
    const still = (await sender.staff.ok(MEMBER, { id: m.id })).member;
    expect(still.history.map((h: { kind: string }) => h.kind)).toEqual(['REGISTERED']);
    expect(await rollIds(sender.staff, sender.tree.cell)).toContain(m.id);
    expect((await receiver.city.admin.ok(MEMBERS, { name: 'Trần Văn Bị Trả', first: 10 })).members.totalCount).toBe(0);
    expect(await code(desk, ACCEPT, { i: { letterId: out.id, cellId: receiver.tree.cell } })).toBe('CONFLICT');

    const again = await issue(m.id);
    expect(again).toMatchObject({ status: 'PENDING' });
    expect(again.id).not.toBe(out.id);
  });

  it('M-8: the sender withdraws a letter not yet decided; the receiver can no longer accept it', async () => {
    const m = await registerOfficial(sender.staff, sender.tree.cell, 'Mai Văn Thu Hồi');
    const out = await issue(m.id);
    // Only the sender's copy can be withdrawn: the receiver holds none to withdraw.
    expect(await code(desk, WITHDRAW, { i: { letterId: out.id, reason: 'x' } })).toBe('NOT_FOUND');
    const secretary = await sender.city.user({ role: Role.CELL_SECRETARY, scope: sender.tree.cell });
    expect(await code(secretary, WITHDRAW, { i: { letterId: out.id, reason: 'x' } })).toBe('FORBIDDEN');
    const res = (await sender.staff.ok(WITHDRAW, { i: { letterId: out.id, reason: 'Đảng viên đổi nơi chuyển đến' } })).withdrawTransferLetter.letter;
    expect(res).toMatchObject({ status: 'WITHDRAWN', rejectionReason: 'Đảng viên đổi nơi chuyển đến', member: { id: m.id, status: S.OFFICIAL } });
    expect((await desk.ok(LETTER, { id: out.id })).transferLetter).toMatchObject({ status: 'WITHDRAWN', rejectionReason: 'Đảng viên đổi nơi chuyển đến' });
    expect(await code(desk, ACCEPT, { i: { letterId: out.id, cellId: receiver.tree.cell } })).toBe('CONFLICT');
    expect(await code(sender.staff, WITHDRAW, { i: { letterId: out.id, reason: 'lần hai' } })).toBe('CONFLICT');
    expect(await rollIds(sender.staff, sender.tree.cell)).toContain(m.id);
    expect((await issue(m.id)).status).toBe('PENDING');
  });

  it('M-8: the hand-off is one transaction: when the sender’s side refuses, the receiver keeps nothing either', async () => {
    const m = await registerOfficial(sender.staff, sender.tree.cell, 'Hoàng Văn Nửa Chừng');
    const out = await issue(m.id, { issuedOn: daysAgo(1) });
    // After the letter, the sender records an exemption today: an acceptance dated yesterday
    // would precede it in the member's history (M-10), so the sender's side refuses.
    await sender.staff.ok(EXEMPT, { i: { memberId: m.id, effectiveOn: today(), reason: 'Tuổi cao, sức yếu' } });
    const res = await desk.execute(ACCEPT, { i: { letterId: out.id, cellId: receiver.tree.cell, acceptedOn: daysAgo(1) } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-10' });
    expect((await receiver.city.admin.ok(MEMBERS, { name: 'Hoàng Văn Nửa Chừng', first: 10 })).members.totalCount).toBe(0);
    expect((await desk.ok(LETTER, { id: out.id })).transferLetter).toMatchObject({ status: 'PENDING', member: null });
    expect((await sender.staff.ok(MEMBER, { id: m.id })).member.status).toBe(S.EXEMPT);
  });

  it('M-8: a third tenant can neither read nor decide a letter that is not theirs', async () => {
    const m = await registerOfficial(sender.staff, sender.tree.cell, 'Lê Văn Bí Mật');
    const out = await issue(m.id);
    const attacker = third.admin;
    expect(await code(attacker, LETTER, { id: out.id })).toBe('NOT_FOUND');
    expect((await attacker.ok(LETTERS, { d: 'INCOMING', s: null })).transferLetters).toEqual([]);
    expect((await attacker.ok(LETTERS, { d: 'OUTGOING', s: null })).transferLetters).toEqual([]);
    expect(await code(attacker, ACCEPT, { i: { letterId: out.id, cellId: third.rootOrgUnitId } })).toBe('NOT_FOUND');
    expect(await code(attacker, REJECT, { i: { letterId: out.id, reason: 'phá' } })).toBe('NOT_FOUND');
    expect(await code(attacker, WITHDRAW, { i: { letterId: out.id, reason: 'phá' } })).toBe('NOT_FOUND');
    expect(await code(attacker, MEMBER, { id: m.id })).toBe('NOT_FOUND');
    // Still pending on both sides, untouched.
    expect((await sender.staff.ok(LETTER, { id: out.id })).transferLetter.status).toBe('PENDING');
    expect((await desk.ok(LETTER, { id: out.id })).transferLetter.status).toBe('PENDING');
    // And a member of the receiving tenant sees no letters at all.
    const plain = await receiver.city.user({ role: Role.MEMBER });
    expect(await code(plain, LETTERS, { d: 'INCOMING', s: null })).toBe('FORBIDDEN');
  });

  it.each([
    ['to its own tenant', (m: string) => ({ memberId: m, toTenantId: sender.city.id }), 'RULE_VIOLATION'],
    ['to a tenant that does not exist', (m: string) => ({ memberId: m, toTenantId: '6f1d3c1e-0000-4000-8000-000000000000' }), 'NOT_FOUND'],
    ['dated in the future', (m: string) => ({ memberId: m, toTenantId: receiver.city.id, issuedOn: '2099-01-01' }), 'BAD_USER_INPUT'],
  ])('M-8: refuses a letter %s, and nothing is written on either side', async (_name, input, expected) => {
    const m = await registerOfficial(sender.staff, sender.tree.otherCell, `Đảng Viên Ở Lại ${++n}`);
    const before = (await desk.ok(LETTERS, { d: 'INCOMING', s: null })).transferLetters.length;
    expect(await code(sender.staff, ISSUE, { i: { letterNumber: 'x-1', ...input(m.id) } })).toBe(expected);
    expect((await desk.ok(LETTERS, { d: 'INCOMING', s: null })).transferLetters.length).toBe(before);
    const outgoing = (await sender.staff.ok(LETTERS, { d: 'OUTGOING', s: null })).transferLetters as { member: { id: string } | null }[];
    expect(outgoing.filter((l) => l.member?.id === m.id)).toEqual([]);
  });

  it('M-8: only a member on the rolls can be given a letter', async () => {
    const m = await registerOfficial(sender.staff, sender.tree.otherCell, 'Đã Xóa Tên');
    await sender.staff.ok(REMOVE, { i: { memberId: m.id, effectiveOn: today(), ground: RemovalGround.CARD_RETURNED_OR_DESTROYED } });
    const res = await sender.staff.execute(ISSUE, { i: { memberId: m.id, toTenantId: receiver.city.id, letterNumber: 'x-2' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'M-8' });
  });
});
