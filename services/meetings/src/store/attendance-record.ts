import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Điểm danh — one member's attendance at one meeting (G-4). Keyed by (tenant, meeting, member):
 * a member has one attendance per meeting, and re-recording updates it in place.
 */
@Entity('attendance')
export class AttendanceRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  meetingId: string;

  @PrimaryColumn('uuid')
  memberId: string;

  @Column('text')
  status: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column('text')
  recordedBy: string;
}
