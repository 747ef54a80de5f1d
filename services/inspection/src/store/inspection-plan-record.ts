import { Column, Entity, Index } from 'typeorm';
import { AuditedRecord } from '@chibo/service-kit';
import type { PlanItem } from '../domain/plans';

/** Kế hoạch kiểm tra, giám sát năm — one per org unit and year (D-2). */
@Entity('inspection_plan')
@Index('inspection_plan_unit_year', ['tenantId', 'orgUnitId', 'year'], { unique: true })
export class InspectionPlanRecord extends AuditedRecord {
  @Column('uuid')
  orgUnitId: string;

  @Column('int')
  year: number;

  @Column('text')
  title: string;

  /** Items with their own ids; supervisions and inspections point at them by `plan_item_id`. */
  @Column('jsonb')
  items: PlanItem[];
}
