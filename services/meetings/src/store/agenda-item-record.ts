import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Nội dung sinh hoạt — one agenda item of a meeting (G-3). */
@Entity('agenda_item')
@Index('agenda_item_by_meeting', ['tenantId', 'meetingId', 'position'])
export class AgendaItemRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  id: string;

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
