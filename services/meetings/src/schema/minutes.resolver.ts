import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { MeetingStatus } from '@chibo/domain';
import type { RequestContext } from '@chibo/service-kit';
import type { Meeting } from '../domain/meetings';
import { assertMayReadMinutes, composeMinutes, namedMemberIds, type MinutesFacts } from '../domain/minutes';
import { MeetingStore } from '../store';
import { renderMinutesPdf } from './minutes-pdf';
import { MeetingType } from './types';

/** Biên bản (PDF) — a file, inline: it goes through the gateway's authentication like any field. */
@ObjectType('MinutesFile')
export class MinutesFileType {
  @Field({ description: 'Tên tệp gợi ý' })
  fileName: string;

  @Field({ description: 'application/pdf' })
  contentType: string;

  @Field(() => Int)
  byteLength: number;

  @Field({ description: 'Nội dung tệp, mã hóa base64' })
  base64: string;
}

interface NamesAnswer {
  members: { id: string; fullName: string }[];
  orgUnits: { id: string; name: string }[];
}

/**
 * The minutes of a held meeting as a PDF (biên bản sinh hoạt chi bộ). A field of Meeting rather
 * than an HTTP route: whoever may read the meeting may have its minutes, checked by the same
 * rule, and integrators get them through the same API and key. Names come from membership at the
 * time of the request (signed internal call); nothing of membership's model is copied here.
 */
@Resolver(() => MeetingType)
export class MinutesResolver {
  @FieldResolver(() => MinutesFileType, { nullable: true, description: 'Biên bản sinh hoạt chi bộ (PDF) từ dữ liệu đã ghi; trống khi cuộc họp chưa diễn ra' })
  async minutesPdf(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<MinutesFileType | null> {
    const facts = await ctx.uow().run(async (tx): Promise<MinutesFacts | null> => {
      const store = new MeetingStore(tx);
      const cell = await store.findCell(meeting.cellId);
      if (!cell) return null;
      assertMayReadMinutes(ctx.principal, cell);
      const current = await store.findMeeting(meeting.id);
      if (!current || (current.status !== MeetingStatus.HELD && current.status !== MeetingStatus.MINUTES_APPROVED)) return null;
      const [agenda, attendance, contributions, resolutions] = await Promise.all([
        store.agendaItems(current.id),
        store.attendanceOf(current.id),
        store.contributionsOfMeetings([current.id]).then((m) => m.get(current.id) ?? []),
        store.resolutionsOfMeetings([current.id]).then((m) => m.get(current.id) ?? []),
      ]);
      const tasks = resolutions.length ? await store.tasksOfResolutions(resolutions.map((r) => r.id)) : new Map();
      return { meeting: current, cell, agenda, attendance, contributions, resolutions: resolutions.map((r) => ({ ...r, tasks: tasks.get(r.id) ?? [] })) };
    });
    if (!facts) return null;
    const names = await ctx.peers.call<NamesAnswer>('membership', 'names', { tenantId: ctx.tenantId, memberIds: namedMemberIds(facts), orgUnitIds: facts.cell.lineage });
    const doc = composeMinutes(facts, {
      members: new Map(names.members.map((m) => [m.id, m.fullName])),
      orgUnits: new Map(names.orgUnits.map((u) => [u.id, u.name])),
    });
    const pdf = await renderMinutesPdf(doc);
    return { fileName: doc.fileName, contentType: 'application/pdf', byteLength: pdf.length, base64: pdf.toString('base64') };
  }
}
