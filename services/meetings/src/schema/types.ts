import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, MaxLength } from 'class-validator';
import { AgendaCategory, AttendanceStatus, ContributionKind, MeetingKind, MeetingStatus, ResolutionStatus, TaskCheckOutcome } from '@chibo/domain';
import { Connection } from '@chibo/service-kit';
import { QualityLevel, ScoreItemKey } from '../domain/quality';

registerEnumType(MeetingKind, { name: 'MeetingKind', description: 'Loại sinh hoạt: thường kỳ, chuyên đề, chi ủy, bất thường, tọa đàm' });
registerEnumType(MeetingStatus, { name: 'MeetingStatus', description: 'Trạng thái cuộc họp' });
registerEnumType(AttendanceStatus, {
  name: 'AttendanceStatus',
  description: 'Điểm danh: có mặt, vắng có lý do, vắng không lý do, miễn sinh hoạt, làm nhiệm vụ đặc biệt',
});
registerEnumType(AgendaCategory, {
  name: 'AgendaCategory',
  description: 'Loại nội dung: xây dựng Đảng, phổ biến văn bản, tư tưởng, học tập và làm theo Bác, phê bình và tự phê bình, kiểm điểm nghị quyết, kết nạp, chuyên môn, khác',
});
registerEnumType(ContributionKind, { name: 'ContributionKind', description: 'Loại ý kiến: ý kiến, đề xuất, phê bình, câu hỏi' });

export enum RollMemberStatus {
  PROBATIONARY = 'PROBATIONARY',
  OFFICIAL = 'OFFICIAL',
  EXEMPT = 'EXEMPT',
}
registerEnumType(RollMemberStatus, { name: 'RollMemberStatus', description: 'Đảng viên trong danh sách: dự bị, chính thức, miễn sinh hoạt' });

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

  @Field(() => Date, { nullable: true, description: 'Thời điểm dự kiến họp' })
  scheduledAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Giờ kết thúc' })
  endedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'Đảng viên chủ trì' })
  chairMemberId: string | null;

  @Field(() => ID, { nullable: true, description: 'Thư ký cuộc họp (người ghi biên bản)' })
  secretaryMemberId: string | null;

  @Field(() => String, { nullable: true, description: 'Địa điểm' })
  location: string | null;

  @Field(() => String, { nullable: true, description: 'Dự thảo nghị quyết' })
  draftResolution: string | null;

  @Field(() => String, { nullable: true, description: 'Lý do hủy' })
  cancelReason: string | null;

  @Field(() => Date, { nullable: true, description: 'Thời điểm chuyển sang trạng thái hiện tại' })
  statusChangedAt: Date | null;

  cellId: string;
  tenantId: string;
  rollSize: number | null;
  rollTemporarilyOut: number | null;
  statusChangedBy: string | null;
}

export const MeetingConnection = Connection(MeetingType, 'Meeting');

/** Nội dung sinh hoạt — an agenda item. */
@ObjectType('AgendaItem')
export class AgendaItemType {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Thứ tự' })
  position: number;

  @Field(() => AgendaCategory)
  category: AgendaCategory;

  @Field({ description: 'Tên nội dung' })
  title: string;

  @Field(() => ID, { nullable: true, description: 'Người trình bày (đảng viên)' })
  presenterMemberId: string | null;

  @Field(() => Int, { description: 'Thời lượng dự kiến (phút)' })
  plannedMinutes: number;

  @Field(() => Int, { nullable: true, description: 'Thời lượng thực tế (phút)' })
  actualMinutes: number | null;
}

/** Điểm danh — one member's attendance. */
@ObjectType('AttendanceEntry')
export class AttendanceEntryType {
  @Field(() => ID)
  memberId: string;

  @Field(() => AttendanceStatus)
  status: AttendanceStatus;

  @Field(() => String, { nullable: true, description: 'Lý do vắng' })
  reason: string | null;
}

/** Kết quả điểm danh — G-4's counts and rate. */
@ObjectType('MeetingAttendance')
export class MeetingAttendanceType {
  @Field(() => [AttendanceEntryType])
  entries: AttendanceEntryType[];

  @Field(() => Int, { description: 'Số đảng viên trong danh sách vào ngày họp' })
  onRoll: number;

  @Field(() => Int, { description: 'Miễn sinh hoạt' })
  exempt: number;

  @Field(() => Int, { description: 'Làm nhiệm vụ đặc biệt' })
  onDuty: number;

  @Field(() => Int, { description: 'Chuyển sinh hoạt tạm thời đi nơi khác' })
  temporarilyOut: number;

  @Field(() => Int, { description: 'Số phải dự (mẫu số tính tỷ lệ)' })
  expected: number;

  @Field(() => Int, { description: 'Có mặt' })
  present: number;

  @Field(() => Int, { description: 'Vắng có lý do' })
  absentExcused: number;

  @Field(() => Int, { description: 'Vắng không lý do' })
  absentUnexcused: number;

  @Field(() => Float, { nullable: true, description: 'Tỷ lệ dự họp (0–1)' })
  rate: number | null;
}

/** Ý kiến phát biểu. */
@ObjectType('Contribution')
export class ContributionType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'Nội dung được phát biểu' })
  agendaItemId: string;

  @Field(() => ID, { description: 'Đảng viên phát biểu' })
  memberId: string;

  @Field(() => ContributionKind)
  kind: ContributionKind;
}

@ObjectType('CategoryShare')
export class CategoryShareType {
  @Field(() => AgendaCategory)
  category: AgendaCategory;

  @Field(() => Int, { description: 'Số phút' })
  minutes: number;

  @Field(() => Float, { description: 'Tỷ trọng (0–1)' })
  share: number;
}

/** Cơ cấu nội dung — G-6. */
@ObjectType('ContentBalance')
export class ContentBalanceType {
  @Field(() => Int, { description: 'Tổng số phút' })
  totalMinutes: number;

  @Field(() => [CategoryShareType])
  categories: CategoryShareType[];

  @Field(() => Float, { nullable: true, description: 'Tỷ trọng nội dung chuyên môn (0–1)' })
  professionalShare: number | null;

  @Field({ description: 'Cảnh báo: nội dung chuyên môn vượt ngưỡng (mặc định 50%)' })
  professionalShareExceeded: boolean;
}

/** Một đảng viên trong danh sách chi bộ vào một ngày. */
@ObjectType('RollMember')
export class RollMemberType {
  @Field(() => ID)
  memberId: string;

  @Field(() => RollMemberStatus)
  status: RollMemberStatus;

  @Field({ description: 'Đang chuyển sinh hoạt tạm thời đi nơi khác (không tính vào mẫu số)' })
  temporarilyOut: boolean;
}

@Directive('@key(fields: "orgUnitId period")')
@ObjectType('OrgUnitDashboard')
export class OrgUnitDashboardType {
  @Field(() => ID)
  orgUnitId: string;

  @Field()
  period: string;
}

@ObjectType('PlanMeetingsPayload')
export class PlanMeetingsPayload {
  @Field(() => Int, { description: 'Số buổi đã lập lịch (0 nếu đã đủ)' })
  created: number;

  @Field(() => [MeetingType])
  meetings: MeetingType[];
}

@ObjectType('RecordMeetingPayload')
export class RecordMeetingPayload {
  @Field(() => MeetingType)
  meeting: MeetingType;
}

/** Every lifecycle and content change returns the meeting as it is now. */
@ObjectType('MeetingPayload')
export class MeetingPayload {
  @Field(() => MeetingType)
  meeting: MeetingType;
}

@ObjectType('AddAgendaItemPayload')
export class AddAgendaItemPayload {
  @Field(() => AgendaItemType)
  agendaItem: AgendaItemType;

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

  @Field(() => String, { nullable: true, description: 'Địa điểm' })
  @MaxLength(300)
  location?: string | null;
}

@InputType('PlanMeetingInput')
export class PlanMeetingInput {
  @Field(() => ID, { description: 'Chi bộ (hoặc đảng bộ, với tọa đàm)' })
  cellId: string;

  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field()
  @MaxLength(300)
  title: string;

  @Field(() => Date, { description: 'Thời điểm dự kiến họp' })
  scheduledAt: Date;

  @Field(() => String, { nullable: true, description: 'Địa điểm' })
  @MaxLength(300)
  location?: string | null;
}

@InputType('PrepareMeetingInput')
export class PrepareMeetingInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => String, { nullable: true, description: 'Dự thảo nghị quyết (bắt buộc, trừ tọa đàm)' })
  @MaxLength(20000)
  draftResolution?: string | null;
}

@InputType('AgendaActualInput')
export class AgendaActualInput {
  @Field(() => ID)
  agendaItemId: string;

  @Field(() => Int, { description: 'Thời lượng thực tế (phút)' })
  actualMinutes: number;
}

@InputType('HoldMeetingInput')
export class HoldMeetingInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => Date, { description: 'Giờ bắt đầu (không ở tương lai)' })
  heldAt: Date;

  @Field(() => Date, { nullable: true, description: 'Giờ kết thúc' })
  endedAt?: Date | null;

  @Field(() => [AgendaActualInput], { nullable: true, description: 'Thời lượng thực tế của từng nội dung' })
  @ArrayMaxSize(100)
  agenda?: AgendaActualInput[] | null;

  @Field(() => String, { nullable: true, description: 'Địa điểm' })
  @MaxLength(300)
  location?: string | null;
}

@InputType('ApproveMinutesInput')
export class ApproveMinutesInput {
  @Field(() => ID)
  meetingId: string;
}

@InputType('CancelMeetingInput')
export class CancelMeetingInput {
  @Field(() => ID)
  meetingId: string;

  @Field({ description: 'Lý do hủy' })
  @MaxLength(1000)
  reason: string;
}

@InputType('AddAgendaItemInput')
export class AddAgendaItemInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => AgendaCategory)
  category: AgendaCategory;

  @Field()
  @MaxLength(300)
  title: string;

  @Field(() => ID, { nullable: true, description: 'Người trình bày (đảng viên)' })
  presenterMemberId?: string | null;

  @Field(() => Int, { description: 'Thời lượng dự kiến (phút)' })
  plannedMinutes: number;

  @Field(() => Int, { nullable: true, description: 'Thời lượng thực tế (phút), khi đã họp' })
  actualMinutes?: number | null;
}

@InputType('AttendanceEntryInput')
export class AttendanceEntryInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => AttendanceStatus)
  status: AttendanceStatus;

  @Field(() => String, { nullable: true, description: 'Lý do vắng (bắt buộc khi vắng có lý do)' })
  reason?: string | null;
}

@InputType('RecordAttendanceInput')
export class RecordAttendanceInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID, { nullable: true, description: 'Đảng viên chủ trì (phải có mặt)' })
  chairMemberId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Thư ký cuộc họp, ghi biên bản (phải có mặt)' })
  secretaryMemberId?: string | null;

  @Field(() => [AttendanceEntryInput], { description: 'Cả danh sách chi bộ vào ngày họp; người được miễn có thể bỏ qua' })
  @ArrayMaxSize(1000)
  entries: AttendanceEntryInput[];
}

@InputType('ContributionInput')
export class ContributionInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => ID)
  agendaItemId: string;

  @Field(() => ContributionKind)
  kind: ContributionKind;
}

@InputType('RecordContributionsInput')
export class RecordContributionsInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => [ContributionInput])
  @ArrayMaxSize(1000)
  contributions: ContributionInput[];
}

export { Int };

registerEnumType(QualityLevel, { name: 'QualityLevel', description: 'Xếp loại chất lượng sinh hoạt: tốt, khá, trung bình, kém' });
registerEnumType(ScoreItemKey, { name: 'ScoreItemKey', description: 'Các tiêu chí chấm điểm chất lượng sinh hoạt (HD 12-HD/BTCTW)' });

/** Một tiêu chí trong điểm chất lượng, kèm giải thích. */
@ObjectType('ScoreItem')
export class ScoreItemType {
  @Field(() => ScoreItemKey)
  key: ScoreItemKey;

  @Field(() => Float)
  points: number;

  @Field(() => Float)
  maxPoints: number;

  @Field({ description: 'Giải thích, ví dụ "Tỷ lệ dự họp 88% > 85%: 20/20"' })
  explanation: string;
}

/** Điểm chất lượng sinh hoạt chi bộ (G-7). */
@ObjectType('MeetingQualityScore')
export class MeetingQualityScoreType {
  @Field(() => Int, { description: 'Phiên bản thang điểm đã dùng (0 = mặc định theo DOMAIN.md)' })
  rubricVersion: number;

  @Field(() => [ScoreItemType])
  items: ScoreItemType[];

  @Field(() => Float, { description: 'Điểm tính từ dữ liệu' })
  computedPoints: number;

  @Field(() => Float, { description: 'Điểm điều chỉnh thủ công' })
  adjustment: number;

  @Field(() => String, { nullable: true, description: 'Lý do điều chỉnh' })
  adjustmentReason: string | null;

  @Field(() => Float, { description: 'Tổng điểm' })
  totalPoints: number;

  @Field(() => QualityLevel)
  level: QualityLevel;

  @Field(() => Date, { nullable: true })
  scoredAt?: Date;

  adjustedBy: string | null;
}

@ObjectType('RubricPoints')
export class RubricPointsType {
  @Field(() => ScoreItemKey)
  item: ScoreItemKey;

  @Field(() => Int)
  points: number;
}

/** Thang điểm chất lượng sinh hoạt của đơn vị, theo phiên bản. */
@ObjectType('QualityRubric')
export class QualityRubricType {
  @Field(() => Int)
  version: number;

  @Field({ description: 'Áp dụng cho các cuộc họp từ ngày (YYYY-MM-DD)' })
  effectiveFrom: string;

  @Field(() => Float, { description: 'Tỷ lệ dự họp phải lớn hơn' })
  attendanceRateAbove: number;

  @Field(() => Int, { description: 'Số lần vắng có lý do liên tiếp tối đa trong năm' })
  excusedStreakMax: number;

  @Field(() => Int, { description: 'Thời lượng tối thiểu (phút)' })
  minDurationMinutes: number;

  @Field(() => Float, { description: 'Tỷ lệ phát biểu tối thiểu' })
  participationRateMin: number;

  @Field(() => Int, { description: 'Số phút muộn cho phép' })
  lateToleranceMinutes: number;

  @Field(() => Int, { description: 'Chi ủy họp trong số ngày trước buổi sinh hoạt' })
  cellCommitteeWithinDays: number;

  @Field(() => [RubricPointsType])
  points: RubricPointsType[];
}

@InputType('RubricPointsInput')
export class RubricPointsInput {
  @Field(() => ScoreItemKey)
  item: ScoreItemKey;

  @Field(() => Int)
  points: number;
}

@InputType('SetQualityRubricInput')
export class SetQualityRubricInput {
  @Field({ description: 'Áp dụng cho các cuộc họp từ ngày (YYYY-MM-DD)' })
  effectiveFrom: string;

  @Field(() => Float)
  attendanceRateAbove: number;

  @Field(() => Int)
  excusedStreakMax: number;

  @Field(() => Int)
  minDurationMinutes: number;

  @Field(() => Float)
  participationRateMin: number;

  @Field(() => Int)
  lateToleranceMinutes: number;

  @Field(() => Int)
  cellCommitteeWithinDays: number;

  @Field(() => [RubricPointsInput], { description: 'Điểm từng tiêu chí, tổng 100' })
  @ArrayMaxSize(20)
  points: RubricPointsInput[];
}

@InputType('ScoreMeetingInput')
export class ScoreMeetingInput {
  @Field(() => ID)
  meetingId: string;
}

@InputType('AdjustMeetingScoreInput')
export class AdjustMeetingScoreInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => Float, { description: 'Số điểm cộng (dương) hoặc trừ (âm), tối đa ±20' })
  points: number;

  @Field({ description: 'Lý do điều chỉnh' })
  @MaxLength(1000)
  reason: string;
}

@ObjectType('SetQualityRubricPayload')
export class SetQualityRubricPayload {
  @Field(() => QualityRubricType)
  rubric: QualityRubricType;
}

registerEnumType(ResolutionStatus, { name: 'ResolutionStatus', description: 'Trạng thái nghị quyết: đã thông qua, đang thực hiện, hoàn thành, hoàn thành một phần, không hoàn thành' });
registerEnumType(TaskCheckOutcome, { name: 'TaskCheckOutcome', description: 'Kết quả kiểm tra nhiệm vụ: hoàn thành, đang thực hiện, không hoàn thành' });

/** Báo cáo tiến độ một nhiệm vụ. */
@ObjectType('TaskProgress')
export class TaskProgressType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Ngày báo cáo (YYYY-MM-DD)' })
  reportedOn: string;

  @Field(() => Float, { nullable: true, description: 'Số lượng đạt được trong lần báo cáo (theo đơn vị chỉ tiêu)' })
  amount: number | null;

  @Field({ description: 'Nội dung báo cáo' })
  note: string;

  @Field(() => String, { nullable: true, description: 'Minh chứng' })
  evidence: string | null;
}

/** Nhiệm vụ thực hiện nghị quyết. */
@ObjectType('ResolutionTask')
export class ResolutionTaskType {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  position: number;

  @Field()
  title: string;

  @Field(() => ID, { nullable: true, description: 'Đảng viên phụ trách' })
  ownerMemberId: string | null;

  @Field(() => String, { nullable: true, description: 'Tổ/nhóm phụ trách' })
  ownerGroup: string | null;

  @Field({ description: 'Hạn hoàn thành (YYYY-MM-DD)' })
  dueOn: string;

  @Field(() => Float, { nullable: true, description: 'Chỉ tiêu (ví dụ 100000000)' })
  targetValue: number | null;

  @Field(() => String, { nullable: true, description: 'Đơn vị chỉ tiêu (ví dụ VND)' })
  targetUnit: string | null;

  @Field(() => TaskCheckOutcome, { nullable: true, description: 'Kết quả kiểm tra gần nhất' })
  outcome: TaskCheckOutcome | null;

  @Field(() => String, { nullable: true })
  checkNote: string | null;

  resolutionId: string;
}

/** Nghị quyết chi bộ (G-8). */
@ObjectType('Resolution')
export class ResolutionType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Số nghị quyết' })
  number: string;

  @Field({ description: 'Nội dung' })
  text: string;

  @Field(() => Int)
  votesFor: number;

  @Field(() => Int)
  votesAgainst: number;

  @Field(() => Int)
  votesAbstain: number;

  @Field(() => ResolutionStatus)
  status: ResolutionStatus;

  @Field({ description: 'Ngày thông qua (YYYY-MM-DD)' })
  adoptedOn: string;

  @Field(() => Date, { nullable: true, description: 'Thời điểm kiểm điểm việc thực hiện' })
  reviewedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'Cuộc họp đã kiểm điểm' })
  reviewMeetingId: string | null;

  meetingId: string;
  cellId: string;
}

@InputType('ResolutionTaskInput')
export class ResolutionTaskInput {
  @Field()
  @MaxLength(300)
  title: string;

  @Field(() => ID, { nullable: true })
  ownerMemberId?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  ownerGroup?: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn: string;

  @Field(() => Float, { nullable: true })
  targetValue?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(50)
  targetUnit?: string | null;
}

@InputType('AdoptResolutionInput')
export class AdoptResolutionInput {
  @Field(() => ID)
  meetingId: string;

  @Field()
  @MaxLength(50)
  number: string;

  @Field()
  @MaxLength(20000)
  text: string;

  @Field(() => Int)
  votesFor: number;

  @Field(() => Int)
  votesAgainst: number;

  @Field(() => Int)
  votesAbstain: number;

  @Field(() => [ResolutionTaskInput])
  @ArrayMaxSize(100)
  tasks: ResolutionTaskInput[];
}

@InputType('ReportTaskProgressInput')
export class ReportTaskProgressInput {
  @Field(() => ID)
  taskId: string;

  @Field({ description: 'YYYY-MM-DD' })
  reportedOn: string;

  @Field(() => Float, { nullable: true })
  amount?: number | null;

  @Field()
  @MaxLength(2000)
  note: string;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  evidence?: string | null;
}

@InputType('TaskCheckInput')
export class TaskCheckInput {
  @Field(() => ID)
  taskId: string;

  @Field(() => TaskCheckOutcome)
  outcome: TaskCheckOutcome;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  note?: string | null;
}

@InputType('ReviewResolutionInput')
export class ReviewResolutionInput {
  @Field(() => ID)
  resolutionId: string;

  @Field(() => ID, { description: 'Cuộc họp kiểm điểm (sau cuộc họp thông qua)' })
  meetingId: string;

  @Field(() => ID, { description: 'Nội dung "kiểm điểm nghị quyết" của cuộc họp đó' })
  agendaItemId: string;

  @Field(() => [TaskCheckInput])
  @ArrayMaxSize(100)
  checks: TaskCheckInput[];
}

@ObjectType('ResolutionPayload')
export class ResolutionPayload {
  @Field(() => ResolutionType)
  resolution: ResolutionType;
}

@ObjectType('ReportTaskProgressPayload')
export class ReportTaskProgressPayload {
  @Field(() => TaskProgressType)
  progress: TaskProgressType;

  @Field(() => ResolutionTaskType)
  task: ResolutionTaskType;
}

/** Đảng viên đề nghị xóa tên: vắng sinh hoạt không lý do 3 tháng trong năm (G-10, M-6). */
@ObjectType('RemovalCandidate')
export class RemovalCandidateType {
  @Field(() => ID)
  memberId: string;

  @Field(() => ID, { description: 'Chi bộ' })
  cellId: string;

  @Field(() => [String], { description: 'Các tháng vắng không lý do (YYYY-MM)' })
  months: string[];
}

/** Đảng viên vắng có lý do quá 3 lần liên tiếp trong năm (G-10). */
@ObjectType('ExcusedAbsenceStreak')
export class ExcusedAbsenceStreakType {
  @Field(() => ID)
  memberId: string;

  @Field(() => ID, { description: 'Chi bộ' })
  cellId: string;

  @Field(() => Int, { description: 'Số lần vắng có lý do liên tiếp dài nhất trong năm' })
  longest: number;
}
