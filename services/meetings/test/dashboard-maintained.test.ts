import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, OrgUnitKind, currentQuarterOf, elapsedMonths, periodRange, requireReportingPeriod } from '@chibo/domain';
import { OrgTree, OrgUnitProjection, UnitOfWork } from '@chibo/service-kit';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { contentBalance } from '../src/domain/agenda';
import { monthsRange, rollUp, termMonthsOf } from '../src/domain/dashboard';
import { MeetingRecord, MeetingScoreRecord, MeetingStore } from '../src/store';
import { admitMembers } from './helpers';

const DASHBOARD = `query($id: ID!, $p: String!) { dashboard(orgUnitId: $id, period: $p) {
  meetingsHeld regularMeetingsHeld attendanceRate participationRate thematicMeetingsThisQuarter
  cellsWithoutRegularMeeting cellsWithoutThematicThisQuarter cellsWithoutRegularMeetingList { id } cellsWithoutThematicThisQuarterList { id }
  regularMeetingsDue regularMeetingRate missedRegularMeetings(first: 100) { cell { id } month }
  cellsWithoutThematicThisTerm cellsWithoutThematicThisTermList { id }
  contentBalance { category minutes share } qualityLevels { level count }
} }`;
const PERIODS = ['2026-09', '2026-10', '2026-11', '2026-Q4', '2026'];
const LEVELS = ['GOOD', 'FAIR', 'AVERAGE', 'POOR'];

/** A small deterministic generator, so a failure can be replayed from the printed seed. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}

/**
 * The dashboard reads figures maintained per unit and month by the meeting events; they must
 * always equal a recomputation from the meetings themselves, whatever happened in between:
 * meetings recorded, attendance recorded and recorded again, contributions, planned meetings
 * cancelled, cells moved to another ward and cells dissolved.
 */
describe('maintained dashboard figures', () => {
  const stack = useStack();
  let city: TenantHandle;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố kiểm đếm');
  });

  /** From scratch: the scans the dashboard used to run on every request. */
  async function recomputed(orgUnitId: string, key: string) {
    return new UnitOfWork(stack().services.meetings.dataSource, city.id, 'meetings').run(async (tx) => {
      const store = new MeetingStore(tx);
      const table = (e: Function) => tx.manager.getRepository(e).metadata.tablePath.split('.').map((p) => `"${p}"`).join('.');
      const unit = await new OrgTree(tx.manager, tx.tenantId).get(orgUnitId);
      const period = requireReportingPeriod(key);
      const quarter = monthsRange(currentQuarterOf(period));
      const held = await store.heldFigures(unit.path, period.from, period.to);
      const inQuarter = await store.heldFigures(unit.path, quarter.from, quarter.to);
      const noThematic = await store.cellIdsWithout(unit.path, MeetingKind.THEMATIC, quarter.from, quarter.to);
      const term = monthsRange(termMonthsOf(period));
      const noThematicInTerm = await store.cellIdsWithout(unit.path, MeetingKind.THEMATIC, term.from, term.to);
      // G-1 month by month: the cells open in it owe a regular meeting; those without one missed it.
      let due = 0;
      const missed: { cell: { id: string }; month: string }[] = [];
      for (const month of elapsedMonths(period)) {
        const range = periodRange(month)!;
        const [open]: { n: string }[] = await tx.manager.query(
          `SELECT count(*) AS n FROM ${table(OrgUnitProjection)} u WHERE u.tenant_id = $1 AND u.path LIKE $2 AND u.kind IN ('CELL', 'BASE_CELL')
             AND (u.closed_on IS NULL OR u.closed_on > ($3::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`,
          [tx.tenantId, `${unit.path}%`, range.from],
        );
        due += Number(open!.n);
        for (const id of await store.cellIdsWithout(unit.path, MeetingKind.REGULAR, range.from, range.to)) missed.push({ cell: { id }, month });
      }
      const missingCells = [...new Set(missed.map((m) => m.cell.id))];
      const minutes = await store.minutesByCategory(unit.path, period.from, period.to);
      const levels: { level: string; n: string }[] = await tx.manager.query(
        `SELECT s.level, count(*) AS n FROM ${table(MeetingRecord)} m
         JOIN ${table(OrgUnitProjection)} u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
         JOIN ${table(MeetingScoreRecord)} s ON s.tenant_id = m.tenant_id AND s.meeting_id = m.id
         WHERE m.tenant_id = $1 AND u.path LIKE $2 AND m.status IN ('HELD', 'MINUTES_APPROVED') AND m.held_at >= $3 AND m.held_at < $4 GROUP BY s.level`,
        [tx.tenantId, `${unit.path}%`, period.from, period.to],
      );
      return {
        meetingsHeld: held.length,
        ...rollUp(held),
        thematicMeetingsThisQuarter: inQuarter.filter((m) => m.kind === MeetingKind.THEMATIC).length,
        cellsWithoutRegularMeeting: missingCells.length,
        cellsWithoutThematicThisQuarter: noThematic.length,
        cellsWithoutRegularMeetingList: expect.arrayContaining(missingCells.map((id) => ({ id }))),
        cellsWithoutThematicThisQuarterList: noThematic.map((id) => ({ id })),
        regularMeetingsDue: due,
        regularMeetingRate: due ? expect.closeTo((due - missed.length) / due, 9) : null,
        missedRegularMeetings: missed,
        cellsWithoutThematicThisTerm: noThematicInTerm.length,
        cellsWithoutThematicThisTermList: noThematicInTerm.map((id) => ({ id })),
        contentBalance: contentBalance(minutes.filter((m) => m.minutes > 0).map((m) => ({ category: m.category, plannedMinutes: 0, actualMinutes: m.minutes }))).categories.map((c) => ({ ...c, share: expect.closeTo(c.share, 9) })),
        qualityLevels: LEVELS.map((level) => ({ level, count: Number(levels.find((l) => l.level === level)?.n ?? 0) })),
      };
    });
  }

  it('equal a from-scratch recomputation after random writes, moves and dissolutions', async () => {
    const seed = Number(process.env.CHIBO_TEST_SEED ?? Date.now() % 100_000);
    process.stdout.write(`maintained dashboard figures: seed ${seed}\n`);
    const rnd = prng(seed);
    const wards = [
      await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Bắc Hà'),
      await city.createOrgUnit(city.rootOrgUnitId, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Nam Hà'),
    ];
    const cells: string[] = [];
    for (let i = 0; i < 5; i++) cells.push(await city.createOrgUnit(wards[i % 2], OrgUnitKind.CELL, `Chi bộ tổ dân phố ${i + 1}`));
    await stack().settle();
    const members = new Map<string, string[]>();
    for (const c of cells) members.set(c, await admitMembers(stack(), city, c, 3 + rnd.int(6)));
    const held: { id: string; cellId: string; agendaItemId: string }[] = [];
    const planned: string[] = [];
    let live = [...cells];
    const ops = { record: 0, attendance: 0, contributions: 0, agenda: 0, score: 0, adjust: 0, cancel: 0, move: 0, dissolve: 0 };
    const scored: string[] = [];

    for (let step = 0; step < 80; step++) {
      const roll = rnd.next();
      if (roll < 0.35 || !held.length) {
        const cellId = rnd.pick(cells); // a dissolved cell's history may still be written to
        const month = rnd.pick(PERIODS);
        // Late evenings of the month's last day (UTC) are already the next month in Vietnam.
        const day = month === '2026-11' ? 1 + rnd.int(20) : 1 + rnd.int(30);
        const heldAt = rnd.next() < 0.15 ? `${month}-${month === '2026-09' ? '30' : '31'}T18:30:00.000Z`.replace('2026-11-31', '2026-11-20') : `${month}-${String(day).padStart(2, '0')}T02:00:00.000Z`;
        const kind = rnd.pick([MeetingKind.REGULAR, MeetingKind.REGULAR, MeetingKind.THEMATIC, MeetingKind.EXTRAORDINARY]);
        const r = await city.admin.execute('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', { i: { cellId, kind, title: 'Sinh hoạt', heldAt } });
        if (r.errors) continue; // refused by a rule (e.g. a dissolved cell): changes nothing
        const id = r.data.recordMeeting.meeting.id;
        const a = await city.admin.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
          i: { meetingId: id, category: AgendaCategory.PARTY_BUILDING, title: 'Xây dựng Đảng', plannedMinutes: 60, actualMinutes: 60 },
        });
        held.push({ id, cellId, agendaItemId: a.addAgendaItem.agendaItem.id });
        ops.record++;
      } else if (roll < 0.55) {
        const m = rnd.pick(held);
        const ids = members.get(m.cellId)!;
        const entries = ids.map((memberId) => ({ memberId, status: rnd.next() < 0.7 ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT_UNEXCUSED }));
        const r = await city.admin.execute('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', { i: { meetingId: m.id, chairMemberId: ids[0], entries } });
        if (!r.errors) ops.attendance++;
      } else if (roll < 0.7) {
        const m = rnd.pick(held);
        const ids = members.get(m.cellId)!;
        const speakers = ids.slice(0, 1 + rnd.int(ids.length));
        const r = await city.admin.execute('mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }', {
          i: { meetingId: m.id, contributions: speakers.map((memberId) => ({ memberId, agendaItemId: m.agendaItemId, kind: ContributionKind.OPINION })) },
        });
        if (!r.errors) ops.contributions++;
      } else if (roll < 0.75) {
        // G-6: more content, of any category, with or without its actual minutes.
        const m = rnd.pick(held);
        const actual = rnd.next() < 0.8 ? 5 * rnd.int(25) : null;
        const r = await city.admin.execute('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
          i: { meetingId: m.id, category: rnd.pick(Object.values(AgendaCategory)), title: 'Nội dung thêm', plannedMinutes: 30, actualMinutes: actual },
        });
        if (!r.errors) ops.agenda++;
      } else if (roll < 0.83) {
        // G-7: scored, scored again after more facts, or adjusted by hand (the level may move).
        if (scored.length && rnd.next() < 0.5) {
          const r = await city.admin.execute('mutation($i: AdjustMeetingScoreInput!) { adjustMeetingScore(input: $i) { meeting { id } } }', {
            i: { meetingId: rnd.pick(scored), points: rnd.pick([-20, -10, 10, 20]), reason: 'Điều chỉnh theo biên bản' },
          });
          if (!r.errors) ops.adjust++;
        } else {
          const m = rnd.pick(held);
          const r = await city.admin.execute('mutation($i: ScoreMeetingInput!) { scoreMeeting(input: $i) { meeting { id } } }', { i: { meetingId: m.id } });
          if (!r.errors) {
            scored.push(m.id);
            ops.score++;
          }
        }
      } else if (roll < 0.87) {
        if (planned.length && rnd.next() < 0.6) {
          const r = await city.admin.execute('mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { meeting { id } } }', { i: { meetingId: planned.pop(), reason: 'Trùng lịch' } });
          if (!r.errors) ops.cancel++;
        } else {
          const r = await city.admin.execute('mutation($i: PlanMeetingInput!) { planMeeting(input: $i) { meeting { id } } }', {
            i: { cellId: rnd.pick(live), kind: MeetingKind.REGULAR, title: 'Sinh hoạt dự kiến', scheduledAt: '2026-12-03T01:00:00.000Z' },
          });
          if (!r.errors) planned.push(r.data.planMeeting.meeting.id);
        }
      } else if (roll < 0.95) {
        const cell = rnd.pick(live);
        const r = await city.admin.execute('mutation($i: MoveOrgUnitInput!) { moveOrgUnit(input: $i) { orgUnit { id } } }', { i: { id: cell, newParentId: rnd.pick(wards) } });
        if (!r.errors) ops.move++;
      } else if (live.length > 2) {
        const cell = rnd.pick(live);
        const r = await city.admin.execute('mutation($i: DissolveOrgUnitInput!) { dissolveOrgUnit(input: $i) { orgUnit { id } } }', { i: { id: cell } });
        if (!r.errors) {
          live = live.filter((c) => c !== cell);
          ops.dissolve++;
        }
      }
      // Let the projections follow now and then, as they would between people's clicks.
      if (step % 15 === 14) await stack().settle();
    }
    await stack().settle(30_000);
    process.stdout.write(`operations: ${JSON.stringify(ops)}\n`);
    expect(ops.record).toBeGreaterThan(5);
    expect(ops.move).toBeGreaterThan(0);
    expect(ops.agenda + ops.score).toBeGreaterThan(0);

    for (const unit of [city.rootOrgUnitId, ...wards, ...cells]) {
      for (const p of PERIODS) {
        const maintained = (await city.admin.ok(DASHBOARD, { id: unit, p })).dashboard;
        const fromScratch = await recomputed(unit, p);
        expect({ unit, p, ...maintained }).toEqual({ unit, p, ...fromScratch, attendanceRate: approx(fromScratch.attendanceRate), participationRate: approx(fromScratch.participationRate) });
      }
    }
    // And the city is the sum of its wards on every count, after all the moves.
    for (const p of PERIODS) {
      const [c, ...w] = await Promise.all([city.rootOrgUnitId, ...wards].map(async (id) => (await city.admin.ok(DASHBOARD, { id, p })).dashboard));
      expect(c.meetingsHeld).toBe(w.reduce((a, d) => a + d.meetingsHeld, 0));
      expect(c.cellsWithoutRegularMeeting).toBe(w.reduce((a, d) => a + d.cellsWithoutRegularMeeting, 0));
    }
  }, 240_000);
});

function approx(x: number | null) {
  return x === null ? null : expect.closeTo(x, 9);
}
