import { Brackets, In } from 'typeorm';
import { MeetingStatus, type MeetingKind, type OrgUnitKind } from '@chibo/domain';
import { OrgTree, OrgUnitProjection, type Transaction } from '@chibo/service-kit';
import type { CellFacts, Meeting, MeetingPorts } from '../domain/meetings';
import { MeetingRecord } from './meeting-record';

export function toMeeting(r: MeetingRecord): Meeting {
  return { id: r.id, tenantId: r.tenantId, cellId: r.cellId, kind: r.kind as MeetingKind, status: r.status as MeetingStatus, title: r.title, heldAt: r.heldAt };
}

/** Meetings' storage, bound to one tenant transaction. */
export class MeetingStore implements MeetingPorts {
  readonly tree: OrgTree;

  constructor(private readonly tx: Transaction) {
    this.tree = new OrgTree(tx.manager, tx.tenantId);
  }

  publish: MeetingPorts['publish'] = (event) => this.tx.publish(event);

  async findCell(id: string): Promise<CellFacts | null> {
    const unit = await this.tree.find(id);
    return unit ? { id: unit.id, kind: unit.kind as OrgUnitKind, lineage: OrgTree.lineage(unit) } : null;
  }

  async insertMeeting(m: Meeting, createdBy: string): Promise<void> {
    await this.tx.manager.insert(MeetingRecord, {
      tenantId: m.tenantId,
      id: m.id,
      cellId: m.cellId,
      kind: m.kind,
      status: m.status,
      title: m.title,
      heldAt: m.heldAt,
      createdBy,
    });
  }

  async findMeetings(ids: readonly string[]): Promise<Meeting[]> {
    const rows = await this.tx.manager.findBy(MeetingRecord, { tenantId: this.tx.tenantId, id: In([...ids]) });
    return rows.map(toMeeting);
  }

  /** A cell's meetings, newest first, keyset-paginated on (held_at, id). */
  async meetingsOfCell(cellId: string, first: number, after: [string, string] | null): Promise<{ rows: Meeting[]; total: number }> {
    const base = () =>
      this.tx.manager.createQueryBuilder(MeetingRecord, 'm').where('m.tenantId = :tenantId AND m.cellId = :cellId', { tenantId: this.tx.tenantId, cellId });
    const page = base().orderBy('m.heldAt', 'DESC').addOrderBy('m.id', 'DESC').take(first + 1);
    if (after) {
      page.andWhere(
        new Brackets((w) => w.where('m.heldAt < :at', { at: after[0] }).orWhere('m.heldAt = :at AND m.id < :id', { at: after[0], id: after[1] })),
      );
    }
    const [rows, total] = await Promise.all([page.getMany(), base().getCount()]);
    return { rows: rows.map(toMeeting), total };
  }

  /** Meetings held in the subtree of `orgUnitId` within [from, to). */
  async countHeldInSubtree(path: string, from: Date, to: Date): Promise<number> {
    return this.tx.manager
      .createQueryBuilder(MeetingRecord, 'm')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = m.tenantId AND u.id = m.cellId')
      .where('m.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${path}%` })
      .andWhere('m.status IN (:...held) AND m.heldAt >= :from AND m.heldAt < :to', {
        held: [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED],
        from,
        to,
      })
      .getCount();
  }
}
