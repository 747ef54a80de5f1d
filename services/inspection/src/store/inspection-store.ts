import { In } from 'typeorm';
import { InspectionStatus, type InspectionKind, type InspectionSubjectKind } from '@chibo/domain';
import { OrgTree, OrgUnitProjection, type Transaction } from '@chibo/service-kit';
import type { Inspection, InspectionPorts, UnitFacts } from '../domain/inspections';
import { InspectionRecord } from './inspection-record';

export function toInspection(r: InspectionRecord): Inspection {
  return {
    id: r.id,
    tenantId: r.tenantId,
    kind: r.kind as InspectionKind,
    status: r.status as InspectionStatus,
    subjectKind: r.subjectKind as InspectionSubjectKind,
    orgUnitId: r.orgUnitId,
    subjectMemberId: r.subjectMemberId,
    title: r.title,
    decidedOn: r.decidedOn,
  };
}

/** Inspection's storage, bound to one tenant transaction. */
export class InspectionStore implements InspectionPorts {
  readonly tree: OrgTree;

  constructor(private readonly tx: Transaction) {
    this.tree = new OrgTree(tx.manager, tx.tenantId);
  }

  publish: InspectionPorts['publish'] = (event) => this.tx.publish(event);

  async findUnit(id: string): Promise<UnitFacts | null> {
    const unit = await this.tree.find(id);
    return unit ? { id: unit.id, lineage: OrgTree.lineage(unit) } : null;
  }

  async insertInspection(i: Inspection, createdBy: string): Promise<void> {
    await this.tx.manager.insert(InspectionRecord, { ...i, createdBy });
  }

  async findInspections(ids: readonly string[]): Promise<Inspection[]> {
    const rows = await this.tx.manager.findBy(InspectionRecord, { tenantId: this.tx.tenantId, id: In([...ids]) });
    return rows.map(toInspection);
  }

  async inspectionsOfUnit(orgUnitId: string): Promise<Inspection[]> {
    const rows = await this.tx.manager.find(InspectionRecord, {
      where: { tenantId: this.tx.tenantId, orgUnitId },
      order: { decidedOn: 'DESC', id: 'DESC' },
      take: 100,
    });
    return rows.map(toInspection);
  }

  /** Inspections not yet concluded on units of the subtree whose path is given. */
  async countOpenInSubtree(path: string): Promise<number> {
    return this.tx.manager
      .createQueryBuilder(InspectionRecord, 'i')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = i.tenantId AND u.id = i.orgUnitId')
      .where('i.tenantId = :tenantId AND u.path LIKE :prefix AND i.status <> :done', {
        tenantId: this.tx.tenantId,
        prefix: `${path}%`,
        done: InspectionStatus.CONCLUDED,
      })
      .getCount();
  }
}
