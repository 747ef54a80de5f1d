import { Arg, Args, Ctx, FieldResolver, Float, Mutation, Resolver, Root } from 'type-graphql';
import { AttendanceStatus } from '@chibo/domain';
import { SyncArgs, keepModifiedSince, parseId, type RequestContext } from '@chibo/service-kit';
import { addAgendaItem, contentBalance, onlyChairSpoke, participationRate, recordContributions, type AgendaItem, type Contribution } from '../domain/agenda';
import { meetingDate, recordAttendance, summarize } from '../domain/attendance';
import type { Meeting } from '../domain/meetings';
import { MeetingStore } from '../store';
import { AGENDA_ITEM_CHANGES, CONTRIBUTION_CHANGES } from '../store/changes';
import { agendaLoader, attendanceLoader, contributionLoader, ruleSetFor } from './loaders';
import {
  AddAgendaItemInput,
  AddAgendaItemPayload,
  AgendaItemType,
  ContentBalanceType,
  ContributionType,
  MeetingAttendanceType,
  MeetingPayload,
  MeetingType,
  RecordAttendanceInput,
  RecordContributionsInput,
} from './types';

/** Agenda (G-3), attendance (G-4), discussion (G-5) and content balance (G-6) of a meeting. */
@Resolver(() => MeetingType)
export class MeetingContentResolver {
  @Mutation(() => AddAgendaItemPayload, { description: 'Thêm một nội dung vào chương trình cuộc họp' })
  async addAgendaItem(@Arg('input') input: AddAgendaItemInput, @Ctx() ctx: RequestContext): Promise<AddAgendaItemPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const presenterMemberId = input.presenterMemberId ? parseId(input.presenterMemberId, 'presenterMemberId') : null;
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const agendaItem = await addAgendaItem(ctx.principal, { ...input, meetingId, presenterMemberId }, store);
      return { agendaItem, meeting: (await store.findMeeting(meetingId))! };
    });
  }

  @Mutation(() => MeetingPayload, { description: 'Điểm danh cả danh sách chi bộ trong một lần' })
  async recordAttendance(@Arg('input') input: RecordAttendanceInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const chairMemberId = input.chairMemberId ? parseId(input.chairMemberId, 'chairMemberId') : null;
    const entries = input.entries.map((e) => ({ ...e, memberId: parseId(e.memberId, 'memberId') }));
    const secretaryMemberId = input.secretaryMemberId ? parseId(input.secretaryMemberId, 'secretaryMemberId') : null;
    const { meeting } = await ctx.uow().run((tx) => recordAttendance(ctx.principal, { meetingId, chairMemberId, secretaryMemberId, entries }, new MeetingStore(tx)));
    return { meeting };
  }

  @Mutation(() => MeetingPayload, { description: 'Ghi các ý kiến phát biểu tại cuộc họp' })
  async recordContributions(@Arg('input') input: RecordContributionsInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const contributions = input.contributions.map((c) => ({ ...c, memberId: parseId(c.memberId, 'memberId'), agendaItemId: parseId(c.agendaItemId, 'agendaItemId') }));
    const meeting = await ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      await recordContributions(ctx.principal, { meetingId, contributions }, store);
      return (await store.findMeeting(meetingId))!;
    });
    return { meeting };
  }

  @FieldResolver(() => [AgendaItemType], { description: 'Chương trình: các nội dung theo thứ tự' })
  async agenda(@Root() meeting: Meeting, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<AgendaItem[]> {
    return keepModifiedSince(ctx, AGENDA_ITEM_CHANGES, sync.modifiedSince, await agendaLoader(ctx).load(meeting.id));
  }

  @FieldResolver(() => MeetingAttendanceType, { nullable: true, description: 'Điểm danh và tỷ lệ dự họp; trống khi chưa điểm danh' })
  async attendance(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<MeetingAttendanceType | null> {
    const entries = await attendanceLoader(ctx).load(meeting.id);
    if (!entries.length) return null;
    return { entries, ...summarize(entries, meeting.rollTemporarilyOut ?? 0) };
  }

  @FieldResolver(() => [ContributionType], { description: 'Các ý kiến phát biểu' })
  async contributions(@Root() meeting: Meeting, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext): Promise<Contribution[]> {
    return keepModifiedSince(ctx, CONTRIBUTION_CHANGES, sync.modifiedSince, await contributionLoader(ctx).load(meeting.id));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Tỷ lệ phát biểu: số người phát biểu (trừ chủ trì) ÷ số có mặt' })
  async participationRate(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<number | null> {
    const [entries, contributions] = await Promise.all([attendanceLoader(ctx).load(meeting.id), contributionLoader(ctx).load(meeting.id)]);
    return participationRate(meeting.chairMemberId, contributions, entries.filter((e) => e.status === AttendanceStatus.PRESENT).length);
  }

  @FieldResolver(() => Boolean, { description: 'Cảnh báo: chỉ người chủ trì phát biểu' })
  async onlyChairSpoke(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<boolean> {
    return onlyChairSpoke(meeting.chairMemberId, await contributionLoader(ctx).load(meeting.id));
  }

  @FieldResolver(() => ContentBalanceType, { description: 'Cơ cấu nội dung theo thời lượng' })
  async contentBalance(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<ContentBalanceType> {
    const at = meeting.heldAt ?? meeting.scheduledAt;
    const rules = await ruleSetFor(ctx, at ? meetingDate(at) : meetingDate(new Date()));
    const b = contentBalance(await agendaLoader(ctx).load(meeting.id), rules);
    return { totalMinutes: b.totalMinutes, categories: b.categories, professionalShare: b.professionalShare, professionalShareExceeded: b.professionalFlag };
  }
}
