import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/** Thang điểm đánh giá chất lượng sinh hoạt — one version of a tenant's G-7 rubric. Never updated: a change is a new version. */
@Entity('quality_rubric')
@Index('quality_rubric_version', ['tenantId', 'version'], { unique: true })
@Index('quality_rubric_by_date', ['tenantId', 'effectiveFrom'])
export class QualityRubricRecord extends TenantScopedRecord {
  @Column('int')
  version: number;

  @Column('date')
  effectiveFrom: string;

  /** Thresholds and points, as `QualityRubric` without version and date. */
  @Column('jsonb')
  rules: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}

/** Điểm chất lượng — a meeting's G-7 score, kept with the rubric version it was computed under. */
@Entity('meeting_score')
export class MeetingScoreRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  meetingId: string;

  @Column('int')
  rubricVersion: number;

  /** Each part: key, points, max points and the Vietnamese explanation. */
  @Column('jsonb')
  items: object[];

  @Column('double precision')
  computedPoints: number;

  @Column('double precision')
  adjustment: number;

  @Column({ type: 'text', nullable: true })
  adjustmentReason: string | null;

  @Column({ type: 'text', nullable: true })
  adjustedBy: string | null;

  @Column('double precision')
  totalPoints: number;

  @Column('text')
  level: string;

  @Column({ type: 'timestamptz' })
  scoredAt: Date;

  @Column('text')
  scoredBy: string;
}
