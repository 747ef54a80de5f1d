import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES } from '@chibo/service-kit';
import { useStack, type TenantHandle } from '@chibo/testkit';

/** DESIGN.md §2, checked in SQL: the wall behind the application's own checks. */
describe('row-level security in PostgreSQL', () => {
  const stack = useStack();
  let a: TenantHandle;
  let b: TenantHandle;

  beforeAll(async () => {
    a = await stack().createTenant('Đảng bộ RLS A');
    b = await stack().createTenant('Đảng bộ RLS B');
    await a.seedTree();
    await b.seedTree();
  });

  it('forces row-level security on every tenant table of every service', async () => {
    const admin = await stack().sql('membership', 'admin');
    try {
      const { rows } = await admin.query(
        `SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'r' AND n.nspname = ANY($1) AND c.relname <> 'migrations'`,
        [SERVICE_NAMES],
      );
      expect(rows.length).toBeGreaterThanOrEqual(8);
      for (const r of rows) expect({ t: `${r.schema}.${r.table}`, enabled: r.enabled, forced: r.forced, hasTenant: r.has_tenant }).toEqual({ t: `${r.schema}.${r.table}`, enabled: true, forced: true, hasTenant: true });
    } finally {
      await admin.end();
    }
  });

  it('gives no app or relay role a way around it', async () => {
    const admin = await stack().sql('membership', 'admin');
    try {
      const { rows } = await admin.query(
        `SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreaterole,
                EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relowner = r.oid AND n.nspname = ANY($1)) AS owns_tables
           FROM pg_roles r WHERE r.rolname LIKE 'chibo\\_%\\_app' OR r.rolname LIKE 'chibo\\_%\\_relay'`,
        [SERVICE_NAMES],
      );
      expect(rows.map((r) => r.rolname).sort()).toEqual(SERVICE_NAMES.flatMap((s) => [`chibo_${s}_app`, `chibo_${s}_relay`]).sort());
      for (const r of rows) expect([r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.owns_tables]).toEqual([r.rolname, false, false, false, false]);
    } finally {
      await admin.end();
    }
  });

  it.each(SERVICE_NAMES)('%s: the app role sees only the tenant of its transaction', async (service) => {
    const table = 'org_unit'; // membership's own tree, the others' projection of it
    const app = await stack().sql(service, 'app');
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
      const { rows } = await app.query(`SELECT DISTINCT tenant_id FROM "${service}"."${table}"`);
      expect(rows.map((r) => r.tenant_id)).toEqual([a.id]);
      const leak = await app.query(`SELECT count(*)::int AS n FROM "${service}"."${table}" WHERE tenant_id = $1`, [b.id]);
      expect(leak.rows[0].n).toBe(0);
      await app.query('COMMIT');

      // The setting was local to that transaction: the next one starts with no tenant.
      const none = await app.query(`SELECT count(*)::int AS n FROM "${service}"."${table}"`);
      expect(none.rows[0].n).toBe(0);
    } finally {
      await app.end();
    }
  });

  it('rejects a write that carries another tenant id', async () => {
    const app = await stack().sql('meetings', 'app');
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
      await expect(
        app.query(
          `INSERT INTO meetings.meeting (tenant_id, id, cell_id, kind, status, title, created_by) VALUES ($1, $2, $2, 'REGULAR', 'HELD', 'x', 'attacker')`,
          [b.id, randomUUID()],
        ),
      ).rejects.toThrow(/row-level security/);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });

  it('does not let the app role delete or alter tables (records are soft-deleted)', async () => {
    const app = await stack().sql('membership', 'app');
    try {
      await expect(app.query('DELETE FROM membership.org_unit')).rejects.toThrow(/permission denied/);
      await expect(app.query('ALTER TABLE membership.org_unit DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
      await expect(app.query('SELECT count(*) FROM meetings.meeting')).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });
});

describe('the inspection audit log is append-only', () => {
  const stack = useStack();

  it('lets the app role add and read reads of confidential records, never change them', async () => {
    const app = await stack().sql('inspection', 'app');
    try {
      await expect(app.query('UPDATE inspection.confidential_read SET tenant_id = tenant_id')).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM inspection.confidential_read')).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });
});
