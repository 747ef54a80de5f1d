import { MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ImportOutcome } from '../domain/import-members';

registerEnumType(ImportOutcome, {
  name: 'MemberImportOutcome',
  description: 'Kết quả đối chiếu một dòng: thêm mới, cập nhật, không đổi, lỗi',
});

/** The gateway takes at most 1 MiB a request; base64 makes a file a third larger. */
const MAX_BASE64 = 1 << 20;

@InputType()
export class MemberImportInput {
  @Field({ description: 'Nội dung tệp .xlsx hoặc .csv (UTF-8), mã hóa base64. Cổng API nhận tối đa 1 MiB mỗi yêu cầu; tệp lớn hơn hãy nhập bằng `pnpm chibo import members`' })
  @MaxLength(MAX_BASE64)
  fileBase64: string;
}

/** Why a row cannot be imported, or what was done to it (a note), naming the column and the rule. */
@ObjectType('MemberImportIssue')
export class MemberImportIssueType {
  @Field(() => String, { nullable: true, description: 'Tên cột như trong tệp' })
  column: string | null;

  @Field(() => String, { nullable: true, description: 'Trường dữ liệu (fullName, dateOfBirth …)' })
  field: string | null;

  @Field({ description: 'Mã lỗi (như extensions.code)' })
  code: string;

  @Field(() => String, { nullable: true, description: 'Quy định bị vi phạm (M-1, M-2 …)' })
  rule: string | null;

  @Field()
  messageVi: string;

  @Field()
  messageEn: string;
}

@ObjectType('MemberImportRow')
export class MemberImportRowType {
  @Field(() => Int, { description: 'Số dòng trong tệp (dòng tiêu đề là 1)' })
  line: number;

  @Field(() => ImportOutcome)
  outcome: ImportOutcome;

  @Field(() => String, { nullable: true })
  partyCardNumber: string | null;

  @Field(() => String, { nullable: true })
  fullName: string | null;

  @Field(() => ID, { nullable: true, description: 'Đảng viên được tạo hoặc được đối chiếu' })
  memberId: string | null;

  @Field(() => [String], { description: 'Các trường thay đổi (với UPDATE)' })
  changes: string[];

  @Field(() => [MemberImportIssueType])
  errors: MemberImportIssueType[];

  @Field(() => [MemberImportIssueType], { description: 'Ghi chú không phải lỗi, ví dụ chuẩn hóa Unicode' })
  notes: MemberImportIssueType[];
}

@ObjectType('MemberImportCounts')
export class MemberImportCountsType {
  @Field(() => Int, { name: 'new' })
  NEW: number;

  @Field(() => Int, { name: 'update' })
  UPDATE: number;

  @Field(() => Int, { name: 'unchanged' })
  UNCHANGED: number;

  @Field(() => Int, { name: 'error' })
  ERROR: number;
}

/** Kết quả nhập danh sách đảng viên — the judgement of every row, and whether it was written. */
@ObjectType('MemberImportReport')
export class MemberImportReportType {
  @Field({ description: 'Đã ghi vào sổ (commit) hay mới xem trước' })
  committed: boolean;

  @Field(() => MemberImportCountsType)
  counts: MemberImportCountsType;

  @Field(() => [String], { description: 'Các cột trong tệp không được đọc (STT, ghi chú …)' })
  ignoredColumns: string[];

  rows: MemberImportRowType[];
}
