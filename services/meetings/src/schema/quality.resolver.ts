import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, requireOperation } from '@chibo/domain';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { meetingDate } from '../domain/attendance';
import type { Meeting } from '../domain/meetings';
import { DEFAULT_RUBRIC, ScoreItemKey, adjustScore, scoreMeeting, setRubric, type QualityRubric } from '../domain/quality';
import { MeetingStore } from '../store';
import { scoreLoader } from './loaders';
import { AdjustMeetingScoreInput, MeetingPayload, MeetingQualityScoreType, MeetingType, QualityRubricType, ScoreMeetingInput, SetQualityRubricInput, SetQualityRubricPayload } from './types';

function toRubricType(r: QualityRubric): QualityRubricType {
  return { ...r, points: Object.values(ScoreItemKey).map((item) => ({ item, points: r.points[item] })) };
}

/** G-7: the quality score of a meeting and the tenant's versioned rubric. */
@Resolver(() => MeetingType)
export class QualityResolver {
  @Query(() => [QualityRubricType], { description: 'Các phiên bản thang điểm chất lượng sinh hoạt của đơn vị (phiên bản 0 là mặc định)' })
  async qualityRubrics(@Ctx() ctx: RequestContext): Promise<QualityRubricType[]> {
    requireOperation(ctx.principal, 'qualityRubrics');
    const versions = await ctx.uow().run((tx) => new MeetingStore(tx).rubrics());
    return [DEFAULT_RUBRIC, ...versions].map(toRubricType);
  }

  @Mutation(() => SetQualityRubricPayload, { description: 'Ban hành phiên bản mới của thang điểm (không chấm lại các cuộc họp trước ngày hiệu lực)' })
  async setQualityRubric(@Arg('input') input: SetQualityRubricInput, @Ctx() ctx: RequestContext): Promise<SetQualityRubricPayload> {
    const points = Object.fromEntries(Object.values(ScoreItemKey).map((k) => [k, NaN])) as QualityRubric['points'];
    for (const p of input.points) {
      if (!Number.isNaN(points[p.item])) {
        throw new DomainError('BAD_USER_INPUT', { vi: 'Một tiêu chí được cho điểm hai lần', en: 'A part is given twice' }, { field: 'points', item: p.item });
      }
      points[p.item] = p.points;
    }
    const rubric = await ctx.uow().run((tx) => setRubric(ctx.principal, { ...input, points }, new MeetingStore(tx)));
    return { rubric: toRubricType(rubric) };
  }

  @Mutation(() => MeetingPayload, { description: 'Chấm điểm chất lượng một buổi sinh hoạt từ dữ liệu đã ghi' })
  async scoreMeeting(@Arg('input') input: ScoreMeetingInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      await scoreMeeting(ctx.principal, { meetingId }, store, meetingDate);
      return { meeting: (await store.findMeeting(meetingId))! };
    });
  }

  @Mutation(() => MeetingPayload, { description: 'Điều chỉnh điểm chất lượng thủ công, có lý do' })
  async adjustMeetingScore(@Arg('input') input: AdjustMeetingScoreInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      await adjustScore(ctx.principal, { meetingId, points: input.points, reason: input.reason }, store);
      return { meeting: (await store.findMeeting(meetingId))! };
    });
  }

  @FieldResolver(() => MeetingQualityScoreType, { nullable: true, description: 'Điểm chất lượng (G-7); trống khi chưa chấm' })
  qualityScore(@Root() meeting: Meeting, @Ctx() ctx: RequestContext) {
    return scoreLoader(ctx).load(meeting.id);
  }
}
