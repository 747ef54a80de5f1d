import { In } from 'typeorm';
import { InspectionStatus, type InspectionKind, type InspectionSubjectKind, type SupervisionKind, type SupervisionStatus } from '@chibo/domain';
import { OrgTree, OrgUnitProjection, type Transaction } from '@chibo/service-kit';
import type { Inspection, InspectionPorts, UnitFacts } from '../domain/inspections';
import type { InspectionPlan, LinkedWork, PlanItem, PlanPorts } from '../domain/plans';
import type { Supervision, SupervisionPorts } from '../domain/supervisions';
import { InspectionPlanRecord } from './inspection-plan-record';
import { InspectionRecord } from './inspection-record';
import { SupervisionRecord } from './supervision-record';
import type { SubjectFactsSource } from './membership-facts';

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
    supervisionId: r.supervisionId,
    planItemId: r.planItemId,
    violationFound: r.violationFound,
    conclusion: r.conclusion,
    concludedOn: r.concludedOn,
    // Rows from before steps were recorded start at their decision.
    history: r.history?.length ? r.history : [{ from: null, to: InspectionStatus.DECIDED, on: r.decidedOn, by: r.createdBy }],
    subject: r.subject,
  };
}

export function toSupervision(r: SupervisionRecord): Supervision {
  return {
    id: r.id,
    tenantId: r.tenantId,
    kind: r.kind as SupervisionKind,
    status: r.status as SupervisionStatus,
    orgUnitId: r.orgUnitId,
    subjectMemberId: r.subjectMemberId,
    planned: r.planned,
    planItemId: r.planItemId,
    title: r.title,
    startedOn: r.startedOn,
    findings: r.findings,
    signsOfViolation: r.signsOfViolation,
    concludedOn: r.concludedOn,
    subject: r.subject,
  };
}

/** Inspection's storage, bound to one tenant transaction. */
export class InspectionStore implements InspectionPorts, SupervisionPorts, PlanPorts {
  readonly tree: OrgTree;

  constructor(
    private readonly tx: Transaction,
    /** Where the subject's facts come from; without one, membership is not asked. */
    private readonly facts: SubjectFactsSource | null = null,
  ) {
    this.tree = new OrgTree(tx.manager, tx.tenantId);
  }

  memberFacts(id: string, on: string) {
    return this.facts ? this.facts.member(id, on) : Promise.resolve(null);
  }

  unitFacts(id: string, on: string) {
    return this.facts ? this.facts.unit(id, on) : Promise.resolve(null);
  }

  publish: InspectionPorts['publish'] = (event) => this.tx.publish(event);

  async findUnit(id: string): Promise<UnitFacts | null> {
    const unit = await this.tree.find(id);
    return unit ? { id: unit.id, lineage: OrgTree.lineage(unit) } : null;
  }

  async insertInspection(i: Inspection, createdBy: string): Promise<void> {
    await this.tx.manager.insert(InspectionRecord, { ...i, createdBy });
  }

  async findInspection(id: string): Promise<Inspection | null> {
    const r = await this.tx.manager.findOneBy(InspectionRecord, { tenantId: this.tx.tenantId, id });
    return r ? toInspection(r) : null;
  }

  async saveInspection(i: Inspection): Promise<void> {
    const { id, tenantId, ...rest } = i;
    await this.tx.manager.update(InspectionRecord, { tenantId, id }, rest as never);
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
  /** The open inspections under `path`, latest decision first: the drill-down of the count. */
  async listOpenInSubtree(path: string, limit: number): Promise<Inspection[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(InspectionRecord, 'i')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = i.tenantId AND u.id = i.orgUnitId')
      .where('i.tenantId = :tenantId AND u.path LIKE :prefix AND i.status <> :done', { tenantId: this.tx.tenantId, prefix: `${path}%`, done: InspectionStatus.CONCLUDED })
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id')
      .limit(limit)
      .getMany();
    return rows.map(toInspection);
  }

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

  async findSupervision(id: string): Promise<Supervision | null> {
    const r = await this.tx.manager.findOneBy(SupervisionRecord, { tenantId: this.tx.tenantId, id });
    return r ? toSupervision(r) : null;
  }

  async findSupervisionOutcome(id: string) {
    const s = await this.findSupervision(id);
    return s ? { orgUnitId: s.orgUnitId, status: s.status, signsOfViolation: s.signsOfViolation } : null;
  }

  async insertSupervision(s: Supervision, createdBy: string): Promise<void> {
    await this.tx.manager.insert(SupervisionRecord, { ...s, createdBy });
  }

  async saveSupervision(s: Supervision): Promise<void> {
    const { id, tenantId, ...rest } = s;
    await this.tx.manager.update(SupervisionRecord, { tenantId, id }, rest as never);
  }

  async findPlanItem(id: string): Promise<PlanItem | null> {
    const plan = await this.tx.manager
      .createQueryBuilder(InspectionPlanRecord, 'p')
      .where('p.tenantId = :tenantId AND p.items @> CAST(:probe AS jsonb)', { tenantId: this.tx.tenantId, probe: JSON.stringify([{ id }]) })
      .getOne();
    return plan?.items.find((i) => i.id === id) ?? null;
  }

  async findPlan(orgUnitId: string, year: number): Promise<InspectionPlan | null> {
    const r = await this.tx.manager.findOneBy(InspectionPlanRecord, { tenantId: this.tx.tenantId, orgUnitId, year });
    return r ? { id: r.id, tenantId: r.tenantId, orgUnitId: r.orgUnitId, year: r.year, title: r.title, items: r.items } : null;
  }

  async insertPlan(p: InspectionPlan, createdBy: string): Promise<void> {
    await this.tx.manager.insert(InspectionPlanRecord, { ...p, createdBy });
  }

  /** Supervisions and inspections carried out under the plan's items, and whether each concluded. */
  async linkedWork(plan: InspectionPlan): Promise<LinkedWork[]> {
    const ids = plan.items.map((i) => i.id);
    if (!ids.length) return [];
    const sup = await this.tx.manager.findBy(SupervisionRecord, { tenantId: this.tx.tenantId, planItemId: In(ids) });
    const ins = await this.tx.manager.findBy(InspectionRecord, { tenantId: this.tx.tenantId, planItemId: In(ids) });
    return [
      ...sup.map((s) => ({ planItemId: s.planItemId!, concluded: s.status === 'CONCLUDED' })),
      ...ins.map((i) => ({ planItemId: i.planItemId!, concluded: i.status === InspectionStatus.CONCLUDED })),
    ];
  }

  async supervisionsOfUnit(orgUnitId: string): Promise<Supervision[]> {
    const rows = await this.tx.manager.find(SupervisionRecord, {
      where: { tenantId: this.tx.tenantId, orgUnitId },
      order: { startedOn: 'DESC', id: 'DESC' },
      take: 100,
    });
    return rows.map(toSupervision);
  }
}
