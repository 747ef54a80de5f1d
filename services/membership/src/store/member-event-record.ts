import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantScopedRecord, tenantJoin } from '@chibo/service-kit';
import { MemberRecord } from './member-record';

/**
 * One change in a member's life (M-10): admitted, recognised, exempted, removed, expelled,
 * deceased, transferred … with the decision, who recorded it and when. Rows are only added;
 * a member's status is derived from them in `sequence` order.
 */
@Entity('member_event')
@Index('member_event_sequence', ['tenantId', 'memberId', 'sequence'], { unique: true })
@Index('member_event_cell', ['tenantId', 'cellId'])
@Index('member_event_source', ['tenantId', 'sourceRef'])
export class MemberEventRecord extends TenantScopedRecord {
  @Column('uuid')
  memberId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('member_id'))
  member?: MemberRecord;

  /** 1, 2, 3 … per member; unique, so two concurrent changes cannot both be written. */
  @Column('int')
  sequence: number;

  @Column('text')
  kind: string;

  @Column({ type: 'date' })
  effectiveOn: string;

  /** The member's home cell after this event. */
  @Column('uuid')
  cellId: string;

  /** The cell before a transfer (M-8). */
  @Column({ type: 'uuid', nullable: true })
  fromCellId: string | null;

  @Column({ type: 'text', nullable: true })
  decisionNumber: string | null;

  @Column({ type: 'date', nullable: true })
  decisionDate: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Căn cứ xóa tên (M-6). */
  @Column({ type: 'text', nullable: true })
  ground: string | null;

  /** REGISTERED: the status and dates the member was registered with. */
  @Column({ type: 'text', nullable: true })
  registeredStatus: string | null;

  @Column({ type: 'date', nullable: true })
  admittedOn: string | null;

  @Column({ type: 'date', nullable: true })
  officialOn: string | null;

  /** What caused it when another service did (e.g. the discipline case id). */
  @Column({ type: 'text', nullable: true })
  sourceRef: string | null;

  @Column('text')
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
