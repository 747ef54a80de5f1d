import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { PlanItemProgress, PlanWork } from '../domain/plans';

registerEnumType(PlanWork, { name: 'PlanWork', description: 'Nội dung kế hoạch: giám sát hay kiểm tra' });
registerEnumType(PlanItemProgress, { name: 'PlanItemProgress', description: 'Tiến độ một nội dung kế hoạch' });

@ObjectType('InspectionPlanItem')
export class PlanItemType {
  @Field(() => ID)
  id: string;

  @Field(() => PlanWork)
  work: PlanWork;

  @Field({ description: 'Loại giám sát (SupervisionKind) hoặc loại kiểm tra (InspectionKind)' })
  kind: string;

  @Field(() => ID, { description: 'Tổ chức đảng được giám sát, kiểm tra' })
  targetOrgUnitId: string;

  @Field()
  title: string;

  @Field(() => Int, { description: 'Hoàn thành trong quý' })
  dueQuarter: number;

  @Field(() => PlanItemProgress)
  progress: PlanItemProgress;

  @Field({ description: 'Quá quý hạn mà chưa xong' })
  overdue: boolean;
}

/** Kế hoạch kiểm tra, giám sát năm (D-2) with progress computed from the records. */
@ObjectType('InspectionPlan', { description: 'Kế hoạch kiểm tra, giám sát năm; tiến độ tính từ các cuộc giám sát, kiểm tra đã làm' })
export class InspectionPlanType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  orgUnitId: string;

  @Field(() => Int)
  year: number;

  @Field()
  title: string;

  @Field(() => [PlanItemType])
  items: PlanItemType[];

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  notStarted: number;

  @Field(() => Int)
  inProgress: number;

  @Field(() => Int)
  done: number;

  @Field(() => Int)
  overdue: number;
}

@InputType('InspectionPlanItemInput')
export class PlanItemInput {
  @Field(() => PlanWork)
  work: PlanWork;

  @Field({ description: 'SupervisionKind hoặc InspectionKind' })
  kind: string;

  @Field(() => ID)
  targetOrgUnitId: string;

  @Field()
  @MaxLength(300)
  title: string;

  @Field(() => Int)
  dueQuarter: number;
}

@InputType('CreateInspectionPlanInput')
export class CreateInspectionPlanInput {
  @Field(() => ID)
  orgUnitId: string;

  @Field(() => Int)
  year: number;

  @Field()
  @MaxLength(300)
  title: string;

  @Field(() => [PlanItemInput])
  items: PlanItemInput[];
}

@ObjectType('CreateInspectionPlanPayload')
export class CreateInspectionPlanPayload {
  @Field(() => InspectionPlanType)
  plan: InspectionPlanType;
}
