import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { MeetingKind, MeetingStatus } from '@chibo/domain';
import { Connection } from '@chibo/service-kit';

registerEnumType(MeetingKind, { name: 'MeetingKind', description: 'Loại sinh hoạt: thường kỳ, chuyên đề, chi ủy, bất thường, tọa đàm' });
registerEnumType(MeetingStatus, { name: 'MeetingStatus', description: 'Trạng thái cuộc họp' });

/** The org unit as meetings knows it: a reference to membership's entity, plus its meetings. */
@Directive('@key(fields: "id")')
@ObjectType('OrgUnit')
export class OrgUnitRef {
  @Field(() => ID)
  id: string;
}

/** Sinh hoạt chi bộ — a cell meeting. */
@Directive('@key(fields: "id")')
@ObjectType('Meeting')
export class MeetingType {
  @Field(() => ID)
  id: string;

  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field(() => MeetingStatus)
  status: MeetingStatus;

  @Field({ description: 'Tiêu đề / nội dung chính' })
  title: string;

  @Field(() => Date, { nullable: true, description: 'Thời điểm họp' })
  heldAt: Date | null;

  cellId: string;
}

export const MeetingConnection = Connection(MeetingType, 'Meeting');

@Directive('@key(fields: "orgUnitId period")')
@ObjectType('OrgUnitDashboard')
export class OrgUnitDashboardType {
  @Field(() => ID)
  orgUnitId: string;

  @Field()
  period: string;
}

@ObjectType('RecordMeetingPayload')
export class RecordMeetingPayload {
  @Field(() => MeetingType)
  meeting: MeetingType;
}

@InputType('RecordMeetingInput')
export class RecordMeetingInput {
  @Field(() => ID, { description: 'Chi bộ' })
  cellId: string;

  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field()
  @MaxLength(300)
  title: string;

  @Field(() => Date, { description: 'Thời điểm họp (không ở tương lai)' })
  heldAt: Date;
}

export { Int };
