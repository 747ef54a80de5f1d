import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/** Ý kiến phát biểu — a member's contribution on an agenda item (G-5). */
@Entity('contribution')
@Index('contribution_by_meeting', ['tenantId', 'meetingId'])
export class ContributionRecord extends TenantScopedRecord {
  @Column('uuid')
  meetingId: string;

  @Column('uuid')
  agendaItemId: string;

  @Column('uuid')
  memberId: string;

  @Column('text')
  kind: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}
