import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DomainError, MeetingKind, isPeriod, periodRange } from '@chibo/domain';
import type { RequestContext } from '@chibo/service-kit';
import { meetingDate } from '../domain/attendance';
import { meetingFlags, rollUpFollowUp } from '../domain/follow-up';
import { assertCanRead, type Meeting } from '../domain/meetings';
import type { Resolution, ResolutionTask } from '../domain/resolutions';
import { MeetingStore } from '../store';
import { ruleSetFor } from './loaders';
import { MeetingType, OrgUnitRef, ResolutionTaskType, ResolutionType } from './types';

@ObjectType('MobilizedResources', { description: 'Nguồn lực huy động theo đơn vị chỉ tiêu (VND, bóng đèn …)' })
class MobilizedType {
  @Field({ description: 'Đơn vị' })
  unit: string;

  @Field(() => Float, { description: 'Tổng chỉ tiêu' })
  target: number;

  @Field(() => Float, { description: 'Đã đạt theo báo cáo tiến độ' })
  achieved: number;
}

@ObjectType('ResolutionFollowUp', { description: 'Kiểm tra việc thực hiện nghị quyết trong năm, cộng dồn cả cấp dưới (G-9)' })
export class ResolutionFollowUpType {
  @Field(() => Int, { description: 'Số nghị quyết thông qua trong năm' })
  resolutions: number;

  @Field(() => Int, { description: 'Đã kiểm điểm' })
  reviewed: number;

  @Field(() => Int, { description: 'Cảnh báo: đã có cuộc họp thường kỳ sau mà chưa kiểm điểm' })
  notReviewed: number;

  @Field(() => Float, { nullable: true, description: 'Tỷ lệ đã kiểm điểm trên số đã đến hạn kiểm điểm' })
  reviewedShare: number | null;

  @Field(() => Int)
  tasks: number;

  @Field(() => Int, { description: 'Nhiệm vụ được kiểm tra là hoàn thành' })
  tasksCompleted: number;

  @Field(() => Int, { description: 'Cảnh báo: nhiệm vụ quá hạn chưa hoàn thành' })
  tasksOverdue: number;

  @Field(() => [MobilizedType])
  mobilized: MobilizedType[];

  @Field(() => [ResolutionType], { description: 'Chi tiết: các nghị quyết chưa được kiểm điểm' })
  notReviewedResolutions: Resolution[];

  @Field(() => [ResolutionTaskType], { description: 'Chi tiết: các nhiệm vụ quá hạn' })
  overdueTasks: ResolutionTask[];
}

@ObjectType('MeetingFlags', { description: 'Các cảnh báo theo từng buổi sinh hoạt trong tháng, cả cấp dưới, theo quy định sinh hoạt của đơn vị' })
export class MeetingFlagsType {
  @Field(() => [MeetingType], { description: 'Chỉ người chủ trì phát biểu (G-5)' })
  onlyChairSpoke: Meeting[];

  @Field(() => [MeetingType], { description: 'Nội dung chuyên môn vượt ngưỡng (G-6)' })
  professionalShareExceeded: Meeting[];

  @Field(() => [MeetingType], { description: 'Tỷ lệ dự họp dưới ngưỡng (G-4)' })
  lowAttendance: Meeting[];
}

const VN_MS = 7 * 3_600_000;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1930 || year > 2100) throw new DomainError('BAD_USER_INPUT', { vi: 'Năm không hợp lệ', en: 'Invalid year' }, { field: 'year' });
}

/** The subtree a unit heads, for a reader allowed to see it; null when the unit is unknown here. */
async function subtree(store: MeetingStore, ctx: RequestContext, unitId: string): Promise<string | null> {
  const cell = await store.findCell(unitId);
  const unit = await store.tree.find(unitId);
  if (!cell || !unit) return null;
  assertCanRead(ctx.principal, cell);
  return unit.path;
}

/** Roll-ups of follow-up and flags over an org unit's subtree (G-1, G-4..G-6, G-9). */
@Resolver(() => OrgUnitRef)
export class OrgUnitFollowUpResolver {
  @FieldResolver(() => ResolutionFollowUpType, { nullable: true, description: 'Kiểm tra việc thực hiện các nghị quyết thông qua trong năm, cả cấp dưới (G-9)' })
  async resolutionFollowUp(@Root() unit: OrgUnitRef, @Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<ResolutionFollowUpType | null> {
    checkYear(year);
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const path = await subtree(store, ctx, unit.id);
      if (!path) return null;
      const [resolutions, tasks] = await Promise.all([store.resolutionsForFollowUp(path, `${year}-01-01`, `${year + 1}-01-01`), store.tasksForFollowUp(path, `${year}-01-01`, `${year + 1}-01-01`)]);
      const r = rollUpFollowUp(resolutions, tasks, meetingDate(new Date()));
      const [notReviewedResolutions, overdueTasks] = await Promise.all([store.findResolutionsByIds(r.notReviewedResolutionIds), store.findTasksByIds(r.overdueTaskIds)]);
      return { ...r, notReviewedResolutions, overdueTasks };
    });
  }

  @FieldResolver(() => MeetingFlagsType, { nullable: true, description: 'Cảnh báo theo từng buổi sinh hoạt trong tháng (cả cấp dưới)' })
  async meetingFlags(@Root() unit: OrgUnitRef, @Arg('period', { description: 'YYYY-MM' }) period: string, @Ctx() ctx: RequestContext): Promise<MeetingFlagsType | null> {
    if (!isPeriod(period)) throw new DomainError('BAD_USER_INPUT', { vi: 'Kỳ phải có dạng YYYY-MM', en: 'Period must look like YYYY-MM' }, { field: 'period' });
    const range = periodRange(period)!;
    const rules = await ruleSetFor(ctx, `${period}-01`);
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const path = await subtree(store, ctx, unit.id);
      if (!path) return null;
      const flags = meetingFlags(await store.meetingFlagFacts(path, range.from, range.to), rules);
      const meetings = new Map((await store.findMeetings([...new Set([...flags.onlyChairSpoke, ...flags.professionalShareExceeded, ...flags.lowAttendance])])).map((m) => [m.id, m]));
      const pick = (ids: string[]) => ids.map((id) => meetings.get(id)!).filter(Boolean);
      return { onlyChairSpoke: pick(flags.onlyChairSpoke), professionalShareExceeded: pick(flags.professionalShareExceeded), lowAttendance: pick(flags.lowAttendance) };
    });
  }

  @FieldResolver(() => [OrgUnitRef], { nullable: true, description: 'Cảnh báo: các chi bộ không sinh hoạt chuyên đề lần nào từ ngày (ví dụ đầu nhiệm kỳ) đến nay (G-1)' })
  async cellsWithoutThematicMeetingSince(@Root() unit: OrgUnitRef, @Arg('since', { description: 'YYYY-MM-DD, ví dụ ngày bắt đầu nhiệm kỳ' }) since: string, @Ctx() ctx: RequestContext): Promise<OrgUnitRef[] | null> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since))) {
      throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày phải có dạng YYYY-MM-DD', en: 'The date must look like YYYY-MM-DD' }, { field: 'since' });
    }
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const path = await subtree(store, ctx, unit.id);
      if (!path) return null;
      const from = new Date(Date.parse(`${since}T00:00:00Z`) - VN_MS);
      return (await store.cellIdsWithout(path, MeetingKind.THEMATIC, from, new Date())).map((id) => ({ id }));
    });
  }
}
