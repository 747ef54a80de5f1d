import { randomUUID } from 'node:crypto';
import { Brackets, In, IsNull, Not, type SelectQueryBuilder } from 'typeorm';
import { ON_ROLL_STATUSES } from '@chibo/domain';
import type { Gender, MemberEventKind, MemberRating, MemberStatus, PositionKind, RemovalGround, TransferKind } from '@chibo/domain';
import { applyModifiedSince, type Transaction } from '@chibo/service-kit';
import type { Member, MemberEvent, MemberPorts } from '../domain/members';
import type { OrgUnit } from '../domain/org-units';
import type { BadgePorts } from '../domain/badges';
import type { Position, PositionPorts } from '../domain/positions';
import type { Rating, RatingPorts } from '../domain/ratings';
import type { Transfer, TransferPorts } from '../domain/transfers';
import type { DisciplinePorts } from '../domain/discipline';
import { decryptCitizenId, encryptCitizenId } from './citizen-id-cipher';
import { MemberEventRecord } from './member-event-record';
import { MemberPositionRecord } from './member-position-record';
import { MemberRatingRecord } from './member-rating-record';
import { MemberRecord } from './member-record';
import { MemberTransferRecord } from './member-transfer-record';
import { MembershipStore } from './membership-store';
import { OrgUnitRecord } from './org-unit-record';

/**
 * Vietnamese collation for sorting names (ICU, shipped with the embedded PostgreSQL). `vi-x-icu`
 * orders "Đ" after "D" and tone marks after the bare vowel, as Vietnamese dictionaries do.
 */
export const NAME_COLLATION = '"vi-x-icu"';

export function toMember(r: MemberRecord): Member {
  return {
    id: r.id,
    tenantId: r.tenantId,
    fullName: r.fullName,
    searchKey: r.searchKey,
    dateOfBirth: r.dateOfBirth,
    gender: r.gender as Gender,
    citizenId: r.citizenIdCipher ? decryptCitizenId(r.citizenIdCipher, r.id) : null,
    partyCardNumber: r.partyCardNumber,
    fileNumber: r.fileNumber,
    status: r.status as MemberStatus,
    cellId: r.cellId,
    admittedOn: r.admittedOn,
    officialOn: r.officialOn,
  };
}

export function toMemberEvent(r: MemberEventRecord): MemberEvent {
  return {
    id: r.id,
    memberId: r.memberId,
    kind: r.kind as MemberEventKind,
    effectiveOn: r.effectiveOn,
    sequence: r.sequence,
    cellId: r.cellId,
    fromCellId: r.fromCellId,
    decisionNumber: r.decisionNumber,
    decisionDate: r.decisionDate,
    reason: r.reason,
    ground: r.ground as RemovalGround | null,
    registeredStatus: r.registeredStatus as MemberStatus | null,
    admittedOn: r.admittedOn,
    officialOn: r.officialOn,
    sourceRef: r.sourceRef,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt,
  };
}

export function toTransfer(r: MemberTransferRecord): Transfer {
  return {
    id: r.id,
    memberId: r.memberId,
    kind: r.kind as TransferKind,
    fromCellId: r.fromCellId,
    toCellId: r.toCellId,
    decisionNumber: r.decisionNumber,
    decisionDate: r.decisionDate,
    startsOn: r.startsOn,
    until: r.until,
    forStudy: r.forStudy,
    reportedOn: r.reportedOn,
    recordedBy: r.recordedBy,
  };
}

export interface MemberSearch {
  /** Path prefix of the subtree (`/root/ward/`). */
  subtreePath: string;
  nameKey?: string | null;
  statuses?: MemberStatus[] | null;
  /** Only probationary members whose 12 months end on or before this date (M-2). */
  probationEndsBy?: string | null;
  /** Delta sync: only members changed since this token. */
  modifiedSince?: string | null;
  /** Only members recorded in one of these Regulation 213 categories (M-5). */
  residenceCategories?: string[] | null;
}

/** A member changes with its own row, its life events, posts and ratings. */
const MEMBER_CHANGES = {
  table: 'member',
  parts: [
    { table: 'member_event', column: 'member_id' },
    { table: 'member_position', column: 'member_id' },
    { table: 'member_rating', column: 'member_id' },
    // Regulation 213 (M-5): the residence introduction and the yearly feedback are the member's.
    { table: 'residence_liaison', column: 'member_id' },
    { table: 'residence_feedback', column: 'member_id' },
  ],
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Members' storage, bound to one tenant transaction (STYLE.md §2). */
export class MemberStore implements TransferPorts, RatingPorts, BadgePorts, PositionPorts, DisciplinePorts {
  protected readonly units: MembershipStore;

  constructor(protected readonly tx: Transaction) {
    this.units = new MembershipStore(tx);
  }

  protected get m() {
    return this.tx.manager;
  }

  publish: MemberPorts['publish'] = (event) => this.tx.publish(event);

  findOrgUnit(id: string): Promise<OrgUnit | null> {
    return this.units.findOrgUnit(id);
  }

  findOrgUnits(ids: readonly string[]): Promise<OrgUnit[]> {
    return this.units.findOrgUnits(ids);
  }

  async findMember(id: string): Promise<Member | null> {
    const r = await this.m.findOneBy(MemberRecord, { tenantId: this.tx.tenantId, id });
    return r ? toMember(r) : null;
  }

  async findMembers(ids: readonly string[]): Promise<Member[]> {
    if (!ids.length) return [];
    const rows = await this.m.findBy(MemberRecord, { tenantId: this.tx.tenantId, id: In([...ids]) });
    return rows.map(toMember);
  }

  async memberEvents(memberIds: readonly string[]): Promise<MemberEvent[]> {
    if (!memberIds.length) return [];
    const rows = await this.m.find(MemberEventRecord, {
      where: { tenantId: this.tx.tenantId, memberId: In([...memberIds]) },
      order: { memberId: 'ASC', sequence: 'ASC' },
    });
    return rows.map(toMemberEvent);
  }

  /** Members on a cell's roll today (probationary, official, exempt). */
  async onRollMembersOf(cellId: string): Promise<Member[]> {
    const rows = await this.m.findBy(MemberRecord, { tenantId: this.tx.tenantId, cellId, status: In([...ON_ROLL_STATUSES]) });
    return rows.map(toMember);
  }

  /** Ids of everyone who was ever a member of the cell (home roll), for the roll on a date. */
  async memberIdsEverIn(cellId: string): Promise<string[]> {
    const rows = await this.m
      .createQueryBuilder(MemberEventRecord, 'e')
      .select('DISTINCT e.memberId', 'id')
      .where('e.tenantId = :tenantId AND e.cellId = :cellId', { tenantId: this.tx.tenantId, cellId })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Events recorded because of something another service decided (idempotence by cause). */
  async eventsBySource(sourceRef: string): Promise<MemberEvent[]> {
    const rows = await this.m.findBy(MemberEventRecord, { tenantId: this.tx.tenantId, sourceRef });
    return rows.map(toMemberEvent);
  }

  async cardNumberTaken(cardNumber: string): Promise<boolean> {
    return this.m.existsBy(MemberRecord, { tenantId: this.tx.tenantId, partyCardNumber: cardNumber });
  }

  async insertMember(member: Member, by: string): Promise<void> {
    await this.m.insert(MemberRecord, {
      tenantId: this.tx.tenantId,
      id: member.id,
      fullName: member.fullName,
      searchKey: member.searchKey,
      dateOfBirth: member.dateOfBirth,
      gender: member.gender,
      citizenIdCipher: member.citizenId ? encryptCitizenId(member.citizenId, member.id) : null,
      partyCardNumber: member.partyCardNumber,
      fileNumber: member.fileNumber,
      status: member.status,
      cellId: member.cellId,
      admittedOn: member.admittedOn,
      officialOn: member.officialOn,
      createdBy: by,
      updatedBy: by,
    });
  }

  async updateMemberState(member: Member, by: string): Promise<void> {
    await this.m.update(
      MemberRecord,
      { tenantId: this.tx.tenantId, id: member.id },
      { status: member.status, cellId: member.cellId, admittedOn: member.admittedOn, officialOn: member.officialOn, updatedBy: by },
    );
  }

  async appendEvent(e: MemberEvent): Promise<void> {
    await this.m.insert(MemberEventRecord, {
      tenantId: this.tx.tenantId,
      id: e.id,
      memberId: e.memberId,
      sequence: e.sequence,
      kind: e.kind,
      effectiveOn: e.effectiveOn,
      cellId: e.cellId,
      fromCellId: e.fromCellId ?? null,
      decisionNumber: e.decisionNumber,
      decisionDate: e.decisionDate,
      reason: e.reason,
      ground: e.ground,
      registeredStatus: e.registeredStatus ?? null,
      admittedOn: e.admittedOn ?? null,
      officialOn: e.officialOn ?? null,
      sourceRef: e.sourceRef,
      recordedBy: e.recordedBy,
    });
  }

  async insertTransfer(t: Transfer): Promise<void> {
    await this.m.insert(MemberTransferRecord, { tenantId: this.tx.tenantId, ...t });
  }

  async findTransfer(id: string): Promise<Transfer | null> {
    const r = await this.m.findOneBy(MemberTransferRecord, { tenantId: this.tx.tenantId, id });
    return r ? toTransfer(r) : null;
  }

  async transfersOf(memberIds: readonly string[]): Promise<Transfer[]> {
    if (!memberIds.length) return [];
    const rows = await this.m.find(MemberTransferRecord, {
      where: { tenantId: this.tx.tenantId, memberId: In([...memberIds]) },
      order: { startsOn: 'ASC', createdAt: 'ASC' },
    });
    return rows.map(toTransfer);
  }

  async setTransferReported(id: string, reportedOn: string): Promise<void> {
    await this.m.update(MemberTransferRecord, { tenantId: this.tx.tenantId, id }, { reportedOn });
  }

  async ratingsOfCell(cellId: string, year: number): Promise<Rating[]> {
    const rows = await this.m.findBy(MemberRatingRecord, { tenantId: this.tx.tenantId, cellId, year });
    return rows.map((r) => ({ memberId: r.memberId, cellId: r.cellId, year: r.year, rating: r.rating as MemberRating, decisionNumber: r.decisionNumber }));
  }

  /** One rating per member and year: a new decision replaces the rating, keeping who changed it. */
  async saveRating(r: Rating, by: string): Promise<void> {
    const existing = await this.m.findOneBy(MemberRatingRecord, { tenantId: this.tx.tenantId, memberId: r.memberId, year: r.year });
    if (existing) {
      await this.m.update(MemberRatingRecord, { tenantId: this.tx.tenantId, id: existing.id }, { cellId: r.cellId, rating: r.rating, decisionNumber: r.decisionNumber, updatedBy: by });
    } else {
      await this.m.insert(MemberRatingRecord, { tenantId: this.tx.tenantId, id: randomUUID(), ...r, createdBy: by, updatedBy: by });
    }
  }

  async membersAdmittedIn(subtreePath: string, windows: [string, string][], statuses: readonly MemberStatus[]): Promise<Member[]> {
    const q = this.m
      .createQueryBuilder(MemberRecord, 'm')
      .innerJoin(OrgUnitRecord, 'u', 'u.tenantId = m.tenantId AND u.id = m.cellId')
      .where('m.tenantId = :tenantId AND u.path LIKE :prefix AND m.status IN (:...statuses)', {
        tenantId: this.tx.tenantId,
        prefix: `${likeEscape(subtreePath)}%`,
        statuses: [...statuses],
      })
      .andWhere(
        new Brackets((w) => {
          windows.forEach(([from, to], i) => w.orWhere(`(m.admittedOn > :from${i} AND m.admittedOn <= :to${i})`, { [`from${i}`]: from, [`to${i}`]: to }));
        }),
      );
    return (await q.getMany()).map(toMember);
  }

  private toPosition = (r: MemberPositionRecord): Position => ({
    id: r.id,
    memberId: r.memberId,
    orgUnitId: r.orgUnitId,
    kind: r.kind as PositionKind,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    decisionNumber: r.decisionNumber,
  });

  async positionsOfMembers(memberIds: readonly string[]): Promise<Position[]> {
    if (!memberIds.length) return [];
    const rows = await this.m.find(MemberPositionRecord, { where: { tenantId: this.tx.tenantId, memberId: In([...memberIds]) }, order: { startsOn: 'ASC' } });
    return rows.map(this.toPosition);
  }

  async positionsOfUnit(orgUnitId: string): Promise<Position[]> {
    const rows = await this.m.find(MemberPositionRecord, { where: { tenantId: this.tx.tenantId, orgUnitId }, order: { startsOn: 'ASC' } });
    return rows.map(this.toPosition);
  }

  async findPosition(id: string): Promise<Position | null> {
    const r = await this.m.findOneBy(MemberPositionRecord, { tenantId: this.tx.tenantId, id });
    return r ? this.toPosition(r) : null;
  }

  async insertPosition(p: Position, by: string): Promise<void> {
    await this.m.insert(MemberPositionRecord, { tenantId: this.tx.tenantId, ...p, createdBy: by, updatedBy: by });
  }

  async endPosition(id: string, endsOn: string, by: string): Promise<void> {
    await this.m.update(MemberPositionRecord, { tenantId: this.tx.tenantId, id }, { endsOn, updatedBy: by });
  }

  async positionsEndedBy(memberId: string, by: string): Promise<{ id: string; orgUnitId: string; kind: PositionKind; endsOn: string }[]> {
    const rows = await this.m.find(MemberPositionRecord, { where: { tenantId: this.tx.tenantId, memberId, updatedBy: by, endsOn: Not(IsNull()) } });
    return rows.map((r) => ({ id: r.id, orgUnitId: r.orgUnitId, kind: r.kind as PositionKind, endsOn: r.endsOn! }));
  }

  /** An annulled decision (D-8): the post is held again, as if never ended. */
  async reopenPosition(id: string, by: string): Promise<void> {
    await this.m.update(MemberPositionRecord, { tenantId: this.tx.tenantId, id }, { endsOn: null, updatedBy: by });
  }

  /** How many members of a cell are in each status today. */
  async statusCounts(cellId: string): Promise<Record<string, number>> {
    const rows = await this.m
      .createQueryBuilder(MemberRecord, 'm')
      .select('m.status', 'status')
      .addSelect('count(*)::int', 'n')
      .where('m.tenantId = :tenantId AND m.cellId = :cellId', { tenantId: this.tx.tenantId, cellId })
      .groupBy('m.status')
      .getRawMany<{ status: string; n: number }>();
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  private searchQuery(s: MemberSearch): SelectQueryBuilder<MemberRecord> {
    const q = this.m
      .createQueryBuilder(MemberRecord, 'm')
      .innerJoin(OrgUnitRecord, 'u', 'u.tenantId = m.tenantId AND u.id = m.cellId')
      .where('m.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${likeEscape(s.subtreePath)}%` });
    if (s.nameKey) q.andWhere(`m.searchKey LIKE :name`, { name: `%${likeEscape(s.nameKey)}%` });
    if (s.statuses?.length) q.andWhere('m.status IN (:...statuses)', { statuses: s.statuses });
    if (s.residenceCategories?.length) {
      q.andWhere(`m.id IN (SELECT l.member_id FROM membership.residence_liaison l WHERE l.tenant_id = m.tenant_id AND l.category IN (:...categories))`, { categories: s.residenceCategories });
    }
    if (s.probationEndsBy) {
      q.andWhere(`m.status = 'PROBATIONARY' AND m.admittedOn + interval '12 months' <= :by::date`, { by: s.probationEndsBy });
    }
    return applyModifiedSince(q, 'm', MEMBER_CHANGES, s.modifiedSince);
  }

  /**
   * Members of a subtree sorted by name in Vietnamese order, then id (a stable order), paginated
   * by keyset on (name, id).
   */
  async search(s: MemberSearch, first: number, after: [string, string] | null): Promise<{ rows: Member[]; total: number }> {
    const page = this.searchQuery(s)
      .orderBy(`m.fullName COLLATE ${NAME_COLLATION}`, 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(first + 1);
    if (after) {
      page.andWhere(
        new Brackets((w) =>
          w.where(`m.fullName COLLATE ${NAME_COLLATION} > :afterName COLLATE ${NAME_COLLATION}`, { afterName: after[0] }).orWhere('m.fullName = :afterName AND m.id > :afterId', {
            afterName: after[0],
            afterId: after[1],
          }),
        ),
      );
    }
    const [rows, total] = await Promise.all([page.getMany(), this.searchQuery(s).getCount()]);
    return { rows: rows.map(toMember), total };
  }
}
