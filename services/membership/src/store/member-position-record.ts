import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AuditedRecord, tenantJoin } from '@chibo/service-kit';
import { MemberRecord } from './member-record';

/** Chức vụ của đảng viên — a post held in a unit from a date, until a date (M-3). */
@Entity('member_position')
@Index('member_position_member', ['tenantId', 'memberId'])
@Index('member_position_unit', ['tenantId', 'orgUnitId'])
export class MemberPositionRecord extends AuditedRecord {
  @Column('uuid')
  memberId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('member_id'))
  member?: MemberRecord;

  @Column('uuid')
  orgUnitId: string;

  @Column('text')
  kind: string;

  @Column({ type: 'date' })
  startsOn: string;

  /** Exclusive end; null while held. */
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'text', nullable: true })
  decisionNumber: string | null;

  @Column('text')
  updatedBy: string;
}
