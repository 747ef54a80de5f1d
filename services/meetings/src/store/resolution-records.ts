import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/** Nghị quyết chi bộ — a resolution adopted at a meeting (G-8). */
@Entity('resolution')
@Index('resolution_number', ['tenantId', 'cellId', 'number'], { unique: true })
@Index('resolution_by_meeting', ['tenantId', 'meetingId'])
export class ResolutionRecord extends TenantScopedRecord {
  @Column('uuid')
  meetingId: string;

  @Column('uuid')
  cellId: string;

  @Column('text')
  number: string;

  @Column('text')
  text: string;

  @Column('int')
  votesFor: number;

  @Column('int')
  votesAgainst: number;

  @Column('int')
  votesAbstain: number;

  @Column('text')
  status: string;

  @Column('date')
  adoptedOn: string;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewMeetingId: string | null;

  @Column({ type: 'text', nullable: true })
  reviewedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}

/** Nhiệm vụ thực hiện nghị quyết (G-8). */
@Entity('resolution_task')
@Index('resolution_task_by_resolution', ['tenantId', 'resolutionId', 'position'])
export class ResolutionTaskRecord extends TenantScopedRecord {
  @Column('uuid')
  resolutionId: string;

  @Column('int')
  position: number;

  @Column('text')
  title: string;

  @Column({ type: 'uuid', nullable: true })
  ownerMemberId: string | null;

  @Column({ type: 'text', nullable: true })
  ownerGroup: string | null;

  @Column('date')
  dueOn: string;

  @Column({ type: 'double precision', nullable: true })
  targetValue: number | null;

  @Column({ type: 'text', nullable: true })
  targetUnit: string | null;

  /** The latest follow-up check (G-9); each check is kept in task_check. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'text', nullable: true })
  checkNote: string | null;
}

/** Báo cáo tiến độ thực hiện nhiệm vụ (G-8). */
@Entity('task_progress')
@Index('task_progress_by_task', ['tenantId', 'taskId', 'reportedOn'])
export class TaskProgressRecord extends TenantScopedRecord {
  @Column('uuid')
  taskId: string;

  @Column('date')
  reportedOn: string;

  @Column({ type: 'double precision', nullable: true })
  amount: number | null;

  @Column('text')
  note: string;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  reportedBy: string;
}

/** Kiểm tra một nhiệm vụ tại buổi kiểm điểm nghị quyết (G-9); every check is kept. */
@Entity('task_check')
@Index('task_check_by_task', ['tenantId', 'taskId'])
export class TaskCheckRecord extends TenantScopedRecord {
  @Column('uuid')
  taskId: string;

  @Column('uuid')
  meetingId: string;

  @Column('text')
  outcome: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  checkedAt: Date;

  @Column('text')
  checkedBy: string;
}
