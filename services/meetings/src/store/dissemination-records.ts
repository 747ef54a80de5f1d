import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/**
 * Văn bản cấp trên — a directive, plan or resolution of a higher committee that the cells of its
 * subtree must pass on to their members by a date (G-11).
 */
@Entity('higher_document')
@Index('higher_document_number', ['tenantId', 'orgUnitId', 'number'], { unique: true })
export class HigherDocumentRecord extends TenantScopedRecord {
  /** The committee whose cells must disseminate it (its whole subtree). */
  @Column('uuid')
  orgUnitId: string;

  @Column('text')
  kind: string;

  @Column('text')
  number: string;

  @Column('text')
  title: string;

  /** Cơ quan ban hành, e.g. "Ban Chấp hành Trung ương". */
  @Column('text')
  issuer: string;

  @Column('date')
  issuedOn: string;

  @Column('date')
  disseminateBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}

/** Phổ biến văn bản — a cell passed a document on at a meeting, under a DISSEMINATION agenda item (G-3, G-11). */
@Entity('document_dissemination')
@Index('document_dissemination_once', ['tenantId', 'documentId', 'agendaItemId'], { unique: true })
@Index('document_dissemination_by_cell', ['tenantId', 'documentId', 'cellId'])
export class DocumentDisseminationRecord extends TenantScopedRecord {
  @Column('uuid')
  documentId: string;

  @Column('uuid')
  meetingId: string;

  @Column('uuid')
  agendaItemId: string;

  @Column('uuid')
  cellId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;

  @Column('text')
  recordedBy: string;
}

/**
 * Chủ đề năm — the city's theme for a year and its targets (G-12), e.g. "≥ 90 % of cells hold a
 * thematic meeting every quarter". Progress is computed, never typed in.
 */
@Entity('yearly_theme')
@Index('yearly_theme_year', ['tenantId', 'year'], { unique: true })
export class YearlyThemeRecord extends TenantScopedRecord {
  @Column('int')
  year: number;

  @Column('text')
  title: string;

  /** `{ kind, threshold }[]` — see `ThemeTargetKind`. */
  @Column('jsonb')
  targets: { kind: string; threshold: number }[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}
