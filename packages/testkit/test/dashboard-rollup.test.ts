import { randomUUID } from 'node:crypto';
import { AgendaCategory, Gender, InspectionKind, MeetingKind, MemberStatus, OrgUnitKind, Role, type GeneratedTenant } from '@chibo/domain';
import { generateMeetings } from '@chibo/meetings';
import { useStack, type TenantHandle } from '@chibo/testkit';

const DASHBOARD = `query($id: ID!) {
  dashboard(orgUnitId: $id) {
    meetingsHeld regularMeetingsHeld thematicMeetingsThisQuarter cellsWithoutRegularMeeting
    cellsWithoutThematicThisQuarter cellCount openInspections
  }
}`;
const SUMMED = ['meetingsHeld', 'regularMeetingsHeld', 'thematicMeetingsThisQuarter', 'cellsWithoutRegularMeeting', 'cellsWithoutThematicThisQuarter', 'cellCount', 'openInspections'] as const;

/** The meetings figures of any period (G-1, G-6, G-7): counts add up, rates and shares are taken from the sums. */
const PERIOD_FIGURES = `query($id: ID!, $p: String) { dashboard(orgUnitId: $id, period: $p) {
  regularMeetingsDue regularMeetingRate missedRegularMeetings(first: 100) { cell { id } month }
  cellsWithoutThematicThisTerm cellsWithoutThematicThisTermList { id }
  contentBalance { category minutes share } qualityLevels { level count }
} }`;
type PeriodFigures = {
  regularMeetingsDue: number;
  regularMeetingRate: number | null;
  missedRegularMeetings: { cell: { id: string }; month: string }[];
  cellsWithoutThematicThisTerm: number;
  cellsWithoutThematicThisTermList: { id: string }[];
  contentBalance: { category: string; minutes: number; share: number }[];
  qualityLevels: { level: string; count: number }[];
};

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/**
 * Roll-ups: on generated data, every figure of a ward is the sum of its cells', and the city's
 * the sum of its wards' — through the gateway, from all three services.
 */
describe('dashboard figures roll up the tree', () => {
  const stack = useStack();
  let city: TenantHandle;
  const wards: { id: string; cells: string[] }[] = [];

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố cộng dồn');
    const random = prng(42);
    for (let w = 0; w < 3; w++) {
      const ward = await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, `Đảng bộ phường ${w + 1}`);
      const cells: string[] = [];
      for (let c = 0; c < 3; c++) cells.push(await city.createOrgUnit(ward, OrgUnitKind.CELL, `Chi bộ tổ dân phố ${w + 1}.${c + 1}`));
      wards.push({ id: ward, cells });
    }
    await stack().settle();
    const inspector = await city.user({ role: Role.INSPECTOR, scope: city.rootOrgUnitId });
    const now = Date.now();
    for (const ward of wards) {
      for (const cell of ward.cells) {
        const meetings = Math.floor(random() * 4); // 0..3, so some cells have none
        for (let m = 0; m < meetings; m++) {
          const r = await city.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
            i: { cellId: cell, kind: random() < 0.4 ? MeetingKind.THEMATIC : MeetingKind.REGULAR, title: `Buổi ${m + 1}`, heldAt: new Date(now - m * 3_600_000).toISOString() },
          });
          const meetingId = r.recordMeeting.meeting.id;
          const categories = Object.values(AgendaCategory);
          for (let k = 0; k < 2; k++) {
            await city.admin.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
              i: { meetingId, category: categories[Math.floor(random() * categories.length)], title: 'Nội dung', plannedMinutes: 30, actualMinutes: 5 + Math.floor(random() * 12) * 5 },
            });
          }
          if (random() < 0.6) await city.admin.ok('mutation($i: ScoreMeetingInput!) { scoreMeeting(input: $i) { meeting { id } } }', { i: { meetingId } });
        }
        // An earlier regular meeting for some cells, so a quarter and a year have months met and missed.
        if (random() < 0.5) {
          await city.admin.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
            i: { cellId: cell, kind: MeetingKind.REGULAR, title: 'Buổi tháng Một', heldAt: '2026-01-05T01:00:00.000Z' },
          });
        }
        if (random() < 0.5) {
          await inspector.ok('mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }', {
            i: { kind: InspectionKind.PLANNED, orgUnitId: cell, title: 'Kiểm tra theo kế hoạch' },
          });
        }
      }
    }
    await stack().settle();
  });

  it('a ward equals the sum of its cells, the city the sum of its wards', async () => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: city.rootOrgUnitId });
    const figures = async (id: string) => (await staff.ok(DASHBOARD, { id })).dashboard as Record<(typeof SUMMED)[number], number>;
    const sum = (rows: Record<string, number>[]) => Object.fromEntries(SUMMED.map((f) => [f, rows.reduce((a, r) => a + r[f], 0)]));

    const wardFigures = [];
    for (const ward of wards) {
      const cells = await Promise.all(ward.cells.map(figures));
      const own = await figures(ward.id);
      expect(own).toEqual(sum(cells));
      wardFigures.push(own);
    }
    const total = await figures(city.rootOrgUnitId);
    expect(total).toEqual(sum(wardFigures));
    expect(total.cellCount).toBe(9);
    expect(total.meetingsHeld).toBeGreaterThan(0);
  });

  it.each([undefined, '2026-Q1', '2026', '2025-2030'])('G-1, G-6, G-7 over the period %s: a ward is the sum of its cells, the city of its wards', async (p) => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: city.rootOrgUnitId });
    const figures = async (id: string) => (await staff.ok(PERIOD_FIGURES, { id, p })).dashboard as PeriodFigures;
    /** What a parent must show, from its children's figures: counts summed, rates and shares recomputed from the sums. */
    const sum = (rows: PeriodFigures[]) => {
      const due = rows.reduce((a, r) => a + r.regularMeetingsDue, 0);
      const met = rows.reduce((a, r) => a + (r.regularMeetingRate === null ? 0 : Math.round(r.regularMeetingRate * r.regularMeetingsDue)), 0);
      const minutes = new Map<string, number>();
      for (const r of rows) for (const c of r.contentBalance) minutes.set(c.category, (minutes.get(c.category) ?? 0) + c.minutes);
      const total = [...minutes.values()].reduce((a, b) => a + b, 0);
      return {
        regularMeetingsDue: due,
        regularMeetingRate: due ? expect.closeTo(met / due, 9) : null,
        cellsWithoutThematicThisTerm: rows.reduce((a, r) => a + r.cellsWithoutThematicThisTerm, 0),
        cellsWithoutThematicThisTermList: expect.arrayContaining(rows.flatMap((r) => r.cellsWithoutThematicThisTermList)),
        contentBalance: Object.values(AgendaCategory)
          .filter((c) => minutes.has(c))
          .map((category) => ({ category, minutes: minutes.get(category)!, share: expect.closeTo(minutes.get(category)! / total, 9) })),
        qualityLevels: rows[0]!.qualityLevels.map(({ level }) => ({ level, count: rows.reduce((a, r) => a + r.qualityLevels.find((l) => l.level === level)!.count, 0) })),
      };
    };
    const check = (parent: PeriodFigures, children: PeriodFigures[]) => {
      const { missedRegularMeetings: missed, ...counts } = parent;
      expect(counts).toEqual(sum(children));
      // The missed cell-months are the children's, at most 100 of them (a drill-down page).
      const union = children.flatMap((r) => r.missedRegularMeetings);
      expect(missed).toHaveLength(Math.min(100, union.length));
      expect(union).toEqual(expect.arrayContaining(missed));
    };
    const wardFigures: PeriodFigures[] = [];
    for (const ward of wards) {
      const cells = await Promise.all(ward.cells.map(figures));
      const w = await figures(ward.id);
      check(w, cells);
      wardFigures.push(w);
    }
    const total = await figures(city.rootOrgUnitId);
    check(total, wardFigures);
    // The generated data has content, scores and missed months, so the sums above are not all zeros.
    expect(total.regularMeetingsDue).toBeGreaterThan(0);
    expect(total.missedRegularMeetings.length).toBeGreaterThan(0);
    if (p !== '2026-Q1') {
      expect(total.contentBalance.length).toBeGreaterThan(0);
      expect(total.qualityLevels.reduce((a, l) => a + l.count, 0)).toBeGreaterThan(0);
    }
  });

  it('shows inspection counts only to the roles that may see them', async () => {
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: wards[0].cells[0] });
    const own = await secretary.ok(DASHBOARD, { id: wards[0].cells[0] });
    expect(own.dashboard.openInspections).toBeNull();
    expect(own.dashboard.meetingsHeld).toEqual(expect.any(Number));
    const other = await secretary.execute(DASHBOARD, { id: wards[0].cells[1] });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('drills into "cells without a regular meeting": the very cells, named, and no others', async () => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: city.rootOrgUnitId });
    const q = `query($id: ID!) { dashboard(orgUnitId: $id) { cellsWithoutRegularMeeting cellsWithoutRegularMeetingList { id name } } }`;
    const res = (await staff.ok(q, { id: city.rootOrgUnitId })).dashboard;
    expect(res.cellsWithoutRegularMeeting).toBeGreaterThan(0); // the seeded data has such cells
    expect(res.cellsWithoutRegularMeetingList).toHaveLength(res.cellsWithoutRegularMeeting);
    for (const cell of res.cellsWithoutRegularMeetingList) {
      expect(cell.name).toMatch(/^Chi bộ tổ dân phố/);
      const own = (await staff.ok(q, { id: cell.id })).dashboard;
      expect(own.cellsWithoutRegularMeeting).toBe(1);
    }
    const flagged = new Set(res.cellsWithoutRegularMeetingList.map((c: { id: string }) => c.id));
    for (const cell of wards.flatMap((w) => w.cells).filter((c) => !flagged.has(c))) {
      expect((await staff.ok(q, { id: cell })).dashboard.cellsWithoutRegularMeeting).toBe(0);
    }
  });

  it('drills into every figure: the records behind each number are exactly as many, and only for those who may see them', async () => {
    const q = `query($id: ID!) { dashboard(orgUnitId: $id) {
      meetingsHeld heldMeetings { id kind status heldAt cell { id name } } regular: heldMeetings(kind: REGULAR) { id }
      regularMeetingsHeld thematicMeetingsThisQuarter thematicMeetingsThisQuarterList { id kind }
      cellCount cells { id name kind }
      cellsWithoutThematicThisQuarter cellsWithoutThematicThisQuarterList { id }
      openInspections openInspectionList { id status orgUnit { id } }
      regularMeetingsDue regularMeetingRate missedRegularMeetings { cell { id name } month }
      cellsWithoutThematicThisTerm cellsWithoutThematicThisTermList { id }
      qualityLevels { level count }
      good: meetingsAtQualityLevel(level: GOOD) { id } fair: meetingsAtQualityLevel(level: FAIR) { id }
      average: meetingsAtQualityLevel(level: AVERAGE) { id } poor: meetingsAtQualityLevel(level: POOR) { id }
    } }`;
    const inspector = await city.user({ role: Role.INSPECTOR, scope: city.rootOrgUnitId });
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: wards[1].id });
    for (const id of [city.rootOrgUnitId, wards[1].id, wards[2].cells[0]]) {
      const d = (await inspector.ok(q, { id })).dashboard;
      expect(d.heldMeetings).toHaveLength(d.meetingsHeld);
      expect(d.heldMeetings.filter((m: { kind: string }) => m.kind === MeetingKind.REGULAR)).toHaveLength(d.regularMeetingsHeld);
      expect(d.regular.map((m: { id: string }) => m.id).sort()).toEqual(d.heldMeetings.filter((m: { kind: string }) => m.kind === MeetingKind.REGULAR).map((m: { id: string }) => m.id).sort());
      expect(d.heldMeetings.every((m: { status: string; cell: { name: string } }) => ['HELD', 'MINUTES_APPROVED'].includes(m.status) && m.cell.name.startsWith('Chi bộ'))).toBe(true);
      expect(d.thematicMeetingsThisQuarterList).toHaveLength(d.thematicMeetingsThisQuarter);
      expect(d.cells).toHaveLength(d.cellCount);
      expect(d.cellsWithoutThematicThisQuarterList).toHaveLength(d.cellsWithoutThematicThisQuarter);
      expect(d.openInspectionList).toHaveLength(d.openInspections);
      expect(d.missedRegularMeetings).toHaveLength(d.regularMeetingsDue - Math.round((d.regularMeetingRate ?? 0) * d.regularMeetingsDue));
      expect(d.missedRegularMeetings.every((m: { cell: { name: string } }) => m.cell.name.startsWith('Chi bộ'))).toBe(true);
      expect(d.cellsWithoutThematicThisTermList).toHaveLength(d.cellsWithoutThematicThisTerm);
      const byLevel: Record<string, { id: string }[]> = { GOOD: d.good, FAIR: d.fair, AVERAGE: d.average, POOR: d.poor };
      for (const { level, count } of d.qualityLevels) expect(byLevel[level]).toHaveLength(count);
    }
    // A ward's staff: the ward's own cells and meetings, the count of inspections but not their content.
    const w = (await staff.ok(q, { id: wards[1].id })).dashboard;
    expect(w.cells.map((c: { id: string }) => c.id).sort()).toEqual([...wards[1].cells].sort());
    expect(w.heldMeetings.every((m: { cell: { id: string } }) => wards[1].cells.includes(m.cell.id))).toBe(true);
    expect(w.openInspections).toEqual(expect.any(Number));
    expect(w.openInspectionList).toBeNull();
    // At most 100 records a request, like a page: refused with a typed error (by the service, or
    // earlier by the gateway's limits), never a thousand rows.
    const big = await inspector.execute('query($id: ID!) { dashboard(orgUnitId: $id) { heldMeetings(first: 1000) { id } } }', { id: city.rootOrgUnitId });
    expect(big.data?.dashboard?.heldMeetings ?? null).toBeNull();
    expect(['BAD_USER_INPUT', 'LIMIT_EXCEEDED']).toContain(big.errors?.[0].extensions?.code);
  });
});

/**
 * Issue #6, meetings part B: on a generated year of meetings (resolutions reviewed or not,
 * tasks with targets and progress, absences), every follow-up figure of a committee is the sum
 * of its cells', for a month and the month after; the drill-downs list exactly as many records.
 */
describe('dashboard follow-up figures roll up the tree (generated data)', () => {
  const stack = useStack();
  let city: TenantHandle;
  const wards: { id: string; cells: string[] }[] = [];
  const SUMMED = ['resolutionsAdopted', 'resolutionsReviewed', 'resolutionsAwaitingReview', 'tasksDone', 'tasksOverdue', 'tasksOpen', 'removalCandidates'] as const;
  const Q = `query($id: ID!, $p: String) { dashboard(orgUnitId: $id, period: $p) {
    ${SUMMED.join(' ')} resourcesMobilized { unit target achieved } themeProgress { kind explanation } cellsBehindTheme(first: 100) { id }
    adoptedResolutions(first: 100) { id } unreviewedResolutions(first: 100) { id } doneTasks(first: 100) { id } overdueTasks(first: 100) { id }
  } }`;
  type Figures = Record<(typeof SUMMED)[number], number> & {
    resourcesMobilized: { unit: string; target: number; achieved: number }[];
    themeProgress: { kind: string; explanation: string }[];
    cellsBehindTheme: { id: string }[];
    adoptedResolutions: unknown[];
    unreviewedResolutions: unknown[];
    doneTasks: unknown[];
    overdueTasks: unknown[];
  };

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố cộng dồn nghị quyết');
    const units: GeneratedTenant['units'] = [{ id: city.rootOrgUnitId, parentId: null, kind: OrgUnitKind.COMMITTEE, name: city.name, validFrom: '2000-01-01' }];
    for (let w = 0; w < 2; w++) {
      const ward = await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, `Đảng bộ phường ${w + 1}`);
      units.push({ id: ward, parentId: city.rootOrgUnitId, kind: OrgUnitKind.COMMITTEE, name: `Đảng bộ phường ${w + 1}`, validFrom: '2000-01-01' });
      const cells: string[] = [];
      for (let c = 0; c < 3; c++) {
        // "tổ dân phố 3" is the generator's model street: a resolution with money and lamps to raise.
        const name = w === 0 && c === 0 ? 'Chi bộ tổ dân phố 3' : `Chi bộ khu phố ${w + 1}.${c + 1}`;
        cells.push(await city.createOrgUnit(ward, OrgUnitKind.CELL, name));
        units.push({ id: cells[c]!, parentId: ward, kind: OrgUnitKind.CELL, name, validFrom: '2000-01-01' });
      }
      wards.push({ id: ward, cells });
    }
    await stack().settle();
    // The members are data here (meetings' roll), not membership records: the roll-up counts them, no one is named.
    const members = wards.flatMap((w) => w.cells).flatMap((cellId, c) =>
      Array.from({ length: 8 }, (_, i) => ({ id: randomUUID(), cellId, fullName: `Nguyễn Văn ${c}-${i}`, gender: i % 2 ? Gender.MALE : Gender.FEMALE, birthDate: '1970-01-01', admittedOn: '2010-02-01', officialOn: null, status: MemberStatus.OFFICIAL })),
    );
    const tenant: GeneratedTenant = { tenantId: city.id, name: city.name, scale: 'demo', seed: 6, from: '2025-11-01', to: '2026-10-31', units, members };
    const client = await stack().sql('meetings', 'app');
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [city.id]);
      await generateMeetings(client, tenant, () => undefined);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      await client.end();
    }
  }, 120_000);

  /** "214/240 chi bộ …" → [214, 240]: a target's numerator and denominator, which add up the tree. */
  const fraction = (explanation: string) => explanation.split(' ')[0]!.split('/').map(Number);

  function sum(rows: Figures[]) {
    const units = new Map<string, { unit: string; target: number; achieved: number }>();
    for (const r of rows.flatMap((x) => x.resourcesMobilized)) {
      const m = units.get(r.unit) ?? { unit: r.unit, target: 0, achieved: 0 };
      m.target += r.target;
      m.achieved += r.achieved;
      units.set(r.unit, m);
    }
    return {
      ...Object.fromEntries(SUMMED.map((f) => [f, rows.reduce((a, r) => a + r[f], 0)])),
      resourcesMobilized: [...units.values()].sort((x, y) => x.unit.localeCompare(y.unit, 'vi')),
      theme: rows[0]!.themeProgress.map((t, i) => [t.kind, ...rows.map((r) => fraction(r.themeProgress[i]!.explanation)).reduce((a, f) => [a[0]! + f[0]!, a[1]! + f[1]!], [0, 0])]),
      behind: rows.flatMap((r) => r.cellsBehindTheme.map((c) => c.id)).sort(),
    };
  }
  const own = (f: Figures) => ({
    ...Object.fromEntries(SUMMED.map((k) => [k, f[k]])),
    resourcesMobilized: f.resourcesMobilized,
    theme: f.themeProgress.map((t) => [t.kind, ...fraction(t.explanation)]),
    behind: f.cellsBehindTheme.map((c) => c.id).sort(),
  });

  it('a ward equals the sum of its cells, the city the sum of its wards, month after month, and over a quarter', async () => {
    const staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: city.rootOrgUnitId });
    const totals: Figures[] = [];
    for (const period of ['2026-04', '2026-09', '2026-10', '2026-Q2']) {
      const figures = async (id: string) => (await staff.ok(Q, { id, p: period })).dashboard as Figures;
      const wardFigures: Figures[] = [];
      for (const ward of wards) {
        const cells = await Promise.all(ward.cells.map(figures));
        const w = await figures(ward.id);
        expect([period, own(w)]).toEqual([period, sum(cells)]);
        wardFigures.push(w);
      }
      const total = await figures(city.rootOrgUnitId);
      expect([period, own(total)]).toEqual([period, sum(wardFigures)]);
      // Every figure links to exactly its records.
      expect([total.adoptedResolutions.length, total.unreviewedResolutions.length, total.doneTasks.length, total.overdueTasks.length]).toEqual([
        total.resolutionsAdopted, total.resolutionsAwaitingReview, total.tasksDone, total.tasksOverdue,
      ]);
      totals.push(total);
    }
    // The generated months have resolutions, checks and targets to count, and a theme to measure.
    expect(totals.every((t) => t.resolutionsAdopted > 0 && t.themeProgress.length > 0)).toBe(true);
    expect(totals.some((t) => t.tasksDone > 0)).toBe(true);
    expect(totals.some((t) => t.resourcesMobilized.length > 0)).toBe(true);
  });
});
