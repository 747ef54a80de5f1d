import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Points an integrator's (or a tenant's) requests spent in the current hour (hạn mức truy vấn):
 * one row per bucket, updated in place and restarted when a new hour begins, so every gateway
 * replica draws on the same budget and nothing ever needs deleting.
 */
@Entity('request_budget')
export class RequestBudgetRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  /** `tenant`, or `key:<api key id>`. */
  @PrimaryColumn('text')
  bucket: string;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column('integer', { default: 0 })
  spent: number;
}
