import type { SubjectSnapshot } from '../domain/subject';
import type { InspectionStep } from '../domain/inspections';
import { Column, Entity, Index } from 'typeorm';
import { AuditedRecord } from '@chibo/service-kit';

/** Cuộc kiểm tra — an inspection of an org unit or of a member. Confidential. */
@Entity('inspection')
@Index('inspection_by_plan_item', ['tenantId', 'planItemId'])
@Index('inspection_by_unit', ['tenantId', 'orgUnitId'])
export class InspectionRecord extends AuditedRecord {
  @Column('text')
  kind: string;

  @Column('text')
  status: string;

  @Column('text')
  subjectKind: string;

  /** The unit inspected, or for a member the unit the member belonged to when it was decided. */
  @Column('uuid')
  orgUnitId: string;

  @Column({ type: 'uuid', nullable: true })
  subjectMemberId: string | null;

  @Column('text')
  title: string;

  @Column({ type: 'date' })
  decidedOn: string;

  /** The yearly plan item it carries out (D-2). */
  @Column({ type: 'uuid', nullable: true })
  planItemId: string | null;

  /** The supervision whose findings opened it (D-1). */
  @Column({ type: 'uuid', nullable: true })
  supervisionId: string | null;

  @Column({ type: 'boolean', nullable: true })
  violationFound: boolean | null;

  @Column({ type: 'text', nullable: true })
  conclusion: string | null;

  @Column({ type: 'date', nullable: true })
  concludedOn: string | null;

  /** Each step of D-2 with who and when. */
  @Column('jsonb', { default: () => `'[]'` })
  history: InspectionStep[];

  /** What membership knew of the subject when it was opened; null before it was asked. */
  @Column({ type: 'jsonb', nullable: true })
  subject: SubjectSnapshot | null;
}
