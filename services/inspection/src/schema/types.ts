import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { InspectionKind, InspectionStatus, InspectionSubjectKind } from '@chibo/domain';

registerEnumType(InspectionKind, { name: 'InspectionKind', description: 'Loại kiểm tra' });
registerEnumType(InspectionStatus, { name: 'InspectionStatus', description: 'Bước của cuộc kiểm tra' });
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

  orgUnitId: string;
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
}

export { Int };
