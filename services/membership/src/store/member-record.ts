import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AuditedRecord, tenantJoin } from '@chibo/service-kit';
import { OrgUnitRecord } from './org-unit-record';

/**
 * Đảng viên — one party member of the tenant (M-3). `status`, `cell_id`, `admitted_on` and
 * `official_on` are derived from `member_event` (M-10) and kept here for search and counts.
 */
@Entity('member')
@Index('member_cell', ['tenantId', 'cellId'])
@Index('member_search_key', ['tenantId', 'searchKey'])
@Index('member_party_card', ['tenantId', 'partyCardNumber'], { unique: true, where: 'party_card_number IS NOT NULL' })
export class MemberRecord extends AuditedRecord {
  /** Họ và tên, NFC. */
  @Column('text')
  fullName: string;

  /** The name without accents, lower case, `đ` as `d`: what name search matches against. */
  @Column('text')
  searchKey: string;

  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column('text')
  gender: string;

  /** Số CCCD, AES-256-GCM (`v1:<iv>:<tag>:<ciphertext>`, base64url); never stored in clear. */
  @Column({ type: 'text', nullable: true })
  citizenIdCipher: string | null;

  @Column({ type: 'text', nullable: true })
  partyCardNumber: string | null;

  @Column({ type: 'text', nullable: true })
  fileNumber: string | null;

  @Column('text')
  status: string;

  @Column('uuid')
  cellId: string;

  @ManyToOne(() => OrgUnitRecord, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('cell_id'))
  cell?: OrgUnitRecord;

  @Column({ type: 'date', nullable: true })
  admittedOn: string | null;

  @Column({ type: 'date', nullable: true })
  officialOn: string | null;

  @Column('text')
  updatedBy: string;
}
