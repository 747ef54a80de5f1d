import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedRecord } from '../database/base-records';
import { serviceRoles } from '../database/provision';

/**
 * Điểm nhận webhook — an HTTPS endpoint a city administrator registered for some event types.
 * The secret signs every delivery; it is shown once and kept, sealed, only to sign.
 */
@Entity('webhook_endpoint')
export class WebhookEndpointRecord extends TenantScopedRecord {
  @Column('text')
  url: string;

  @Column('text', { array: true })
  eventTypes: string[];

  /** What the receiver may learn, as API-key scopes: `discipline:read` for confidential events. */
  @Column('text', { array: true })
  scopes: string[];

  /** Sealed (AES-256-GCM, see sealSecret): a database dump does not give the signing secret. */
  @Column('text')
  secret: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}

/**
 * One event for one endpoint. Made in the transaction that takes the event from the outbox (or
 * the inbox), so no event is lost; unique per endpoint and event, so a redelivered event makes
 * no second delivery. Its id is the idempotency key the receiver sees on every attempt.
 */
@Entity('webhook_delivery')
@Index('webhook_delivery_once', ['tenantId', 'endpointId', 'eventId'], { unique: true })
@Index('webhook_delivery_due', ['nextAttemptAt'], { where: `status = 'PENDING'` })
@Index('webhook_delivery_by_endpoint', ['tenantId', 'endpointId', 'createdAt'])
export class WebhookDeliveryRecord extends TenantScopedRecord {
  @Column('uuid')
  endpointId: string;

  @Column('uuid')
  eventId: string;

  @Column('text')
  eventType: string;

  /** The JSON body sent, fixed at fan-out so every attempt sends the same bytes. */
  @Column('text')
  body: string;

  /** PENDING, DELIVERED or FAILED (gave up after the last attempt). */
  @Column('text', { default: 'PENDING' })
  status: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** Milliseconds, like a JavaScript Date, so the connection's cursor holds it exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

export const WEBHOOK_ENTITIES = [WebhookEndpointRecord, WebhookDeliveryRecord];

/** The dispatcher runs as the relay role: it reads due deliveries of every tenant, and marks them. */
export function webhookRelaySql(schema: string): string[] {
  const { relay } = serviceRoles(schema);
  return [
    `GRANT SELECT, UPDATE ON "${schema}"."webhook_delivery" TO "${relay}"`,
    `GRANT SELECT ON "${schema}"."webhook_endpoint" TO "${relay}"`,
    `CREATE POLICY relay_reads_all ON "${schema}"."webhook_delivery" TO "${relay}" USING (true) WITH CHECK (true)`,
    `CREATE POLICY relay_reads_all ON "${schema}"."webhook_endpoint" FOR SELECT TO "${relay}" USING (true)`,
  ];
}
