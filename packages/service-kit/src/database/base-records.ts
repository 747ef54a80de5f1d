import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The key every tenant table starts with (DESIGN.md §2): `(tenant_id, id)`, so row-level
 * security, indexes and a later Citus distribution all lead with the tenant.
 */
export abstract class TenantScopedRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  id: string;
}

/** A record users change: when it was made and last changed, and by whom it was made. */
export abstract class AuditedRecord extends TenantScopedRecord {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column('text')
  createdBy: string;
}

/**
 * The join columns of a foreign key to another tenant table: `(tenant_id, <column>)` →
 * `(tenant_id, id)`, so a reference can never point into another tenant.
 */
export function tenantJoin(column: string) {
  return [
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
    { name: column, referencedColumnName: 'id' },
  ];
}
