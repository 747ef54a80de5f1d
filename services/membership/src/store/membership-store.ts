import { In } from 'typeorm';
import type { OrgUnitKind } from '@chibo/domain';
import type { Transaction } from '@chibo/service-kit';
import type { MembershipPorts, OrgUnit, Tenant } from '../domain/org-units';
import { OrgUnitRecord } from './org-unit-record';
import { TenantRecord } from './tenant-record';

const toLineage = (path: string) => path.split('/').filter(Boolean);
const toPath = (lineage: string[]) => `/${lineage.join('/')}/`;

export function toOrgUnit(r: OrgUnitRecord): OrgUnit {
  return { id: r.id, tenantId: r.tenantId, parentId: r.parentId, kind: r.kind as OrgUnitKind, name: r.name, lineage: toLineage(r.path), validFrom: r.validFrom, validTo: r.validTo };
}

/**
 * Membership's storage, bound to one tenant transaction (STYLE.md §2): every query names the
 * tenant, and row-level security stands behind it.
 */
export class MembershipStore implements MembershipPorts {
  constructor(private readonly tx: Transaction) {}

  private get m() {
    return this.tx.manager;
  }

  publish: MembershipPorts['publish'] = (event) => this.tx.publish(event);

  async findOrgUnit(id: string): Promise<OrgUnit | null> {
    const r = await this.m.findOneBy(OrgUnitRecord, { tenantId: this.tx.tenantId, id });
    return r ? toOrgUnit(r) : null;
  }

  async findOrgUnits(ids: readonly string[]): Promise<OrgUnit[]> {
    const rows = await this.m.findBy(OrgUnitRecord, { tenantId: this.tx.tenantId, id: In([...ids]) });
    return rows.map(toOrgUnit);
  }

  async children(parentId: string): Promise<OrgUnit[]> {
    const rows = await this.m.find(OrgUnitRecord, { where: { tenantId: this.tx.tenantId, parentId }, order: { name: 'ASC' } });
    return rows.map(toOrgUnit);
  }

  /** Units of the kinds in the subtree of `root` (itself included), in tree order: a count's drill-down. */
  async listInSubtree(root: OrgUnit, kinds: string[], limit: number): Promise<OrgUnit[]> {
    const rows = await this.m
      .createQueryBuilder(OrgUnitRecord, 'u')
      .where('u.tenantId = :tenantId AND u.path LIKE :prefix AND u.kind IN (:...kinds)', { tenantId: this.tx.tenantId, prefix: `${toPath(root.lineage)}%`, kinds })
      .orderBy('u.path')
      .limit(limit)
      .getMany();
    return rows.map(toOrgUnit);
  }

  /** Units of a kind in the subtree of `rootId` (the root itself included). */
  async countInSubtree(root: OrgUnit, kinds: string[]): Promise<number> {
    return this.m
      .createQueryBuilder(OrgUnitRecord, 'u')
      .where('u.tenantId = :tenantId AND u.path LIKE :prefix AND u.kind IN (:...kinds)', {
        tenantId: this.tx.tenantId,
        prefix: `${toPath(root.lineage)}%`,
        kinds,
      })
      .getCount();
  }

  async insertOrgUnit(unit: OrgUnit, createdBy: string): Promise<void> {
    await this.m.insert(OrgUnitRecord, {
      tenantId: unit.tenantId,
      id: unit.id,
      parentId: unit.parentId,
      kind: unit.kind,
      name: unit.name,
      path: toPath(unit.lineage),
      validFrom: unit.validFrom,
      createdBy,
    });
  }

  async renameOrgUnit(id: string, name: string, by: string): Promise<void> {
    await this.m.update(OrgUnitRecord, { tenantId: this.tx.tenantId, id }, { name, updatedBy: by });
  }

  async moveSubtree(unit: OrgUnit, newParent: OrgUnit, by: string): Promise<void> {
    const oldPrefix = toPath(unit.lineage);
    const newPrefix = toPath([...newParent.lineage, unit.id]);
    await this.m.update(OrgUnitRecord, { tenantId: this.tx.tenantId, id: unit.id }, { parentId: newParent.id, updatedBy: by });
    // One statement re-roots every descendant: their paths all start with the old prefix.
    await this.m
      .createQueryBuilder()
      .update(OrgUnitRecord)
      .set({ path: () => `:newPrefix || substr(path, :cut)` })
      .where('tenant_id = :tenantId AND path LIKE :like', { tenantId: this.tx.tenantId, like: `${oldPrefix}%` })
      .setParameters({ newPrefix, cut: oldPrefix.length + 1 })
      .execute();
  }

  async dissolveOrgUnit(id: string, on: string, by: string): Promise<void> {
    await this.m.update(OrgUnitRecord, { tenantId: this.tx.tenantId, id }, { validTo: on, updatedBy: by });
  }

  async activeMembersInSubtree(unit: OrgUnit): Promise<number> {
    const rows: { n: number }[] = await this.m.query(
      `SELECT count(*)::int AS n FROM membership.member m JOIN membership.org_unit u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
        WHERE m.tenant_id = $1 AND u.path LIKE $2 AND m.status IN ('PROBATIONARY', 'OFFICIAL', 'EXEMPT')`,
      [this.tx.tenantId, `${toPath(unit.lineage)}%`],
    );
    return rows[0]?.n ?? 0;
  }

  async insertTenant(tenant: Tenant, createdBy: string): Promise<void> {
    await this.m.insert(TenantRecord, { tenantId: tenant.id, name: tenant.name, rootOrgUnitId: tenant.rootOrgUnitId, createdBy });
  }

  async tenant(): Promise<Tenant | null> {
    const r = await this.m.findOneBy(TenantRecord, { tenantId: this.tx.tenantId });
    return r ? { id: r.tenantId, name: r.name, rootOrgUnitId: r.rootOrgUnitId } : null;
  }
}
