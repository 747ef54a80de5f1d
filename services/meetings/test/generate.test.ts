import { randomUUID } from 'node:crypto';
import { Gender, MemberStatus, OrgUnitKind, type GeneratedTenant } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { CellProfile, buildMeetingRows, generateMeetings } from '../src/store/generate';
import { excusedStreaks } from '../src/domain/removal';

const CELL_NAMES = ['Chi bộ tổ dân phố 3', ...Array.from({ length: 11 }, (_, i) => `Chi bộ tổ dân phố ${i + 10}`)];

/** The demo generator on a small tenant built here: the dashboards and flags show the variety DOMAIN.md describes. */
describe('generating twelve months of meetings for a generated tenant', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tenant: GeneratedTenant;
  let profiles: Map<string, CellProfile>;
  let cellByName: Map<string, string>;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (dữ liệu mẫu)');
    // The tree is membership's (through its API, so every service knows it); the members are data.
    const ward = await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Tân Giang');
    cellByName = new Map();
    for (const name of CELL_NAMES) cellByName.set(name, await city.createOrgUnit(ward, OrgUnitKind.CELL, name));
    await stack().settle();
    const units = [
      { id: city.rootOrgUnitId, parentId: null, kind: OrgUnitKind.COMMITTEE, name: city.name, validFrom: '2000-01-01' },
      { id: ward, parentId: city.rootOrgUnitId, kind: OrgUnitKind.COMMITTEE, name: 'Đảng bộ phường Tân Giang', validFrom: '2000-01-01' },
      ...[...cellByName].map(([name, id]) => ({ id, parentId: ward, kind: OrgUnitKind.CELL, name, validFrom: '2000-01-01' })),
    ];
    const members = [...cellByName.values()].flatMap((cellId, c) =>
      Array.from({ length: 9 }, (_, i) => ({
        id: randomUUID(),
        cellId,
        fullName: `Nguyễn Văn ${c}-${i}`,
        gender: i % 2 ? Gender.MALE : Gender.FEMALE,
        birthDate: '1970-01-01',
        admittedOn: `20${10 + i}-02-0${1 + (c % 8)}`,
        officialOn: null,
        status: MemberStatus.OFFICIAL,
      })),
    );
    tenant = { tenantId: city.id, name: city.name, scale: 'demo', seed: 20261124, from: '2025-11-01', to: '2026-10-31', units, members };

    const client = await stack().sql('meetings', 'app');
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [city.id]);
      const steps: string[] = [];
      const r = await generateMeetings(client, tenant, (step) => steps.push(step));
      await client.query('COMMIT');
      profiles = r.profiles;
      expect(r.meetings).toBeGreaterThan(12 * 12);
      expect(steps).toContain('meetings: attendance');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      await client.end();
    }
  }, 120_000);

  const cellsWith = (p: CellProfile) => [...profiles].filter(([, v]) => v === p).map(([k]) => k).sort();

  it('is deterministic from the seed and draws every profile for this tenant', () => {
    expect(JSON.stringify(buildMeetingRows(tenant).meetings)).toBe(JSON.stringify(buildMeetingRows(tenant).meetings));
    expect(JSON.stringify(buildMeetingRows({ ...tenant, seed: 1 }).meetings)).not.toBe(JSON.stringify(buildMeetingRows(tenant).meetings));
    expect(profiles.get(cellByName.get('Chi bộ tổ dân phố 3')!)).toBe(CellProfile.MODEL_STREET);
    for (const p of [CellProfile.PROFESSIONAL_HEAVY, CellProfile.SECRETARY_ONLY, CellProfile.NO_THEMATIC, CellProfile.NORMAL]) expect([p, cellsWith(p).length > 0]).toEqual([p, true]);
  });

  it("the month's flags show the professional-heavy cells and those where only the secretary speaks", async () => {
    const r = await city.admin.ok(
      'query($id: ID!) { orgUnit(id: $id) { meetingFlags(period: "2026-09") { onlyChairSpoke { cell { id } } professionalShareExceeded { cell { id } } } } }',
      { id: city.rootOrgUnitId },
    );
    const cellsOf = (ms: { cell: { id: string } }[]) => [...new Set(ms.map((m) => m.cell.id))].sort();
    expect(cellsOf(r.orgUnit.meetingFlags.onlyChairSpoke)).toEqual(cellsWith(CellProfile.SECRETARY_ONLY));
    expect(cellsOf(r.orgUnit.meetingFlags.professionalShareExceeded)).toEqual(cellsWith(CellProfile.PROFESSIONAL_HEAVY));
  });

  it('the cells with no thematic meeting all term are exactly the ones generated so', async () => {
    const r = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { cellsWithoutThematicMeetingSince(since: "2025-11-01") { id } } }', { id: city.rootOrgUnitId });
    expect(r.orgUnit.cellsWithoutThematicMeetingSince.map((c: { id: string }) => c.id).sort()).toEqual(cellsWith(CellProfile.NO_THEMATIC));
  });

  it("chi bộ tổ dân phố 3's model street: 100,000,000 VND to raise, raised from residents, reviewed and completed", async () => {
    const cell = cellByName.get('Chi bộ tổ dân phố 3')!;
    const r = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { resolutionFollowUp(year: 2025) { resolutions reviewed mobilized { unit target achieved } } } }', { id: cell });
    const vnd = r.orgUnit.resolutionFollowUp.mobilized.find((m: { unit: string }) => m.unit === 'VND');
    expect(vnd.target).toBe(100_000_000);
    expect(vnd.achieved).toBeGreaterThanOrEqual(100_000_000);
    const meetings = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 100) { nodes { resolutions { text status } } } } }', { id: cell });
    const model = meetings.orgUnit.meetings.nodes.flatMap((m: { resolutions: { text: string; status: string }[] }) => m.resolutions).filter((x: { text: string }) => x.text.includes('tuyến phố văn minh'));
    expect(model).toEqual([{ text: expect.stringContaining('100.000.000'), status: 'COMPLETED' }]);
  });

  it("the dashboard counts the month's regular meetings and attendance", async () => {
    const r = await city.admin.ok('{ dashboard(orgUnitId: "' + city.rootOrgUnitId + '", period: "2026-09") { regularMeetingsHeld attendanceRate participationRate } }');
    expect(r.dashboard.regularMeetingsHeld).toBeGreaterThanOrEqual(10);
    expect(r.dashboard.attendanceRate).toBeGreaterThan(0.7);
    expect(r.dashboard.attendanceRate).toBeLessThan(1);
  });

  it('G-6, G-7: the bulk-built figures give the dashboard the same content balance and levels as the meetings themselves', async () => {
    const q = `query($id: ID!, $p: String) { dashboard(orgUnitId: $id, period: $p) { meetingsHeld contentBalance { category minutes } qualityLevels { level count }
      professionalHeavyMeetings(first: 100) { id } heldMeetings(first: 100) { id contentBalance { categories { category minutes } professionalShareExceeded } qualityScore { level } } } }`;
    const d = (await city.admin.ok(q, { id: city.rootOrgUnitId, p: '2026-Q3' })).dashboard;
    expect(d.heldMeetings.length).toBe(d.meetingsHeld);
    expect(d.meetingsHeld).toBeLessThan(100);
    type Held = { id: string; contentBalance: { categories: { category: string; minutes: number }[]; professionalShareExceeded: boolean }; qualityScore: { level: string } | null };
    const minutes = new Map<string, number>();
    for (const m of d.heldMeetings as Held[]) for (const c of m.contentBalance.categories) minutes.set(c.category, (minutes.get(c.category) ?? 0) + c.minutes);
    expect(Object.fromEntries(d.contentBalance.map((c: { category: string; minutes: number }) => [c.category, c.minutes]))).toEqual(Object.fromEntries(minutes));
    const levels = (d.heldMeetings as Held[]).map((m) => m.qualityScore?.level).filter(Boolean);
    expect(d.qualityLevels).toEqual(['GOOD', 'FAIR', 'AVERAGE', 'POOR'].map((level) => ({ level, count: levels.filter((l) => l === level).length })));
    expect(levels.length).toBeGreaterThan(0);
    // The professional-heavy cells' meetings are the ones flagged (G-6).
    const flagged = (d.heldMeetings as Held[]).filter((m) => m.contentBalance.professionalShareExceeded).map((m) => m.id);
    expect(d.professionalHeavyMeetings.map((m: { id: string }) => m.id).sort()).toEqual(flagged.sort());
    expect(flagged.length).toBeGreaterThan(0);
  });

  it('G-7/G-12: every held cell meeting is scored, and the yearly theme shows progress computed from them', async () => {
    const r = await city.admin.ok(
      'query($id: ID!) { orgUnit(id: $id) { yearlyTheme(year: 2026) { title targets { kind value met explanation } } } }',
      { id: city.rootOrgUnitId },
    );
    expect(r.orgUnit.yearlyTheme.title).toMatch(/nâng cao chất lượng sinh hoạt chi bộ/);
    const byKind = Object.fromEntries(r.orgUnit.yearlyTheme.targets.map((t: { kind: string }) => [t.kind, t]));
    // Some meetings are GOOD, not all: the professional-heavy and secretary-only cells lose points.
    expect(byKind.MEETINGS_RATED_GOOD.value).toBeGreaterThan(0);
    expect(byKind.MEETINGS_RATED_GOOD.value).toBeLessThan(1);
    // The no-thematic cells keep the city below its thematic target.
    expect(byKind.CELLS_WITH_THEMATIC_EVERY_QUARTER.value).toBeLessThanOrEqual(1 - cellsWith(CellProfile.NO_THEMATIC).length / CELL_NAMES.length);
    const cell = cellByName.get('Chi bộ tổ dân phố 3')!;
    const meetings = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { meetings(first: 3) { nodes { kind qualityScore { totalPoints level items { explanation } } } } } }', { id: cell });
    const scored = meetings.orgUnit.meetings.nodes.filter((m: { kind: string }) => m.kind !== 'CELL_COMMITTEE');
    expect(scored.length).toBeGreaterThan(0);
    for (const m of scored) expect(m.qualityScore.items.length).toBe(10);
  });

  it('G-11: the directives reached the cells that pass documents on, not the professional-heavy ones', async () => {
    const r = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { higherDocuments { number dissemination { pending { id } done { cell { id } } } } } }', { id: city.rootOrgUnitId });
    expect(r.orgUnit.higherDocuments.map((d: { number: string }) => d.number).sort()).toEqual(['118-KL/TW', '12-KH/TU', '35-CT/TW']);
    const first = r.orgUnit.higherDocuments.find((d: { number: string }) => d.number === '35-CT/TW');
    expect(first.dissemination.pending.map((c: { id: string }) => c.id).sort()).toEqual(cellsWith(CellProfile.PROFESSIONAL_HEAVY));
    expect(first.dissemination.done.length).toBe(CELL_NAMES.length - cellsWith(CellProfile.PROFESSIONAL_HEAVY).length);
  });

  it('G-10: the excused-absence streaks computed in SQL are the domain rule applied to the same attendance', async () => {
    await city.admin.ok('mutation($i: SetMeetingRuleSetInput!) { setMeetingRuleSet(input: $i) { ruleSet { version } } }', {
      i: { effectiveFrom: '2025-01-01', regularMeetingDay: 3, sundayRule: 'KEEP', thematicMeetingDay: 15, attendanceRateMin: 0.85, professionalShareMax: 0.5, unexcusedMonthsForRemoval: 3, excusedStreakMax: 1 },
    });
    const r = await city.admin.ok('query($id: ID!) { orgUnit(id: $id) { excusedAbsenceStreaks(year: 2026) { memberId cellId longest } } }', { id: city.rootOrgUnitId });
    const sql = await stack().sql('meetings', 'admin');
    try {
      const { rows } = await sql.query(
        `SELECT a.member_id AS "memberId", m.cell_id AS "cellId", a.status FROM meetings.attendance a
         JOIN meetings.meeting m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id
         WHERE a.tenant_id = $1 AND m.kind IN ('REGULAR', 'THEMATIC', 'EXTRAORDINARY') AND m.status IN ('HELD', 'MINUTES_APPROVED')
           AND m.held_at >= '2025-12-31T17:00:00Z' AND m.held_at < '2026-12-31T17:00:00Z'
         ORDER BY m.held_at, m.id`,
        [city.id],
      );
      const expected = excusedStreaks(rows, 1);
      expect(expected.length).toBeGreaterThan(0);
      const key = (x: { memberId: string; cellId: string; longest: number }) => `${x.memberId}/${x.cellId}/${x.longest}`;
      expect(r.orgUnit.excusedAbsenceStreaks.map(key).sort()).toEqual(expected.map(key).sort());
    } finally {
      await sql.end();
    }
  });
});
