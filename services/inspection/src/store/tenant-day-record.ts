import { Column, Entity, Index } from 'typeorm';
import { AuditedRecord } from '@chibo/service-kit';

/**
 * Ngày nghỉ / ngày làm bù riêng của đảng bộ — a tenant's own day off or worked weekend day,
 * layered onto the national calendar for its working-day deadlines (D-7). Removed softly.
 */
@Entity('tenant_day')
@Index('tenant_day_by_date', ['tenantId', 'date'])
export class TenantDayRecord extends AuditedRecord {
  @Column({ type: 'date' })
  date: string;

  /** HOLIDAY (a weekday off) or WORKED_WEEKEND (a Saturday or Sunday worked). */
  @Column('text')
  kind: string;

  @Column('text')
  reason: string;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  removedBy: string | null;
}
