import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/** Nhật ký truy cập — one read of a discipline case: who, when, which case, which fields, how. */
@Entity('case_read')
@Index('case_read_by_case', ['tenantId', 'caseId', 'readAt'])
@Index('case_read_by_time', ['tenantId', 'readAt'])
export class CaseReadRecord extends TenantScopedRecord {
  @Column('uuid')
  caseId: string;

  /** The principal's subject (user or API key). */
  @Column('text')
  reader: string;

  @Column('text', { array: true })
  readerRoles: string[];

  /** BY_ID, LIST, NESTED or OWN_DECISION. */
  @Column('text')
  via: string;

  @Column('text', { array: true })
  fields: string[];

  /** Millisecond precision, so a page cursor (a JS date) compares exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  readAt: Date;
}
