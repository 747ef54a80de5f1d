import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/** Quy định sinh hoạt — one version of a tenant's meeting rule set. Never updated: a change is a new version. */
@Entity('meeting_rule_set')
@Index('meeting_rule_set_version', ['tenantId', 'version'], { unique: true })
@Index('meeting_rule_set_by_date', ['tenantId', 'effectiveFrom'])
export class MeetingRuleSetRecord extends TenantScopedRecord {
  @Column('int')
  version: number;

  @Column('date')
  effectiveFrom: string;

  /** The thresholds and days, as `MeetingRuleSet` without version and date. */
  @Column('jsonb')
  rules: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}
