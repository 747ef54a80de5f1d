import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/**
 * Nhật ký truy cập — one read of a confidential record (a discipline case, an inspection or a
 * supervision): who, when, which record, which fields, how. Append-only: the app role has no
 * UPDATE or DELETE on it.
 */
@Entity('confidential_read')
@Index('confidential_read_by_record', ['tenantId', 'recordId', 'readAt'])
@Index('confidential_read_by_time', ['tenantId', 'readAt'])
export class ConfidentialReadRecord extends TenantScopedRecord {
  /** DISCIPLINE_CASE, INSPECTION or SUPERVISION. */
  @Column('text')
  recordKind: string;

  @Column('uuid')
  recordId: string;

  /** The record's unit when it was read: whose inspectors may read this row. */
  @Column('uuid')
  orgUnitId: string;

  /** The principal's subject (user or API key). */
  @Column('text')
  reader: string;

  @Column('text', { array: true })
  readerRoles: string[];

  /** BY_ID, LIST, NESTED, OWN_DECISION, MUTATION or SUBSCRIPTION. */
  @Column('text')
  via: string;

  @Column('text', { array: true })
  fields: string[];

  /** Millisecond precision, so a page cursor (a JS date) compares exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  readAt: Date;
}
