import type { EntityManager } from 'typeorm';
import { DomainError } from '@chibo/domain';
import { OrgUnitProjection } from '../database/common-entities';
import type { EventHandlers } from './consumer';

/**
 * Keeps a service's copy of the org tree from membership's `OrgUnitCreated` events. A child can
 * only be placed once its parent is known; membership writes parents first and the relay keeps
 * order, so a missing parent is a real fault and the delivery is retried.
 */
/** Re-root a unit's subtree under a new parent in the projection; a no-op when already there. */
async function reRoot(manager: EntityManager, tenantId: string, unit: OrgUnitProjection, parent: OrgUnitProjection): Promise<void> {
  const newPrefix = `${parent.path}${unit.id}/`;
  if (unit.path === newPrefix) return;
  await manager
    .createQueryBuilder()
    .update(OrgUnitProjection)
    .set({ path: () => `:newPrefix || substr(path, :cut)` })
    .where('tenant_id = :tenantId AND path LIKE :like', { tenantId, like: `${unit.path}%` })
    .setParameters({ newPrefix, cut: unit.path.length + 1 })
    .execute();
  await manager.update(OrgUnitProjection, { tenantId, id: unit.id }, { parentId: parent.id });
}

export const orgTreeHandlers: EventHandlers = {
  OrgUnitCreated: async (tx, p) => {
    let path = `/${p.orgUnitId}/`;
    if (p.parentId) {
      const parent = await tx.manager.findOneBy(OrgUnitProjection, { tenantId: tx.tenantId, id: p.parentId });
      if (!parent) throw new Error(`parent org unit ${p.parentId} not yet known`);
      path = `${parent.path}${p.orgUnitId}/`;
    }
    await tx.manager.upsert(
      OrgUnitProjection,
      { tenantId: tx.tenantId, id: p.orgUnitId, parentId: p.parentId, kind: p.kind, path },
      ['tenantId', 'id'],
    );
  },
  // The subtree follows its root: every path under the old prefix is re-rooted in one statement,
  // so a replayed move (already applied) finds nothing under the old prefix and changes nothing.
  OrgUnitMoved: async (tx, p) => {
    const unit = await tx.manager.findOneBy(OrgUnitProjection, { tenantId: tx.tenantId, id: p.orgUnitId });
    const parent = await tx.manager.findOneBy(OrgUnitProjection, { tenantId: tx.tenantId, id: p.toParentId });
    if (!unit || !parent) throw new Error(`org unit ${p.orgUnitId} or ${p.toParentId} not yet known`);
    await reRoot(tx.manager, tx.tenantId, unit, parent);
  },
  // A merged unit's children go under the unit it merged into; the merged unit itself stays in
  // the projection where it was, so records attached to it (inspections, past meetings) keep
  // their place in the tree. Replayed, it finds no children left and changes nothing.
  OrgUnitMerged: async (tx, p) => {
    const into = await tx.manager.findOneBy(OrgUnitProjection, { tenantId: tx.tenantId, id: p.intoOrgUnitId });
    if (!into) throw new Error(`org unit ${p.intoOrgUnitId} not yet known`);
    const children = await tx.manager.findBy(OrgUnitProjection, { tenantId: tx.tenantId, parentId: p.orgUnitId });
    for (const child of children.filter((c) => !c.closedOn)) await reRoot(tx.manager, tx.tenantId, child, into);
    await tx.manager.update(OrgUnitProjection, { tenantId: tx.tenantId, id: p.orgUnitId }, { closedOn: p.effectiveOn });
  },
  OrgUnitDissolved: async (tx, p) => {
    await tx.manager.update(OrgUnitProjection, { tenantId: tx.tenantId, id: p.orgUnitId }, { closedOn: p.effectiveOn });
  },
};

/** Questions about the tree, answered from the local projection inside a tenant transaction. */
export class OrgTree {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
  ) {}

  async find(id: string): Promise<OrgUnitProjection | null> {
    return this.manager.findOneBy(OrgUnitProjection, { tenantId: this.tenantId, id });
  }

  async get(id: string): Promise<OrgUnitProjection> {
    const unit = await this.find(id);
    if (!unit) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id });
    return unit;
  }

  /** The unit's ids from the root down to itself. */
  static lineage(unit: Pick<OrgUnitProjection, 'path'>): string[] {
    return unit.path.split('/').filter(Boolean);
  }

  /** Ids of the unit and every unit below it. */
  async subtreeIds(id: string): Promise<string[]> {
    const unit = await this.get(id);
    const rows = await this.manager
      .createQueryBuilder(OrgUnitProjection, 'u')
      .select('u.id', 'id')
      .where('u.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tenantId, prefix: `${unit.path}%` })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
