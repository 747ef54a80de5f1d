import { DomainError, MEETING_HOLDING_KINDS, MemberRating as R, MemberStatus as S, type Principal } from '@chibo/domain';
import { todayVn } from './dates';
import { disciplinedInYear } from './discipline';
import { canReadMember, canWriteMember, deriveState } from './member-rules';
import type { MemberPorts } from './members';
import type { OrgUnit } from './org-units';
import type { RollPorts } from './member-queries';

/** Xếp loại đảng viên — one member's rating for a year, given by their cell (M-7). */
export interface Rating {
  memberId: string;
  cellId: string;
  year: number;
  rating: R;
  decisionNumber: string | null;
}

export interface RatingPorts extends RollPorts, Pick<MemberPorts, 'findOrgUnit' | 'publish'> {
  ratingsOfCell(cellId: string, year: number): Promise<Rating[]>;
  saveRating(rating: Rating, by: string): Promise<void>;
}

/**
 * M-7 (QĐ 124): in a cell, those rated EXCELLENT may not exceed 20 % of those rated GOOD.
 * EXCELLENT members are chosen among those who did GOOD work, so they count in the base: with
 * 4 GOOD and 1 EXCELLENT the one is exactly 20 % of the five. *Configurable* per DOMAIN.md;
 * the per-tenant rule set does not exist yet, so the threshold is this constant.
 */
export const EXCELLENT_MAX_PERCENT_OF_GOOD = 20;

const rule = (vi: string, en: string, details: Record<string, unknown> = {}) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'M-7', ...details });

export function assertExcellentCap(counts: { excellent: number; good: number }, percent = EXCELLENT_MAX_PERCENT_OF_GOOD): void {
  const base = counts.good + counts.excellent;
  if (counts.excellent * 100 > percent * base) {
    throw rule(
      `Số đảng viên hoàn thành xuất sắc nhiệm vụ không quá ${percent}% số hoàn thành tốt nhiệm vụ`,
      `EXCELLENT may not exceed ${percent}% of those rated GOOD`,
      { excellent: counts.excellent, good: counts.good },
    );
  }
}

const ORDER: R[] = [R.NOT_COMPLETED, R.COMPLETED, R.GOOD, R.EXCELLENT];

/** M-7: a member disciplined in the year is rated COMPLETED at best (*configurable*). */
export function assertRatingAllowedAfterDiscipline(rating: R, disciplined: boolean): void {
  if (disciplined && ORDER.indexOf(rating) > ORDER.indexOf(R.COMPLETED)) {
    throw rule('Đảng viên bị kỷ luật trong năm chỉ được xếp loại tối đa hoàn thành nhiệm vụ', 'A member disciplined in the year is rated COMPLETED at most', { rating });
  }
}

/** The day the roll of a rated year is read: its last day, or today for the current year. */
export function ratingDay(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

export interface RateMembersCommand {
  cellId: string;
  year: number;
  decisionNumber?: string | null;
  ratings: { memberId: string; rating: R }[];
}

const notFound = (field: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy chi bộ', en: 'Cell not found' }, { field });

async function ratedCell(principal: Principal, ports: RatingPorts, cellId: string, write: boolean): Promise<OrgUnit> {
  const cell = await ports.findOrgUnit(cellId);
  if (!cell || !canReadMember(principal, cell.lineage, '')) throw notFound('cellId');
  if (write && !canWriteMember(principal, cell.lineage)) throw new DomainError('FORBIDDEN');
  if (!MEETING_HOLDING_KINDS.includes(cell.kind)) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Chi bộ xếp loại đảng viên', en: 'Cells rate their members' }, { rule: 'T-2', field: 'cellId' });
  }
  return cell;
}

/**
 * A cell rates its members for a year (M-7), all in one decision: every rated member must be on
 * the cell's roll (not exempt) at the year's end; the cap is checked on the whole cell's
 * ratings for the year after the change, so a batch passes or fails as a whole.
 */
export async function rateMembers(principal: Principal, input: RateMembersCommand, ports: RatingPorts, now = new Date()): Promise<Rating[]> {
  const cell = await ratedCell(principal, ports, input.cellId, true);
  const today = todayVn(now);
  const currentYear = Number(today.slice(0, 4));
  if (!Number.isInteger(input.year) || input.year < 1930 || input.year > currentYear) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Năm xếp loại không hợp lệ', en: 'Invalid rating year' }, { field: 'year' });
  }
  if (!input.ratings.length) throw new DomainError('BAD_USER_INPUT', { vi: 'Chưa có kết quả xếp loại', en: 'No ratings given' }, { field: 'ratings' });
  const ids = [...new Set(input.ratings.map((r) => r.memberId))];
  if (ids.length !== input.ratings.length) throw new DomainError('BAD_USER_INPUT', { vi: 'Một đảng viên được xếp loại hai lần', en: 'A member is rated twice' }, { field: 'ratings' });
  const day = ratingDay(input.year, today);
  const history = await ports.memberEvents(ids);
  for (const r of input.ratings) {
    const own = history.filter((e) => e.memberId === r.memberId);
    const state = deriveState(own, day);
    if (state.cellId !== cell.id || (state.status !== S.OFFICIAL && state.status !== S.PROBATIONARY)) {
      throw rule('Chỉ xếp loại đảng viên đang sinh hoạt tại chi bộ (không xếp loại đảng viên được miễn sinh hoạt)', 'Only active members of the cell are rated (exempt members are not)', {
        field: 'ratings',
        memberId: r.memberId,
      });
    }
    assertRatingAllowedAfterDiscipline(r.rating, disciplinedInYear(own, input.year));
  }
  const existing = await ports.ratingsOfCell(cell.id, input.year);
  const byMember = new Map(existing.map((r) => [r.memberId, r]));
  const decisionNumber = input.decisionNumber?.trim() || null;
  for (const r of input.ratings) byMember.set(r.memberId, { memberId: r.memberId, cellId: cell.id, year: input.year, rating: r.rating, decisionNumber });
  const all = [...byMember.values()];
  assertExcellentCap({ excellent: all.filter((r) => r.rating === R.EXCELLENT).length, good: all.filter((r) => r.rating === R.GOOD).length });
  for (const r of input.ratings) {
    await ports.saveRating(byMember.get(r.memberId)!, principal.subject);
    ports.publish({ type: 'MemberRecordChanged', payload: { memberId: r.memberId, aspect: 'RATING' } });
  }
  return all;
}

export async function cellRatings(principal: Principal, cellId: string, year: number, ports: RatingPorts): Promise<Rating[]> {
  const cell = await ratedCell(principal, ports, cellId, false);
  return ports.ratingsOfCell(cell.id, year);
}
