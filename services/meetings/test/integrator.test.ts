import { AttendanceStatus, MeetingKind } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { admitMembers } from './helpers';

const CREATE_KEY = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }';
const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id status } } }';
const ATTENDANCE = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }';
const heldAt = '2026-10-03T01:00:00.000Z';

/** Issue 7 × issue 4: an integrator's key records meetings only with `meetings:write`, only in its tenant. */
describe('integrators recording meetings (meetings:write)', () => {
  const stack = useStack();
  let a: TenantHandle;
  let b: TenantHandle;
  let treeA: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let treeB: Awaited<ReturnType<TenantHandle['seedTree']>>;

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ tích hợp ghi họp A');
    b = await stack().createTenant('Đảng bộ tích hợp ghi họp B');
    treeA = await a.seedTree();
    treeB = await b.seedTree();
  });

  const withKey = (key: string) => ({
    execute: async (query: string, variables?: Record<string, unknown>) => {
      const res = await fetch(stack().gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query, variables }) });
      return res.json();
    },
  });
  const key = async (tenant: TenantHandle, scopes: string[]) => withKey((await tenant.admin.ok(CREATE_KEY, { i: { name: `Phần mềm phường ${scopes.join('+')}`, scopes } })).createApiKey.secret);

  it("with meetings:write it records a meeting and its attendance in its tenant's cells", async () => {
    const members = await admitMembers(stack(), a, treeA.cell, 3);
    const writer = await key(a, ['meetings:read', 'meetings:write']);
    const rec = await writer.execute(RECORD, { i: { cellId: treeA.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt thường kỳ tháng 10', heldAt } });
    expect(rec.errors).toBeUndefined();
    expect(rec.data.recordMeeting.meeting.status).toBe('HELD');
    const meetingId = rec.data.recordMeeting.meeting.id;
    const att = await writer.execute(ATTENDANCE, { i: { meetingId, entries: members.map((memberId) => ({ memberId, status: AttendanceStatus.PRESENT })) } });
    expect(att.errors).toBeUndefined();
    const seen = await a.admin.ok('query($id: ID!) { meeting(id: $id) { attendance { present } } }', { id: meetingId });
    expect(seen.meeting.attendance.present).toBe(3);
  });

  it('without meetings:write it is refused, naming the scope, and nothing is recorded', async () => {
    const reader = await key(a, ['meetings:read']);
    const res = await reader.execute(RECORD, { i: { cellId: treeA.otherCell, kind: MeetingKind.REGULAR, title: 'Không được phép', heldAt } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'meetings:write' });
    const listed = await a.admin.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 5) { totalCount } } }', { id: treeA.otherCell });
    expect(listed.orgUnit.meetings.totalCount).toBe(0);
  });

  it("with meetings:write of one tenant it cannot touch another tenant's cell", async () => {
    const writer = await key(a, ['meetings:write']);
    const res = await writer.execute(RECORD, { i: { cellId: treeB.cell, kind: MeetingKind.REGULAR, title: 'Sang tenant khác', heldAt } });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const listed = await b.admin.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 5) { totalCount } } }', { id: treeB.cell });
    expect(listed.orgUnit.meetings.totalCount).toBe(0);
  });
});
