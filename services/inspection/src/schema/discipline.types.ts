import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import {
  ComplaintOutcome,
  DeferralReason,
  DisciplineCaseStatus,
  DisciplineForm,
  DisciplineSubjectKind,
  DisciplineTrigger,
  ViolationCategory,
} from '@chibo/domain';
import { Connection } from '@chibo/service-kit';
import { ConfidentialRecordKind } from '../domain/confidentiality';

registerEnumType(DisciplineForm, { name: 'DisciplineForm', description: 'Hình thức kỷ luật (D-3)' });
registerEnumType(DisciplineCaseStatus, { name: 'DisciplineCaseStatus', description: 'Bước của vụ việc kỷ luật (D-7)' });
registerEnumType(DisciplineTrigger, { name: 'DisciplineTrigger', description: 'Căn cứ mở vụ việc: kiểm tra, giám sát, tố cáo, thông báo của cơ quan nhà nước (D-7)' });
registerEnumType(DisciplineSubjectKind, { name: 'DisciplineSubjectKind', description: 'Đối tượng kỷ luật: tổ chức đảng, đảng viên chính thức, đảng viên dự bị (D-3)' });
registerEnumType(ViolationCategory, { name: 'ViolationCategory', description: 'Loại vi phạm; các loại đặc biệt không áp dụng thời hiệu (D-5)' });
registerEnumType(DeferralReason, { name: 'DeferralReason', description: 'Lý do chưa xem xét kỷ luật (D-6)' });
registerEnumType(ConfidentialRecordKind, { name: 'ConfidentialRecordKind', description: 'Loại hồ sơ bảo mật có nhật ký truy cập: vụ việc kỷ luật, cuộc kiểm tra, cuộc giám sát' });
registerEnumType(ComplaintOutcome, { name: 'ComplaintOutcome', description: 'Kết quả giải quyết khiếu nại: giữ nguyên, giảm, xóa (D-7)' });

@ObjectType('DisciplineViolation', { description: 'Hành vi vi phạm có ngày (tính thời hiệu D-5)' })
export class ViolationType {
  @Field({ description: 'Ngày vi phạm (YYYY-MM-DD)' })
  occurredOn: string;

  @Field(() => ViolationCategory)
  category: ViolationCategory;
}

@ObjectType('DisciplineDeferral', { description: 'Thời gian chưa xem xét kỷ luật (D-6)' })
export class DeferralType {
  @Field(() => DeferralReason)
  reason: DeferralReason;

  @Field()
  from: string;

  @Field(() => String, { nullable: true, description: 'Đến ngày (bao gồm); trống khi chưa kết thúc' })
  until: string | null;
}

@ObjectType('DisciplineBallot', { description: 'Kết quả bỏ phiếu kín (D-7)' })
export class BallotType {
  @Field(() => Int, { description: 'Số người có quyền biểu quyết' })
  eligible: number;

  @Field(() => Int)
  votesFor: number;

  @Field(() => Int)
  votesAgainst: number;
}

@ObjectType('DisciplineComplaint', { description: 'Khiếu nại quyết định kỷ luật (D-7)' })
export class ComplaintType {
  @Field()
  filedOn: string;

  @Field({ description: 'Khiếu nại ở cấp Trung ương (hạn giải quyết dài hơn)' })
  central: boolean;

  @Field({ description: 'Hạn giải quyết (ngày làm việc)' })
  dueOn: string;

  @Field(() => ComplaintOutcome, { nullable: true })
  outcome: ComplaintOutcome | null;

  @Field(() => String, { nullable: true })
  resolvedOn: string | null;

  @Field(() => DisciplineForm, { nullable: true })
  reducedForm: DisciplineForm | null;
}

@ObjectType('DisciplineCaseStep', { description: 'Một bước đã đi của vụ việc: ai, ngày nào' })
export class CaseTransitionType {
  @Field(() => DisciplineCaseStatus, { nullable: true })
  from: DisciplineCaseStatus | null;

  @Field(() => DisciplineCaseStatus)
  to: DisciplineCaseStatus;

  @Field()
  on: string;

  @Field()
  by: string;
}

@ObjectType('SubjectSnapshot', { description: 'Đối tượng (đảng viên hoặc tổ chức) theo hồ sơ của dịch vụ đảng viên vào ngày mở vụ việc, cuộc kiểm tra, giám sát' })
export class SubjectSnapshotType {
  @Field({ description: 'Ngày của hồ sơ' })
  asOf: string;

  @Field({ description: 'Họ tên đảng viên hoặc tên tổ chức' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Trạng thái đảng viên' })
  memberStatus: string | null;

  @Field(() => ID, { nullable: true, description: 'Chi bộ của đảng viên khi đó' })
  cellId: string | null;

  @Field(() => Int, { nullable: true, description: 'Tuổi đảng (năm)' })
  partyAgeYears: number | null;

  @Field(() => [String], { description: 'Chức vụ đang giữ' })
  posts: string[];

  @Field(() => String, { nullable: true, description: 'Loại tổ chức' })
  unitKind: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày giải thể, nếu tổ chức đã giải thể' })
  dissolvedOn: string | null;
}

/** Vụ việc kỷ luật — a discipline case (D-3 … D-8). Confidential: inspectors of the subtree only; every read is logged. */
@ObjectType('DisciplineCase', { description: 'Vụ việc kỷ luật (bảo mật: chỉ cán bộ kiểm tra; mọi lần đọc được ghi nhật ký)' })
export class DisciplineCaseType {
  @Field(() => ID)
  id: string;

  @Field(() => DisciplineCaseStatus)
  status: DisciplineCaseStatus;

  @Field(() => DisciplineTrigger)
  trigger: DisciplineTrigger;

  @Field(() => ID, { nullable: true, description: 'Cuộc kiểm tra làm căn cứ' })
  inspectionId: string | null;

  @Field(() => DisciplineSubjectKind)
  subjectKind: DisciplineSubjectKind;

  @Field(() => ID, { nullable: true, description: 'Đảng viên bị xem xét (nếu có)' })
  subjectMemberId: string | null;

  @Field({ description: 'Đảng viên đang giữ chức vụ' })
  holdsPost: boolean;

  @Field()
  title: string;

  @Field()
  openedOn: string;

  @Field(() => String, { nullable: true, description: 'Ngày quyết định của cơ quan nhà nước (khi căn cứ là thông báo)' })
  stateDecidedOn: string | null;

  @Field(() => [ViolationType])
  violations: ViolationType[];

  @Field(() => [DeferralType])
  deferrals: DeferralType[];

  @Field(() => String, { nullable: true, description: 'Kết quả thẩm tra, xác minh' })
  findings: string | null;

  @Field(() => DisciplineForm, { nullable: true, description: 'Hình thức được biểu quyết' })
  proposedForm: DisciplineForm | null;

  @Field(() => BallotType, { nullable: true })
  ballot: BallotType | null;

  @Field(() => String, { nullable: true })
  deliberatedOn: string | null;

  @Field(() => DisciplineForm, { nullable: true, description: 'Hình thức kỷ luật đã quyết định' })
  form: DisciplineForm | null;

  @Field(() => String, { nullable: true, description: 'Số quyết định' })
  decisionNumber: string | null;

  @Field(() => String, { nullable: true })
  decidedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày công bố = ngày có hiệu lực' })
  announcedOn: string | null;

  @Field(() => String, { nullable: true })
  closedOn: string | null;

  @Field(() => ComplaintType, { nullable: true })
  complaint: ComplaintType | null;

  @Field(() => [CaseTransitionType])
  history: CaseTransitionType[];

  @Field(() => SubjectSnapshotType, { nullable: true, description: 'Đối tượng theo hồ sơ đảng viên khi mở vụ việc (không nhập tay)' })
  subject: SubjectSnapshotType | null;

  orgUnitId: string;
  deliberatingOrgUnitId: string | null;
  proposedToOrgUnitId: string | null;
  decidingOrgUnitId: string | null;
}

export const DisciplineCaseConnection = Connection(DisciplineCaseType, 'DisciplineCase');

/** Quyết định kỷ luật của chính mình — what the disciplined member reads of their own case. */
@ObjectType('DisciplineDecision', { description: 'Quyết định kỷ luật đối với chính đảng viên đang đăng nhập' })
export class DisciplineDecisionType {
  @Field(() => ID)
  caseId: string;

  @Field(() => DisciplineForm)
  form: DisciplineForm;

  @Field()
  decisionNumber: string;

  @Field()
  decidedOn: string;

  @Field({ description: 'Ngày có hiệu lực (ngày công bố)' })
  effectiveOn: string;

  @Field({ description: 'Hạn cuối nộp khiếu nại (30 ngày làm việc)' })
  complaintDeadline: string;

  @Field(() => ComplaintOutcome, { nullable: true })
  complaintOutcome: ComplaintOutcome | null;
}

@ObjectType('DisciplineFormCount')
export class FormCountType {
  @Field(() => DisciplineForm)
  form: DisciplineForm;

  @Field(() => Int)
  count: number;
}

@ObjectType('DisciplineStatusCount')
export class StatusCountType {
  @Field(() => DisciplineCaseStatus)
  status: DisciplineCaseStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType('DisciplineCaseCounts', { description: 'Số vụ việc kỷ luật của tổ chức và cấp dưới (chỉ số lượng)' })
export class DisciplineCaseCountsType {
  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'Chưa kết thúc' })
  open: number;

  @Field(() => [FormCountType], { description: 'Theo hình thức đã quyết định' })
  byForm: FormCountType[];

  @Field(() => [StatusCountType])
  byStatus: StatusCountType[];
}

@ObjectType('DisciplineCaseRead', { description: 'Nhật ký truy cập vụ việc kỷ luật: ai, khi nào, vụ việc nào, trường nào' })
export class CaseReadType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field()
  reader: string;

  @Field(() => [String])
  readerRoles: string[];

  @Field({ description: 'BY_ID, LIST, NESTED, OWN_DECISION hoặc MUTATION' })
  via: string;

  @Field(() => [String])
  fields: string[];

  @Field(() => Date)
  readAt: Date;
}

export const CaseReadConnection = Connection(CaseReadType, 'DisciplineCaseRead');

@ObjectType('ConfidentialRead', { description: 'Nhật ký truy cập hồ sơ bảo mật (kỷ luật, kiểm tra, giám sát): ai, khi nào, hồ sơ nào, trường nào, bằng cách nào' })
export class ConfidentialReadType {
  @Field(() => ID)
  id: string;

  @Field(() => ConfidentialRecordKind)
  recordKind: ConfidentialRecordKind;

  @Field(() => ID)
  recordId: string;

  @Field({ description: 'Chủ thể đọc (người dùng hoặc khóa API)' })
  reader: string;

  @Field(() => [String])
  readerRoles: string[];

  @Field({ description: 'BY_ID, LIST, NESTED, OWN_DECISION, MUTATION hoặc SUBSCRIPTION' })
  via: string;

  @Field(() => [String])
  fields: string[];

  @Field(() => Date)
  readAt: Date;

  orgUnitId: string;
}

export const ConfidentialReadConnection = Connection(ConfidentialReadType, 'ConfidentialRead');

@ObjectType('DisciplineCasePayload')
export class DisciplineCasePayload {
  @Field(() => DisciplineCaseType)
  disciplineCase: DisciplineCaseType;
}

// ── inputs ─────────────────────────────────────────────────────────────────────────────────

@InputType('DisciplineViolationInput')
export class ViolationInput {
  @Field({ description: 'YYYY-MM-DD' })
  occurredOn: string;

  @Field(() => ViolationCategory, { nullable: true, description: 'Mặc định ORDINARY' })
  category?: ViolationCategory | null;
}

@InputType('OpenDisciplineCaseInput')
export class OpenDisciplineCaseInput {
  @Field(() => DisciplineTrigger)
  trigger: DisciplineTrigger;

  @Field(() => ID, { nullable: true, description: 'Bắt buộc khi căn cứ là kiểm tra' })
  inspectionId?: string | null;

  @Field(() => DisciplineSubjectKind)
  subjectKind: DisciplineSubjectKind;

  @Field(() => ID, { description: 'Tổ chức đảng bị xem xét, hoặc chi bộ của đảng viên' })
  orgUnitId: string;

  @Field(() => ID, { nullable: true })
  subjectMemberId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Không dùng nữa: chức vụ được lấy từ hồ sơ đảng viên' })
  holdsPost?: boolean | null;

  @Field()
  @MaxLength(300)
  title: string;

  @Field(() => String, { nullable: true, description: 'Ngày mở (= ngày nhận thông báo); mặc định hôm nay' })
  openedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày quyết định của cơ quan nhà nước (căn cứ STATE_NOTICE)' })
  stateDecidedOn?: string | null;

  @Field(() => [ViolationInput])
  violations: ViolationInput[];
}

@InputType('DisciplineCaseStepInput')
export class CaseStepInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => String, { nullable: true, description: 'Ngày (YYYY-MM-DD); mặc định hôm nay' })
  on?: string | null;
}

@InputType('VerifyDisciplineCaseInput')
export class VerifyCaseInput extends CaseStepInput {
  @Field()
  @MaxLength(10000)
  findings: string;
}

@InputType('DeliberateDisciplineCaseInput')
export class DeliberateCaseInput extends CaseStepInput {
  @Field(() => ID, { description: 'Tổ chức biểu quyết (chi bộ, cấp ủy hoặc ủy ban kiểm tra của cấp ủy)' })
  deliberatingOrgUnitId: string;

  @Field(() => DisciplineForm)
  proposedForm: DisciplineForm;

  @Field(() => Int)
  eligibleVoters: number;

  @Field(() => Int)
  votesFor: number;

  @Field(() => Int)
  votesAgainst: number;
}

@InputType('ProposeDisciplineUpwardInput')
export class ProposeUpwardInput extends CaseStepInput {
  @Field(() => ID, { description: 'Cấp ủy hoặc ủy ban kiểm tra cấp trên' })
  toOrgUnitId: string;
}

@InputType('DecideDisciplineCaseInput')
export class DecideCaseInput extends CaseStepInput {
  @Field(() => ID)
  decidingOrgUnitId: string;

  @Field(() => DisciplineForm)
  form: DisciplineForm;

  @Field()
  @MaxLength(60)
  decisionNumber: string;
}

@InputType('DeferDisciplineDecisionInput')
export class DeferDecisionInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => DeferralReason)
  reason: DeferralReason;

  @Field()
  from: string;

  @Field(() => String, { nullable: true })
  until?: string | null;
}

@InputType('FileDisciplineComplaintInput')
export class FileComplaintInput {
  @Field(() => ID)
  caseId: string;

  @Field()
  filedOn: string;

  @Field(() => Boolean, { nullable: true })
  central?: boolean | null;
}

@InputType('ResolveDisciplineComplaintInput')
export class ResolveComplaintInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ComplaintOutcome)
  outcome: ComplaintOutcome;

  @Field()
  resolvedOn: string;

  @Field(() => DisciplineForm, { nullable: true })
  reducedForm?: DisciplineForm | null;
}
