import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AuditedRecord, tenantJoin } from '@chibo/service-kit';
import { MemberRecord } from './member-record';

/** Phiếu nhận xét đảng viên của nơi cư trú (M-5): one a year per member of category (c). */
@Entity('residence_feedback')
@Index('residence_feedback_year', ['tenantId', 'memberId', 'year'], { unique: true })
export class ResidenceFeedbackRecord extends AuditedRecord {
  @Column('uuid')
  memberId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('member_id'))
  member?: MemberRecord;

  @Column('int')
  year: number;

  @Column({ type: 'date' })
  receivedOn: string;

  /** Nội dung nhận xét. */
  @Column('text')
  comment: string;
}
