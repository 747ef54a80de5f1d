import { In } from 'typeorm';
import type { OrgUnitKind } from '@chibo/domain';
import { applyModifiedSince, type Transaction } from '@chibo/service-kit';
import { todayVn } from '../domain/dates';
import type { OrgUnitChange, OrgUnitChangeKind } from '../domain/org-unit-history';
import type { MembershipPorts, OrgUnit, Tenant } from '../domain/org-units';
import { OrgUnitChangeRecord } from './org-unit-change-record';
import type { UnitDisciplinePorts } from '../domain/discipline';
import { OrgUnitRecord } from './org-unit-record';
import { TenantRecord } from './tenant-record';

const toLineage = (path: string) => path.split('/').filter(Boolean);
const toPath = (lineage: string[]) => `/${lineage.join('/')}/`;

export function toOrgUnit(r: OrgUnitRecord): OrgUnit {
  return { id: r.id, tenantId: r.tenantId, parentId: r.parentId, kind: r.kind as OrgUnitKind, name: r.name, lineage: toLineage(r.path), validFrom: r.validFrom, validTo: r.validTo, mergedIntoId: r.mergedIntoId };
}

export function toOrgUnitChange(r: OrgUnitChangeRecord): OrgUnitChange {
  return {
    id: r.id,
    orgUnitId: r.orgUnitId,
    sequence: r.sequence,
    kind: r.kind as OrgUnitChangeKind,
    effectiveOn: r.effectiveOn,
    parentIdBefore: r.parentIdBefore,
    parentIdAfter: r.parentIdAfter,
    nameBefore: r.nameBefore,
    nameAfter: r.nameAfter,
    relatedOrgUnitId: r.relatedOrgUnitId,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt,
  };
}

/**
 * Membership's storage, bound to one tenant transaction (STYLE.md §2): every query names the
 * tenant, and row-level security stands behind it.
 */
export class MembershipStore implements MembershipPorts, UnitDisciplinePorts {
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

  /** Units of a subtree in path order (parents before children), keyset-paginated on the path. */
  async listOrgUnits(prefix: string, first: number, afterPath: string | null, modifiedSince?: string | null): Promise<{ rows: OrgUnit[]; total: number }> {
    const base = () =>
      applyModifiedSince(
        this.m.createQueryBuilder(OrgUnitRecord, 'u').where('u.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${prefix}%` }),
        'u',
        { table: 'org_unit' },
        modifiedSince,
      );
    const page = base().orderBy('u.path', 'ASC').limit(first + 1);
    if (afterPath) page.andWhere('u.path > :afterPath', { afterPath });
    const [rows, total] = await Promise.all([page.getMany(), base().getCount()]);
    return { rows: rows.map(toOrgUnit), total };
  }

  /** Units of the kinds in the subtree of `root` (itself included), in tree order: a count's drill-down. */
  async listInSubtree(root: OrgUnit, kinds: string[], limit: number, on: string = todayVn()): Promise<OrgUnit[]> {
    const rows = await this.m
      .createQueryBuilder(OrgUnitRecord, 'u')
      .where('u.tenantId = :tenantId AND u.path LIKE :prefix AND u.kind IN (:...kinds)', { tenantId: this.tx.tenantId, prefix: `${toPath(root.lineage)}%`, kinds })
      // The same units `countInSubtree` counts: a dissolved or merged one is history.
      .andWhere('(u.validTo IS NULL OR u.validTo > :on)', { on })
      .orderBy('u.path')
      .limit(limit)
      .getMany();
    return rows.map(toOrgUnit);
  }

  /** Open units of a kind in the subtree of `rootId` (the root itself included) on a date. */
  async countInSubtree(root: OrgUnit, kinds: string[], on: string = todayVn()): Promise<number> {
    return this.m
      .createQueryBuilder(OrgUnitRecord, 'u')
      .where('u.tenantId = :tenantId AND u.path LIKE :prefix AND u.kind IN (:...kinds)', {
        tenantId: this.tx.tenantId,
        prefix: `${toPath(root.lineage)}%`,
        kinds,
      })
      // A dissolved or merged cell is history, not a cell of the unit any more.
      .andWhere('(u.validTo IS NULL OR u.validTo > :on)', { on })
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

  async closeAsMerged(id: string, intoId: string, on: string, by: string): Promise<void> {
    await this.m.update(OrgUnitRecord, { tenantId: this.tx.tenantId, id }, { validTo: on, mergedIntoId: intoId, updatedBy: by });
  }

  /** Every unit of the tenant, open or closed (a city has a few hundred). */
  async allOrgUnits(): Promise<OrgUnit[]> {
    const rows = await this.m.findBy(OrgUnitRecord, { tenantId: this.tx.tenantId });
    return rows.map(toOrgUnit);
  }

  async orgUnitChanges(unitIds: readonly string[]): Promise<OrgUnitChange[]> {
    if (!unitIds.length) return [];
    const rows = await this.m.find(OrgUnitChangeRecord, { where: { tenantId: this.tx.tenantId, orgUnitId: In([...unitIds]) }, order: { orgUnitId: 'ASC', sequence: 'ASC' } });
    return rows.map(toOrgUnitChange);
  }

  /** Changes of the whole tenant effective after a date: what must be undone to see the tree then. */
  async orgUnitChangesAfter(date: string): Promise<OrgUnitChange[]> {
    const rows = await this.m
      .createQueryBuilder(OrgUnitChangeRecord, 'c')
      .where('c.tenantId = :tenantId AND c.effectiveOn > :date', { tenantId: this.tx.tenantId, date })
      .getMany();
    return rows.map(toOrgUnitChange);
  }

  async appendOrgUnitChange(c: OrgUnitChange): Promise<void> {
    await this.m.insert(OrgUnitChangeRecord, { tenantId: this.tx.tenantId, ...c, recordedAt: undefined });
  }

  /** An annulled dissolution (D-8): the unit is open again. */
  async reopenOrgUnit(id: string, by: string): Promise<void> {
    await this.m.update(OrgUnitRecord, { tenantId: this.tx.tenantId, id }, { validTo: null, updatedBy: by });
  }

  async unitChangedBy(id: string): Promise<string | null> {
    const r = await this.m.findOne(OrgUnitRecord, { where: { tenantId: this.tx.tenantId, id }, select: { updatedBy: true, id: true, tenantId: true } });
    return r?.updatedBy ?? null;
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
