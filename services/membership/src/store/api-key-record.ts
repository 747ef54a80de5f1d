import { Column, CreateDateColumn, Entity } from 'typeorm';
import { TenantScopedRecord } from '@chibo/service-kit';

/** Khóa API of an integrator: only the SHA-256 of its secret is stored. */
@Entity('api_key')
export class ApiKeyRecord extends TenantScopedRecord {
  @Column('text')
  name: string;

  @Column('text', { array: true })
  scopes: string[];

  @Column('text')
  secretHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** The key's own hourly budget in points; null means the platform's default. */
  @Column({ type: 'integer', nullable: true })
  pointsPerHour: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text')
  createdBy: string;
}
