import { DomainError, Role, nfc, requireRole, requireTenant, type Principal } from '@chibo/domain';

/** What a target of the yearly theme measures (G-12); each is computed from recorded facts. */
export enum ThemeTargetKind {
  /** Share of cells that held a thematic meeting in every quarter of the year so far. */
  CELLS_WITH_THEMATIC_EVERY_QUARTER = 'CELLS_WITH_THEMATIC_EVERY_QUARTER',
  /** Share of the year's scored meetings rated GOOD (G-7). */
  MEETINGS_RATED_GOOD = 'MEETINGS_RATED_GOOD',
  /** Share of the year's resolutions reviewed, of those whose review has fallen due (G-9). */
  RESOLUTIONS_REVIEWED = 'RESOLUTIONS_REVIEWED',
  /** Share of (cell, month) pairs of the year so far with a regular meeting held (G-1). */
  REGULAR_MEETINGS_HELD = 'REGULAR_MEETINGS_HELD',
}

export interface ThemeTarget {
  kind: ThemeTargetKind;
  /** At least this share (0–1) to meet the target. */
  threshold: number;
}

/** Chủ đề năm — the city's yearly theme with its targets. */
export interface YearlyTheme {
  year: number;
  title: string;
  targets: ThemeTarget[];
}

export interface ThemeFacts {
  /** Cells of the subtree. */
  cells: number;
  /** Cells that missed a thematic meeting in at least one elapsed quarter. */
  cellsMissingAThematicQuarter: number;
  scoredMeetings: number;
  goodMeetings: number;
  resolutionsDue: number;
  resolutionsReviewed: number;
  /** (cell, month) pairs elapsed, and those with a regular meeting held. */
  cellMonths: number;
  cellMonthsWithRegular: number;
}

export interface TargetProgress extends ThemeTarget {
  /** The computed share; null when there is nothing to measure yet. */
  value: number | null;
  met: boolean;
  /** "214/240 chi bộ (89,2%) sinh hoạt chuyên đề đủ các quý; chỉ tiêu ≥ 90%". */
  explanation: string;
}

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toString().replace('.', ',')}%`;

/** G-12: progress on each target, computed from the facts; never typed in. */
export function themeProgress(theme: YearlyTheme, f: ThemeFacts): TargetProgress[] {
  return theme.targets.map((t) => {
    const [num, den, what] =
      t.kind === ThemeTargetKind.CELLS_WITH_THEMATIC_EVERY_QUARTER
        ? [f.cells - f.cellsMissingAThematicQuarter, f.cells, 'chi bộ sinh hoạt chuyên đề đủ các quý']
        : t.kind === ThemeTargetKind.MEETINGS_RATED_GOOD
          ? [f.goodMeetings, f.scoredMeetings, 'buổi sinh hoạt được xếp loại tốt']
          : t.kind === ThemeTargetKind.RESOLUTIONS_REVIEWED
            ? [f.resolutionsReviewed, f.resolutionsDue, 'nghị quyết được kiểm điểm việc thực hiện']
            : [f.cellMonthsWithRegular, f.cellMonths, 'lượt chi bộ sinh hoạt thường kỳ hằng tháng'];
    const value = den ? num / den : null;
    return {
      ...t,
      value,
      met: value !== null && value >= t.threshold,
      explanation: `${num}/${den} ${what}${value === null ? '' : ` (${pct(value)})`}; chỉ tiêu ≥ ${pct(t.threshold)}`,
    };
  });
}

/** One cell's own share of the theme's facts (G-12), counted where its records are. */
export interface CellThemeRow {
  cellId: string;
  /** Closed (dissolved or merged, T-2) by the time the year is judged: counted, never "behind". */
  closed: boolean;
  /** Missed a thematic meeting in at least one quarter begun (while it was open). */
  missedAThematicQuarter: boolean;
  scoredMeetings: number;
  goodMeetings: number;
  /** Months with a regular meeting held. */
  monthsWithRegular: number;
}

/**
 * G-12 facts per cell: its rows, its resolutions' follow-up (G-9: due once reviewed or once a
 * later regular meeting was held) and the months begun. A subtree's facts are the sum of its
 * cells' (`sumThemeFacts`), so a committee's progress is its cells' added up.
 */
export function themeFactsByCell(cells: CellThemeRow[], resolutions: { cellId: string; reviewed: boolean; laterRegularHeld: boolean }[], monthsBegun: number): Map<string, ThemeFacts> {
  const out = new Map<string, ThemeFacts>();
  for (const c of cells) {
    out.set(c.cellId, {
      cells: 1,
      cellsMissingAThematicQuarter: c.missedAThematicQuarter ? 1 : 0,
      scoredMeetings: c.scoredMeetings,
      goodMeetings: c.goodMeetings,
      resolutionsDue: 0,
      resolutionsReviewed: 0,
      cellMonths: monthsBegun,
      cellMonthsWithRegular: c.monthsWithRegular,
    });
  }
  for (const r of resolutions) {
    const f = out.get(r.cellId);
    if (!f || !(r.reviewed || r.laterRegularHeld)) continue;
    f.resolutionsDue++;
    if (r.reviewed) f.resolutionsReviewed++;
  }
  return out;
}

export function sumThemeFacts(facts: Iterable<ThemeFacts>): ThemeFacts {
  const sum: ThemeFacts = { cells: 0, cellsMissingAThematicQuarter: 0, scoredMeetings: 0, goodMeetings: 0, resolutionsDue: 0, resolutionsReviewed: 0, cellMonths: 0, cellMonthsWithRegular: 0 };
  for (const f of facts) for (const k of Object.keys(sum) as (keyof ThemeFacts)[]) sum[k] += f[k];
  return sum;
}

/** G-12: the open cells whose own figures miss at least one target that can be measured yet. */
export function cellsBehindTheme(theme: YearlyTheme, cells: CellThemeRow[], byCell: Map<string, ThemeFacts>): string[] {
  return cells.filter((c) => !c.closed && themeProgress(theme, byCell.get(c.cellId)!).some((t) => t.value !== null && !t.met)).map((c) => c.cellId);
}

export interface ThemePorts {
  findTheme(year: number): Promise<YearlyTheme | null>;
  saveTheme(theme: YearlyTheme, by: string): Promise<void>;
  publish(event: { type: 'YearlyThemeSet'; payload: { year: number; targets: ThemeTarget[] } }): void;
}

/** G-12: the city administrator sets (or replaces) the year's theme and targets. */
export async function setYearlyTheme(principal: Principal, input: YearlyTheme, ports: ThemePorts): Promise<YearlyTheme> {
  requireTenant(principal);
  requireRole(principal, Role.CITY_ADMIN);
  const bad = (field: string, vi: string, en: string) => new DomainError('BAD_USER_INPUT', { vi, en }, { field, rule: 'G-12' });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw bad('year', 'Năm không hợp lệ', 'Invalid year');
  const title = nfc(input.title);
  if (!title || title.length > 1000) throw bad('title', 'Chủ đề từ 1 đến 1000 ký tự', 'The theme is 1 to 1000 characters');
  const kinds = new Set<string>();
  for (const t of input.targets) {
    if (!Object.values(ThemeTargetKind).includes(t.kind)) throw bad('targets', 'Loại chỉ tiêu không hợp lệ', 'Unknown target kind');
    if (kinds.has(t.kind)) throw bad('targets', 'Một loại chỉ tiêu chỉ đặt một lần', 'A target kind is given once');
    if (!(t.threshold >= 0 && t.threshold <= 1)) throw bad('threshold', 'Chỉ tiêu là tỷ lệ từ 0 đến 1', 'A threshold is a share from 0 to 1');
    kinds.add(t.kind);
  }
  const theme: YearlyTheme = { year: input.year, title, targets: input.targets.map((t) => ({ kind: t.kind, threshold: t.threshold })) };
  await ports.saveTheme(theme, principal.subject);
  ports.publish({ type: 'YearlyThemeSet', payload: { year: theme.year, targets: theme.targets } });
  return theme;
}
