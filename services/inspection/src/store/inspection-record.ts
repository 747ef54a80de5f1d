import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Cuộc kiểm tra — an inspection of an org unit or of a member. Confidential. */
@Entity('inspection')
@Index('inspection_by_unit', ['tenantId', 'orgUnitId'])
export class InspectionRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: string;

  @Column('text')
  status: string;

  @Column('text')
  subjectKind: string;

  /** The unit inspected, or for a member the unit the member belonged to when it was decided. */
  @Column('uuid')
  orgUnitId: string;

  @Column({ type: 'uuid', nullable: true })
  subjectMemberId: string | null;

  @Column('text')
  title: string;

  @Column({ type: 'date' })
  decidedOn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column('text')
  createdBy: string;
}
