import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuditLogRecord } from '../audit/audit-record';

/*
 * Tables every service has. They carry no schema name: each service's DataSource sets its own
 * default schema, so the same classes map to `membership.outbox`, `meetings.outbox`, …
 */

/** An event written in the same transaction as the change it reports (transactional outbox). */
@Entity('outbox')
@Index('outbox_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  id: string;

  /** Global order of writing, so the relay delivers a tenant's events in order. */
  @Column({ type: 'bigint', generated: 'increment', unique: true })
  seq: string;

  @Column('text')
  type: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}

/** Events already applied, so a redelivered event changes nothing (idempotent consumer). */
@Entity('inbox')
export class InboxRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  eventId: string;

  @Column('text')
  source: string;

  @Column('text')
  type: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}

/**
 * A service's local copy of the org tree (cây tổ chức), fed by membership's events. It lets
 * meetings and inspection answer "is this unit in the viewer's subtree" and "which dashboards
 * does a change in this cell touch" without reading membership's tables.
 */
@Entity('org_unit')
@Index('org_unit_path', ['tenantId', 'path'])
export class OrgUnitProjection {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column('text')
  kind: string;

  /** Ids from the root down to this unit, `/`-separated and closed: `/root/ward/cell/`. */
  @Column('text')
  path: string;

  /**
   * The first day the unit no longer exists (dissolved or merged, T-2). It stays in the tree so
   * what was recorded against it keeps its place; figures about units that exist leave it out.
   */
  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  syncedAt: Date;
}

/** Every service publishes and consumes events, and keeps an audit log of its mutations. */
export const MESSAGING_ENTITIES = [OutboxRecord, InboxRecord, AuditLogRecord];
