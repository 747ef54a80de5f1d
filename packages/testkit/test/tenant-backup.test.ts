import { randomBytes } from 'node:crypto';
import { MeetingKind } from '@chibo/domain';
import { dropDatabase, ensureDatabase, exportTenant, importTenant, withDatabase } from '@chibo/service-kit';
import { Stack, migrateAll, useStack } from '@chibo/testkit';

/** Backup and restore of one tenant: its rows only, into another database, readable there. */
describe('one tenant backed up and restored', () => {
  const source = useStack();

  it('restores a city committee into an empty database with its tree and meetings, and nothing of another tenant', async () => {
    const city = await source().createTenant('Đảng bộ sao lưu');
    const tree = await city.seedTree();
    await city.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: tree.cell, kind: MeetingKind.THEMATIC, title: 'Chuyên đề sao lưu', heldAt: new Date().toISOString() },
    });
    const other = await source().createTenant('Đảng bộ khác');
    await other.seedTree();
    await source().settle();

    const lines: string[] = [];
    const dumped = await exportTenant(source().options.adminUrl, city.id, (l) => lines.push(l));
    expect(dumped.rows).toBeGreaterThan(10);
    expect(lines.join('')).not.toContain(other.id);

    const name = `chibo_restore_${randomBytes(4).toString('hex')}`;
    const targetUrl = withDatabase(source().options.adminUrl, name);
    await ensureDatabase(targetUrl, name);
    let target: Stack | undefined;
    try {
      await migrateAll(targetUrl, source().options.password);
      const restored = await importTenant(targetUrl, lines);
      expect(restored.rows).toBe(dumped.rows);

      target = await Stack.start({ adminUrl: targetUrl, password: source().options.password });
      const admin = target.client(await target.token({ tenantId: city.id, roles: ['city_admin' as never] }));
      const query = '{ currentTenant { name rootOrgUnit { children { name children { name meetings(first: 5) { totalCount nodes { title } } } } } } }';
      expect(await admin.ok(query)).toEqual(await city.admin.ok(query));
    } finally {
      await target?.stop();
      await dropDatabase(targetUrl, name);
    }
  });
});
