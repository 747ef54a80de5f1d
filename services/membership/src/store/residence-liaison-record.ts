import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AuditedRecord, tenantJoin } from '@chibo/service-kit';
import { MemberRecord } from './member-record';

/** Giới thiệu đảng viên về nơi cư trú (QĐ 213, M-5): the member's category and residence organisation. */
@Entity('residence_liaison')
@Index('residence_liaison_member', ['tenantId', 'memberId'], { unique: true })
export class ResidenceLiaisonRecord extends AuditedRecord {
  @Column('uuid')
  memberId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('member_id'))
  member?: MemberRecord;

  @Column('text')
  category: string;

  /** IN_TENANT, OTHER_TENANT or OUTSIDE. */
  @Column('text')
  placeKind: string;

  @Column({ type: 'uuid', nullable: true })
  residenceOrgUnitId: string | null;

  @Column({ type: 'uuid', nullable: true })
  residenceTenantId: string | null;

  @Column({ type: 'text', nullable: true })
  residenceName: string | null;

  @Column({ type: 'date' })
  introducedOn: string;

  @Column('text')
  updatedBy: string;
}
