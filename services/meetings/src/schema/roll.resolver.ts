import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { DomainError } from '@chibo/domain';
import type { RequestContext } from '@chibo/service-kit';
import { meetingDate } from '../domain/attendance';
import { ruleSetFor } from './loaders';
import { contentBalance } from '../domain/agenda';
import { quarterRange } from '../domain/dashboard';
import { assertCanRead } from '../domain/meetings';
import { removalCandidates, requireRemovalReader, type ExcusedStreak, type RemovalCandidate } from '../domain/removal';
import type { RollMember } from '../domain/roll';
import { MeetingStore } from '../store';
import { ContentBalanceType, ExcusedAbsenceStreakType, OrgUnitRef, RemovalCandidateType, RollMemberType } from './types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@Resolver(() => OrgUnitRef)
export class OrgUnitRollResolver {
  @FieldResolver(() => [RollMemberType], { nullable: true, description: 'Danh sách đảng viên của chi bộ vào một ngày, dùng để điểm danh (theo dữ liệu từ dịch vụ đảng viên)' })
  async attendanceRoll(@Root() unit: OrgUnitRef, @Arg('on', { description: 'Ngày, dạng YYYY-MM-DD' }) on: string, @Ctx() ctx: RequestContext): Promise<RollMember[]> {
    if (!DATE.test(on) || Number.isNaN(Date.parse(on))) {
      throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày phải có dạng YYYY-MM-DD', en: 'The date must look like YYYY-MM-DD' }, { field: 'on' });
    }
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const cell = await store.findCell(unit.id);
      if (!cell) return [];
      assertCanRead(ctx.principal, cell);
      return store.rollOn(unit.id, on);
    });
  }

  @FieldResolver(() => [RemovalCandidateType], {
    nullable: true,
    description: 'Đảng viên vắng sinh hoạt không lý do 3 tháng trong năm, đề nghị xem xét xóa tên (chỉ đề xuất, không tự động áp dụng)',
  })
  async removalCandidates(@Root() unit: OrgUnitRef, @Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<RemovalCandidate[]> {
    requireRemovalReader(ctx.principal);
    const rules = await ruleSetFor(ctx, yearRuleDate(year));
    return yearOf(ctx, unit.id, year, async (store, path, from, to) => removalCandidates(await store.unexcusedMonths(path, from, to), rules.unexcusedMonthsForRemoval));
  }

  @FieldResolver(() => [ExcusedAbsenceStreakType], { nullable: true, description: 'Cảnh báo: đảng viên vắng có lý do quá 3 lần liên tiếp trong năm' })
  async excusedAbsenceStreaks(@Root() unit: OrgUnitRef, @Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<ExcusedStreak[]> {
    requireRemovalReader(ctx.principal);
    const rules = await ruleSetFor(ctx, yearRuleDate(year));
    return yearOf(ctx, unit.id, year, (store, path, from, to) => store.excusedStreaksOver(path, from, to, rules.excusedStreakMax));
  }

  @FieldResolver(() => ContentBalanceType, {
    nullable: true,
    description: 'Cơ cấu nội dung sinh hoạt trong quý chứa kỳ báo cáo (cả cấp dưới); cảnh báo khi nội dung chuyên môn vượt ngưỡng (G-6)',
  })
  async quarterContentBalance(@Root() unit: OrgUnitRef, @Arg('period', { description: 'YYYY-MM, một tháng trong quý' }) period: string, @Ctx() ctx: RequestContext): Promise<ContentBalanceType | null> {
    const quarter = quarterRange(period);
    if (!quarter) throw new DomainError('BAD_USER_INPUT', { vi: 'Kỳ báo cáo phải có dạng YYYY-MM', en: 'Period must look like YYYY-MM' }, { field: 'period' });
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const cell = await store.findCell(unit.id);
      const found = await store.tree.find(unit.id);
      if (!cell || !found) return null;
      assertCanRead(ctx.principal, cell);
      const rows = await store.minutesByCategory(found.path, quarter.from, quarter.to);
      const rules = await ruleSetFor(ctx, meetingDate(new Date(Math.min(Date.now(), quarter.to.getTime() - 1))));
      const b = contentBalance(rows.map((r) => ({ category: r.category, plannedMinutes: 0, actualMinutes: r.minutes })), rules);
      return { totalMinutes: b.totalMinutes, categories: b.categories, professionalShare: b.professionalShare, professionalShareExceeded: b.professionalFlag };
    });
  }
}

/** A year is judged by the rule set in force at its end, or today while it runs. */
function yearRuleDate(year: number): string {
  const today = meetingDate(new Date());
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

/** Runs a question about a calendar year (Vietnam time) over the subtree of a unit the principal may see. */
async function yearOf<T>(ctx: RequestContext, unitId: string, year: number, ask: (store: MeetingStore, path: string, from: Date, to: Date) => Promise<T[]>): Promise<T[]> {
  if (!Number.isInteger(year) || year < 1930 || year > 2100) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Năm không hợp lệ', en: 'Invalid year' }, { field: 'year' });
  }
  return ctx.uow().run(async (tx) => {
    const store = new MeetingStore(tx);
    const cell = await store.findCell(unitId);
    const unit = await store.tree.find(unitId);
    if (!cell || !unit) return [];
    assertCanRead(ctx.principal, cell);
    const vn = 7 * 3_600_000;
    return ask(store, unit.path, new Date(Date.UTC(year, 0, 1) - vn), new Date(Date.UTC(year + 1, 0, 1) - vn));
  });
}
