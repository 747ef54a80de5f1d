import { Role } from '@chibo/domain';
import { UNAUDITED_TABLES } from '@chibo/service-kit';
import { useStack, type TenantHandle } from '@chibo/testkit';

const LOG = (service: string) => `query($first: Int!, $after: String, $f: AuditLogFilter) {
  ${service}AuditLog(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { endCursor hasNextPage }
    nodes { id service at actor operation recordType recordId action changes { field before after } }
  }
}`;

const REGISTER = `mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }`;
const memberInput = (cellId: string, fullName: string, partyCardNumber: string) => ({
  cellId,
  fullName,
  dateOfBirth: '1970-05-19',
  gender: 'MALE',
  status: 'OFFICIAL',
  admittedOn: '2000-02-03',
  officialOn: '2001-02-03',
  citizenId: '042070009876',
  partyCardNumber,
});

/** The mutation audit log (issue 7), from the outside and in SQL. */
describe('the mutation audit log', () => {
  const stack = useStack();
  let a: TenantHandle;
  let b: TenantHandle;
  let cell: string;

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ nhật ký A');
    b = await stack().createTenant('Đảng bộ nhật ký B');
    ({ cell } = await a.seedTree());
    await b.seedTree();
  });

  it('records who changed which record through which mutation, with before/after, citizen id masked', async () => {
    const card = `AUD${Date.now()}`;
    const { id } = (await a.admin.ok(REGISTER, { i: memberInput(cell, 'Nguyễn Văn Nhật', card) })).registerMember.member;
    const log = (await a.admin.ok(LOG('membership'), { first: 10, f: { recordType: 'member', recordId: id } })).membershipAuditLog;
    expect(log.totalCount).toBe(1);
    const entry = log.nodes[0];
    expect(entry).toMatchObject({ service: 'membership', actor: `city-admin-${a.id}`, operation: 'registerMember', action: 'INSERT', recordId: id });
    const change = (f: string) => entry.changes.find((c: { field: string }) => c.field === f);
    expect(change('full_name')).toEqual({ field: 'full_name', before: null, after: JSON.stringify('Nguyễn Văn Nhật') });
    expect(change('party_card_number').after).toBe(JSON.stringify(card));
    // The cipher text is as sensitive as the number: neither appears in the log.
    expect(change('citizen_id_cipher').after).toBe('"***"');
    expect(JSON.stringify(log)).not.toContain('042070009876');

    // An update names only the fields it changed, with both values.
    await a.admin.ok('mutation($i: RenameOrgUnitInput!) { renameOrgUnit(input: $i) { orgUnit { id } } }', { i: { id: cell, name: 'Chi bộ tổ dân phố 3 (mới)' } });
    const updates = (await a.admin.ok(LOG('membership'), { first: 10, f: { recordId: cell, operation: 'renameOrgUnit' } })).membershipAuditLog;
    const rename = updates.nodes.find((n: { recordType: string }) => n.recordType === 'org_unit');
    expect(rename).toMatchObject({ action: 'UPDATE', recordId: cell });
    expect(rename.changes).toContainEqual({ field: 'name', before: JSON.stringify('Chi bộ tổ dân phố 3'), after: JSON.stringify('Chi bộ tổ dân phố 3 (mới)') });
    const fields = rename.changes.map((c: { field: string }) => c.field);
    for (const untouched of ['kind', 'path', 'parent_id', 'created_by', 'updated_at']) expect(fields).not.toContain(untouched);
  });

  it('keeps nothing of a mutation that failed', async () => {
    const card = `DUP${Date.now()}`;
    await a.admin.ok(REGISTER, { i: memberInput(cell, 'Lê Văn Một', card) });
    const failed = await a.admin.execute(REGISTER, { i: memberInput(cell, 'Lê Văn Hai', card) });
    expect(failed.errors?.[0].extensions?.code).toBe('CONFLICT');
    const log = (await a.admin.ok(LOG('membership'), { first: 100, f: { operation: 'registerMember', recordType: 'member' } })).membershipAuditLog;
    const names = log.nodes.map((n: { changes: { field: string; after: string }[] }) => n.changes.find((c) => c.field === 'full_name')?.after);
    expect(names).toContain(JSON.stringify('Lê Văn Một'));
    expect(names).not.toContain(JSON.stringify('Lê Văn Hai'));
  });

  it('is written in the changing transaction: a rollback takes the entry with it', async () => {
    const app = await stack().sql('membership', 'app');
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.actor', 'sql-test', true)`, [a.id]);
      const id = a.rootOrgUnitId;
      await app.query(`UPDATE membership.org_unit SET name = name || ' (tạm)' WHERE tenant_id = $1 AND id = $2`, [a.id, id]);
      const inside = await app.query(`SELECT actor, action FROM membership.audit_log WHERE record_id = $1 AND actor = 'sql-test'`, [id]);
      expect(inside.rows).toEqual([{ actor: 'sql-test', action: 'UPDATE' }]);
      await app.query('ROLLBACK');
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
      const after = await app.query(`SELECT count(*)::int AS n FROM membership.audit_log WHERE record_id = $1 AND actor = 'sql-test'`, [id]);
      expect(after.rows[0].n).toBe(0);
      await app.query('COMMIT');
    } finally {
      await app.end();
    }
  });

  it.each(['membership', 'meetings', 'inspection'])('%s: is append-only for the app role, and for the owner too', async (service) => {
    const app = await stack().sql(service as 'membership', 'app');
    const owner = await stack().sql(service as 'membership', 'owner');
    try {
      await expect(app.query(`UPDATE "${service}".audit_log SET actor = 'forged'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM "${service}".audit_log`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE "${service}".audit_log`)).rejects.toThrow(/permission denied/);
      await expect(
        app.query(`INSERT INTO "${service}".audit_log (tenant_id, txid, actor, operation, table_name, action, changed_fields) VALUES ($1, 1, 'forged', 'x', 'x', 'INSERT', '{}')`, [a.id]),
      ).rejects.toThrow(/permission denied/);
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
      await expect(owner.query(`UPDATE "${service}".audit_log SET actor = 'forged'`)).rejects.toThrow(/append-only/);
      await owner.query('ROLLBACK');
      // Every table holding the tenant's records is audited (a new one is attached by migrate()).
      const { rows } = await owner.query(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> ALL ($2)
            AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'audit_row')`,
        [service, UNAUDITED_TABLES],
      );
      expect(rows).toEqual([]);
    } finally {
      await app.end();
      await owner.end();
    }
  });

  it('is for city admins only, and shows each tenant only its own changes', async () => {
    for (const role of [Role.COMMITTEE_STAFF, Role.INSPECTOR, Role.CELL_SECRETARY, Role.MEMBER]) {
      const user = await a.user({ role, scope: role === Role.MEMBER ? cell : null });
      for (const service of ['membership', 'meetings', 'inspection']) {
        const res = await user.execute(LOG(service), { first: 5 });
        expect([role, service, res.errors?.[0].extensions?.code]).toEqual([role, service, 'FORBIDDEN']);
      }
    }
    const integrator = await a.user({ role: Role.INTEGRATOR, scopes: ['membership:read', 'meetings:read', 'discipline:read'] });
    expect((await integrator.execute(LOG('membership'), { first: 5 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const mine = (await a.admin.ok(LOG('membership'), { first: 100 })).membershipAuditLog;
    const theirs = (await b.admin.ok(LOG('membership'), { first: 100 })).membershipAuditLog;
    expect(mine.totalCount).toBeGreaterThan(0);
    const mineIds = new Set(mine.nodes.map((n: { id: string }) => n.id));
    expect(theirs.nodes.filter((n: { id: string }) => mineIds.has(n.id))).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain(a.id);
  });

  it('shows a city admin that a discipline case changed, never its confidential values', async () => {
    const { id: memberId } = (await a.admin.ok(REGISTER, { i: memberInput(cell, 'Đỗ Văn Kỷ', `DC${Date.now()}`) })).registerMember.member;
    await stack().settle();
    const inspector = await a.user({ role: Role.INSPECTOR, scope: a.rootOrgUnitId });
    const title = 'Vi phạm bí mật số 7';
    await inspector.ok('mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { disciplineCase { id } } }', {
      i: { trigger: 'DENUNCIATION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: cell, subjectMemberId: memberId, title, openedOn: '2026-03-02', violations: [{ occurredOn: '2025-11-20' }] },
    });
    const log = (await a.admin.ok(LOG('inspection'), { first: 20, f: { operation: 'openDisciplineCase' } })).inspectionAuditLog;
    expect(log.totalCount).toBeGreaterThan(0);
    const changes = log.nodes.flatMap((n: { changes: { field: string; before: string | null; after: string | null }[] }) => n.changes);
    expect(changes.map((c: { field: string }) => c.field)).toContain('title');
    expect(changes.every((c: { after: string | null }) => c.after === null || c.after === '"***"')).toBe(true);
    expect(JSON.stringify(log)).not.toContain(title);
    // A city admin who is also an inspector sees the values.
    const both = await stack().client(await stack().token({ tenantId: a.id, roles: [Role.CITY_ADMIN, Role.INSPECTOR], scopeOrgUnitId: null }));
    expect(JSON.stringify(await both.ok(LOG('inspection'), { first: 20, f: { operation: 'openDisciplineCase' } }))).toContain(title);
  });

  it('logs the changes other services make when they apply events, and pages with filters', async () => {
    await stack().settle();
    const meetings = (await a.admin.ok(LOG('meetings'), { first: 2, f: { operation: 'OrgUnitCreated' } })).meetingsAuditLog;
    expect(meetings.totalCount).toBeGreaterThanOrEqual(3); // the three units of seedTree
    expect(meetings.nodes[0]).toMatchObject({ service: 'meetings', actor: 'event:membership', operation: 'OrgUnitCreated', recordType: 'org_unit', action: 'INSERT' });
    const next = (await a.admin.ok(LOG('meetings'), { first: 2, after: meetings.pageInfo.endCursor, f: { operation: 'OrgUnitCreated' } })).meetingsAuditLog;
    expect(next.nodes.length).toBeGreaterThan(0);
    expect(next.nodes.map((n: { id: string }) => n.id)).not.toContain(meetings.nodes[0].id);

    const future = (await a.admin.ok(LOG('membership'), { first: 5, f: { from: new Date(Date.now() + 3600_000).toISOString() } })).membershipAuditLog;
    expect(future.totalCount).toBe(0);
    const byActor = (await a.admin.ok(LOG('membership'), { first: 100, f: { actor: `city-admin-${a.id}` } })).membershipAuditLog;
    expect(byActor.nodes.every((n: { actor: string }) => n.actor === `city-admin-${a.id}`)).toBe(true);
    expect(byActor.totalCount).toBeGreaterThan(0);
  });
});
