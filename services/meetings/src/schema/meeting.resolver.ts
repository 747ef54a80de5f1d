import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError } from '@chibo/domain';
import { PageArgs, decodeCursor, encodeCursor, parseId, toConnection, type RequestContext } from '@chibo/service-kit';
import { assertCanRead, recordMeeting, type Meeting } from '../domain/meetings';
import { MeetingStore } from '../store';
import { MeetingConnection, MeetingType, OrgUnitRef, RecordMeetingInput, RecordMeetingPayload } from './types';

const notFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc họp', en: 'Meeting not found' }, { meetingId: id });

function meetingLoader(ctx: RequestContext) {
  return ctx.loader<string, Meeting | null>('meeting', (ids) =>
    ctx.uow().run(async (tx) => {
      const found = await new MeetingStore(tx).findMeetings(ids);
      const byId = new Map(found.map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}

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

  @Mutation(() => RecordMeetingPayload, { description: 'Ghi nhận một buổi sinh hoạt chi bộ đã diễn ra' })
  async recordMeeting(@Arg('input') input: RecordMeetingInput, @Ctx() ctx: RequestContext): Promise<RecordMeetingPayload> {
    const cellId = parseId(input.cellId, 'cellId');
    const meeting = await ctx.uow().run((tx) => recordMeeting(ctx.principal, { ...input, cellId }, new MeetingStore(tx)));
    return { meeting };
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Chi bộ' })
  cell(@Root() meeting: Meeting): OrgUnitRef {
    return { id: meeting.cellId };
  }
}

@Resolver(() => OrgUnitRef)
export class OrgUnitMeetingsResolver {
  @FieldResolver(() => MeetingConnection, { description: 'Các buổi sinh hoạt của chi bộ, mới nhất trước' })
  async meetings(@Root() unit: OrgUnitRef, @Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    const cursor = decodeCursor(page.after) as [string, string] | null;
    const { rows, total } = await ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const cell = await store.findCell(unit.id);
      if (!cell) return { rows: [], total: 0 };
      assertCanRead(ctx.principal, cell);
      return store.meetingsOfCell(unit.id, page.first, cursor);
    });
    return toConnection(rows, page.first, total, (m) => encodeCursor([m.heldAt?.toISOString() ?? '', m.id]));
  }
}

export async function resolveMeetingReference(ref: { id: string }, ctx: RequestContext): Promise<Meeting | null> {
  return meetingLoader(ctx).load(ref.id);
}
