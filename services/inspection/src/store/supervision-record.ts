import type { SubjectSnapshot } from '../domain/subject';
import { Column, Entity, Index } from 'typeorm';
import { AuditedRecord } from '@chibo/service-kit';

/** Cuộc giám sát — a supervision of an org unit or a member (D-1). Confidential like inspections. */
@Entity('supervision')
@Index('supervision_by_plan_item', ['tenantId', 'planItemId'])
@Index('supervision_by_unit', ['tenantId', 'orgUnitId'])
export class SupervisionRecord extends AuditedRecord {
  @Column('text')
  kind: string;

  @Column('text')
  status: string;

  @Column('uuid')
  orgUnitId: string;

  @Column({ type: 'uuid', nullable: true })
  subjectMemberId: string | null;

  @Column('boolean')
  planned: boolean;

  /** The yearly plan item it carries out (D-2). */
  @Column({ type: 'uuid', nullable: true })
  planItemId: string | null;

  @Column('text')
  title: string;

  @Column({ type: 'date' })
  startedOn: string;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @Column({ type: 'boolean', nullable: true })
  signsOfViolation: boolean | null;

  @Column({ type: 'date', nullable: true })
  concludedOn: string | null;

  /** What membership knew of the subject when it was opened; null before it was asked. */
  @Column({ type: 'jsonb', nullable: true })
  subject: SubjectSnapshot | null;
}
