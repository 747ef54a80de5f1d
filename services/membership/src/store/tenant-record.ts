import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Thành ủy — one city party committee: the tenant. Its own row is scoped by its own id. */
@Entity('tenant')
export class TenantRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @Column('text')
  name: string;

  @Column('uuid')
  rootOrgUnitId: string;

  /** Integrator API setting: only documents from the persisted manifest are executed. */
  @Column('boolean', { default: false })
  persistedDocumentsOnly: boolean;

  /** Hạn mức truy vấn: the tenant's hourly points, set by a platform administrator; null: the platform's default. */
  @Column('integer', { nullable: true })
  queryPointsPerHour: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}
