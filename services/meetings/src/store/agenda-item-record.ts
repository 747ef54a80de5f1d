import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/** Nội dung sinh hoạt — one agenda item of a meeting (G-3). */
@Entity('agenda_item')
@Index('agenda_item_by_meeting', ['tenantId', 'meetingId', 'position'])
export class AgendaItemRecord extends TenantScopedRecord {
  @Column('uuid')
  meetingId: string;

  @Column('int')
  position: number;

  @Column('text')
  category: string;

  @Column('text')
  title: string;

  @Column({ type: 'uuid', nullable: true })
  presenterMemberId: string | null;

  @Column('int')
  plannedMinutes: number;

  @Column({ type: 'int', nullable: true })
  actualMinutes: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}
