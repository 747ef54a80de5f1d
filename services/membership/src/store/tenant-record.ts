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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}
