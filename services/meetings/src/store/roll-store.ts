import { IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import type { Transaction } from '@chibo/service-kit';
import type { RollInterval, RollMember, RollPorts, RollStatus } from '../domain/roll';
import { RollEntryRecord } from './roll-entry-record';

const toInterval = (r: RollEntryRecord): RollInterval => ({
  id: r.id,
  memberId: r.memberId,
  cellId: r.cellId,
  status: r.status as RollStatus,
  temporarilyOut: r.temporarilyOut,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

/** The roll projection (danh sách đảng viên của chi bộ), bound to one tenant transaction. */
export class RollStore implements RollPorts {
  constructor(private readonly tx: Transaction) {}

  async intervalsFrom(memberId: string, date: string): Promise<RollInterval[]> {
    const rows = await this.tx.manager.find(RollEntryRecord, {
      where: [
        { tenantId: this.tx.tenantId, memberId, validTo: IsNull() },
        { tenantId: this.tx.tenantId, memberId, validTo: MoreThan(date) },
      ],
      order: { validFrom: 'ASC' },
    });
    return rows.map(toInterval);
  }

  async endInterval(id: string, validTo: string): Promise<void> {
    await this.tx.manager.update(RollEntryRecord, { tenantId: this.tx.tenantId, id }, { validTo });
  }

  async insertIntervals(rows: RollInterval[]): Promise<void> {
    await this.tx.manager.insert(
      RollEntryRecord,
      rows.map((r) => ({ ...r, tenantId: this.tx.tenantId })),
    );
  }

  /** The cell's roll on a date: one query, whatever its size. */
  async rollOn(cellId: string, date: string): Promise<RollMember[]> {
    const rows = await this.tx.manager.find(RollEntryRecord, {
      where: [
        { tenantId: this.tx.tenantId, cellId, validFrom: LessThanOrEqual(date), validTo: IsNull() },
        { tenantId: this.tx.tenantId, cellId, validFrom: LessThanOrEqual(date), validTo: MoreThan(date) },
      ],
      order: { memberId: 'ASC' },
    });
    return rows.map((r) => ({ memberId: r.memberId, status: r.status as RollStatus, temporarilyOut: r.temporarilyOut }));
  }
}
