import { AgendaCategory, MeetingKind, OrgUnitKind, Role, monthPeriod } from '@chibo/domain';
import { SundayRule } from '../src/domain/rule-set';
import { admitMembers, recordStatements } from './helpers';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';

const FIGURES = `query($id: ID!, $p: String) { dashboard(orgUnitId: $id, period: $p) {
  period meetingsHeld regularMeetingsHeld thematicMeetingsThisQuarter cellsWithoutThematicThisQuarter
  cellsWithoutRegularMeeting cellsWithoutRegularMeetingList { id }
  regularMeetingsDue regularMeetingRate missedRegularMeetings { cell { id } month }
  cellsWithoutThematicThisTerm cellsWithoutThematicThisTermList { id }
  thematic: heldMeetings(kind: THEMATIC) { id }
  contentBalance { category minutes share }
  professionalHeavyMeetings { id }
  qualityLevels { level count }
} }`;

const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }';
const AGENDA = 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }';
const SCORE = 'mutation($i: ScoreMeetingInput!) { scoreMeeting(input: $i) { meeting { qualityScore { level totalPoints } } } }';
const ADJUST = 'mutation($i: AdjustMeetingScoreInput!) { adjustMeetingScore(input: $i) { meeting { qualityScore { level totalPoints } } } }';

/**
 * The meetings part of OrgUnitDashboard for any reporting period — month, quarter, year, term —
 * with the G-1 regular-meeting rate and its missed cell-months, the G-1 term flag, the G-6
 * content balance and the G-7 quality levels, each with the records behind it.
 */
describe('the meetings dashboard over months, quarters, years and terms', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let staff: GatewayClient;
  const ids: Record<string, string> = {};

  async function meeting(name: string, cellId: string, kind: MeetingKind, heldAt: string, items: [AgendaCategory, number][], presenterMemberId: string | null = null) {
    const r = await staff.ok(RECORD, { i: { cellId, kind, title: 'Sinh hoạt', heldAt } });
    ids[name] = r.recordMeeting.meeting.id;
    for (const [category, minutes] of items) {
      await staff.ok(AGENDA, { i: { meetingId: ids[name], category, title: 'Nội dung', plannedMinutes: minutes, actualMinutes: minutes, presenterMemberId } });
    }
  }

  const figures = async (user: GatewayClient, id: string, p?: string) => (await user.ok(FIGURES, { id, p })).dashboard;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố các kỳ báo cáo');
    tree = await city.seedTree();
    staff = await city.user({ role: Role.COMMITTEE_STAFF, scope: tree.city });
    // "Chi bộ tổ dân phố 3" meets every month of the first quarter and holds its thematic meeting in February;
    // "Chi bộ tổ dân phố 5" meets only in January.
    await meeting('jan', tree.cell, MeetingKind.REGULAR, '2026-01-03T01:00:00.000Z', [[AgendaCategory.PARTY_BUILDING, 90]]);
    await meeting('feb', tree.cell, MeetingKind.REGULAR, '2026-02-03T01:00:00.000Z', [[AgendaCategory.PROFESSIONAL, 60], [AgendaCategory.OTHER, 30]]);
    const [presenter] = await admitMembers(stack(), city, tree.cell, 1);
    // Its content assigned to a presenter: 35 points under the default rubric (G-7).
    await meeting('thematic', tree.cell, MeetingKind.THEMATIC, '2026-02-15T01:00:00.000Z', [[AgendaCategory.HCM_STUDY, 90]], presenter);
    await meeting('mar', tree.cell, MeetingKind.REGULAR, '2026-03-03T01:00:00.000Z', [[AgendaCategory.PROFESSIONAL, 40], [AgendaCategory.IDEOLOGY, 50]]);
    await meeting('other', tree.otherCell, MeetingKind.REGULAR, '2026-01-05T01:00:00.000Z', [[AgendaCategory.PROFESSIONAL, 45], [AgendaCategory.PARTY_BUILDING, 45]]);
    await stack().settle();
  }, 60_000);

  it('G-1: regular meetings due are the cell-months of the period, held ÷ due is the rate, and the missed ones are named', async () => {
    const q1 = await figures(staff, tree.city, '2026-q1');
    expect(q1).toMatchObject({ period: '2026-Q1', meetingsHeld: 5, regularMeetingsHeld: 4, regularMeetingsDue: 6, cellsWithoutRegularMeeting: 1 });
    expect(q1.regularMeetingRate).toBeCloseTo(4 / 6);
    expect(q1.missedRegularMeetings).toEqual([
      { cell: { id: tree.otherCell }, month: '2026-02' },
      { cell: { id: tree.otherCell }, month: '2026-03' },
    ]);
    expect(q1.cellsWithoutRegularMeetingList).toEqual([{ id: tree.otherCell }]);
    // A cell's own dashboard: the three months it met.
    expect(await figures(staff, tree.cell, '2026-Q1')).toMatchObject({ regularMeetingsDue: 3, regularMeetingRate: 1, missedRegularMeetings: [], cellsWithoutRegularMeeting: 0 });
    const q2 = await figures(staff, tree.ward, '2026-Q2');
    expect(q2).toMatchObject({ regularMeetingsDue: 6, regularMeetingRate: 0, cellsWithoutRegularMeeting: 2 });
    expect(q2.missedRegularMeetings.map((m: { month: string }) => m.month)).toEqual(['2026-04', '2026-04', '2026-05', '2026-05', '2026-06', '2026-06']);
    // A period not yet begun owes nothing: no rate rather than 0 %.
    expect(await figures(staff, tree.city, '2027')).toMatchObject({ regularMeetingsDue: 0, regularMeetingRate: null, missedRegularMeetings: [], cellsWithoutRegularMeeting: 0 });
  });

  it('G-1: a thematic meeting in February counts in 2026-Q1, 2026 and 2025-2030, not in 2026-Q2', async () => {
    const q1 = await figures(staff, tree.city, '2026-Q1');
    expect(q1).toMatchObject({ thematicMeetingsThisQuarter: 1, cellsWithoutThematicThisQuarter: 1, thematic: [{ id: ids.thematic }], cellsWithoutThematicThisTerm: 1 });
    expect(q1.cellsWithoutThematicThisTermList).toEqual([{ id: tree.otherCell }]);
    const feb = await figures(staff, tree.city, '2026-02');
    expect(feb).toMatchObject({ thematicMeetingsThisQuarter: 1, thematic: [{ id: ids.thematic }], cellsWithoutThematicThisTerm: 1 });
    const year = await figures(staff, tree.city, '2026');
    expect(year).toMatchObject({ meetingsHeld: 5, thematic: [{ id: ids.thematic }], cellsWithoutThematicThisTerm: 1 });
    const term = await figures(staff, tree.city, '2025-2030');
    expect(term).toMatchObject({ meetingsHeld: 5, thematic: [{ id: ids.thematic }], cellsWithoutThematicThisTerm: 1 });
    const q2 = await figures(staff, tree.city, '2026-Q2');
    expect(q2).toMatchObject({ meetingsHeld: 0, thematicMeetingsThisQuarter: 0, cellsWithoutThematicThisQuarter: 2, thematic: [] });
    // Before February the term had no thematic meeting yet: judged as it stood then.
    expect(await figures(staff, tree.city, '2026-01')).toMatchObject({ cellsWithoutThematicThisTerm: 2 });
  });

  it('G-6: the content balance is the actual minutes per category of the held meetings, shared over their total', async () => {
    const q1 = await figures(staff, tree.city, '2026-Q1');
    const total = 90 + 90 + 90 + 90 + 90;
    expect(q1.contentBalance).toEqual([
      { category: AgendaCategory.PARTY_BUILDING, minutes: 135, share: expect.closeTo(135 / total, 9) },
      { category: AgendaCategory.IDEOLOGY, minutes: 50, share: expect.closeTo(50 / total, 9) },
      { category: AgendaCategory.HCM_STUDY, minutes: 90, share: expect.closeTo(90 / total, 9) },
      { category: AgendaCategory.PROFESSIONAL, minutes: 145, share: expect.closeTo(145 / total, 9) },
      { category: AgendaCategory.OTHER, minutes: 30, share: expect.closeTo(30 / total, 9) },
    ]);
    const other = await figures(staff, tree.otherCell, '2026-Q1');
    expect(other.contentBalance).toEqual([
      { category: AgendaCategory.PARTY_BUILDING, minutes: 45, share: 0.5 },
      { category: AgendaCategory.PROFESSIONAL, minutes: 45, share: 0.5 },
    ]);
    expect((await figures(staff, tree.city, '2026-Q2')).contentBalance).toEqual([]);
  });

  it('G-6: the meetings over the professional threshold, judged by the rule set in force on each date', async () => {
    // February is 2/3 professional; March 4/9 and the other cell's January exactly 1/2 stay under 50 %.
    expect((await figures(staff, tree.city, '2026-Q1')).professionalHeavyMeetings).toEqual([{ id: ids.feb }]);
    const fresh = await stack().createTenant('Đảng bộ thành phố ngưỡng chuyên môn');
    const t = await fresh.seedTree();
    const own = await fresh.user({ role: Role.COMMITTEE_STAFF, scope: t.city });
    const record = async (heldAt: string, items: [AgendaCategory, number][]) => {
      const r = await own.ok(RECORD, { i: { cellId: t.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt', heldAt } });
      for (const [category, minutes] of items) await own.ok(AGENDA, { i: { meetingId: r.recordMeeting.meeting.id, category, title: 'Nội dung', plannedMinutes: minutes, actualMinutes: minutes } });
      return r.recordMeeting.meeting.id;
    };
    const april = await record('2026-04-03T01:00:00.000Z', [[AgendaCategory.PROFESSIONAL, 40], [AgendaCategory.IDEOLOGY, 50]]);
    const june = await record('2026-06-03T01:00:00.000Z', [[AgendaCategory.PROFESSIONAL, 40], [AgendaCategory.IDEOLOGY, 50]]);
    // From 1 May the tenant flags meetings over 40 % professional: June's 44 % now is, April's is not.
    await fresh.admin.ok('mutation($i: SetMeetingRuleSetInput!) { setMeetingRuleSet(input: $i) { ruleSet { version } } }', {
      i: { effectiveFrom: '2026-05-01', regularMeetingDay: 3, sundayRule: SundayRule.KEEP, thematicMeetingDay: 15, attendanceRateMin: 0.85, professionalShareMax: 0.4, unexcusedMonthsForRemoval: 3, excusedStreakMax: 3 },
    });
    await stack().settle();
    const q2 = (await own.ok(FIGURES, { id: t.city, p: '2026-Q2' })).dashboard;
    expect(q2.professionalHeavyMeetings).toEqual([{ id: june }]);
    expect(q2.professionalHeavyMeetings).not.toContainEqual({ id: april });
  });

  it('G-7: scored meetings per quality level follow scoring and manual adjustments, and drill into the meetings', async () => {
    const scored: Record<string, string> = {};
    for (const name of ['jan', 'thematic']) {
      scored[name] = (await staff.ok(SCORE, { i: { meetingId: ids[name] } })).scoreMeeting.meeting.qualityScore.level;
    }
    await stack().settle();
    const expected = (levels: string[]) => ['GOOD', 'FAIR', 'AVERAGE', 'POOR'].map((level) => ({ level, count: levels.filter((l) => l === level).length }));
    expect((await figures(staff, tree.city, '2026-Q1')).qualityLevels).toEqual(expected(Object.values(scored)));
    expect((await figures(staff, tree.city, '2026-02')).qualityLevels).toEqual(expected([scored.thematic]));
    expect((await figures(staff, tree.otherCell, '2026-Q1')).qualityLevels).toEqual(expected([]));

    const atLevel = 'query($id: ID!, $p: String, $l: QualityLevel!) { dashboard(orgUnitId: $id, period: $p) { meetingsAtQualityLevel(level: $l) { id } } }';
    const janLevel = scored.jan;
    const list = (await staff.ok(atLevel, { id: tree.city, p: '2026', l: janLevel })).dashboard.meetingsAtQualityLevel.map((m: { id: string }) => m.id);
    expect(list.sort()).toEqual(Object.keys(scored).filter((k) => scored[k] === janLevel).map((k) => ids[k]).sort());

    // A manual adjustment that lifts the thematic meeting (35 points: POOR) over 50 makes it AVERAGE; the counts move with it.
    expect(scored.thematic).toBe('POOR');
    const adjusted = (await staff.ok(ADJUST, { i: { meetingId: ids.thematic, points: 20, reason: 'Bổ sung tài liệu học tập chuyên đề' } })).adjustMeetingScore.meeting.qualityScore.level;
    expect(adjusted).toBe('AVERAGE');
    await stack().settle();
    expect((await figures(staff, tree.city, '2026-02')).qualityLevels).toEqual(expected(['AVERAGE']));
    expect((await staff.ok(atLevel, { id: tree.city, p: '2026-Q1', l: 'AVERAGE' })).dashboard.meetingsAtQualityLevel).toEqual([{ id: ids.thematic }]);
  });

  it('a cell secretary sees the new figures of their own cell only', async () => {
    const secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell });
    const own = await figures(secretary, tree.otherCell, '2026-Q1');
    expect(own).toMatchObject({ regularMeetingsDue: 3, missedRegularMeetings: [{ cell: { id: tree.otherCell }, month: '2026-02' }, { cell: { id: tree.otherCell }, month: '2026-03' }] });
    const other = await secretary.execute(FIGURES, { id: tree.cell, p: '2026-Q1' });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(other.data?.dashboard ?? null).toBeNull();
  });

  it.each(['2026-13', '2026-Q5', '2026-2027', 'tháng 11', ''])('a bad period (%j) is refused with a typed error in both languages', async (p) => {
    const r = await staff.execute(FIGURES, { id: tree.city, p });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(r.errors?.[0].extensions?.messageVi).toMatch(/Kỳ báo cáo phải là tháng/);
    expect(r.errors?.[0].extensions?.messageEn).toMatch(/A period is a month/);
    const sub = staff.subscribe('subscription($id: ID!, $p: String) { dashboardUpdated(orgUnitId: $id, period: $p) { meetingsHeld } }', { id: tree.city, p });
    try {
      const msg = await sub.next(10_000);
      expect(msg.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await sub.close();
    }
  });

  it('the statements of one dashboard request do not grow with the number of cells or the length of the period', async () => {
    const fresh = await stack().createTenant('Đảng bộ thành phố đếm câu lệnh');
    const ward = await fresh.createOrgUnit(fresh.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Một');
    await fresh.createOrgUnit(ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 1');
    await stack().settle();
    const own = await fresh.user({ role: Role.COMMITTEE_STAFF, scope: fresh.rootOrgUnitId });
    const statements = async (p: string) => {
      const rec = recordStatements(stack().services.meetings.dataSource);
      try {
        await own.ok(FIGURES, { id: fresh.rootOrgUnitId, p });
        // The figures are computed once per request, however many of them are asked for.
        expect(rec.all().filter((sql) => /sum\(f\.meetings_held\)/.test(sql))).toHaveLength(2);
        expect(rec.all().filter((sql) => /AS due/.test(sql))).toHaveLength(1);
        return rec.all().length;
      } finally {
        rec.restore();
      }
    };
    const small = await statements('2026-11');
    expect(small).toBeGreaterThan(0);
    for (let i = 2; i <= 8; i++) await fresh.createOrgUnit(ward, OrgUnitKind.CELL, `Chi bộ tổ dân phố ${i}`);
    await stack().settle();
    expect(await statements('2026-11')).toBe(small);
    expect(await statements('2025-2030')).toBe(small);
  });

  it("a subscriber of the year gets an update when a meeting of the current month is recorded", async () => {
    const fresh = await stack().createTenant('Đảng bộ thành phố theo dõi cả năm');
    const t = await fresh.seedTree();
    const own = await fresh.user({ role: Role.COMMITTEE_STAFF, scope: t.city });
    const year = monthPeriod(new Date()).slice(0, 4);
    const sub = own.subscribe('subscription($id: ID!, $p: String) { dashboardUpdated(orgUnitId: $id, period: $p) { period meetingsHeld regularMeetingsHeld regularMeetingsDue } }', { id: t.city, p: year });
    try {
      const first = (await sub.next(10_000)).data!.dashboardUpdated;
      expect(first).toMatchObject({ period: year, meetingsHeld: 0 });
      await own.ok(RECORD, { i: { cellId: t.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt tháng này', heldAt: new Date(Date.now() - 60_000).toISOString() } });
      const deadline = Date.now() + 10_000;
      let update: { period: string; meetingsHeld: number; regularMeetingsHeld: number } | undefined;
      while (!update) {
        const msg = await sub.next(Math.max(1, deadline - Date.now()));
        if (msg.data?.dashboardUpdated?.meetingsHeld === 1) update = msg.data.dashboardUpdated;
      }
      expect(update).toMatchObject({ period: year, meetingsHeld: 1, regularMeetingsHeld: 1 });
    } finally {
      await sub.close();
    }
  });
});
