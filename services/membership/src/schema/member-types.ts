import { ArrayMaxSize, MaxLength } from 'class-validator';
import { ArgsType, Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Gender, MemberEventKind, MemberStatus, RemovalGround, TransferKind } from '@chibo/domain';
import { ResidenceCategory } from '../domain/residence';

registerEnumType(Gender, { name: 'Gender', description: 'Giới tính' });
registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'Trạng thái đảng viên: dự bị, chính thức, miễn sinh hoạt, xóa tên, khai trừ, từ trần, chuyển đi',
});
registerEnumType(MemberEventKind, { name: 'MemberEventKind', description: 'Loại biến động đảng viên' });
registerEnumType(RemovalGround, { name: 'RemovalGround', description: 'Căn cứ xóa tên đảng viên (5 trường hợp)' });
registerEnumType(TransferKind, { name: 'TransferKind', description: 'Chuyển sinh hoạt chính thức hoặc tạm thời' });
registerEnumType(ResidenceCategory, {
  name: 'ResidenceCategory',
  description: 'Diện theo Quy định 213: (a) giới thiệu nhưng miễn sinh hoạt nơi cư trú, (b) miễn giới thiệu, (c) giới thiệu và nhận xét hằng năm',
});

/** Đảng viên — a party member. */
@Directive('@key(fields: "id")')
@ObjectType('Member')
export class MemberType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Họ và tên' })
  fullName: string;

  @Field({ description: 'Ngày sinh (YYYY-MM-DD)' })
  dateOfBirth: string;

  @Field(() => Gender, { description: 'Giới tính' })
  gender: Gender;

  @Field(() => String, { nullable: true, description: 'Số thẻ đảng viên' })
  partyCardNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Số lý lịch (hồ sơ) đảng viên' })
  fileNumber: string | null;

  @Field(() => MemberStatus, { description: 'Trạng thái hiện tại, suy ra từ các biến động' })
  status: MemberStatus;

  @Field(() => String, { nullable: true, description: 'Ngày vào Đảng (lễ kết nạp)' })
  admittedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày được công nhận chính thức' })
  officialOn: string | null;

  cellId: string;
  citizenId: string | null;
}

/** Biến động đảng viên — one entry of a member's history. */
@ObjectType('MemberEvent')
export class MemberEventType {
  @Field(() => ID)
  id: string;

  @Field(() => MemberEventKind)
  kind: MemberEventKind;

  @Field({ description: 'Ngày có hiệu lực' })
  effectiveOn: string;

  @Field(() => String, { nullable: true, description: 'Số quyết định / nghị quyết' })
  decisionNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày quyết định' })
  decisionDate: string | null;

  @Field(() => String, { nullable: true, description: 'Lý do' })
  reason: string | null;

  @Field(() => RemovalGround, { nullable: true, description: 'Căn cứ xóa tên' })
  ground: RemovalGround | null;

  @Field({ description: 'Người ghi nhận' })
  recordedBy: string;

  @Field(() => Date, { nullable: true, description: 'Thời điểm ghi nhận' })
  recordedAt?: Date;

  cellId: string;
}

/** Một dòng trong danh sách đảng viên của chi bộ tại một ngày. */
@ObjectType('CellRollEntry')
export class CellRollEntryType {
  @Field(() => MemberType)
  member: MemberType;

  @Field(() => MemberStatus, { description: 'Trạng thái vào ngày đó' })
  status: MemberStatus;

  @Field({ description: 'Đang chuyển sinh hoạt tạm thời đi nơi khác (không tính vào tỷ lệ dự họp)' })
  temporarilyAway: boolean;
}

/** Chuyển sinh hoạt đảng — a transfer between two cells of the tenant (M-8). */
@ObjectType('MemberTransfer')
export class MemberTransferType {
  @Field(() => ID)
  id: string;

  @Field(() => TransferKind)
  kind: TransferKind;

  @Field(() => String, { nullable: true, description: 'Số quyết định' })
  decisionNumber: string | null;

  @Field({ description: 'Ngày quyết định' })
  decisionDate: string;

  @Field({ description: 'Ngày chuyển đi' })
  startsOn: string;

  @Field(() => String, { nullable: true, description: 'Ngày trở về (chuyển tạm thời)' })
  until: string | null;

  @Field({ description: 'Chuyển tạm thời để đi học' })
  forStudy: boolean;

  @Field(() => String, { nullable: true, description: 'Ngày báo đến chi bộ mới' })
  reportedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Hạn bắt đầu chuyển (60 ngày làm việc từ quyết định)' })
  startDeadline: string | null;

  @Field(() => String, { nullable: true, description: 'Hạn báo đến (30 ngày làm việc từ ngày chuyển)' })
  reportDeadline: string | null;

  @Field({ description: 'Bắt đầu chuyển quá hạn' })
  lateStart: boolean;

  @Field({ description: 'Báo đến quá hạn (hoặc đã quá hạn mà chưa báo)' })
  lateReport: boolean;

  fromCellId: string;
  toCellId: string;
}

@ObjectType('TransferMemberPayload')
export class TransferMemberPayload {
  @Field(() => MemberType)
  member: MemberType;

  @Field(() => MemberTransferType)
  transfer: MemberTransferType;
}

@ObjectType('RecordTransferArrivalPayload')
export class RecordTransferArrivalPayload {
  @Field(() => MemberTransferType)
  transfer: MemberTransferType;
}

@InputType('TransferMemberInput')
export class TransferMemberInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => ID, { description: 'Chi bộ chuyển đến' })
  toCellId: string;

  @Field(() => TransferKind)
  kind: TransferKind;

  @Field(() => String, { nullable: true, description: 'Số quyết định' })
  @MaxLength(50)
  decisionNumber?: string | null;

  @Field({ description: 'Ngày quyết định (YYYY-MM-DD)' })
  decisionDate: string;

  @Field({ description: 'Ngày chuyển đi (YYYY-MM-DD)' })
  startsOn: string;

  @Field(() => String, { nullable: true, description: 'Chuyển tạm thời: ngày trở về' })
  until?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Chuyển tạm thời để đi học (tối đa 2 năm)' })
  forStudy?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Ngày báo đến chi bộ mới, nếu đã báo' })
  reportedOn?: string | null;
}

@InputType('RecordTransferArrivalInput')
export class RecordTransferArrivalInput {
  @Field(() => ID)
  transferId: string;

  @Field({ description: 'Ngày đảng viên báo đến chi bộ mới' })
  reportedOn: string;
}

@ObjectType('MemberPayload')
export class MemberPayload {
  @Field(() => MemberType)
  member: MemberType;
}

/** Identity fields shared by the admission and registration inputs (M-3). */
@InputType('MemberIdentityInput')
export class IdentityFields {
  @Field({ description: 'Họ và tên' })
  @MaxLength(200)
  fullName: string;

  @Field({ description: 'Ngày sinh (YYYY-MM-DD)' })
  dateOfBirth: string;

  @Field(() => Gender)
  gender: Gender;

  @Field(() => String, { nullable: true, description: 'Số căn cước công dân (12 chữ số), được mã hóa khi lưu' })
  @MaxLength(20)
  citizenId?: string | null;

  @Field(() => String, { nullable: true, description: 'Số thẻ đảng viên' })
  @MaxLength(30)
  partyCardNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Số lý lịch đảng viên' })
  @MaxLength(30)
  fileNumber?: string | null;
}

@InputType('AdmitMemberInput')
export class AdmitMemberInput extends IdentityFields {
  @Field(() => ID, { description: 'Chi bộ kết nạp' })
  cellId: string;

  @Field({ description: 'Ngày chi bộ xét kết nạp; tuổi tính đến ngày này (M-1)' })
  consideredOn: string;

  @Field({ description: 'Ngày lễ kết nạp; thời gian dự bị 12 tháng tính từ ngày này (M-2)' })
  admittedOn: string;

  @Field(() => [ID], { description: 'Đảng viên chính thức giới thiệu' })
  @ArrayMaxSize(5)
  introducerIds: string[];

  @Field(() => String, { nullable: true, description: 'Số quyết định kết nạp' })
  @MaxLength(50)
  decisionNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày quyết định kết nạp' })
  decisionDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Quyết định của cấp ủy cấp trên (bắt buộc khi trên 60 tuổi)' })
  @MaxLength(200)
  higherCommitteeDecision?: string | null;
}

@InputType('RegisterMemberInput')
export class RegisterMemberInput extends IdentityFields {
  @Field(() => ID, { description: 'Chi bộ đang sinh hoạt' })
  cellId: string;

  @Field(() => MemberStatus, { description: 'PROBATIONARY hoặc OFFICIAL' })
  status: MemberStatus;

  @Field({ description: 'Ngày vào Đảng' })
  admittedOn: string;

  @Field(() => String, { nullable: true, description: 'Ngày chính thức (bắt buộc với đảng viên chính thức)' })
  officialOn?: string | null;
}

@InputType('MemberLifecycleInput')
export class MemberLifecycleInput {
  @Field(() => ID)
  memberId: string;

  @Field({ description: 'Ngày có hiệu lực (YYYY-MM-DD)' })
  effectiveOn: string;

  @Field(() => String, { nullable: true, description: 'Số quyết định / nghị quyết của chi bộ' })
  @MaxLength(50)
  decisionNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày quyết định' })
  decisionDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Lý do' })
  @MaxLength(1000)
  reason?: string | null;
}

@InputType('RemoveMemberInput')
export class RemoveMemberInput extends MemberLifecycleInput {
  @Field(() => RemovalGround, { description: 'Căn cứ xóa tên (M-6)' })
  ground: RemovalGround;
}

@ArgsType()
export class MemberFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Tổ chức đảng (gồm cả cấp dưới); mặc định phạm vi của người dùng' })
  orgUnitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Tìm theo tên, không phân biệt dấu và hoa thường' })
  @MaxLength(200)
  name?: string | null;

  @Field(() => [MemberStatus], { nullable: true, description: 'Lọc theo trạng thái' })
  statuses?: MemberStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Chỉ đảng viên dự bị sắp hết thời gian dự bị (trong 60 ngày tới)' })
  probationEndingSoon?: boolean | null;

  @Field(() => [ResidenceCategory], { nullable: true, description: 'Lọc theo diện Quy định 213 (M-5)' })
  residenceCategories?: ResidenceCategory[] | null;
}
