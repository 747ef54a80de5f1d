import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, MaxLength } from 'class-validator';
import { DomainError, isInScope } from '@chibo/domain';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { meetingDate } from '../domain/attendance';
import { HigherDocumentKind, recordDissemination, registerDocument, type HigherDocument } from '../domain/dissemination';
import { assertCanRead, type Meeting } from '../domain/meetings';
import { ThemeTargetKind, setYearlyTheme, themeProgress, type YearlyTheme } from '../domain/theme';
import { MeetingStore } from '../store';
import { DashboardFollowUpStore } from '../store/dashboard-follow-up-store';
import { AgendaItemType, MeetingPayload, MeetingType, OrgUnitRef } from './types';
import type { AgendaItem } from '../domain/agenda';

registerEnumType(HigherDocumentKind, { name: 'HigherDocumentKind', description: 'Loại văn bản cấp trên: chỉ thị, kế hoạch, nghị quyết, kết luận, khác' });
registerEnumType(ThemeTargetKind, { name: 'ThemeTargetKind', description: 'Loại chỉ tiêu của chủ đề năm (G-12)' });

@ObjectType('HigherDocument', { description: 'Văn bản cấp trên cần phổ biến đến chi bộ (G-11)' })
export class HigherDocumentType {
  @Field(() => ID)
  id: string;

  @Field(() => HigherDocumentKind)
  kind: HigherDocumentKind;

  @Field({ description: 'Số, ký hiệu' })
  number: string;

  @Field({ description: 'Trích yếu' })
  title: string;

  @Field({ description: 'Cơ quan ban hành' })
  issuer: string;

  @Field({ description: 'Ngày ban hành (YYYY-MM-DD)' })
  issuedOn: string;

  @Field({ description: 'Hạn phổ biến (YYYY-MM-DD)' })
  disseminateBy: string;

  orgUnitId: string;
}

@ObjectType('DocumentDissemination', { description: 'Chi bộ đã phổ biến văn bản tại buổi sinh hoạt nào' })
class DisseminationType {
  @Field(() => OrgUnitRef)
  cell: OrgUnitRef;

  @Field(() => MeetingType)
  meeting: Meeting;

  @Field({ description: 'Ngày sinh hoạt (YYYY-MM-DD)' })
  disseminatedOn: string;
}

@ObjectType('DocumentDisseminationStatus')
class DisseminationStatusType {
  @Field(() => [DisseminationType])
  done: DisseminationType[];

  @Field(() => [OrgUnitRef], { description: 'Các chi bộ chưa phổ biến' })
  pending: OrgUnitRef[];

  @Field({ description: 'Cảnh báo: đã quá hạn mà còn chi bộ chưa phổ biến' })
  overdue: boolean;
}

@InputType('RegisterHigherDocumentInput')
class RegisterHigherDocumentInput {
  @Field(() => ID, { description: 'Đảng bộ có các chi bộ phải phổ biến (cả cấp dưới)' })
  orgUnitId: string;

  @Field(() => HigherDocumentKind)
  kind: HigherDocumentKind;

  @Field()
  @MaxLength(100)
  number: string;

  @Field()
  @MaxLength(500)
  title: string;

  @Field()
  @MaxLength(300)
  issuer: string;

  @Field({ description: 'YYYY-MM-DD' })
  issuedOn: string;

  @Field({ description: 'YYYY-MM-DD' })
  disseminateBy: string;
}

@InputType('RecordDisseminationInput')
class RecordDisseminationInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID, { description: 'Nội dung "phổ biến văn bản" của cuộc họp' })
  agendaItemId: string;

  @Field(() => [ID])
  @ArrayMaxSize(50)
  documentIds: string[];
}

@ObjectType('ThemeTargetProgress')
export class TargetProgressType {
  @Field(() => ThemeTargetKind)
  kind: ThemeTargetKind;

  @Field(() => Float, { description: 'Chỉ tiêu (tỷ lệ 0–1)' })
  threshold: number;

  @Field(() => Float, { nullable: true, description: 'Đạt được, tính từ dữ liệu (0–1)' })
  value: number | null;

  @Field()
  met: boolean;

  @Field()
  explanation: string;
}

@ObjectType('YearlyThemeProgress', { description: 'Chủ đề năm và tiến độ các chỉ tiêu của một tổ chức (cả cấp dưới), tính từ dữ liệu (G-12)' })
class ThemeProgressType {
  @Field(() => Int)
  year: number;

  @Field()
  title: string;

  @Field(() => [TargetProgressType])
  targets: TargetProgressType[];
}

@InputType('ThemeTargetInput')
class ThemeTargetInput {
  @Field(() => ThemeTargetKind)
  kind: ThemeTargetKind;

  @Field(() => Float)
  threshold: number;
}

@InputType('SetYearlyThemeInput')
class SetYearlyThemeInput {
  @Field(() => Int)
  year: number;

  @Field()
  @MaxLength(1000)
  title: string;

  @Field(() => [ThemeTargetInput])
  @ArrayMaxSize(10)
  targets: ThemeTargetInput[];
}

@ObjectType('SetYearlyThemePayload')
class SetYearlyThemePayload {
  @Field(() => Int)
  year: number;

  @Field()
  title: string;
}

/** G-11 documents to pass on and who did; G-12 the yearly theme and its computed progress. */
@Resolver(() => HigherDocumentType)
export class DisseminationResolver {
  @Mutation(() => HigherDocumentType, { description: 'Đăng ký văn bản cấp trên để các chi bộ phổ biến (G-11)' })
  async registerHigherDocument(@Arg('input') input: RegisterHigherDocumentInput, @Ctx() ctx: RequestContext): Promise<HigherDocument> {
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    return ctx.uow().run((tx) => registerDocument(ctx.principal, { ...input, orgUnitId }, new MeetingStore(tx)));
  }

  @Mutation(() => MeetingPayload, { description: 'Ghi nhận chi bộ đã phổ biến văn bản tại cuộc họp (G-11)' })
  async recordDissemination(@Arg('input') input: RecordDisseminationInput, @Ctx() ctx: RequestContext): Promise<MeetingPayload> {
    const meetingId = parseId(input.meetingId, 'meetingId');
    const agendaItemId = parseId(input.agendaItemId, 'agendaItemId');
    const documentIds = input.documentIds.map((d) => parseId(d, 'documentIds'));
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      await recordDissemination(ctx.principal, { meetingId, agendaItemId, documentIds }, store);
      return { meeting: (await store.findMeeting(meetingId))! };
    });
  }

  @Mutation(() => SetYearlyThemePayload, { description: 'Đặt chủ đề năm và các chỉ tiêu (G-12)' })
  async setYearlyTheme(@Arg('input') input: SetYearlyThemeInput, @Ctx() ctx: RequestContext): Promise<YearlyTheme> {
    return ctx.uow().run((tx) => setYearlyTheme(ctx.principal, { ...input, targets: input.targets.map((t) => ({ ...t })) }, new MeetingStore(tx)));
  }

  @FieldResolver(() => OrgUnitRef, { description: 'Đảng bộ có các chi bộ phải phổ biến' })
  orgUnit(@Root() d: HigherDocument): OrgUnitRef {
    return { id: d.orgUnitId };
  }

  @FieldResolver(() => DisseminationStatusType, { description: 'Chi bộ nào đã phổ biến, tại buổi sinh hoạt nào; chi bộ nào chưa (trong phạm vi người xem)' })
  async dissemination(@Root() d: HigherDocument, @Ctx() ctx: RequestContext): Promise<DisseminationStatusType> {
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const path = await store.unitPath(d.orgUnitId);
      const cells = path ? (await store.cellsUnder(path)).filter((c) => isInScope(ctx.principal, c.lineage)) : [];
      const done = new Map((await store.disseminationsOf(d.id)).map((r) => [r.cellId, r]));
      const meetings = new Map((await store.findMeetings([...done.values()].map((r) => r.meetingId))).map((m) => [m.id, m]));
      const visibleDone = cells.filter((c) => done.has(c.id));
      const pending = cells.filter((c) => !done.has(c.id)).map((c) => ({ id: c.id }));
      return {
        done: visibleDone.map((c) => ({ cell: { id: c.id }, meeting: meetings.get(done.get(c.id)!.meetingId)!, disseminatedOn: meetingDate(done.get(c.id)!.heldAt) })),
        pending,
        overdue: pending.length > 0 && meetingDate(new Date()) > d.disseminateBy,
      };
    });
  }
}

@Resolver(() => OrgUnitRef)
export class OrgUnitDocumentsResolver {
  @FieldResolver(() => [HigherDocumentType], { nullable: true, description: 'Văn bản cấp trên các chi bộ của tổ chức này phải phổ biến (G-11)' })
  async higherDocuments(@Root() unit: OrgUnitRef, @Ctx() ctx: RequestContext): Promise<HigherDocument[] | null> {
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const cell = await store.findCell(unit.id);
      const found = await store.tree.find(unit.id);
      if (!cell || !found) return null;
      assertCanRead(ctx.principal, cell);
      return store.documentsFor(cell.lineage, found.path);
    });
  }

  @FieldResolver(() => ThemeProgressType, { nullable: true, description: 'Chủ đề năm và tiến độ các chỉ tiêu, tính cho tổ chức này và cấp dưới (G-12); trống khi chưa đặt chủ đề' })
  async yearlyTheme(@Root() unit: OrgUnitRef, @Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<ThemeProgressType | null> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('BAD_USER_INPUT', { vi: 'Năm không hợp lệ', en: 'Invalid year' }, { field: 'year' });
    return ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const cell = await store.findCell(unit.id);
      const found = await store.tree.find(unit.id);
      if (!cell || !found) return null;
      assertCanRead(ctx.principal, cell);
      const theme = await store.findTheme(year);
      if (!theme) return null;
      const { total } = await new DashboardFollowUpStore(tx).themeFacts(found.path, year, new Date());
      return { year, title: theme.title, targets: themeProgress(theme, total) };
    });
  }
}

/** G-3: the documents passed on under an agenda item. */
@Resolver(() => AgendaItemType)
export class AgendaItemDocumentsResolver {
  @FieldResolver(() => [HigherDocumentType], { description: 'Văn bản cấp trên đã phổ biến trong nội dung này (G-3, G-11)' })
  documents(@Root() item: AgendaItem, @Ctx() ctx: RequestContext): Promise<HigherDocument[]> {
    return ctx
      .loader<string, HigherDocument[]>('agenda-documents', (ids) =>
        ctx.uow().run(async (tx) => {
          const byItem = await new MeetingStore(tx).documentsOfAgendaItems(ids);
          return ids.map((id) => byItem.get(id) ?? []);
        }),
      )
      .load(item.id);
  }
}
