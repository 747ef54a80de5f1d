import { ResidenceCategory, type ResidenceFeedback, type ResidenceLiaison, type ResidencePlaceKind, type ResidencePorts } from '../domain/residence';
import type { Member } from '../domain/members';
import { MemberStore, NAME_COLLATION, toMember } from './member-store';
import { MemberRecord } from './member-record';
import { OrgUnitRecord } from './org-unit-record';
import { ResidenceFeedbackRecord } from './residence-feedback-record';
import { ResidenceLiaisonRecord } from './residence-liaison-record';

const toLiaison = (r: ResidenceLiaisonRecord): ResidenceLiaison => ({
  id: r.id,
  memberId: r.memberId,
  category: r.category as ResidenceCategory,
  placeKind: r.placeKind as ResidencePlaceKind,
  residenceOrgUnitId: r.residenceOrgUnitId,
  residenceTenantId: r.residenceTenantId,
  residenceName: r.residenceName,
  introducedOn: r.introducedOn,
});

const toFeedback = (r: ResidenceFeedbackRecord): ResidenceFeedback => ({
  id: r.id,
  memberId: r.memberId,
  year: r.year,
  receivedOn: r.receivedOn,
  comment: r.comment,
  recordedBy: r.createdBy,
});

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Regulation 213 records (M-5), with the member storage they hang on. */
export class ResidenceStore extends MemberStore implements ResidencePorts {
  async liaisonOf(memberId: string): Promise<ResidenceLiaison | null> {
    const r = await this.m.findOneBy(ResidenceLiaisonRecord, { tenantId: this.tx.tenantId, memberId });
    return r ? toLiaison(r) : null;
  }

  async saveLiaison(l: ResidenceLiaison, by: string): Promise<void> {
    const existing = await this.m.findOneBy(ResidenceLiaisonRecord, { tenantId: this.tx.tenantId, id: l.id });
    const { id, memberId, ...fields } = l;
    if (existing) await this.m.update(ResidenceLiaisonRecord, { tenantId: this.tx.tenantId, id }, { ...fields, updatedBy: by });
    else await this.m.insert(ResidenceLiaisonRecord, { tenantId: this.tx.tenantId, id, memberId, ...fields, createdBy: by, updatedBy: by });
  }

  async feedbackOf(memberId: string, year: number): Promise<ResidenceFeedback | null> {
    const r = await this.m.findOneBy(ResidenceFeedbackRecord, { tenantId: this.tx.tenantId, memberId, year });
    return r ? toFeedback(r) : null;
  }

  async feedbackOfMember(memberId: string): Promise<ResidenceFeedback[]> {
    const rows = await this.m.find(ResidenceFeedbackRecord, { where: { tenantId: this.tx.tenantId, memberId }, order: { year: 'ASC' } });
    return rows.map(toFeedback);
  }

  async insertFeedback(f: ResidenceFeedback): Promise<void> {
    const { recordedBy, ...fields } = f;
    await this.m.insert(ResidenceFeedbackRecord, { tenantId: this.tx.tenantId, ...fields, createdBy: recordedBy });
  }

  /**
   * Members of a subtree in category (c), with their liaison and whether the year's feedback is
   * in: the candidates the rule of M-5 then decides on.
   */
  async yearlyFeedbackCandidates(subtreePath: string, year: number): Promise<{ member: Member; liaison: ResidenceLiaison; recorded: boolean }[]> {
    const rows = await this.m
      .createQueryBuilder(MemberRecord, 'm')
      .innerJoin(OrgUnitRecord, 'u', 'u.tenantId = m.tenantId AND u.id = m.cellId')
      .innerJoinAndMapOne('m.liaison', ResidenceLiaisonRecord, 'l', 'l.tenantId = m.tenantId AND l.memberId = m.id')
      .leftJoinAndMapOne('m.feedback', ResidenceFeedbackRecord, 'f', 'f.tenantId = m.tenantId AND f.memberId = m.id AND f.year = :year', { year })
      .where('m.tenantId = :tenantId AND u.path LIKE :prefix AND l.category = :category', {
        tenantId: this.tx.tenantId,
        prefix: `${likeEscape(subtreePath)}%`,
        category: ResidenceCategory.YEARLY_FEEDBACK,
      })
      .orderBy(`m.fullName COLLATE ${NAME_COLLATION}`, 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    return rows.map((r) => {
      const x = r as MemberRecord & { liaison: ResidenceLiaisonRecord; feedback?: ResidenceFeedbackRecord | null };
      return { member: toMember(x), liaison: toLiaison(x.liaison), recorded: !!x.feedback };
    });
  }
}
