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

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ đồng bộ A');
    b = await stack().createTenant('Đảng bộ đồng bộ B');
    ({ cell, ward } = await a.seedTree());
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
  });
});
