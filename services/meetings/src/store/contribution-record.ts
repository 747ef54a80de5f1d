import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Ý kiến phát biểu — a member's contribution on an agenda item (G-5). */
@Entity('contribution')
@Index('contribution_by_meeting', ['tenantId', 'meetingId'])
export class ContributionRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  id: string;

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
