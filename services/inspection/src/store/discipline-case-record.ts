import { Column, Entity, Index } from 'typeorm';
import { AuditedRecord } from '@chibo/service-kit';
import type { Ballot, CaseTransition, Complaint, SubjectSnapshot } from '../domain/discipline-case';
import type { Deferral, Violation } from '../domain/discipline-rules';

/** Vụ việc kỷ luật — a discipline case (D-3 … D-8). The most confidential record of the platform. */
@Entity('discipline_case')
@Index('discipline_case_by_unit', ['tenantId', 'orgUnitId'])
@Index('discipline_case_by_member', ['tenantId', 'subjectMemberId'])
export class DisciplineCaseRecord extends AuditedRecord {
  @Column('text')
  status: string;

  @Column('text')
  trigger: string;

  @Column({ type: 'uuid', nullable: true })
  inspectionId: string | null;

  @Column('text')
  subjectKind: string;

  /** The unit disciplined, or the cell the member belonged to when the case was opened. */
  @Column('uuid')
  orgUnitId: string;

  @Column({ type: 'uuid', nullable: true })
  subjectMemberId: string | null;

  @Column('boolean', { default: false })
  holdsPost: boolean;

  @Column('text')
  title: string;

  @Column({ type: 'date' })
  openedOn: string;

  @Column({ type: 'date', nullable: true })
  stateDecidedOn: string | null;

  @Column('jsonb')
  violations: Violation[];

  @Column('jsonb', { default: () => `'[]'` })
  deferrals: Deferral[];

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @Column({ type: 'uuid', nullable: true })
  deliberatingOrgUnitId: string | null;

  @Column({ type: 'text', nullable: true })
  proposedForm: string | null;

  @Column({ type: 'jsonb', nullable: true })
  ballot: Ballot | null;

  @Column({ type: 'date', nullable: true })
  deliberatedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  proposedToOrgUnitId: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidingOrgUnitId: string | null;

  @Column({ type: 'text', nullable: true })
  form: string | null;

  @Column({ type: 'text', nullable: true })
  decisionNumber: string | null;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'date', nullable: true })
  announcedOn: string | null;

  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'jsonb', nullable: true })
  complaint: Complaint | null;

  /** Every step with who and when; nothing is ever deleted. */
  @Column('jsonb')
  history: CaseTransition[];

  /** What membership knew of the subject on opening; null for cases opened before it was asked. */
  @Column({ type: 'jsonb', nullable: true })
  subject: SubjectSnapshot | null;
}
