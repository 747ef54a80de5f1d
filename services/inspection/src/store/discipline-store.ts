import { Brackets, In, IsNull } from 'typeorm';
import {
  DisciplineCaseStatus,
  InspectionStatus,
  OrgUnitKind,
  type DisciplineForm,
  type DisciplineSubjectKind,
  type DisciplineTrigger,
} from '@chibo/domain';
import { DashboardBus, OrgTree, OrgUnitProjection, applyModifiedSince, decodeCursor, type Transaction } from '@chibo/service-kit';
import type { DisciplineCase, DisciplinePorts, UnitFacts } from '../domain/discipline-case';
import type { DisciplineRuleSet } from '../domain/discipline-rules';
import { ruleSetOn, type RuleSetPorts, type RuleSetVersion } from '../domain/rule-sets';
import { VN_CALENDAR, monthPeriod, type WorkingCalendar } from '@chibo/domain';
import { overridesOf, type TenantDay, type TenantDayKind, type TenantDayPorts } from '../domain/tenant-days';
import { TenantDayRecord } from './tenant-day-record';
import { EFFECTIVE_FORM, NOT_ANNULLED } from './report-store';
import { RuleSetVersionRecord } from './rule-set-record';
import { DisciplineCaseRecord } from './discipline-case-record';
import { InspectionRecord } from './inspection-record';
import type { SubjectFactsSource } from './membership-facts';

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
    subject: r.subject,
  };
}

/** Discipline cases, bound to one tenant transaction. */
export class DisciplineStore implements DisciplinePorts, RuleSetPorts, TenantDayPorts {
  private versions: RuleSetVersion[] | null = null;

  readonly tree: OrgTree;
  private workingCalendar: WorkingCalendar | null = null;

  constructor(
    readonly tx: Transaction,
    /** Where the subject's facts come from; without one, steps judge by what the case recorded. */
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

  publish: DisciplinePorts['publish'] = (event) => this.tx.publish(event);

  async findUnit(id: string): Promise<UnitFacts | null> {
    const unit = await this.tree.find(id);
    return unit ? { id: unit.id, kind: unit.kind as OrgUnitKind, lineage: OrgTree.lineage(unit) } : null;
  }

  async findInspectionOutcome(id: string): Promise<{ concluded: boolean; violationFound: boolean | null } | null> {
    const r = await this.tx.manager.findOneBy(InspectionRecord, { tenantId: this.tx.tenantId, id });
    return r ? { concluded: r.status === InspectionStatus.CONCLUDED, violationFound: r.violationFound } : null;
  }

  async calendar(): Promise<WorkingCalendar> {
    this.workingCalendar ??= VN_CALENDAR.withOverrides(overridesOf(await this.activeTenantDays()));
    return this.workingCalendar;
  }

  async activeTenantDays(): Promise<TenantDay[]> {
    const rows = await this.tx.manager.find(TenantDayRecord, { where: { tenantId: this.tx.tenantId, removedAt: IsNull() }, order: { date: 'ASC' } });
    return rows.map((r) => ({ id: r.id, date: r.date, kind: r.kind as TenantDayKind, reason: r.reason }));
  }

  async insertTenantDay(day: TenantDay, by: string): Promise<void> {
    await this.tx.manager.insert(TenantDayRecord, { tenantId: this.tx.tenantId, ...day, createdBy: by });
    this.workingCalendar = null;
  }

  async removeTenantDay(id: string, by: string): Promise<boolean> {
    const r = await this.tx.manager.update(TenantDayRecord, { tenantId: this.tx.tenantId, id, removedAt: IsNull() }, { removedAt: new Date(), removedBy: by });
    this.workingCalendar = null;
    return (r.affected ?? 0) > 0;
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
    await this.announceChange(c.orgUnitId);
  }

  async saveCase(c: DisciplineCase): Promise<void> {
    const { id, tenantId, ...rest } = c;
    await this.tx.manager.update(DisciplineCaseRecord, { tenantId, id }, rest as never);
    await this.announceChange(c.orgUnitId);
  }

  /**
   * Wakes live subscribers of the unit and every unit above it (case subscriptions, dashboards'
   * discipline counts) when this transaction commits. Ids only: each subscriber re-reads what
   * changed under its own rights.
   */
  private async announceChange(orgUnitId: string): Promise<void> {
    const unit = await this.tree.find(orgUnitId);
    if (unit) await DashboardBus.publish(this.tx.manager, { tenantId: this.tx.tenantId, orgUnitIds: OrgTree.lineage(unit), period: monthPeriod(new Date()) });
  }

  /** The database's clock: change times are compared with it, never with this process's. */
  async now(): Promise<string> {
    const [row] = await this.tx.manager.query('SELECT now()::text AS now');
    return row.now as string;
  }

  /** Cases on units of the subtree under `path` changed after `since` (a database time), oldest change first. */
  async casesChangedSince(path: string, since: string): Promise<{ id: string; orgUnitId: string; changedAt: string }[]> {
    const rows: { id: string; org_unit_id: string; changed_at: string }[] = await this.tx.manager.query(
      `SELECT c.id, c.org_unit_id, c.updated_at::text AS changed_at
         FROM inspection.discipline_case c JOIN inspection.org_unit u ON u.tenant_id = c.tenant_id AND u.id = c.org_unit_id
        WHERE c.tenant_id = $1 AND u.path LIKE $2 AND c.updated_at > $3::timestamptz
        ORDER BY c.updated_at, c.id LIMIT 500`,
      [this.tx.tenantId, `${path}%`, since],
    );
    return rows.map((r) => ({ id: r.id, orgUnitId: r.org_unit_id, changedAt: r.changed_at }));
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
}
