import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { TenantScopedRecord, tenantJoin } from '@chibo/service-kit';
import { MemberRecord } from './member-record';

/** Quyết định chuyển sinh hoạt đảng trong đảng bộ (M-8): the decision, its dates, and the arrival. */
@Entity('member_transfer')
@Index('member_transfer_member', ['tenantId', 'memberId'])
export class MemberTransferRecord extends TenantScopedRecord {
  @Column('uuid')
  memberId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('member_id'))
  member?: MemberRecord;

  /** OFFICIAL or TEMPORARY. */
  @Column('text')
  kind: string;

  @Column('uuid')
  fromCellId: string;

  @Column('uuid')
  toCellId: string;

  @Column({ type: 'text', nullable: true })
  decisionNumber: string | null;

  @Column({ type: 'date' })
  decisionDate: string;

  @Column({ type: 'date' })
  startsOn: string;

  /** TEMPORARY: the day the member is back home (exclusive end). */
  @Column({ type: 'date', nullable: true })
  until: string | null;

  @Column({ type: 'boolean', default: false })
  forStudy: boolean;

  @Column({ type: 'date', nullable: true })
  reportedOn: string | null;

  @Column('text')
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
