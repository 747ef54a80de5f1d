import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';
import type { DisciplineRuleSet } from '../domain/discipline-rules';

/** Bộ quy định — one version of the tenant's configurable thresholds, in force from `validFrom`. Never changed. */
@Entity('rule_set_version')
@Index('rule_set_version_from', ['tenantId', 'validFrom'], { unique: true })
export class RuleSetVersionRecord extends TenantScopedRecord {
  @Column({ type: 'date' })
  validFrom: string;

  @Column('jsonb')
  rules: DisciplineRuleSet;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}
