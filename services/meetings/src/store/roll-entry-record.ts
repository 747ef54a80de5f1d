import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/**
 * Danh sách chi bộ — one interval of one member on one cell's roll, projected from membership's
 * events (G-4). Dates are Vietnamese calendar dates; `validTo` is exclusive and null while open.
 */
@Entity('roll_entry')
@Index('roll_entry_by_cell', ['tenantId', 'cellId', 'validFrom'])
@Index('roll_entry_by_member', ['tenantId', 'memberId', 'validFrom'])
export class RollEntryRecord extends TenantScopedRecord {
  @Column('uuid')
  memberId: string;

  @Column('uuid')
  cellId: string;

  @Column('text')
  status: string;

  @Column('boolean')
  temporarilyOut: boolean;

  @Column('date')
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  syncedAt: Date;
}
