import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Sinh hoạt chi bộ — one meeting of a cell. */
@Entity('meeting')
@Index('meeting_by_cell', ['tenantId', 'cellId', 'heldAt'])
export class MeetingRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  id: string;

  /** The cell (chi bộ) that met; an org unit of membership, known here through its events. */
  @Column('uuid')
  cellId: string;

  @Column('text')
  kind: string;

  @Column('text')
  status: string;

  @Column('text')
  title: string;

  @Column({ type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column('text')
  createdBy: string;
}
