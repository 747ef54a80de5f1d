import { randomUUID } from 'node:crypto';
import { Brackets, In } from 'typeorm';
import {
  DisciplineCaseStatus,
  InspectionStatus,
  OrgUnitKind,
  type DisciplineForm,
  type DisciplineSubjectKind,
  type DisciplineTrigger,
} from '@chibo/domain';
import { OrgTree, OrgUnitProjection, applyModifiedSince, decodeCursor, type Transaction } from '@chibo/service-kit';
import type { DisciplineCase, DisciplinePorts, UnitFacts } from '../domain/discipline-case';
import type { DisciplineRuleSet } from '../domain/discipline-rules';
import { ruleSetOn, type RuleSetPorts, type RuleSetVersion } from '../domain/rule-sets';
import { VN_CALENDAR } from '@chibo/domain';
import { EFFECTIVE_FORM, NOT_ANNULLED } from './report-store';
import { RuleSetVersionRecord } from './rule-set-record';
import { CaseReadRecord } from './case-read-record';
import { DisciplineCaseRecord } from './discipline-case-record';
import { InspectionRecord } from './inspection-record';

export function toCase(r: DisciplineCaseRecord): DisciplineCase {
  return {
    id: r.id,
    tenantId: r.tenantId,
    status: r.status as DisciplineCaseStatus,
    trigger: r.trigger as DisciplineTrigger,
    inspectionId: r.inspectionId,
    subjectKind: r.subjectKind as DisciplineSubjectKind,
    orgUnitId: r.orgUnitId,
    subjectMemberId: r.subjectMemberId,
    holdsPost: r.holdsPost,
    title: r.title,
    openedOn: r.openedOn,
    stateDecidedOn: r.stateDecidedOn,
    violations: r.violations,
    deferrals: r.deferrals,
    findings: r.findings,
    deliberatingOrgUnitId: r.deliberatingOrgUnitId,
    proposedForm: r.proposedForm as DisciplineForm | null,
    ballot: r.ballot,
    deliberatedOn: r.deliberatedOn,
    proposedToOrgUnitId: r.proposedToOrgUnitId,
    decidingOrgUnitId: r.decidingOrgUnitId,
    form: r.form as DisciplineForm | null,
    decisionNumber: r.decisionNumber,
    decidedOn: r.decidedOn,
    announcedOn: r.announcedOn,
    closedOn: r.closedOn,
    complaint: r.complaint,
    history: r.history,
  };
}

export interface CaseRead {
  id: string;
  caseId: string;
  reader: string;
  readerRoles: string[];
  via: string;
  fields: string[];
  readAt: Date;
}

/** Discipline cases and their read log, bound to one tenant transaction. */
export class DisciplineStore implements DisciplinePorts, RuleSetPorts {
  private versions: RuleSetVersion[] | null = null;

  readonly tree: OrgTree;
  readonly calendar = VN_CALENDAR;

  constructor(private readonly tx: Transaction) {
    this.tree = new OrgTree(tx.manager, tx.tenantId);
  }

  publish: DisciplinePorts['publish'] = (event) => this.tx.publish(event);

  async findUnit(id: string): Promise<UnitFacts | null> {
    const unit = await this.tree.find(id);
    return unit ? { id: unit.id, kind: unit.kind as OrgUnitKind, lineage: OrgTree.lineage(unit) } : null;
  }

  async findInspectionOutcome(id: string): Promise<{ concluded: boolean; violationFound: boolean | null } | null> {
    const r = await this.tx.manager.findOneBy(InspectionRecord, { tenantId: this.tx.tenantId, id });
    return r ? { concluded: r.status === InspectionStatus.CONCLUDED, violationFound: r.violationFound } : null;
  }

  async ruleSetVersions(): Promise<RuleSetVersion[]> {
    if (!this.versions) {
      const rows = await this.tx.manager.find(RuleSetVersionRecord, { where: { tenantId: this.tx.tenantId }, order: { validFrom: 'ASC' } });
      this.versions = rows.map((r) => ({ id: r.id, validFrom: r.validFrom, rules: r.rules }));
    }
    return this.versions;
  }

  async rulesOn(date: string): Promise<DisciplineRuleSet> {
    return ruleSetOn(await this.ruleSetVersions(), date);
  }

  async insertRuleSetVersion(v: RuleSetVersion, createdBy: string): Promise<void> {
    await this.tx.manager.insert(RuleSetVersionRecord, { tenantId: this.tx.tenantId, id: v.id, validFrom: v.validFrom, rules: v.rules, createdBy });
    this.versions = null;
  }

  async findCase(id: string): Promise<DisciplineCase | null> {
    const r = await this.tx.manager.findOneBy(DisciplineCaseRecord, { tenantId: this.tx.tenantId, id });
    return r ? toCase(r) : null;
  }

  async findCases(ids: readonly string[]): Promise<DisciplineCase[]> {
    const rows = await this.tx.manager.findBy(DisciplineCaseRecord, { tenantId: this.tx.tenantId, id: In([...ids]) });
    return rows.map(toCase);
  }

  async insertCase(c: DisciplineCase, createdBy: string): Promise<void> {
    await this.tx.manager.insert(DisciplineCaseRecord, { ...c, createdBy });
  }

  async saveCase(c: DisciplineCase): Promise<void> {
    const { id, tenantId, ...rest } = c;
    await this.tx.manager.update(DisciplineCaseRecord, { tenantId, id }, rest as never);
  }

  /** Cases on units of the subtree under `path`, newest first; one row more than asked, for hasNextPage. */
  async casesInSubtree(path: string, first: number, after: string | null | undefined, modifiedSince?: string | null): Promise<{ rows: DisciplineCase[]; total: number }> {
    const base = () =>
      applyModifiedSince(
        this.tx.manager
          .createQueryBuilder(DisciplineCaseRecord, 'c')
          .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = c.tenantId AND u.id = c.orgUnitId')
          .where('c.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${path}%` }),
        'c',
        { table: 'discipline_case' },
        modifiedSince,
      );
    const total = await base().getCount();
    const q = base().orderBy('c.openedOn', 'DESC').addOrderBy('c.id', 'DESC').take(first + 1);
    const cursor = decodeCursor(after);
    if (cursor) {
      const [openedOn, id] = cursor.map(String);
      q.andWhere(new Brackets((b) => b.where('c.openedOn < :openedOn', { openedOn }).orWhere('c.openedOn = :openedOn AND c.id < :id', { openedOn, id })));
    }
    return { rows: (await q.getMany()).map(toCase), total };
  }

  async casesOfMember(memberId: string): Promise<DisciplineCase[]> {
    const rows = await this.tx.manager.find(DisciplineCaseRecord, { where: { tenantId: this.tx.tenantId, subjectMemberId: memberId }, order: { openedOn: 'DESC', id: 'DESC' }, take: 100 });
    return rows.map(toCase);
  }

  /** Decisions announced to a member (their own, D: "the subject reads their own decision"). */
  async announcedDecisionsOf(memberId: string): Promise<DisciplineCase[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(DisciplineCaseRecord, 'c')
      .where('c.tenantId = :tenantId AND c.subjectMemberId = :memberId AND c.announcedOn IS NOT NULL', { tenantId: this.tx.tenantId, memberId })
      .orderBy('c.announcedOn', 'DESC')
      .take(100)
      .getMany();
    return rows.map(toCase);
  }

  /** Counts by status and by the decided form in force (annulled: none) over the subtree: what committee staff may see. */
  async countsInSubtree(path: string): Promise<{ status: string; form: string | null; n: number }[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(DisciplineCaseRecord, 'c')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = c.tenantId AND u.id = c.orgUnitId')
      .select('c.status', 'status')
      .addSelect(`CASE WHEN ${NOT_ANNULLED} THEN ${EFFECTIVE_FORM} END`, 'form')
      .addSelect('count(*)::int', 'n')
      .where('c.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${path}%` })
      .groupBy('1')
      .addGroupBy('2')
      .getRawMany<{ status: string; form: string | null; n: number }>();
    return rows;
  }

  async recordReads(caseIds: string[], reader: { subject: string; roles: string[] }, via: string, fields: string[]): Promise<void> {
    if (!caseIds.length) return;
    await this.tx.manager.insert(
      CaseReadRecord,
      caseIds.map((caseId) => ({ tenantId: this.tx.tenantId, id: randomUUID(), caseId, reader: reader.subject, readerRoles: reader.roles, via, fields })),
    );
  }

  /** Reads of cases on units of the subtree under `path`, newest first, optionally of one case. */
  async readsInSubtree(path: string, caseId: string | null, first: number, after: string | null | undefined): Promise<{ rows: CaseRead[]; total: number }> {
    const base = () => {
      const q = this.tx.manager
        .createQueryBuilder(CaseReadRecord, 'r')
        .innerJoin(DisciplineCaseRecord, 'c', 'c.tenantId = r.tenantId AND c.id = r.caseId')
        .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = c.tenantId AND u.id = c.orgUnitId')
        .where('r.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${path}%` });
      if (caseId) q.andWhere('r.caseId = :caseId', { caseId });
      return q;
    };
    const total = await base().getCount();
    const q = base().orderBy('r.readAt', 'DESC').addOrderBy('r.id', 'DESC').take(first + 1);
    const cursor = decodeCursor(after);
    if (cursor) {
      const [readAt, id] = cursor.map(String);
      q.andWhere(new Brackets((b) => b.where('r.readAt < :readAt', { readAt }).orWhere('r.readAt = :readAt AND r.id < :id', { readAt, id })));
    }
    return { rows: await q.getMany(), total };
  }
}
