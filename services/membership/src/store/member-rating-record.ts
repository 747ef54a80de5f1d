import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AuditedRecord, tenantJoin } from '@chibo/service-kit';
import { MemberRecord } from './member-record';

/** Xếp loại chất lượng đảng viên — a member's rating for a year, by their cell (M-7). */
@Entity('member_rating')
@Index('member_rating_year', ['tenantId', 'memberId', 'year'], { unique: true })
@Index('member_rating_cell', ['tenantId', 'cellId', 'year'])
export class MemberRatingRecord extends AuditedRecord {
  @Column('uuid')
  memberId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('member_id'))
  member?: MemberRecord;

  @Column('uuid')
  cellId: string;

  @Column('int')
  year: number;

  @Column('text')
  rating: string;

  @Column({ type: 'text', nullable: true })
  decisionNumber: string | null;

  @Column('text')
  updatedBy: string;
}
