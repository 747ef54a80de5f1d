import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, MeetingStatus } from '@chibo/domain';
import { PageArgs, SyncArgs, decodeCursor, encodeCursor, parseId, toConnection, type RequestContext } from '@chibo/service-kit';
import { allowedNext, approveMinutes, cancelMeeting, holdMeeting, planMeeting, prepareMeeting } from '../domain/lifecycle';
import { assertCanRead, recordMeeting, type Meeting } from '../domain/meetings';
import { planMonth } from '../domain/planning';
import { MeetingStore } from '../store';
import { meetingLoader } from './loaders';
import {
  ApproveMinutesInput,
  CancelMeetingInput,
  HoldMeetingInput,
  MeetingConnection,
  MeetingPayload,
  MeetingType,
  OrgUnitRef,
  PlanMeetingInput,
  PlanMeetingsPayload,
  PrepareMeetingInput,
  RecordMeetingInput,
  RecordMeetingPayload,
} from './types';

const notFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc họp', en: 'Meeting not found' }, { meetingId: id });

@Resolver(() => MeetingType)
export class MeetingResolver {
  @Query(() => MeetingType, { description: 'Một cuộc họp theo mã' })
  async meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Meeting> {
    const meetingId = parseId(id);
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const [meeting] = await store.findMeetings([meetingId]);
      if (!meeting) throw notFound(meetingId);
      const cell = await store.findCell(meeting.cellId);
      if (!cell) throw notFound(meetingId);
      assertCanRead(ctx.principal, cell);
      return meeting;
    });
  }

  @Mutation(() => PlanMeetingsPayload, { description: 'Lập lịch sinh hoạt còn thiếu trong tháng cho các chi bộ (thường kỳ ngày 3; chuyên đề mỗi quý) — G-1' })
  async planMeetings(
    @Arg('orgUnitId', () => ID) orgUnitId: string,
    @Arg('period', { description: 'YYYY-MM' }) period: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PlanMeetingsPayload> {
    const id = parseId(orgUnitId, 'orgUnitId');
    const meetings = await ctx.uow().run((tx) => planMonth(ctx.principal, { orgUnitId: id, period }, new MeetingStore(tx)));
    return { created: meetings.length, meetings };
  }

  @Mutation(() => RecordMeetingPayload, { description: 'Ghi nhận một buổi sinh hoạt chi bộ đã diễn ra' })
  async recordMeeting(@Arg('input') input: RecordMeetingInput, @Ctx() ctx: RequestContext): Promise<RecordMeetingPayload> {
    const cellId = parseId(input.cellId, 'cellId');
    const meeting = await ctx.uow().run((tx) => recordMeeting(ctx.principal, { ...input, cellId }, new MeetingStore(tx)));
    return { meeting };
  }

  @Mutation(() => MeetingPayload, { description: 'Lên kế hoạch một cuộc họp (trạng thái PLANNED)' })
  async planMeeting(@Arg('input') input: PlanMeetingInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const cellId = parseId(input.cellId, 'cellId');
    const meeting = await ctx.uow().run((tx) => planMeeting(ctx.principal, { ...input, cellId }, new MeetingStore(tx)));
    return { meeting };
  }

  @Mutation(() => MeetingPayload, { description: 'Hoàn tất chuẩn bị: đã phân công nội dung, có dự thảo nghị quyết (PREPARED)' })
  async prepareMeeting(@Arg('input') input: PrepareMeetingInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const meeting = await ctx.uow().run((tx) => prepareMeeting(ctx.principal, { ...input, meetingId }, new MeetingStore(tx)));
    return { meeting };
  }

  @Mutation(() => MeetingPayload, { description: 'Ghi nhận cuộc họp đã diễn ra (HELD)' })
  async holdMeeting(@Arg('input') input: HoldMeetingInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const agenda = input.agenda?.map((a) => ({ ...a, agendaItemId: parseId(a.agendaItemId, 'agendaItemId') }));
    const meeting = await ctx.uow().run((tx) => holdMeeting(ctx.principal, { ...input, meetingId, agenda }, new MeetingStore(tx)));
    return { meeting };
  }

  @Mutation(() => MeetingPayload, { description: 'Thông qua biên bản (MINUTES_APPROVED)' })
  async approveMinutes(@Arg('input') input: ApproveMinutesInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const meeting = await ctx.uow().run((tx) => approveMinutes(ctx.principal, { meetingId }, new MeetingStore(tx)));
    return { meeting };
  }

  @Mutation(() => MeetingPayload, { description: 'Hủy cuộc họp, ghi rõ lý do (CANCELLED)' })
  async cancelMeeting(@Arg('input') input: CancelMeetingInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const meeting = await ctx.uow().run((tx) => cancelMeeting(ctx.principal, { meetingId, reason: input.reason }, new MeetingStore(tx)));
    return { meeting };
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Chi bộ' })
  cell(@Root() meeting: Meeting): OrgUnitRef {
    return { id: meeting.cellId };
  }

  @FieldResolver(() => [MeetingStatus], { description: 'Các trạng thái có thể chuyển sang tiếp theo' })
  allowedNextStatuses(@Root() meeting: Meeting): MeetingStatus[] {
    return allowedNext(meeting.status);
  }
}

@Resolver(() => OrgUnitRef)
export class OrgUnitMeetingsResolver {
  @FieldResolver(() => MeetingConnection, { nullable: true, description: 'Các buổi sinh hoạt của chi bộ, mới nhất trước' })
  async meetings(@Root() unit: OrgUnitRef, @Args() page: PageArgs, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext) {
    const cursor = decodeCursor(page.after) as [string, string] | null;
    const { rows, total } = await ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const cell = await store.findCell(unit.id);
      if (!cell) return { rows: [], total: 0 };
      assertCanRead(ctx.principal, cell);
      return store.meetingsOfCell(unit.id, page.first, cursor, sync.modifiedSince);
    });
    return toConnection(rows, page.first, total, (m) => encodeCursor([(m.heldAt ?? m.scheduledAt)?.toISOString() ?? '', m.id]));
  }
}

export async function resolveMeetingReference(ref: { id: string }, ctx: RequestContext): Promise<Meeting | null> {
  return meetingLoader(ctx).load(ref.id);
}
