import { Column, Entity, Index } from 'typeorm';
import { AuditedRecord } from '@chibo/service-kit';

/** Sinh hoạt chi bộ — one meeting of a cell. */
@Entity('meeting')
@Index('meeting_by_cell', ['tenantId', 'cellId', 'heldAt'])
export class MeetingRecord extends AuditedRecord {
  /** The cell (chi bộ) that met; an org unit of membership, known here through its events. */
  @Column('uuid')
  cellId: string;

  @Column('text')
  kind: string;

  @Column('text')
  status: string;

  @Column('text')
  title: string;

  @Column({ type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  chairMemberId: string | null;

  /** Thư ký — the member who took the minutes. */
  @Column({ type: 'uuid', nullable: true })
  secretaryMemberId: string | null;

  /** Địa điểm — where the meeting took place, as the minutes state it. */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'text', nullable: true })
  draftResolution: string | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** Who moved the meeting to its current status, and when (G-2; nothing is deleted). */
  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  statusChangedBy: string | null;

  /** The roll attendance was taken against (G-4): its size and how many were temporarily out. */
  @Column({ type: 'int', nullable: true })
  rollSize: number | null;

  @Column({ type: 'int', nullable: true })
  rollTemporarilyOut: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  attendanceRecordedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  attendanceRecordedBy: string | null;
}
