import { Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';

const REGISTER = `mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }`;
const MEMBERS = `query($since: String, $after: String) { members(first: 100, after: $after, modifiedSince: $since) { totalCount nodes { id fullName } pageInfo { hasNextPage endCursor } } }`;
const TOMBSTONES = `query($since: String!) { membershipTombstones(since: $since, first: 100) { totalCount nodes { recordType id reason } } }`;
const PLAN = 'mutation($i: PlanMeetingInput!) { planMeeting(input: $i) { meeting { id } } }';
const ADD_ITEM = 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }';
const MEETINGS = `query($cell: ID!, $since: String) { orgUnit(id: $cell) { meetings(first: 50, modifiedSince: $since) { totalCount nodes { id } } } }`;

let card = 0;
const member = (cellId: string, fullName: string) => ({
  cellId,
  fullName,
  dateOfBirth: '1975-01-01',
  gender: 'FEMALE',
  status: 'OFFICIAL',
  admittedOn: '2001-01-01',
  officialOn: '2002-01-01',
  partyCardNumber: `SYNC${process.pid}${Date.now() % 100000}${++card}`,
});

// Waiting for the sync horizon (settledToken) can take a while when the server is busy.
jest.setTimeout(180_000);

/** Delta sync (issue 7): mirror a tenant incrementally without missing a change. */
describe('delta sync', () => {
  const stack = useStack();
  let a: TenantHandle;
  let b: TenantHandle;
  let cell: string;
  let ward: string;
  let otherCell: string;

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ đồng bộ A');
    b = await stack().createTenant('Đảng bộ đồng bộ B');
    ({ cell, ward, otherCell } = await a.seedTree());
    await b.seedTree();
  });

  const token = async () => (await a.admin.ok('{ syncToken }')).syncToken as string;
  /*
   * A token's horizon is the oldest transaction still running anywhere on the server, so other
   * tests' transactions can hold it back (a wider overlap, never a gap). Where a test asserts
   * exactly which records come back, it waits for a token past everything tenant A wrote.
   */
  const settledToken = async () => {
    const admin = await stack().sql('membership', 'admin');
    try {
      const { rows } = await admin.query(
        `SELECT max(txid)::text AS x FROM (SELECT txid FROM membership.audit_log WHERE tenant_id = $1 UNION ALL SELECT txid FROM meetings.audit_log WHERE tenant_id = $1
                                      UNION ALL SELECT txid FROM inspection.audit_log WHERE tenant_id = $1) l`,
        [a.id],
      );
      const last = BigInt(rows[0].x ?? '0');
      for (let i = 0; i < 600; i++) {
        const t = await token();
        if (BigInt(t.slice(3)) > last) return t;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the sync horizon did not move past our writes');
    } finally {
      await admin.end();
    }
  };
  const memberIds = async (since: string | null) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await a.admin.ok(MEMBERS, { since, after })).members;
      ids.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
  };

  it('returns only members changed since the token, including changes to their history', async () => {
    const old = (await a.admin.ok(REGISTER, { i: member(cell, 'Phạm Thị Cũ') })).registerMember.member.id;
    const t0 = await settledToken();
    expect(t0).toMatch(/^s1\.\d+$/);
    const fresh = (await a.admin.ok(REGISTER, { i: member(cell, 'Phạm Thị Mới') })).registerMember.member.id;
    const changed = await memberIds(t0);
    expect(changed).toContain(fresh);
    expect(changed).not.toContain(old);
    // Without a token: everything (the first full read).
    expect(await memberIds(null)).toEqual(expect.arrayContaining([old, fresh]));

    const t1 = await settledToken();
    expect(await memberIds(t1)).toEqual([]);
    await a.admin.ok('mutation($i: MemberLifecycleInput!) { recordMemberDeath(input: $i) { member { id } } }', {
      i: { memberId: old, effectiveOn: new Date().toISOString().slice(0, 10) },
    });
    expect(await memberIds(t1)).toEqual([old]);
  });

  it('does not skip a change stamped before the token but committed after the read (out-of-order commit)', async () => {
    const slow = (await a.admin.ok(REGISTER, { i: member(cell, 'Vũ Văn Chậm') })).registerMember.member.id;
    const app = await stack().sql('membership', 'app');
    try {
      // A long transaction changes a member (its id is assigned now) and commits only later.
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.actor', 'slow-writer', true)`, [a.id]);
      await app.query(`UPDATE membership.member SET full_name = 'Vũ Văn Chậm Sửa' WHERE tenant_id = $1 AND id = $2`, [a.id, slow]);
      // Meanwhile the integrator takes a token and mirrors: the change is not visible yet.
      const t = await token();
      const mirror = (await a.admin.ok(MEMBERS, { since: null, after: null })).members.nodes;
      expect(mirror.find((n: { id: string }) => n.id === slow).fullName).toBe('Vũ Văn Chậm');
      // Then another, quick change commits: its transaction is newer than the slow one.
      const quick = (await a.admin.ok(REGISTER, { i: member(cell, 'Vũ Văn Nhanh') })).registerMember.member.id;
      await app.query('COMMIT');
      // The next round finds both, the slow one included, though it was stamped first.
      const next = await memberIds(t);
      expect(next).toEqual(expect.arrayContaining([slow, quick]));
      // A token taken after both committed no longer returns them: the filter is not "everything".
      const later = await settledToken();
      expect(await memberIds(later)).not.toContain(slow);
    } finally {
      await app.end();
    }
  });

  it('gives tombstones for dissolved units and rejects a forged token', async () => {
    const t = await token();
    const doomed = await a.createOrgUnit(ward, 'CELL' as never, 'Chi bộ sắp giải thể');
    await a.admin.ok('mutation($i: DissolveOrgUnitInput!) { dissolveOrgUnit(input: $i) { orgUnit { id } } }', { i: { id: doomed } });
    const tombs = (await a.admin.ok(TOMBSTONES, { since: t })).membershipTombstones;
    expect(tombs.nodes).toContainEqual({ recordType: 'OrgUnit', id: doomed, reason: 'DISSOLVED' });
    expect(tombs.nodes.map((n: { id: string }) => n.id)).not.toContain(cell);
    // Tenant B sees none of A's tombstones.
    const theirs = (await b.admin.ok(TOMBSTONES, { since: t })).membershipTombstones;
    expect(theirs.nodes.map((n: { id: string }) => n.id)).not.toContain(doomed);

    for (const bad of ['yesterday', '2026-01-01T00:00:00Z', 's1.-1', "s1.1' OR 1=1"]) {
      const res = await a.admin.execute(MEMBERS, { since: bad, after: null });
      expect([bad, res.errors?.[0].extensions?.code]).toEqual([bad, 'BAD_USER_INPUT']);
    }
    const staff = await a.user({ role: Role.COMMITTEE_STAFF });
    expect((await staff.execute(TOMBSTONES, { since: t })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const integrator = await a.user({ role: Role.INTEGRATOR, scopes: ['membership:read'] });
    expect((await integrator.ok(TOMBSTONES, { since: t })).membershipTombstones.totalCount).toBeGreaterThan(0);
  });

  it('mirrors the org tree: every unit in scope, parents first, and only the changed ones since a token', async () => {
    const ORG_UNITS = `query($since: String) { orgUnits(first: 100, modifiedSince: $since) { totalCount nodes { id name parent { id } } } }`;
    const all = (await a.admin.ok(ORG_UNITS, { since: null })).orgUnits.nodes.map((n: { id: string }) => n.id);
    expect(all[0]).toBe(a.rootOrgUnitId);
    expect(all.indexOf(ward)).toBeLessThan(all.indexOf(cell));
    const t = await settledToken();
    await a.admin.ok('mutation($i: RenameOrgUnitInput!) { renameOrgUnit(input: $i) { orgUnit { id } } }', { i: { id: ward, name: 'Đảng bộ phường Đổi Tên' } });
    expect((await a.admin.ok(ORG_UNITS, { since: t })).orgUnits.nodes.map((n: { id: string }) => n.id)).toEqual([ward]);
    // Scoped users see their subtree only; another tenant sees none of it.
    const staff = await a.user({ role: Role.COMMITTEE_STAFF, scope: ward });
    const theirs = (await staff.ok(ORG_UNITS, { since: null })).orgUnits.nodes.map((n: { id: string }) => n.id);
    expect(theirs).toContain(cell);
    expect(theirs).not.toContain(a.rootOrgUnitId);
    const other = (await b.admin.ok(ORG_UNITS, { since: null })).orgUnits.nodes.map((n: { id: string }) => n.id);
    expect(other).not.toContain(ward);
  });

  it('gives a tombstone for a member who left the tenant', async () => {
    const leaving = (await a.admin.ok(REGISTER, { i: member(cell, 'Hồ Văn Đi') })).registerMember.member.id;
    const t = await token();
    // No mutation moves a member out of the tenant yet: the change is made as the service would.
    const app = await stack().sql('membership', 'app');
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
      await app.query(`UPDATE membership.member SET status = 'TRANSFERRED_OUT' WHERE tenant_id = $1 AND id = $2`, [a.id, leaving]);
      await app.query('COMMIT');
    } finally {
      await app.end();
    }
    const tombs = (await a.admin.ok(TOMBSTONES, { since: t })).membershipTombstones.nodes;
    expect(tombs).toContainEqual({ recordType: 'Member', id: leaving, reason: 'TRANSFERRED_OUT' });
  });

  it('returns the discipline cases changed since the token', async () => {
    const subject = (await a.admin.ok(REGISTER, { i: member(cell, 'Lý Văn Xét') })).registerMember.member.id;
    await stack().settle();
    const inspector = await a.user({ role: Role.INSPECTOR, scope: a.rootOrgUnitId });
    const open = async (title: string) =>
      (
        await inspector.ok('mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { disciplineCase { id } } }', {
          i: { trigger: 'DENUNCIATION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: cell, subjectMemberId: subject, title, openedOn: '2026-03-02', violations: [{ occurredOn: '2025-11-20' }] },
        })
      ).openDisciplineCase.disciplineCase.id as string;
    const before = await open('Vụ việc trước');
    const t = await settledToken();
    const after = await open('Vụ việc sau');
    const CASES = 'query($u: ID!, $since: String) { disciplineCases(orgUnitId: $u, first: 50, modifiedSince: $since) { nodes { id } } }';
    const ids = (await inspector.ok(CASES, { u: a.rootOrgUnitId, since: t })).disciplineCases.nodes.map((n: { id: string }) => n.id);
    expect(ids).toEqual([after]);
    expect((await inspector.ok(CASES, { u: a.rootOrgUnitId, since: null })).disciplineCases.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([before, after]));
  });

  it('returns a cell’s resolutions changed since the token, also when only a task’s progress was reported', async () => {
    // A cell of its own, so the roll is exactly these three.
    const rc = await a.createOrgUnit(ward, 'CELL' as never, 'Chi bộ tổ dân phố 9');
    await stack().settle();
    const voters: string[] = [];
    for (const name of ['Mai Văn Một', 'Mai Văn Hai', 'Mai Văn Ba']) voters.push((await a.admin.ok(REGISTER, { i: member(rc, name) })).registerMember.member.id);
    await stack().settle();
    const meetingId = (
      await a.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
        i: { cellId: rc, kind: 'REGULAR', title: 'Sinh hoạt có nghị quyết', heldAt: '2026-09-03T01:00:00.000Z' },
      })
    ).recordMeeting.meeting.id;
    await a.admin.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: { meetingId, entries: voters.map((memberId) => ({ memberId, status: 'PRESENT' })) },
    });
    const adopt = async (number: string) =>
      (
        await a.admin.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id tasks { id } } } }', {
          i: { meetingId, number, text: `Nghị quyết ${number}`, votesFor: 3, votesAgainst: 0, votesAbstain: 0, tasks: [{ title: 'Vận động', ownerGroup: 'Chi ủy', dueOn: '2026-10-31', targetValue: 10, targetUnit: 'hộ' }] },
        })
      ).adoptResolution.resolution as { id: string; tasks: { id: string }[] };
    const first = await adopt(`01-NQ/${Date.now() % 100000}`);
    const second = await adopt(`02-NQ/${Date.now() % 100000}`);
    const RESOLUTIONS = 'query($cell: ID!, $since: String) { orgUnit(id: $cell) { resolutions(first: 50, modifiedSince: $since) { totalCount nodes { id } } } }';
    const ids = async (since: string | null) => (await a.admin.ok(RESOLUTIONS, { cell: rc, since })).orgUnit.resolutions.nodes.map((n: { id: string }) => n.id);
    expect(await ids(null)).toEqual(expect.arrayContaining([first.id, second.id]));
    const t = await settledToken();
    expect(await ids(t)).toEqual([]);
    await a.admin.ok('mutation($i: ReportTaskProgressInput!) { reportTaskProgress(input: $i) { progress { id } } }', { i: { taskId: second.tasks[0].id, reportedOn: '2026-09-20', amount: 4, note: 'Bốn hộ' } });
    expect(await ids(t)).toEqual([second.id]);
  });

  it('returns a cell’s meetings changed since the token, also when only the agenda changed', async () => {
    await stack().settle();
    const plan = (title: string) =>
      a.admin.ok(PLAN, { i: { cellId: cell, kind: 'REGULAR', title, scheduledAt: new Date(Date.now() + 86400_000).toISOString() } }).then((d) => d.planMeeting.meeting.id as string);
    const first = await plan('Sinh hoạt tháng trước');
    const t = await settledToken();
    const second = await plan('Sinh hoạt tháng này');
    const ids = async (since: string) => (await a.admin.ok(MEETINGS, { cell, since })).orgUnit.meetings.nodes.map((n: { id: string }) => n.id);
    expect(await ids(t)).toEqual([second]);
    const t2 = await settledToken();
    await a.admin.ok(ADD_ITEM, { i: { meetingId: first, title: 'Quán triệt nghị quyết', category: 'DISSEMINATION', plannedMinutes: 30 } });
    expect(await ids(t2)).toEqual([first]);
    // A cancelled meeting stays listed, changed, and is a tombstone; tenant B sees none of it.
    const t3 = await settledToken();
    await a.admin.ok('mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { meeting { id } } }', { i: { meetingId: second, reason: 'Trùng lịch' } });
    expect(await ids(t3)).toEqual([second]);
    const MEETING_TOMBSTONES = 'query($since: String!) { meetingsTombstones(since: $since, first: 100) { nodes { recordType id reason } } }';
    expect((await a.admin.ok(MEETING_TOMBSTONES, { since: t3 })).meetingsTombstones.nodes).toEqual([{ recordType: 'Meeting', id: second, reason: 'CANCELLED' }]);
    expect((await b.admin.ok(MEETING_TOMBSTONES, { since: t3 })).meetingsTombstones.nodes).toEqual([]);
  });
  // ---- Every other list an integrator mirrors (issue 7): a change after the token comes back,
  // an unchanged record does not, what leaves the mirror is a tombstone, tenant B never shows.

  const ids = (nodes: { id: string }[] | null) => (nodes ?? []).map((n) => n.id);
  const gone = async (since: string, tenant: TenantHandle = a) =>
    ((await tenant.admin.ok(TOMBSTONES, { since })).membershipTombstones.nodes as { recordType: string; id: string; reason: string }[]);

  it('returns a member whose residence records (Regulation 213) changed', async () => {
    const MEMBERS_213 = `query($since: String) { members(first: 100, modifiedSince: $since) { nodes { id residenceLiaison { category } residenceFeedback { year comment } } } }`;
    const resident = (await a.admin.ok(REGISTER, { i: member(cell, 'Lương Văn Cư') })).registerMember.member.id as string;
    const other = (await a.admin.ok(REGISTER, { i: member(cell, 'Lương Văn Khác') })).registerMember.member.id as string;
    const t = await settledToken();
    expect(await memberIds(t)).toEqual([]);
    await a.admin.ok('mutation($i: SetResidenceLiaisonInput!) { setResidenceLiaison(input: $i) { member { id } } }', {
      i: { memberId: resident, category: 'YEARLY_FEEDBACK', residenceOrgUnitId: otherCell, introducedOn: '2025-03-01' },
    });
    await a.admin.ok('mutation($i: RecordResidenceFeedbackInput!) { recordResidenceFeedback(input: $i) { feedback { year } } }', {
      i: { memberId: resident, year: 2025, receivedOn: '2025-12-20', comment: 'Gương mẫu nơi cư trú' },
    });
    const delta = (await a.admin.ok(MEMBERS_213, { since: t })).members.nodes;
    expect(delta).toEqual([{ id: resident, residenceLiaison: { category: 'YEARLY_FEEDBACK' }, residenceFeedback: [{ year: 2025, comment: 'Gương mẫu nơi cư trú' }] }]);
    expect(delta.map((n: { id: string }) => n.id)).not.toContain(other);
  });

  it('mirrors API keys and webhooks; a revoked key and a disabled webhook are tombstones; tenant B’s never show', async () => {
    const KEYS = 'query($since: String) { apiKeys(modifiedSince: $since) { id revokedAt } }';
    const HOOKS = 'query($since: String) { webhooks(modifiedSince: $since) { id disabledAt } }';
    const key = async (t: TenantHandle, name: string) =>
      (await t.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }', { i: { name, scopes: ['membership:read'] } })).createApiKey.apiKey.id as string;
    const hook = async (t: TenantHandle) =>
      (
        await t.admin.ok('mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { webhook { id } } }', {
          i: { url: 'https://203.0.113.10/hooks/chibo', eventTypes: ['DeltaSyncNeverSent'], scopes: ['membership:read'] },
        })
      ).registerWebhook.webhook.id as string;
    const oldKey = await key(a, 'Khóa cũ');
    const oldHook = await hook(a);
    const t = await settledToken();
    const newKey = await key(a, 'Khóa mới');
    const newHook = await hook(a);
    const theirKey = await key(b, 'Khóa của B');
    const theirHook = await hook(b);
    expect(ids((await a.admin.ok(KEYS, { since: t })).apiKeys)).toEqual([newKey]);
    expect(ids((await a.admin.ok(HOOKS, { since: t })).webhooks)).toEqual([newHook]);
    expect(ids((await a.admin.ok(KEYS, { since: null })).apiKeys)).toEqual(expect.arrayContaining([oldKey, newKey]));
    expect(ids((await a.admin.ok(KEYS, { since: null })).apiKeys)).not.toContain(theirKey);

    const t2 = await settledToken();
    await a.admin.ok('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: oldKey });
    await a.admin.ok('mutation($id: ID!) { disableWebhook(id: $id) { id } }', { id: oldHook });
    await b.admin.ok('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: theirKey });
    await b.admin.ok('mutation($id: ID!) { disableWebhook(id: $id) { id } }', { id: theirHook });
    const keys = (await a.admin.ok(KEYS, { since: t2 })).apiKeys;
    expect(keys.map((k: { id: string }) => k.id)).toEqual([oldKey]);
    expect(keys[0].revokedAt).not.toBeNull();
    expect(ids((await a.admin.ok(HOOKS, { since: t2 })).webhooks)).toEqual([oldHook]);
    const tombs = await gone(t2);
    expect(tombs).toEqual(expect.arrayContaining([{ recordType: 'ApiKey', id: oldKey, reason: 'REVOKED' }, { recordType: 'Webhook', id: oldHook, reason: 'DISABLED' }]));
    expect(ids(tombs)).not.toEqual(expect.arrayContaining([newKey]));
    expect(ids(tombs)).not.toContain(theirKey);
    expect(ids(tombs)).not.toContain(theirHook);
    expect(ids(await gone(t2, b))).toEqual(expect.arrayContaining([theirKey, theirHook]));
    expect(ids(await gone(t2, b))).not.toContain(oldKey);
  });

  it('mirrors transfer letters; a withdrawn or rejected letter is a tombstone on its side', async () => {
    const LETTERS = 'query($d: TransferLetterDirection!, $since: String) { transferLetters(direction: $d, modifiedSince: $since) { id status } }';
    const ISSUE = 'mutation($i: IssueTransferLetterInput!) { issueTransferLetter(input: $i) { letter { id } } }';
    const issue = async (name: string, n: number) => {
      const memberId = (await a.admin.ok(REGISTER, { i: member(cell, name) })).registerMember.member.id;
      return (await a.admin.ok(ISSUE, { i: { memberId, toTenantId: b.id, letterNumber: `${n}-GGT/${Date.now() % 100000}` } })).issueTransferLetter.letter.id as string;
    };
    const first = await issue('Trần Văn Thư Một', 1);
    const t = await settledToken();
    const second = await issue('Trần Văn Thư Hai', 2);
    expect(ids((await a.admin.ok(LETTERS, { d: 'OUTGOING', since: t })).transferLetters)).toEqual([second]);
    expect(ids((await a.admin.ok(LETTERS, { d: 'OUTGOING', since: null })).transferLetters)).toEqual(expect.arrayContaining([first, second]));

    const t2 = await settledToken();
    const tb = (await b.admin.ok('{ syncToken }')).syncToken as string;
    await a.admin.ok('mutation($i: WithdrawTransferLetterInput!) { withdrawTransferLetter(input: $i) { letter { id } } }', { i: { letterId: first, reason: 'Đổi nơi chuyển đến' } });
    const incoming = (await b.admin.ok(LETTERS, { d: 'INCOMING', since: tb })).transferLetters as { id: string; status: string }[];
    expect(incoming.map((l) => l.id)).not.toContain(second);
    const theirs = (await b.admin.ok(LETTERS, { d: 'INCOMING', since: null })).transferLetters as { id: string; status: string }[];
    const received = theirs.find((l) => l.status === 'PENDING' && l.id !== first)!;
    await b.admin.ok('mutation($i: RejectTransferLetterInput!) { rejectTransferLetter(input: $i) { letter { id } } }', { i: { letterId: received.id, reason: 'Không cư trú tại địa bàn' } });

    const changed = (await a.admin.ok(LETTERS, { d: 'OUTGOING', since: t2 })).transferLetters as { id: string; status: string }[];
    expect(changed).toEqual(expect.arrayContaining([{ id: first, status: 'WITHDRAWN' }, { id: second, status: 'REJECTED' }]));
    expect(await gone(t2)).toEqual(expect.arrayContaining([
      { recordType: 'TransferLetter', id: first, reason: 'WITHDRAWN' },
      { recordType: 'TransferLetter', id: second, reason: 'REJECTED' },
    ]));
    expect(ids((await b.admin.ok(LETTERS, { d: 'INCOMING', since: tb })).transferLetters)).toContain(received.id);
    expect(await gone(tb, b)).toContainEqual({ recordType: 'TransferLetter', id: received.id, reason: 'REJECTED' });
  });

  it('mirrors a member’s history, posts and transfers; an ended post is a tombstone', async () => {
    const MEMBER = `query($id: ID!, $since: String) { member(id: $id) {
      history(modifiedSince: $since) { id } positions(modifiedSince: $since) { id endsOn } transfers(modifiedSince: $since) { id } } }`;
    const subject = (await a.admin.ok(REGISTER, { i: member(cell, 'Đinh Văn Chức') })).registerMember.member.id as string;
    const assign = async (kind: string) =>
      (await a.admin.ok('mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }', { i: { memberId: subject, kind, startsOn: '2025-01-01' } })).assignPosition.position.id as string;
    const kept = await assign('SECRETARY');
    const ending = await assign('DEPUTY_SECRETARY');
    const all = (await a.admin.ok(MEMBER, { id: subject, since: null })).member;
    expect(all.history.length).toBeGreaterThan(0);
    expect(ids(all.positions)).toEqual(expect.arrayContaining([kept, ending]));

    const t = await settledToken();
    expect((await a.admin.ok(MEMBER, { id: subject, since: t })).member).toEqual({ history: [], positions: [], transfers: [] });
    await a.admin.ok('mutation($i: EndPositionInput!) { endPosition(input: $i) { position { id } } }', { i: { positionId: ending, endsOn: '2026-01-01' } });
    const today = new Date().toISOString().slice(0, 10);
    await a.admin.ok('mutation($i: TransferMemberInput!) { transferMember(input: $i) { member { id } } }', {
      i: { memberId: subject, toCellId: otherCell, kind: 'OFFICIAL', decisionNumber: 'QĐ 9-QĐ/ĐU', decisionDate: today, startsOn: today },
    });
    const delta = (await a.admin.ok(MEMBER, { id: subject, since: t })).member;
    expect(delta.positions).toEqual([{ id: ending, endsOn: '2026-01-01' }]);
    expect(delta.transfers).toHaveLength(1);
    expect(delta.history.length).toBeGreaterThan(0);
    expect(ids(delta.history)).not.toEqual(expect.arrayContaining(ids(all.history)));
    const tombs = await gone(t);
    expect(tombs).toContainEqual({ recordType: 'MemberPosition', id: ending, reason: 'ENDED' });
    expect(ids(tombs)).not.toContain(kept);
  });

  it('mirrors a meeting’s agenda, contributions, resolutions, tasks, progress and the documents passed on', async () => {
    await stack().settle();
    const speakers: string[] = [];
    for (const name of ['Tạ Văn Nói', 'Tạ Thị Nghe']) speakers.push((await a.admin.ok(REGISTER, { i: member(otherCell, name) })).registerMember.member.id);
    await stack().settle();
    const meetingId = (
      await a.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
        i: { cellId: otherCell, kind: 'REGULAR', title: 'Sinh hoạt đồng bộ', heldAt: '2026-09-10T01:00:00.000Z' },
      })
    ).recordMeeting.meeting.id as string;
    const item = async (title: string, category: string) => (await a.admin.ok(ADD_ITEM, { i: { meetingId, title, category, plannedMinutes: 20 } })).addAgendaItem.agendaItem.id as string;
    const professional = await item('Công tác chuyên môn', 'PROFESSIONAL');
    const dissemination = await item('Phổ biến văn bản', 'DISSEMINATION');
    await a.admin.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: { meetingId, entries: speakers.map((memberId) => ({ memberId, status: 'PRESENT' })) },
    });
    const CONTRIBUTE = 'mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }';
    await a.admin.ok(CONTRIBUTE, { i: { meetingId, contributions: [{ memberId: speakers[0], agendaItemId: professional, kind: 'OPINION' }] } });
    const resolution = (
      await a.admin.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id tasks { id } } } }', {
        i: {
          meetingId, number: `07-NQ/${Date.now() % 100000}`, text: 'Nghị quyết đồng bộ', votesFor: 2, votesAgainst: 0, votesAbstain: 0,
          tasks: [{ title: 'Việc một', ownerGroup: 'Chi ủy', dueOn: '2026-12-31', targetValue: 5, targetUnit: 'hộ' }, { title: 'Việc hai', ownerGroup: 'Chi ủy', dueOn: '2026-12-31', targetValue: 5, targetUnit: 'hộ' }],
        },
      })
    ).adoptResolution.resolution as { id: string; tasks: { id: string }[] };
    const documentId = (
      await a.admin.ok('mutation($i: RegisterHigherDocumentInput!) { registerHigherDocument(input: $i) { id } }', {
        i: { orgUnitId: ward, kind: 'DIRECTIVE', number: `${Date.now() % 100000}-CT/TW`, title: 'Chỉ thị đồng bộ', issuer: 'Ban Bí thư', issuedOn: '2026-06-14', disseminateBy: '2026-12-31' },
      })
    ).registerHigherDocument.id as string;
    const MEETING = `query($id: ID!, $cell: ID!, $since: String) {
      meeting(id: $id) {
        agenda(modifiedSince: $since) { id documents(modifiedSince: $since) { id } }
        contributions(modifiedSince: $since) { id }
        resolutions(modifiedSince: $since) { id tasks(modifiedSince: $since) { id progress(modifiedSince: $since) { id } } }
      }
      orgUnit(id: $cell) { higherDocuments(modifiedSince: $since) { id } }
    }`;
    const read = async (since: string | null) => (await a.admin.ok(MEETING, { id: meetingId, cell: otherCell, since })) as any;
    const full = await read(null);
    expect(ids(full.meeting.agenda)).toEqual(expect.arrayContaining([professional, dissemination]));
    expect(full.meeting.contributions).toHaveLength(1);
    expect(ids(full.meeting.resolutions[0].tasks)).toEqual(resolution.tasks.map((x) => x.id));
    expect(ids(full.orgUnit.higherDocuments)).toContain(documentId);

    const t = await settledToken();
    expect(await read(t)).toEqual({ meeting: { agenda: [], contributions: [], resolutions: [] }, orgUnit: { higherDocuments: [] } });
    await a.admin.ok(CONTRIBUTE, { i: { meetingId, contributions: [{ memberId: speakers[1], agendaItemId: professional, kind: 'OPINION' }] } });
    await a.admin.ok('mutation($i: RecordDisseminationInput!) { recordDissemination(input: $i) { meeting { id } } }', { i: { meetingId, agendaItemId: dissemination, documentIds: [documentId] } });
    const progress = (
      await a.admin.ok('mutation($i: ReportTaskProgressInput!) { reportTaskProgress(input: $i) { progress { id } } }', { i: { taskId: resolution.tasks[1].id, reportedOn: '2026-09-20', amount: 2, note: 'Hai hộ' } })
    ).reportTaskProgress.progress.id as string;
    const delta = await read(t);
    // The dissemination changes its agenda item and the document; the new progress its task and resolution.
    expect(delta.meeting.agenda).toEqual([{ id: dissemination, documents: [{ id: documentId }] }]);
    expect(delta.meeting.contributions).toHaveLength(1);
    expect(ids(delta.meeting.contributions)).not.toContain(full.meeting.contributions[0].id);
    expect(delta.meeting.resolutions).toEqual([{ id: resolution.id, tasks: [{ id: resolution.tasks[1].id, progress: [{ id: progress }] }] }]);
    expect(ids(delta.orgUnit.higherDocuments)).toEqual([documentId]);
    // Tenant B cannot reach A's meeting with or without a token.
    expect((await b.admin.execute(MEETING, { id: meetingId, cell: otherCell, since: t })).data?.meeting ?? null).toBeNull();
  });

  it('mirrors supervisions, inspections and a member’s discipline cases', async () => {
    const subject = (await a.admin.ok(REGISTER, { i: member(otherCell, 'Kiều Văn Soát') })).registerMember.member.id as string;
    await stack().settle();
    const inspector = await a.user({ role: Role.INSPECTOR, scope: a.rootOrgUnitId });
    const supervise = async (title: string) =>
      (await inspector.ok('mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id } } }', { i: { kind: 'REGULAR', orgUnitId: otherCell, title } })).openSupervision.supervision.id as string;
    const inspect = async (title: string) =>
      (await inspector.ok('mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }', { i: { kind: 'FINANCE', orgUnitId: otherCell, title, decidedOn: '2026-03-01' } })).openInspection.inspection.id as string;
    const openCase = async (title: string) =>
      (
        await inspector.ok('mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { disciplineCase { id } } }', {
          i: { trigger: 'DENUNCIATION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: otherCell, subjectMemberId: subject, title, openedOn: '2026-03-02', violations: [{ occurredOn: '2025-11-20' }] },
        })
      ).openDisciplineCase.disciplineCase.id as string;
    const before = { s: await supervise('Giám sát trước'), i: await inspect('Kiểm tra tài chính trước'), c: await openCase('Vụ việc cũ') };
    const READ = `query($cell: ID!, $m: ID!, $since: String) {
      orgUnit(id: $cell) { supervisions(modifiedSince: $since) { id } inspections(modifiedSince: $since) { id } }
      member(id: $m) { disciplineCases(modifiedSince: $since) { id } } }`;
    const read = async (since: string | null) => {
      const d = await inspector.ok(READ, { cell: otherCell, m: subject, since });
      return { s: ids(d.orgUnit.supervisions), i: ids(d.orgUnit.inspections), c: ids(d.member.disciplineCases) };
    };
    const full = await read(null);
    expect(full.s).toContain(before.s);
    expect(full.i).toContain(before.i);
    expect(full.c).toContain(before.c);
    const t = await settledToken();
    expect(await read(t)).toEqual({ s: [], i: [], c: [] });
    const after = { s: await supervise('Giám sát sau'), i: await inspect('Kiểm tra tài chính sau'), c: await openCase('Vụ việc mới') };
    expect(await read(t)).toEqual({ s: [after.s], i: [after.i], c: [after.c] });
  });

  it('refuses a forged token on the new lists too', async () => {
    for (const query of ['query($s: String) { apiKeys(modifiedSince: $s) { id } }', 'query($s: String) { webhooks(modifiedSince: $s) { id } }']) {
      const res = await a.admin.execute(query, { s: 'yesterday' });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
