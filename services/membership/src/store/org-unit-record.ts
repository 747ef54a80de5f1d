import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AuditedRecord, tenantJoin } from '@chibo/service-kit';

/** A party organization in the tree (tổ chức đảng): committee, base cell, cell or party group. */
@Entity('org_unit')
@Index('org_unit_children', ['tenantId', 'parentId'])
@Index('org_unit_path', ['tenantId', 'path'])
export class OrgUnitRecord extends AuditedRecord {
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnitRecord, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('parent_id'))
  parent?: OrgUnitRecord | null;

  @Column('text')
  kind: string;

  @Column('text')
  name: string;

  /** Ids from the root down to this unit, `/`-separated and closed: `/root/ward/cell/`. */
  @Column('text')
  path: string;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  /** Set when the unit was merged into another (sáp nhập); `validTo` is the merge date. */
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  /** Who changed the unit last (rename); null until then. */
  @Column({ type: 'text', nullable: true })
  updatedBy: string | null;
}
