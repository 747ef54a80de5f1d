import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SundayRule } from '../domain/rule-set';

registerEnumType(SundayRule, {
  name: 'SundayRule',
  description: 'Khi ngày sinh hoạt thường kỳ rơi vào Chủ nhật: giữ nguyên ngày, chuyển sang thứ Bảy trước đó, hoặc sang thứ Hai sau đó',
});

/** Quy định sinh hoạt của đơn vị, theo phiên bản (phiên bản 0 là mặc định theo DOMAIN.md). */
@ObjectType('MeetingRuleSet')
export class MeetingRuleSetType {
  @Field(() => Int)
  version: number;

  @Field({ description: 'Áp dụng từ ngày (YYYY-MM-DD)' })
  effectiveFrom: string;

  @Field(() => Int, { description: 'Ngày sinh hoạt thường kỳ trong tháng (mặc định ngày 3, Chỉ thị 50)' })
  regularMeetingDay: number;

  @Field(() => SundayRule)
  sundayRule: SundayRule;

  @Field(() => Int, { description: 'Ngày lập lịch sinh hoạt chuyên đề trong tháng đầu quý' })
  thematicMeetingDay: number;

  @Field(() => Float, { description: 'Cảnh báo khi tỷ lệ dự họp thấp hơn' })
  attendanceRateMin: number;

  @Field(() => Float, { description: 'Cảnh báo khi tỷ trọng nội dung chuyên môn vượt' })
  professionalShareMax: number;

  @Field(() => Int, { description: 'Số tháng vắng không lý do trong năm để đề nghị xóa tên' })
  unexcusedMonthsForRemoval: number;

  @Field(() => Int, { description: 'Số lần vắng có lý do liên tiếp tối đa trong năm' })
  excusedStreakMax: number;
}

@InputType('SetMeetingRuleSetInput')
export class SetMeetingRuleSetInput {
  @Field({ description: 'Áp dụng từ ngày (YYYY-MM-DD), không trước phiên bản hiện hành' })
  effectiveFrom: string;

  @Field(() => Int)
  regularMeetingDay: number;

  @Field(() => SundayRule)
  sundayRule: SundayRule;

  @Field(() => Int)
  thematicMeetingDay: number;

  @Field(() => Float)
  attendanceRateMin: number;

  @Field(() => Float)
  professionalShareMax: number;

  @Field(() => Int)
  unexcusedMonthsForRemoval: number;

  @Field(() => Int)
  excusedStreakMax: number;
}

@ObjectType('SetMeetingRuleSetPayload')
export class SetMeetingRuleSetPayload {
  @Field(() => MeetingRuleSetType)
  ruleSet: MeetingRuleSetType;
}
