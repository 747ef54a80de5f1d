import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AgendaCategory } from '@chibo/domain';
import { QualityLevel } from '../domain/quality';
import { OrgUnitRef } from './types';

/** Một tháng một chi bộ chưa sinh hoạt thường kỳ dù đến hạn (G-1): a cell-month missed. */
@ObjectType('CellMonth', { description: 'Một chi bộ trong một tháng (chi tiết của tỷ lệ sinh hoạt thường kỳ)' })
export class CellMonthType {
  @Field(() => OrgUnitRef, { description: 'Chi bộ' })
  cell: OrgUnitRef;

  @Field({ description: 'Tháng, dạng YYYY-MM (giờ Việt Nam)' })
  month: string;
}

/** Tỷ trọng một loại nội dung trong cơ cấu nội dung sinh hoạt (G-6). */
@ObjectType('ContentShare', { description: 'Thời lượng thực tế và tỷ trọng của một loại nội dung sinh hoạt (G-6)' })
export class ContentShareType {
  @Field(() => AgendaCategory, { description: 'Loại nội dung' })
  category: AgendaCategory;

  @Field(() => Int, { description: 'Số phút thực tế' })
  minutes: number;

  @Field(() => Float, { description: 'Tỷ trọng trên tổng số phút thực tế (0–1)' })
  share: number;
}

/** Số buổi sinh hoạt được xếp một loại chất lượng (G-7). */
@ObjectType('QualityLevelCount', { description: 'Số buổi sinh hoạt đã chấm điểm được xếp một loại chất lượng (G-7)' })
export class QualityLevelCountType {
  @Field(() => QualityLevel, { description: 'Loại chất lượng' })
  level: QualityLevel;

  @Field(() => Int, { description: 'Số buổi' })
  count: number;
}
