import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError } from '@chibo/domain';
import { SyncArgs, keepModifiedSince, parseId, type RequestContext } from '@chibo/service-kit';
import { meetingDate } from '../domain/attendance';
import { assertCanRead, type Meeting } from '../domain/meetings';
import { achieved, adoptResolution, notReviewed, overdue, reportTaskProgress, reviewResolution, type Resolution, type ResolutionTask, type TaskProgress } from '../domain/resolutions';
import { MeetingStore } from '../store';
import { RESOLUTION_CHANGES, TASK_CHANGES, TASK_PROGRESS_CHANGES } from '../store/changes';
import {
  AdoptResolutionInput,
  MeetingType,
  ReportTaskProgressInput,
  ReportTaskProgressPayload,
  ResolutionPayload,
  ResolutionTaskType,
  ResolutionType,
  ReviewResolutionInput,
  TaskProgressType,
} from './types';

const today = () => meetingDate(new Date());

function grouped<T>(ctx: RequestContext, name: string, load: (s: MeetingStore, ids: readonly string[]) => Promise<Map<string, T[]>>) {
  return ctx.loader<string, T[]>(name, (ids) =>
    ctx.uow().run(async (tx) => {
      const m = await load(new MeetingStore(tx), ids);
      return ids.map((id) => m.get(id) ?? []);
    }),
  );
}

/** Nghị quyết (G-8) and its follow-up (G-9). */
@Resolver(() => ResolutionType)
export class ResolutionResolver {
  @Query(() => ResolutionType, { description: 'Một nghị quyết theo mã' })
  async resolution(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Resolution> {
    const resolutionId = parseId(id);
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const r = await store.findResolution(resolutionId);
      const cell = r && (await store.findCell(r.cellId));
      if (!r || !cell) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy nghị quyết', en: 'Resolution not found' }, { resolutionId });
      assertCanRead(ctx.principal, cell);
      return r;
    });
  }

  @Mutation(() => ResolutionPayload, { description: 'Ghi nghị quyết được thông qua tại cuộc họp, kèm nhiệm vụ' })
  async adoptResolution(@Arg('input') input: AdoptResolutionInput, @Ctx() ctx: RequestContext): Promise<ResolutionPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const tasks = input.tasks.map((t) => ({ ...t, ownerMemberId: t.ownerMemberId ? parseId(t.ownerMemberId, 'ownerMemberId') : null }));
    const { resolution } = await ctx.uow().run((tx) => adoptResolution(ctx.principal, { ...input, meetingId, tasks }, new MeetingStore(tx)));
    return { resolution };
  }

  @Mutation(() => ReportTaskProgressPayload, { description: 'Báo cáo tiến độ thực hiện một nhiệm vụ' })
  async reportTaskProgress(@Arg('input') input: ReportTaskProgressInput, @Ctx() ctx: RequestContext): Promise<ReportTaskProgressPayload> {
    const taskId = parseId(input.taskId, 'taskId');
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const progress = await reportTaskProgress(ctx.principal, { ...input, taskId }, store, today());
      return { progress, task: (await store.findTask(taskId))! };
    });
  }

  @Mutation(() => ResolutionPayload, { description: 'Kiểm điểm việc thực hiện nghị quyết tại cuộc họp sau' })
  async reviewResolution(@Arg('input') input: ReviewResolutionInput, @Ctx() ctx: RequestContext): Promise<ResolutionPayload> {
    const resolutionId = parseId(input.resolutionId, 'resolutionId');
    const meetingId = parseId(input.meetingId, 'meetingId');
    const agendaItemId = parseId(input.agendaItemId, 'agendaItemId');
    const checks = input.checks.map((c) => ({ ...c, taskId: parseId(c.taskId, 'taskId') }));
    const resolution = await ctx.uow().run((tx) => reviewResolution(ctx.principal, { resolutionId, meetingId, agendaItemId, checks }, new MeetingStore(tx)));
    return { resolution };
  }

  @FieldResolver(() => [ResolutionTaskType])
  async tasks(@Root() r: Resolution, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<ResolutionTask[]> {
    const tasks = await grouped<ResolutionTask>(ctx, 'resolution-tasks', (s, ids) => s.tasksOfResolutions(ids)).load(r.id);
    return keepModifiedSince(ctx, TASK_CHANGES, sync.modifiedSince, tasks);
  }

  @FieldResolver(() => Boolean, { description: 'Cảnh báo: đã có cuộc họp thường kỳ sau nhưng chưa kiểm điểm nghị quyết (G-9)' })
  async notReviewed(@Root() r: Resolution, @Ctx() ctx: RequestContext): Promise<boolean> {
    if (r.reviewedAt) return false;
    const adopted = await ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const meeting = await store.findMeeting(r.meetingId);
      return meeting?.heldAt ? store.regularHeldAfter(r.cellId, meeting.heldAt) : false;
    });
    return notReviewed(r, adopted);
  }
}

@Resolver(() => ResolutionTaskType)
export class ResolutionTaskResolver {
  @FieldResolver(() => [TaskProgressType], { description: 'Các báo cáo tiến độ' })
  async progress(@Root() t: ResolutionTask, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<TaskProgress[]> {
    const reports = await this.reports(t, ctx);
    return keepModifiedSince(ctx, TASK_PROGRESS_CHANGES, sync.modifiedSince, reports);
  }

  private reports(t: ResolutionTask, ctx: RequestContext): Promise<TaskProgress[]> {
    return grouped<TaskProgress>(ctx, 'task-progress', (s, ids) => s.progressOfTasks(ids)).load(t.id);
  }

  @FieldResolver(() => Float, { description: 'Tổng số đã đạt được theo các báo cáo' })
  async achieved(@Root() t: ResolutionTask, @Ctx() ctx: RequestContext): Promise<number> {
    return achieved(t, await this.reports(t, ctx)).total;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Tỷ lệ đạt chỉ tiêu (0–1); trống khi không có chỉ tiêu đo được' })
  async achievedShare(@Root() t: ResolutionTask, @Ctx() ctx: RequestContext): Promise<number | null> {
    return achieved(t, await this.reports(t, ctx)).share;
  }

  @FieldResolver(() => Boolean, { description: 'Cảnh báo: quá hạn mà chưa hoàn thành (G-9)' })
  overdue(@Root() t: ResolutionTask): boolean {
    return overdue(t, today());
  }
}

@Resolver(() => MeetingType)
export class MeetingResolutionsResolver {
  @FieldResolver(() => [ResolutionType], { description: 'Các nghị quyết được thông qua tại cuộc họp' })
  async resolutions(@Root() m: Meeting, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<Resolution[]> {
    const resolutions = await grouped<Resolution>(ctx, 'meeting-resolutions', (s, ids) => s.resolutionsOfMeetings(ids)).load(m.id);
    return keepModifiedSince(ctx, RESOLUTION_CHANGES, sync.modifiedSince, resolutions);
  }
}
