import {
  Gender,
  MemberRating,
  MemberStatus as S,
  OrgUnitKind,
  PositionKind,
  RemovalGround,
  SeededRandom,
  nfc,
  type GenerateScale,
  type GeneratedMember,
  type GeneratedOrgUnit,
} from '@chibo/domain';
import { addMonths, wholeMonthsBetween } from './dates';
import { MAX_AGE_MONTHS, MIN_AGE_MONTHS, probationEndsOn } from './member-rules';

/**
 * Generated tenants (dữ liệu mẫu): a party organization's tree and its members, with Vietnamese
 * names and dates that obey the rules — admitted at 18 or over (M-1), official only after 12
 * months of probation (M-2), exempt, deceased and removed members with the event that made
 * them so (M-10), and the cell posts (M-3, T-3). Pure and deterministic: the same seed gives the
 * same tree and the same people. The store writes the plan with COPY.
 */

/** How big each scale is; DOMAIN.md's example is the city (Hà Tĩnh). */
export const SCALE_TARGETS: Record<GenerateScale, { grassroots?: number; cells: number; members: number }> = {
  demo: { cells: 8, members: 96 },
  city: { grassroots: 51, cells: 240, members: 8_400 },
  province: { cells: 8_000, members: 300_000 },
  nation: { cells: 146_000, members: 5_500_000 },
};

export interface PopulationSpec {
  scale: GenerateScale;
  seed: number;
  /** The span of activity: members' exits are dated before it, so the roll is steady within it. */
  from: string;
  /** "Today" of the generated world: nothing is dated after it. */
  to: string;
  /** The tenant's root committee, already created. */
  rootId: string;
  /** Nation scale: this tenant's share of the nation's members (one of `tenants`). */
  tenants?: number;
  /** Ids: a seeded source so a seed repeats them, or `randomUUID`. */
  newId: () => string;
}

export interface Decision {
  number: string;
  date: string;
}

/** One member as planned: the contract's description plus what the store writes about them. */
export interface PlannedMember extends GeneratedMember {
  /** Ngày chi bộ xét kết nạp: the age rule (M-1) is counted on this day. */
  consideredOn: string;
  admission: Decision;
  recognition: Decision | null;
  /** The event that took the member out of active work or off the rolls (M-4, M-6, death). */
  exit: { kind: 'EXEMPTED' | 'REMOVED' | 'DECEASED'; on: string; reason: string; ground: RemovalGround | null; decision: Decision } | null;
  /**
   * An official transfer within the tenant (M-8) from `fromCellId` to the member's cell, before
   * the year of activity: the member was admitted in the other cell and moved house.
   */
  transfer: { id: string; fromCellId: string; startsOn: string; reportedOn: string; decision: Decision } | null;
  /** 0, 1, 2 … in the tenant: the party card and file numbers come from it. */
  index: number;
}

export interface PlannedPosition {
  id: string;
  memberId: string;
  orgUnitId: string;
  kind: PositionKind;
  startsOn: string;
  decision: Decision;
}

/** Xếp loại đảng viên: one member's rating for the last year the cells rated (M-7). */
export interface PlannedRating {
  id: string;
  memberId: string;
  cellId: string;
  year: number;
  rating: MemberRating;
  decision: Decision;
}

export interface PopulationPlan {
  /** Parents before children; the root (already created) is not in the list. */
  units: GeneratedOrgUnit[];
  members: PlannedMember[];
  positions: PlannedPosition[];
  ratings: PlannedRating[];
  /** The root's founding date: the earliest date of anything below it. */
  rootValidFrom: string;
}

// --- the tree ------------------------------------------------------------------------------

type Profile = 'residential' | 'institution';

interface Blueprint {
  name: string;
  kind: OrgUnitKind;
  children?: Blueprint[];
  /** Cells only: who its members are, and how many are on the roll. */
  profile?: Profile;
  members?: number;
}

/** Hà Tĩnh city's wards (phường) and communes (xã), Tân Giang first (the demo's ward). */
const HA_TINH_WARDS = ['Tân Giang', 'Nguyễn Du', 'Bắc Hà', 'Nam Hà', 'Trần Phú', 'Hà Huy Tập', 'Đại Nài', 'Văn Yên', 'Thạch Linh', 'Thạch Quý'];
const HA_TINH_COMMUNES = ['Thạch Trung', 'Thạch Hạ', 'Đồng Môn', 'Thạch Bình', 'Thạch Hưng', 'Thạch Môn'];
const CITY_AGENCY_COMMITTEES: [string, number][] = [
  ['Đảng bộ Quân sự thành phố', 5],
  ['Đảng bộ Công an thành phố', 8],
  ['Đảng bộ Trung tâm Y tế thành phố', 6],
  ['Đảng bộ Công ty Cổ phần Môi trường và Dịch vụ đô thị', 6],
];
/** Chi bộ cơ sở under the city committee: its agencies, courts, schools and services. */
const CITY_BASE_CELLS = [
  'Chi bộ Văn phòng Thành ủy',
  'Chi bộ Văn phòng HĐND và UBND thành phố',
  'Chi bộ Ủy ban Kiểm tra Thành ủy',
  'Chi bộ Ban Tổ chức Thành ủy',
  'Chi bộ Ban Tuyên giáo Thành ủy',
  'Chi bộ Ban Dân vận Thành ủy',
  'Chi bộ Mặt trận Tổ quốc và các đoàn thể thành phố',
  'Chi bộ Phòng Tài chính - Kế hoạch',
  'Chi bộ Phòng Giáo dục và Đào tạo',
  'Chi bộ Phòng Tài nguyên và Môi trường',
  'Chi bộ Phòng Quản lý đô thị',
  'Chi bộ Phòng Lao động - Thương binh và Xã hội',
  'Chi bộ Phòng Văn hóa và Thông tin',
  'Chi bộ Phòng Kinh tế',
  'Chi bộ Phòng Nội vụ',
  'Chi bộ Phòng Tư pháp',
  'Chi bộ Thanh tra thành phố',
  'Chi bộ Chi cục Thuế thành phố',
  'Chi bộ Kho bạc Nhà nước thành phố',
  'Chi bộ Tòa án nhân dân thành phố',
  'Chi bộ Viện Kiểm sát nhân dân thành phố',
  'Chi bộ Chi cục Thi hành án dân sự thành phố',
  'Chi bộ Chi cục Thống kê thành phố',
  'Chi bộ Ngân hàng Chính sách xã hội thành phố',
  'Chi bộ Trung tâm Văn hóa - Thể thao thành phố',
  'Chi bộ Ban Quản lý dự án đầu tư xây dựng thành phố',
  'Chi bộ Trung tâm Phát triển quỹ đất thành phố',
  'Chi bộ Trường THCS Lê Văn Thiêm',
  'Chi bộ Trường THCS Nguyễn Tất Thành',
  'Chi bộ Hạt Kiểm lâm thành phố',
  'Chi bộ Đội Quản lý trật tự đô thị',
];
/** Huyện, thị xã and thành phố of Hà Tĩnh province. */
const HA_TINH_DISTRICTS = [
  'Đảng bộ thành phố Hà Tĩnh',
  'Đảng bộ thị xã Hồng Lĩnh',
  'Đảng bộ thị xã Kỳ Anh',
  'Đảng bộ huyện Cẩm Xuyên',
  'Đảng bộ huyện Thạch Hà',
  'Đảng bộ huyện Kỳ Anh',
  'Đảng bộ huyện Can Lộc',
  'Đảng bộ huyện Lộc Hà',
  'Đảng bộ huyện Nghi Xuân',
  'Đảng bộ huyện Đức Thọ',
  'Đảng bộ huyện Hương Sơn',
  'Đảng bộ huyện Hương Khê',
  'Đảng bộ huyện Vũ Quang',
];
/** Syllables of place names, for the communes of the larger scales. */
const PLACE_SYLLABLES = [
  'An', 'Bình', 'Hòa', 'Phú', 'Thạch', 'Cẩm', 'Kỳ', 'Đức', 'Hương', 'Sơn', 'Tân', 'Xuân', 'Thịnh', 'Lộc', 'Hưng', 'Long', 'Thanh',
  'Quang', 'Trung', 'Phong', 'Mỹ', 'Vĩnh', 'Hải', 'Đông', 'Tây', 'Yên', 'Thuận', 'Lạc', 'Tiến', 'Thượng', 'Gia', 'Minh', 'Châu',
];
const INSTITUTIONS = (place: string, commune: boolean) => [
  `Chi bộ Trường Mầm non ${place}`,
  `Chi bộ Trường Tiểu học ${place}`,
  `Chi bộ Trường THCS ${place}`,
  commune ? 'Chi bộ Công an xã' : 'Chi bộ Công an phường',
  commune ? 'Chi bộ Quân sự xã' : `Chi bộ Trạm Y tế ${place}`,
];

/** Split `total` into `n` whole parts around `total / n`, each within ±40 %, summing exactly. */
function split(rng: SeededRandom, total: number, n: number, min = 1): number[] {
  if (n <= 0) return [];
  min = Math.min(min, Math.floor(total / n));
  const weights = Array.from({ length: n }, () => 0.6 + 0.8 * rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(min, Math.floor((total * w) / sum)));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % n) {
    if (rest > 0) (parts[i]++, rest--);
    else if (parts[i] > min) (parts[i]--, rest++);
  }
  return parts;
}

/** The cells of a ward or commune committee: residential cells, then its schools and services. */
function localCells(rng: SeededRandom, place: string, commune: boolean, cells: number, members: number): Blueprint[] {
  const institutions = INSTITUTIONS(place, commune).slice(0, Math.min(5, Math.max(1, Math.floor(cells / 4))));
  const residential = cells - institutions.length;
  const syllable = (i: number) => PLACE_SYLLABLES[(i + place.length) % PLACE_SYLLABLES.length];
  const village = (i: number) => {
    const first = syllable(i * 5);
    const second = syllable(i * 13 + 3) === first ? syllable(i * 13 + 4) : syllable(i * 13 + 3);
    return `Chi bộ thôn ${first} ${second}`;
  };
  const villages = commune ? Array.from({ length: residential }, (_, i) => village(i)) : [];
  const names = [...Array.from({ length: residential }, (_, i) => (commune ? villages[i] : `Chi bộ tổ dân phố ${i + 1}`)), ...institutions];
  // Schools and services are smaller than the residential cells, where the retired live.
  const sizes = split(rng, members, cells, 8).sort((a, b) => b - a);
  return names.map((name, i) => ({ name, kind: OrgUnitKind.CELL, profile: i < residential ? 'residential' : 'institution', members: sizes[i] }));
}

function cityBlueprint(rng: SeededRandom, members: number): Blueprint[] {
  const baseMembers = split(rng, CITY_BASE_CELLS.length * 17, CITY_BASE_CELLS.length, 9).map((n) => Math.min(n, 28));
  const baseTotal = baseMembers.reduce((a, b) => a + b, 0);
  const agencyMembers = CITY_AGENCY_COMMITTEES.map(([, cells]) => cells * 24);
  const agencyTotal = agencyMembers.reduce((a, b) => a + b, 0);
  // Tân Giang: 13 cells and about 600 members (DOMAIN.md); the other 15 share the rest.
  const tanGiang = { cells: 13, members: 600 };
  const localUnits = HA_TINH_WARDS.length + HA_TINH_COMMUNES.length;
  const otherCells = split(rng, 240 - tanGiang.cells - CITY_AGENCY_COMMITTEES.reduce((a, [, c]) => a + c, 0), localUnits - 1, 10);
  const otherMembers = split(rng, members - tanGiang.members - baseTotal - agencyTotal, localUnits - 1, 200);
  const local: Blueprint[] = [...HA_TINH_WARDS, ...HA_TINH_COMMUNES].map((place, i) => {
    const commune = i >= HA_TINH_WARDS.length;
    const cells = i === 0 ? tanGiang.cells : otherCells[i - 1];
    const size = i === 0 ? tanGiang.members : otherMembers[i - 1];
    return { name: `Đảng bộ ${commune ? 'xã' : 'phường'} ${place}`, kind: OrgUnitKind.COMMITTEE, children: localCells(rng, place, commune, cells, size) };
  });
  const agencies: Blueprint[] = CITY_AGENCY_COMMITTEES.map(([name, cells], i) => ({
    name,
    kind: OrgUnitKind.COMMITTEE,
    children: split(rng, agencyMembers[i], cells, 10).map((n, c) => ({ name: `Chi bộ số ${c + 1}`, kind: OrgUnitKind.CELL, profile: 'institution', members: n })),
  }));
  const base: Blueprint[] = CITY_BASE_CELLS.map((name, i) => ({ name, kind: OrgUnitKind.BASE_CELL, profile: 'institution', members: baseMembers[i] }));
  return [...local, ...agencies, ...base];
}

/** The demo scale: the three wards and seven cells the demo always had, a dozen members each. */
function demoBlueprint(rng: SeededRandom): Blueprint[] {
  const cells = (names: string[]): Blueprint[] =>
    names.map((name) => ({ name, kind: OrgUnitKind.CELL, profile: name.includes('Trường') ? 'institution' : 'residential', members: rng.int(10, 14) }));
  return [
    { name: 'Đảng bộ phường Tân Giang', kind: OrgUnitKind.COMMITTEE, children: cells(['Chi bộ tổ dân phố 3', 'Chi bộ tổ dân phố 5', 'Chi bộ tổ dân phố 7']) },
    { name: 'Đảng bộ phường Nguyễn Du', kind: OrgUnitKind.COMMITTEE, children: cells(['Chi bộ tổ dân phố 1', 'Chi bộ tổ dân phố 2']) },
    { name: 'Đảng bộ phường Bắc Hà', kind: OrgUnitKind.COMMITTEE, children: cells(['Chi bộ tổ dân phố 4', 'Chi bộ Trường Tiểu học Bắc Hà']) },
    { name: 'Chi bộ Văn phòng Thành ủy', kind: OrgUnitKind.BASE_CELL, profile: 'institution', members: rng.int(10, 14) },
  ];
}

const place = (rng: SeededRandom) => `${rng.pick(PLACE_SYLLABLES)} ${rng.pick(PLACE_SYLLABLES)}`;

/**
 * A province-like tree: district committees, each with commune/ward committees holding cells
 * (about 20 each) and a few base cells of its agencies.
 */
function provinceBlueprint(rng: SeededRandom, cells: number, members: number, districtNames: string[]): Blueprint[] {
  const districts = districtNames.length;
  const baseCellsPerDistrict = 12;
  const baseCells = split(rng, districts * baseCellsPerDistrict * 17, districts * baseCellsPerDistrict, 9).map((n) => Math.min(n, 28));
  const cellMembers = members - baseCells.reduce((a, b) => a + b, 0);
  const cellsPerDistrict = split(rng, cells, districts, 20);
  const membersPerDistrict = split(rng, cellMembers, districts, cellsPerDistrict.length * 8);
  return districtNames.map((name, d) => {
    const committees = Math.max(1, Math.round(cellsPerDistrict[d] / 20));
    const cellsPer = split(rng, cellsPerDistrict[d], committees, 1);
    const membersPer = split(rng, membersPerDistrict[d], committees, 8);
    const grassroots: Blueprint[] = cellsPer.map((n, c) => {
      const where = place(rng);
      const commune = rng.chance(0.75);
      return { name: `Đảng bộ ${commune ? 'xã' : 'phường'} ${where}`, kind: OrgUnitKind.COMMITTEE, children: localCells(rng, where, commune, n, Math.max(membersPer[c], n * 8)) };
    });
    const base: Blueprint[] = baseCells.slice(d * baseCellsPerDistrict, (d + 1) * baseCellsPerDistrict).map((n, b) => ({
      name: `Chi bộ ${rng.pick(['Phòng', 'Trường THCS', 'Trung tâm', 'Chi cục', 'Ban Quản lý'])} ${place(rng)} ${b + 1}`,
      kind: OrgUnitKind.BASE_CELL,
      profile: 'institution',
      members: n,
    }));
    return { name, kind: OrgUnitKind.COMMITTEE, children: [...grassroots, ...base] };
  });
}

function blueprint(rng: SeededRandom, spec: PopulationSpec): Blueprint[] {
  switch (spec.scale) {
    case 'demo':
      return demoBlueprint(rng);
    case 'city':
      return cityBlueprint(rng, SCALE_TARGETS.city.members);
    case 'province':
      return provinceBlueprint(rng, SCALE_TARGETS.province.cells, SCALE_TARGETS.province.members, HA_TINH_DISTRICTS);
    case 'nation': {
      // One tenant of the nation: its share of the members, cells of about 37 members.
      const members = Math.round(SCALE_TARGETS.nation.members / (spec.tenants ?? 63));
      const cells = Math.max(20, Math.round(members / 37.5));
      const districts = Math.max(2, Math.round(cells / 600));
      return provinceBlueprint(rng, cells, members, Array.from({ length: districts }, () => `Đảng bộ huyện ${place(rng)}`));
    }
  }
}

/**
 * The shape of a scale without its people: units by kind and members on the roll. Planning the
 * people puts exactly that many on each cell's roll, so this is what a tenant will hold.
 */
export function scaleShape(spec: Pick<PopulationSpec, 'scale' | 'seed' | 'tenants'>): { units: Record<OrgUnitKind, number>; onRoll: number } {
  const rng = new SeededRandom(spec.seed, spec.scale, spec.tenants ?? 1);
  const units = { [OrgUnitKind.COMMITTEE]: 0, [OrgUnitKind.BASE_CELL]: 0, [OrgUnitKind.CELL]: 0, [OrgUnitKind.PARTY_GROUP]: 0 };
  let onRoll = 0;
  const walk = (bp: Blueprint) => {
    units[bp.kind]++;
    onRoll += bp.members ?? 0;
    bp.children?.forEach(walk);
  };
  blueprint(rng, spec as PopulationSpec).forEach(walk);
  return { units, onRoll };
}

// --- people --------------------------------------------------------------------------------

const FAMILY: [string, number][] = [
  ['Nguyễn', 30], ['Trần', 12], ['Lê', 10], ['Phan', 7], ['Võ', 6], ['Đặng', 5], ['Hoàng', 4], ['Phạm', 4], ['Hồ', 4], ['Bùi', 3],
  ['Đỗ', 2], ['Dương', 2], ['Ngô', 2], ['Đinh', 2], ['Đào', 1.5], ['Thái', 1], ['Mai', 1], ['Trương', 1], ['Cao', 1], ['Hà', 1], ['Chu', 0.5], ['Tạ', 0.5],
];
const MIDDLE_MALE: [string, number][] = [
  ['Văn', 30], ['Đình', 10], ['Đức', 8], ['Hữu', 8], ['Quang', 6], ['Minh', 6], ['Xuân', 5], ['Công', 5], ['Thanh', 4], ['Ngọc', 3],
  ['Trọng', 3], ['Anh', 2], ['Tiến', 2], ['Mạnh', 2], ['Viết', 2], ['Khắc', 2], ['Duy', 2], ['Hồng', 2],
];
const MIDDLE_FEMALE: [string, number][] = [
  ['Thị', 55], ['Thu', 6], ['Thanh', 5], ['Ngọc', 5], ['Hồng', 4], ['Minh', 3], ['Phương', 3], ['Kim', 3], ['Thúy', 2], ['Diệu', 2], ['Bích', 2], ['Hoài', 2], ['Mai', 2],
];
const SECOND_MIDDLE_FEMALE = ['Thu', 'Thanh', 'Ngọc', 'Hồng', 'Minh', 'Kim', 'Mỹ'];
const GIVEN_MALE = [
  'An', 'Anh', 'Bảo', 'Bình', 'Chiến', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Giang', 'Hải', 'Hào', 'Hiếu', 'Hoàng', 'Hòa', 'Hùng', 'Huy',
  'Khánh', 'Kiên', 'Lâm', 'Lợi', 'Long', 'Lực', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Nhật', 'Phong', 'Phúc', 'Phương', 'Quang', 'Quân', 'Quý',
  'Sơn', 'Tài', 'Tâm', 'Thái', 'Thắng', 'Thành', 'Thịnh', 'Thuận', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Xuân',
];
const GIVEN_FEMALE = [
  'An', 'Anh', 'Bích', 'Chi', 'Dung', 'Diệp', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huệ', 'Hương', 'Huyền', 'Lan', 'Liên',
  'Linh', 'Loan', 'Lý', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhàn', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Sen', 'Tâm', 'Thảo', 'Thanh', 'Thơ',
  'Thủy', 'Thúy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Xuân', 'Yến',
];

/** A Vietnamese full name (họ, đệm, tên), NFC. */
export function vietnameseName(rng: SeededRandom, gender: Gender): string {
  const family = rng.weighted(FAMILY);
  const male = gender === Gender.MALE;
  const middle = rng.weighted(male ? MIDDLE_MALE : MIDDLE_FEMALE);
  const second = !male && middle === 'Thị' && rng.chance(0.12) ? rng.pick(SECOND_MIDDLE_FEMALE) : null;
  let given = rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
  // "Hoàng Đức Đức" is not a name anyone is given.
  while (given === middle || given === second) given = rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
  return nfc([family, middle, second, given].filter(Boolean).join(' '));
}

const DAY_MS = 86_400_000;
// A generated tenant does a few million date sums: memoized both ways, they cost a lookup.
const days = new Map<string, number>();
const dates = new Map<number, string>();
const dayOf = (date: string) => {
  let d = days.get(date);
  if (d === undefined) days.set(date, (d = Date.parse(`${date}T00:00:00Z`) / DAY_MS));
  return d;
};
const dateOf = (day: number) => {
  let s = dates.get(day);
  if (s === undefined) dates.set(day, (s = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  return s;
};
const addDays = (date: string, n: number) => dateOf(dayOf(date) + n);
/** A date in [from, to], both included (callers make sure from ≤ to). */
const between = (rng: SeededRandom, from: string, to: string) => dateOf(rng.int(dayOf(from), dayOf(to)));
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

class DecisionNumbers {
  private n = 0;
  next(date: string, issuer: string): Decision {
    this.n = (this.n % 980) + 1;
    return { number: `${this.n}-QĐ/${issuer}`, date };
  }
}

/**
 * One member of a cell: born, considered by the cell at 18 or over (M-1), admitted, official after
 * 12 months of probation when that time has passed (M-2).
 */
function planMember(rng: SeededRandom, cellId: string, profile: Profile, spec: PopulationSpec, index: number, id: string, issuer: string, numbers: DecisionNumbers, old = false): PlannedMember {
  const gender = rng.chance(profile === 'institution' ? 0.45 : 0.33) ? Gender.FEMALE : Gender.MALE;
  const lastYear = addDays(spec.to, -364);
  let birthDate: string;
  let consideredOn: string;
  // Admitted this past year: still on probation, or recognised only lately.
  if (!old && rng.chance(profile === 'institution' ? 0.06 : 0.025)) {
    consideredOn = addDays(between(rng, lastYear, spec.to), -rng.int(14, 45));
    birthDate = addDays(addMonths(consideredOn, -rng.int(MIN_AGE_MONTHS + 1, 35 * 12)), -rng.int(0, 27));
  } else {
    const born = old
      ? between(rng, '1928-01-01', '1950-12-31')
      : profile === 'institution'
        ? between(rng, '1966-01-01', '2001-12-31')
        : rng.chance(0.55)
          ? between(rng, '1938-01-01', '1965-12-31')
          : between(rng, '1966-01-01', '2000-12-31');
    const ageMonths = rng.weighted<[number, number]>([
      [[MIN_AGE_MONTHS + 1, 22 * 12], 3],
      [[22 * 12, 30 * 12], 5],
      [[30 * 12, 40 * 12], 3],
      [[40 * 12, 55 * 12], 1],
    ]);
    birthDate = born;
    consideredOn = addDays(addMonths(born, rng.int(ageMonths[0], ageMonths[1])), rng.int(0, 27));
    // Too young for that age by `to`: admitted between coming of age and last year instead.
    const earliest = addDays(addMonths(born, MIN_AGE_MONTHS + 1), 0);
    if (consideredOn > addDays(lastYear, -60)) {
      consideredOn = earliest < addDays(lastYear, -60) ? between(rng, earliest, addDays(lastYear, -60)) : between(rng, minDate(earliest, addDays(spec.to, -45)), addDays(spec.to, -45));
    }
  }
  // The age rule is checked where the cell considers the applicant (M-1): 18 to 60 in whole months.
  if (wholeMonthsBetween(birthDate, consideredOn) < MIN_AGE_MONTHS) birthDate = addDays(addMonths(consideredOn, -(MIN_AGE_MONTHS + 1)), -rng.int(0, 27));
  if (wholeMonthsBetween(birthDate, consideredOn) > MAX_AGE_MONTHS - 11) birthDate = addMonths(consideredOn, -55 * 12);
  const admittedOn = minDate(addDays(consideredOn, rng.int(14, 45)), spec.to);
  const admission = numbers.next(between(rng, consideredOn, admittedOn), issuer);
  let officialOn: string | null = addDays(probationEndsOn(admittedOn), rng.int(0, 40));
  if (officialOn > spec.to) officialOn = null;
  const fullName = vietnameseName(rng, gender);
  return {
    id,
    cellId,
    fullName,
    gender,
    birthDate,
    admittedOn,
    officialOn,
    status: officialOn ? S.OFFICIAL : S.PROBATIONARY,
    consideredOn,
    admission,
    recognition: officialOn ? numbers.next(officialOn, issuer) : null,
    exit: null,
    transfer: null,
    index,
  };
}

const REMOVAL_GROUNDS: [RemovalGround, number][] = [
  [RemovalGround.MISSED_ACTIVITY_OR_DUES, 6],
  [RemovalGround.NO_PROGRESS_AFTER_HELP, 2],
  [RemovalGround.FAILED_DUTIES_TWO_YEARS, 1],
  [RemovalGround.CARD_RETURNED_OR_DESTROYED, 1],
];

/**
 * Exits are dated before the span of activity, so a member's status holds through it: exempt
 * members stay on the roll (out of attendance denominators), the deceased and removed are off it.
 */
function planExit(rng: SeededRandom, m: PlannedMember, kind: 'EXEMPTED' | 'REMOVED' | 'DECEASED', spec: PopulationSpec, issuer: string, numbers: DecisionNumbers): void {
  if (!m.officialOn) return;
  const first = addDays(m.officialOn, 30);
  const last = addDays(spec.from, -1);
  if (first > last) return;
  const on = between(rng, maxDate(first, addDays(last, -6 * 365)), last);
  const ground = kind === 'REMOVED' ? rng.weighted(REMOVAL_GROUNDS) : null;
  const reason =
    kind === 'EXEMPTED' ? rng.pick(['Tuổi cao, sức yếu', 'Ốm đau dài ngày', 'Hoàn cảnh gia đình khó khăn, tuổi cao']) : kind === 'DECEASED' ? 'Từ trần' : 'Chi bộ đề nghị xóa tên';
  m.exit = { kind, on, reason, ground, decision: numbers.next(on, issuer) };
  m.status = kind === 'EXEMPTED' ? S.EXEMPT : kind === 'DECEASED' ? S.DECEASED : S.REMOVED;
}

/** Chi ủy: a secretary in every cell; with 9 or more official members, a deputy and members too (T-3). */
function planPositions(rng: SeededRandom, unitId: string, members: PlannedMember[], onlySecretary: boolean, termStart: string, issuer: string, numbers: DecisionNumbers, newId: () => string, taken: Set<string>): PlannedPosition[] {
  const eligible = members.filter((m) => m.status === S.OFFICIAL && !taken.has(m.id));
  if (!eligible.length) return [];
  const kinds: PositionKind[] = [PositionKind.SECRETARY];
  if (!onlySecretary && eligible.length >= 9) kinds.push(PositionKind.DEPUTY_SECRETARY, ...Array.from({ length: eligible.length >= 30 ? 3 : 1 }, () => PositionKind.CELL_COMMITTEE_MEMBER));
  const decision = numbers.next(termStart, issuer);
  const out: PlannedPosition[] = [];
  for (const kind of kinds) {
    const pool = eligible.filter((m) => !taken.has(m.id));
    if (!pool.length) break;
    const m = rng.pick(pool);
    taken.add(m.id);
    const startsOn = maxDate(termStart, m.officialOn!);
    out.push({ id: newId(), memberId: m.id, orgUnitId: unitId, kind, startsOn, decision: startsOn === termStart ? decision : numbers.next(startsOn, issuer) });
  }
  return out;
}

/**
 * M-8: about 2 % of active official members came from another cell of the tenant by an official
 * transfer — decided, started within 60 working days, reported within 30 — after recognition
 * and before the year of activity, so each cell's roll is steady within it.
 */
function planTransfers(rng: SeededRandom, members: PlannedMember[], units: GeneratedOrgUnit[], byId: Map<string, GeneratedOrgUnit>, spec: PopulationSpec, numbers: DecisionNumbers, postHolders: Set<string>): void {
  const cells = units.filter((u) => u.kind === OrgUnitKind.CELL || u.kind === OrgUnitKind.BASE_CELL);
  if (cells.length < 2) return;
  const last = addDays(spec.from, -30);
  for (const m of members) {
    // Post holders were elected in their cell: they are not the newcomers.
    if (m.status !== S.OFFICIAL || m.exit || postHolders.has(m.id) || !rng.chance(0.02)) continue;
    const first = addDays(m.officialOn!, 60);
    if (first > last) continue;
    let from = rng.pick(cells);
    if (from.id === m.cellId) from = cells[(cells.indexOf(from) + 1) % cells.length];
    const startsOn = between(rng, first, last);
    const decision = numbers.next(addDays(startsOn, -rng.int(5, 30)), 'ĐU');
    m.transfer = { id: spec.newId(), fromCellId: from.id, startsOn, reportedOn: addDays(startsOn, rng.int(1, 20)), decision };
    // The member was admitted there, so that cell existed by then.
    const source = byId.get(from.id)!;
    if (m.admittedOn < source.validFrom) source.validFrom = m.admittedOn;
  }
}

/** The last year the cells have rated (they rate in December): the year before `to`'s. */
export function lastRatedYear(to: string): number {
  return Number(to.slice(0, 4)) - 1;
}

/**
 * M-7: each cell rates its active members (not the exempt) for the last rated year: mostly GOOD,
 * some COMPLETED, a few NOT_COMPLETED, and EXCELLENT for at most 20 % of those rated GOOD or
 * better. Exits and transfers are dated before the span, so the current cell is the one that rated.
 */
function planRatings(rng: SeededRandom, members: PlannedMember[], spec: PopulationSpec, numbers: DecisionNumbers): PlannedRating[] {
  const year = lastRatedYear(spec.to);
  const yearEnd = `${year}-12-31`;
  const byCell = new Map<string, PlannedMember[]>();
  for (const m of members) {
    if ((m.status !== S.OFFICIAL && m.status !== S.PROBATIONARY) || m.admittedOn > yearEnd) continue;
    const list = byCell.get(m.cellId) ?? [];
    list.push(m);
    byCell.set(m.cellId, list);
  }
  const out: PlannedRating[] = [];
  for (const [cellId, rated] of byCell) {
    const decision = numbers.next(`${year}-12-${String(rng.int(10, 28)).padStart(2, '0')}`, 'CB');
    const ratings = rated.map(() => rng.weighted<MemberRating>([[MemberRating.GOOD, 82], [MemberRating.COMPLETED, 16], [MemberRating.NOT_COMPLETED, 2]]));
    const goodOrBetter = ratings.filter((r) => r === MemberRating.GOOD).length;
    let excellent = Math.floor((goodOrBetter * 20) / 100 * (0.6 + 0.4 * rng.next()));
    for (let i = 0; i < ratings.length && excellent > 0; i++) {
      if (ratings[i] === MemberRating.GOOD) (ratings[i] = MemberRating.EXCELLENT), excellent--;
    }
    rated.forEach((m, i) => out.push({ id: spec.newId(), memberId: m.id, cellId, year, rating: ratings[i], decision }));
  }
  return out;
}

/** The start of the current five-year term of congresses (đại hội), on or before `to`. */
function termStartOn(to: string): string {
  let year = Number(to.slice(0, 4));
  year -= (((year - 2020) % 5) + 5) % 5;
  const start = `${year}-06-15`;
  return start <= to ? start : `${year - 5}-06-15`;
}

/**
 * Plan a tenant: its tree below the root, its members cell by cell, their exits and posts.
 * Counts: every cell has exactly its planned number on the roll; about 1.5 % more are off it.
 */
export function planPopulation(spec: PopulationSpec): PopulationPlan {
  const rng = new SeededRandom(spec.seed, spec.scale, spec.tenants ?? 1);
  const tree = blueprint(rng, spec);
  const units: GeneratedOrgUnit[] = [];
  const members: PlannedMember[] = [];
  const positions: PlannedPosition[] = [];
  const numbers = new DecisionNumbers();
  const termStart = termStartOn(spec.to);
  const taken = new Set<string>();

  const visit = (bp: Blueprint, parentId: string, issuer: string): { unit: GeneratedOrgUnit; members: PlannedMember[] } => {
    const unit: GeneratedOrgUnit = { id: spec.newId(), parentId, kind: bp.kind, name: nfc(bp.name), validFrom: between(rng, '1990-01-01', '2010-12-31') };
    units.push(unit);
    const below: PlannedMember[] = [];
    if (bp.children) {
      for (const child of bp.children) below.push(...visit(child, unit.id, 'ĐU').members);
      // A committee's secretary comes from one of its cells.
      positions.push(...planPositions(rng, unit.id, below, true, termStart, 'TU', numbers, spec.newId, taken));
    } else if (bp.members !== undefined) {
      const own: PlannedMember[] = [];
      for (let i = 0; i < bp.members; i++) own.push(planMember(rng, unit.id, bp.profile ?? 'residential', spec, members.length + own.length, spec.newId(), issuer, numbers));
      for (const m of own) {
        const age = wholeMonthsBetween(m.birthDate, spec.from) / 12;
        if ((age >= 70 && rng.chance(0.2)) || rng.chance(0.004)) planExit(rng, m, 'EXEMPTED', spec, issuer, numbers);
      }
      // Off the roll: a few deceased (older) and removed members beyond the roll's count.
      const gone = Math.round(bp.members * 0.015) + (rng.chance((bp.members * 0.015) % 1) ? 1 : 0);
      for (let i = 0; i < gone; i++) {
        const deceased = rng.chance(0.7);
        const m = planMember(rng, unit.id, bp.profile ?? 'residential', spec, members.length + own.length, spec.newId(), issuer, numbers, deceased);
        planExit(rng, m, deceased ? 'DECEASED' : 'REMOVED', spec, issuer, numbers);
        if (m.exit) own.push(m);
      }
      members.push(...own);
      below.push(...own);
      positions.push(...planPositions(rng, unit.id, own, false, termStart, issuer, numbers, spec.newId, taken));
    }
    // A unit exists from its founding or from its earliest member's admission, whichever is first.
    for (const m of below) if (m.admittedOn < unit.validFrom) unit.validFrom = m.admittedOn;
    return { unit, members: below };
  };
  for (const bp of tree) visit(bp, spec.rootId, 'TU');
  const byId = new Map(units.map((u) => [u.id, u]));
  planTransfers(rng, members, units, byId, spec, numbers, new Set(positions.map((p) => p.memberId)));
  const ratings = planRatings(rng, members, spec, numbers);
  // Parents are found before their children, but a child may be older: the parent follows it.
  for (let i = units.length - 1; i >= 0; i--) {
    const parent = byId.get(units[i].parentId!);
    if (parent && units[i].validFrom < parent.validFrom) parent.validFrom = units[i].validFrom;
  }
  const rootValidFrom = units.reduce((min, u) => (u.parentId === spec.rootId && u.validFrom < min ? u.validFrom : min), '2010-12-31');
  return { units, members, positions, ratings, rootValidFrom };
}
