import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { InspectionKind, InspectionStatus, InspectionSubjectKind, SupervisionKind, SupervisionStatus } from '@chibo/domain';
import { SubjectSnapshotType } from './discipline.types';

registerEnumType(InspectionKind, { name: 'InspectionKind', description: 'Loại kiểm tra' });
registerEnumType(InspectionStatus, { name: 'InspectionStatus', description: 'Bước của cuộc kiểm tra' });
registerEnumType(SupervisionKind, { name: 'SupervisionKind', description: 'Loại giám sát: thường xuyên hay chuyên đề (D-1)' });
registerEnumType(SupervisionStatus, { name: 'SupervisionStatus', description: 'Tình trạng cuộc giám sát' });
registerEnumType(InspectionSubjectKind, { name: 'InspectionSubjectKind', description: 'Đối tượng kiểm tra: tổ chức đảng hay đảng viên' });

@Directive('@key(fields: "id")')
@ObjectType('OrgUnit')
export class OrgUnitRef {
  @Field(() => ID)
  id: string;
}

/** Cuộc kiểm tra — an inspection (DOMAIN.md D-2). */
@Directive('@key(fields: "id")')
@ObjectType('Inspection')
export class InspectionType {
  @Field(() => ID)
  id: string;

  @Field(() => SubjectSnapshotType, { nullable: true, description: 'Đối tượng theo hồ sơ đảng viên khi mở (không nhập tay)' })
  subject?: SubjectSnapshotType | null;

  @Field(() => InspectionKind)
  kind: InspectionKind;

  @Field(() => InspectionStatus)
  status: InspectionStatus;

  @Field(() => InspectionSubjectKind)
  subjectKind: InspectionSubjectKind;

  @Field(() => ID, { nullable: true, description: 'Đảng viên được kiểm tra (nếu có)' })
  subjectMemberId: string | null;

  @Field()
  title: string;

  @Field({ description: 'Ngày quyết định kiểm tra (YYYY-MM-DD)' })
  decidedOn: string;

  @Field(() => ID, { nullable: true, description: 'Cuộc giám sát làm căn cứ (D-1)' })
  supervisionId: string | null;

  @Field(() => ID, { nullable: true, description: 'Nội dung kế hoạch năm (D-2)' })
  planItemId: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Kết luận có vi phạm hay không (khi đã kết luận)' })
  violationFound: boolean | null;

  @Field(() => String, { nullable: true, description: 'Nội dung kết luận' })
  conclusion: string | null;

  @Field(() => String, { nullable: true })
  concludedOn: string | null;

  @Field(() => [InspectionStepType], { description: 'Các bước đã đi: ai, ngày nào (D-2)' })
  history: InspectionStepType[];

  orgUnitId: string;
}

@ObjectType('InspectionStep')
export class InspectionStepType {
  @Field(() => InspectionStatus, { nullable: true })
  from: InspectionStatus | null;

  @Field(() => InspectionStatus)
  to: InspectionStatus;

  @Field()
  on: string;

  @Field()
  by: string;
}

/** Cuộc giám sát — a supervision (DOMAIN.md D-1). */
@ObjectType('Supervision')
export class SupervisionType {
  @Field(() => ID)
  id: string;

  @Field(() => SubjectSnapshotType, { nullable: true, description: 'Đối tượng theo hồ sơ đảng viên khi mở (không nhập tay)' })
  subject?: SubjectSnapshotType | null;

  @Field(() => SupervisionKind)
  kind: SupervisionKind;

  @Field(() => SupervisionStatus)
  status: SupervisionStatus;

  @Field(() => ID, { nullable: true, description: 'Đảng viên được giám sát (nếu có)' })
  subjectMemberId: string | null;

  @Field({ description: 'Theo kế hoạch (true) hay đột xuất (false)' })
  planned: boolean;

  @Field(() => ID, { nullable: true, description: 'Nội dung kế hoạch năm (D-2)' })
  planItemId: string | null;

  @Field()
  title: string;

  @Field()
  startedOn: string;

  @Field(() => String, { nullable: true })
  findings: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Kết luận có dấu hiệu vi phạm (mở được cuộc kiểm tra)' })
  signsOfViolation: boolean | null;

  @Field(() => String, { nullable: true })
  concludedOn: string | null;

  orgUnitId: string;
}

@ObjectType('SupervisionPayload')
export class SupervisionPayload {
  @Field(() => SupervisionType)
  supervision: SupervisionType;
}

@InputType('OpenSupervisionInput')
export class OpenSupervisionInput {
  @Field(() => SupervisionKind)
  kind: SupervisionKind;

  @Field(() => ID)
  orgUnitId: string;

  @Field(() => ID, { nullable: true })
  subjectMemberId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Theo kế hoạch năm' })
  planned?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Nội dung kế hoạch năm được thực hiện (D-2)' })
  planItemId?: string | null;

  @Field()
  @MaxLength(300)
  title: string;

  @Field(() => String, { nullable: true })
  startedOn?: string | null;
}

@InputType('ConcludeSupervisionInput')
export class ConcludeSupervisionInput {
  @Field(() => ID)
  supervisionId: string;

  @Field()
  @MaxLength(10000)
  findings: string;

  @Field()
  signsOfViolation: boolean;

  @Field(() => String, { nullable: true })
  concludedOn?: string | null;
}

@InputType('InspectionStepInput')
export class InspectionStepInput {
  @Field(() => ID)
  inspectionId: string;

  @Field(() => String, { nullable: true, description: 'Ngày (YYYY-MM-DD); mặc định hôm nay' })
  on?: string | null;
}

@InputType('ConcludeInspectionInput')
export class ConcludeInspectionInput extends InspectionStepInput {
  @Field()
  violationFound: boolean;

  @Field()
  @MaxLength(10000)
  conclusion: string;
}

@Directive('@key(fields: "orgUnitId period")')
@ObjectType('OrgUnitDashboard')
export class OrgUnitDashboardType {
  @Field(() => ID)
  orgUnitId: string;

  @Field()
  period: string;
}

@ObjectType('OpenInspectionPayload')
export class OpenInspectionPayload {
  @Field(() => InspectionType)
  inspection: InspectionType;
}

@InputType('OpenInspectionInput')
export class OpenInspectionInput {
  @Field(() => InspectionKind)
  kind: InspectionKind;

  @Field(() => ID, { description: 'Tổ chức đảng được kiểm tra, hoặc nơi sinh hoạt của đảng viên' })
  orgUnitId: string;

  @Field(() => ID, { nullable: true })
  subjectMemberId?: string | null;

  @Field()
  @MaxLength(300)
  title: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; mặc định hôm nay' })
  decidedOn?: string;

  @Field(() => ID, { nullable: true, description: 'Cuộc giám sát có dấu hiệu vi phạm làm căn cứ (D-1)' })
  supervisionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Nội dung kế hoạch năm được thực hiện (D-2)' })
  planItemId?: string | null;
}

export { Int };
