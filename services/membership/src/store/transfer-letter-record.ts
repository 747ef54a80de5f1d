import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/**
 * Giấy giới thiệu sinh hoạt đảng — a transfer letter between two tenants (M-8), as one side keeps
 * it: the sender an OUTGOING row, the receiver an INCOMING row with the same id. Each row is an
 * ordinary tenant row under row-level security; the receiver's copy holds the letter's fields and
 * nothing else of the sender's.
 */
@Entity('transfer_letter')
@Index('transfer_letter_direction', ['tenantId', 'direction', 'status'])
@Index('transfer_letter_member', ['tenantId', 'memberId'])
// One pending letter per member: two staff issuing at once cannot both succeed.
@Index('transfer_letter_one_pending', ['tenantId', 'memberId'], { unique: true, where: `direction = 'OUTGOING' AND status = 'PENDING'` })
export class TransferLetterRecord extends TenantScopedRecord {
  /** OUTGOING (this tenant sent it) or INCOMING (this tenant received it). */
  @Column('text')
  direction: string;

  /** The other tenant: the receiver of an outgoing letter, the sender of an incoming one. */
  @Column('uuid')
  counterpartTenantId: string;

  @Column('text')
  counterpartTenantName: string;

  /** PENDING, ACCEPTED or REJECTED. */
  @Column('text')
  status: string;

  /** Số giấy giới thiệu. */
  @Column('text')
  letterNumber: string;

  @Column({ type: 'date' })
  issuedOn: string;

  /** The sending cell's name, as text: the receiver knows nothing else of the sender's tree. */
  @Column('text')
  fromCellName: string;

  /** Outgoing: the sender's member; incoming: the member created on acceptance. */
  @Column({ type: 'uuid', nullable: true })
  memberId: string | null;

  @Column('text')
  fullName: string;

  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column('text')
  gender: string;

  /** Encrypted like the member's, bound to the letter id. */
  @Column({ type: 'text', nullable: true })
  citizenIdCipher: string | null;

  @Column({ type: 'text', nullable: true })
  partyCardNumber: string | null;

  @Column({ type: 'text', nullable: true })
  fileNumber: string | null;

  /** Số thứ tự trong danh sách đảng viên. */
  @Column({ type: 'text', nullable: true })
  listPosition: string | null;

  /** Số đăng ký (sổ đăng ký đảng viên). */
  @Column({ type: 'text', nullable: true })
  registerNumber: string | null;

  /** PROBATIONARY or OFFICIAL, with the dates that go with it. */
  @Column('text')
  memberStatus: string;

  @Column({ type: 'date', nullable: true })
  admittedOn: string | null;

  @Column({ type: 'date', nullable: true })
  officialOn: string | null;

  @Column('text')
  issuedBy: string;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  /** Incoming, accepted: the cell the member was placed in. */
  @Column({ type: 'uuid', nullable: true })
  receivingCellId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
