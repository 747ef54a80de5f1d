import { MemberRating, MemberStatus as S, OrgUnitKind, PositionKind, SeededRandom, type GenerateScale } from '@chibo/domain';
import { addMonths, wholeMonthsBetween } from './dates';
import { lastRatedYear, planPopulation, scaleShape, type PopulationPlan } from './generated-population';
import { MAX_AGE_MONTHS, MIN_AGE_MONTHS } from './member-rules';

const FROM = '2025-11-25';
const TO = '2026-11-24';
const ROOT = '00000000-0000-4000-8000-000000000001';
const plan = (scale: GenerateScale, seed = 1): PopulationPlan => {
  const ids = new SeededRandom(seed, 'ids');
  return planPopulation({ scale, seed, from: FROM, to: TO, rootId: ROOT, newId: () => ids.uuid() });
};
const ON_ROLL: readonly S[] = [S.PROBATIONARY, S.OFFICIAL, S.EXEMPT];

describe('generated tenants obey the membership rules', () => {
  const city = plan('city');
  const demo = plan('demo');

  it.each([
    ['demo', demo],
    ['city', city],
  ])('M-1: every %s member was 18 to 60 (whole months) when the cell considered them, and admitted after', (_, p) => {
    const broken = p.members.filter((m) => {
      const age = wholeMonthsBetween(m.birthDate, m.consideredOn);
      return (
        age < MIN_AGE_MONTHS ||
        age > MAX_AGE_MONTHS ||
        wholeMonthsBetween(m.birthDate, m.admittedOn) < MIN_AGE_MONTHS ||
        !(m.admittedOn >= m.consideredOn && m.admission.date >= m.consideredOn && m.admission.date <= m.admittedOn) ||
        m.admittedOn > TO
      );
    });
    expect(broken).toEqual([]);
  });

  it.each([
    ['demo', demo],
    ['city', city],
  ])('M-2: an official %s member was recognised 12 months after admission at the earliest, never after today; the rest are probationary', (_, p) => {
    const broken = p.members.filter((m) =>
      m.officialOn ? m.officialOn < addMonths(m.admittedOn, 12) || m.officialOn > TO || m.recognition?.date !== m.officialOn : m.status !== S.PROBATIONARY,
    );
    expect(broken).toEqual([]);
    // Some are still on probation and some have just finished it: the M-2 lists are not empty.
    expect(p.members.filter((m) => m.status === S.PROBATIONARY).length).toBeGreaterThan(0);
  });

  it('M-4, M-6, M-10: exempt, removed and deceased members left after being official and before the year of activity', () => {
    const exits = city.members.filter((m) => m.exit);
    const status = { EXEMPTED: S.EXEMPT, REMOVED: S.REMOVED, DECEASED: S.DECEASED };
    const broken = exits.filter(
      (m) => !m.officialOn || !(m.exit!.on > m.officialOn && m.exit!.on < FROM) || m.status !== status[m.exit!.kind] || (m.exit!.kind === 'REMOVED') !== !!m.exit!.ground,
    );
    expect(broken).toEqual([]);
    for (const kind of ['EXEMPTED', 'REMOVED', 'DECEASED']) expect(exits.filter((m) => m.exit!.kind === kind).length).toBeGreaterThan(10);
  });

  it('M-8: some members came by an official transfer from another cell, decided, started and reported in time, before the year', () => {
    const moved = city.members.filter((m) => m.transfer);
    expect(moved.length).toBeGreaterThan(50);
    const units = new Map(city.units.map((u) => [u.id, u]));
    const broken = moved.filter((m) => {
      const t = m.transfer!;
      return (
        t.fromCellId === m.cellId ||
        !units.has(t.fromCellId) ||
        units.get(t.fromCellId)!.validFrom > m.admittedOn ||
        !(t.startsOn > m.officialOn! && t.startsOn < FROM) ||
        !(t.decision.date <= t.startsOn && t.decision.date >= addMonths(t.startsOn, -2)) ||
        !(t.reportedOn >= t.startsOn && t.reportedOn <= addMonths(t.startsOn, 1)) ||
        m.exit !== null
      );
    });
    expect(broken).toEqual([]);
    const holders = new Set(city.positions.map((p) => p.memberId));
    expect(moved.filter((m) => holders.has(m.id))).toEqual([]);
  });

  it('M-7: each cell rated its active members for last year, EXCELLENT at most 20 % of those rated GOOD or better', () => {
    const year = lastRatedYear(TO);
    const byId = new Map(city.members.map((m) => [m.id, m]));
    const active = city.members.filter((m) => (m.status === S.OFFICIAL || m.status === S.PROBATIONARY) && m.admittedOn <= `${year}-12-31`);
    expect(new Set(city.ratings.map((r) => r.memberId))).toEqual(new Set(active.map((m) => m.id)));
    expect(city.ratings.filter((r) => r.year !== year || byId.get(r.memberId)!.cellId !== r.cellId)).toEqual([]);
    const cells = new Map<string, { excellent: number; good: number }>();
    for (const r of city.ratings) {
      const c = cells.get(r.cellId) ?? { excellent: 0, good: 0 };
      if (r.rating === MemberRating.EXCELLENT) c.excellent++;
      if (r.rating === MemberRating.GOOD) c.good++;
      cells.set(r.cellId, c);
    }
    expect([...cells.values()].filter((c) => c.excellent * 100 > 20 * (c.good + c.excellent))).toEqual([]);
    expect([...cells.values()].filter((c) => c.excellent > 0).length).toBeGreaterThan(200);
  });

  it('city scale is Hà Tĩnh: 51 grassroots organizations, 240 cells, about 8,400 members on the roll', () => {
    const grassroots = city.units.filter((u) => u.parentId === ROOT);
    expect(grassroots).toHaveLength(51);
    expect(grassroots.every((u) => u.kind === OrgUnitKind.COMMITTEE || u.kind === OrgUnitKind.BASE_CELL)).toBe(true);
    expect(city.units.filter((u) => u.kind === OrgUnitKind.CELL)).toHaveLength(240);
    const onRoll = city.members.filter((m) => ON_ROLL.includes(m.status)).length;
    expect(Math.abs(onRoll - 8_400) / 8_400).toBeLessThan(0.02);
    expect(city.members.length).toBeGreaterThan(onRoll);
  });

  it("Tân Giang has 13 cells and about 600 members, and the demo's named units are there", () => {
    const ward = city.units.find((u) => u.name === 'Đảng bộ phường Tân Giang')!;
    const cells = city.units.filter((u) => u.parentId === ward.id);
    expect(cells).toHaveLength(13);
    const ids = new Set(cells.map((c) => c.id));
    const members = city.members.filter((m) => ids.has(m.cellId) && ON_ROLL.includes(m.status)).length;
    expect(Math.abs(members - 600) / 600).toBeLessThan(0.1);
    const under = (ward: string) => city.units.filter((u) => u.parentId === city.units.find((w) => w.name === ward)!.id).map((u) => u.name);
    expect(under('Đảng bộ phường Tân Giang')).toEqual(expect.arrayContaining(['Chi bộ tổ dân phố 3', 'Chi bộ tổ dân phố 5', 'Chi bộ tổ dân phố 7']));
    expect(under('Đảng bộ phường Nguyễn Du')).toEqual(expect.arrayContaining(['Chi bộ tổ dân phố 1', 'Chi bộ tổ dân phố 2']));
    expect(under('Đảng bộ phường Bắc Hà')).toEqual(expect.arrayContaining(['Chi bộ tổ dân phố 4', 'Chi bộ Trường Tiểu học Bắc Hà']));
  });

  it('T-3: base cells stay under 30 members, every cell has at least 3 official members and a secretary, larger ones a chi ủy', () => {
    const official = new Map<string, number>();
    const onRoll = new Map<string, number>();
    for (const m of city.members) {
      if (m.status === S.OFFICIAL) official.set(m.cellId, (official.get(m.cellId) ?? 0) + 1);
      if (ON_ROLL.includes(m.status)) onRoll.set(m.cellId, (onRoll.get(m.cellId) ?? 0) + 1);
    }
    const byId = new Map(city.members.map((m) => [m.id, m]));
    for (const u of city.units.filter((u) => u.kind === OrgUnitKind.BASE_CELL)) expect(onRoll.get(u.id)).toBeLessThan(30);
    for (const u of city.units.filter((u) => u.kind !== OrgUnitKind.COMMITTEE)) {
      expect(official.get(u.id)).toBeGreaterThanOrEqual(3);
      const posts = city.positions.filter((p) => p.orgUnitId === u.id);
      expect(posts.filter((p) => p.kind === PositionKind.SECRETARY)).toHaveLength(1);
      if (official.get(u.id)! >= 9) expect(posts.map((p) => p.kind)).toEqual(expect.arrayContaining([PositionKind.DEPUTY_SECRETARY, PositionKind.CELL_COMMITTEE_MEMBER]));
      for (const p of posts) {
        const holder = byId.get(p.memberId)!;
        expect(holder.status).toBe(S.OFFICIAL);
        expect(holder.cellId).toBe(u.id);
        expect(p.startsOn >= holder.officialOn! && p.startsOn <= TO).toBe(true);
      }
    }
  });

  it('T-2: a unit exists before its members were admitted to it and after its parent', () => {
    const units = new Map(city.units.map((u) => [u.id, u]));
    expect(city.members.filter((m) => units.get(m.cellId)!.validFrom > m.admittedOn)).toEqual([]);
    expect(city.units.filter((u) => (u.parentId === ROOT ? city.rootValidFrom : units.get(u.parentId!)!.validFrom) > u.validFrom)).toEqual([]);
  });

  it('M-3: names are Vietnamese, NFC, with diacritics, three or four words, and vary', () => {
    const names = city.members.map((m) => m.fullName);
    expect(names.filter((n) => n !== n.normalize('NFC') || n.split(' ').length < 3 || n.split(' ').length > 4)).toEqual([]);
    expect(names.filter((n) => /[^\x00-\x7f]/.test(n)).length / names.length).toBeGreaterThan(0.9);
    expect(names.filter((n) => n.startsWith('Nguyễn ')).length / names.length).toBeGreaterThan(0.2);
    expect(new Set(names).size).toBeGreaterThan(names.length / 3);
  });

  it('is deterministic: the same seed gives the same people and tree, another seed other people', () => {
    const again = plan('city');
    expect(again.members.map((m) => [m.fullName, m.birthDate, m.admittedOn, m.officialOn, m.status])).toEqual(city.members.map((m) => [m.fullName, m.birthDate, m.admittedOn, m.officialOn, m.status]));
    expect(again.units.map((u) => [u.id, u.name, u.parentId])).toEqual(city.units.map((u) => [u.id, u.name, u.parentId]));
    const other = plan('city', 2);
    expect(other.members.slice(0, 50).map((m) => m.fullName)).not.toEqual(city.members.slice(0, 50).map((m) => m.fullName));
  });

  it('planning the people puts on the roll exactly what the shape of the scale says', () => {
    const shape = scaleShape({ scale: 'city', seed: 1 });
    expect(city.members.filter((m) => ON_ROLL.includes(m.status))).toHaveLength(shape.onRoll);
    expect(city.units.filter((u) => u.kind === OrgUnitKind.CELL)).toHaveLength(shape.units.CELL);
  });

  it.each([
    ['province', undefined, 8_000, 300_000],
    ['nation (one of 63 tenants)', 63, Math.round(146_000 / 63), 5_500_000 / 63],
  ] as const)('%s scale: its cells and members on the roll, within 2 %%', (name, tenants, cells, members) => {
    const shape = scaleShape({ scale: name.startsWith('nation') ? 'nation' : 'province', seed: 3, tenants });
    expect(Math.abs(shape.units.CELL - cells) / cells).toBeLessThan(0.02);
    expect(Math.abs(shape.onRoll - members) / members).toBeLessThan(0.02);
  });
});
