import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantScopedRecord, tenantJoin } from '@chibo/service-kit';
import { OrgUnitRecord } from './org-unit-record';

/**
 * One dated change to the structure of the tree (T-2): a rename, a move, a merge or a
 * dissolution, with the value before and after. Rows are only added; the tree as it was on a
 * date is today's tree with the changes effective after that date undone, newest first.
 */
@Entity('org_unit_change')
@Index('org_unit_change_sequence', ['tenantId', 'orgUnitId', 'sequence'], { unique: true })
@Index('org_unit_change_effective', ['tenantId', 'effectiveOn'])
export class OrgUnitChangeRecord extends TenantScopedRecord {
  @Column('uuid')
  orgUnitId: string;

  @ManyToOne(() => OrgUnitRecord, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('org_unit_id'))
  orgUnit?: OrgUnitRecord;

  /** 1, 2, 3 … per unit; unique, so two concurrent changes of one unit cannot both be written. */
  @Column('int')
  sequence: number;

  /** RENAMED, MOVED, MERGED or DISSOLVED. */
  @Column('text')
  kind: string;

  @Column({ type: 'date' })
  effectiveOn: string;

  @Column({ type: 'uuid', nullable: true })
  parentIdBefore: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentIdAfter: string | null;

  @Column({ type: 'text', nullable: true })
  nameBefore: string | null;

  @Column({ type: 'text', nullable: true })
  nameAfter: string | null;

  /** MERGED: the unit it was merged into; MOVED because of a merge: the merged unit. */
  @Column({ type: 'uuid', nullable: true })
  relatedOrgUnitId: string | null;

  @Column('text')
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
