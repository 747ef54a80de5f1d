import { randomUUID } from 'node:crypto';
import { Brackets } from 'typeorm';
import { OrgUnitProjection, decodeCursor, type Transaction } from '@chibo/service-kit';
import type { ConfidentialRecordKind, ConfidentialRead, ReadVia } from '../domain/confidentiality';
import { ConfidentialReadRecord } from './confidential-read-record';

/** The append-only log of reads of confidential records, bound to one tenant transaction. */
export class ReadLog {
  constructor(private readonly tx: Transaction) {}

  /** One row per record returned, written in the transaction that read it. */
  async record(
    kind: ConfidentialRecordKind,
    records: readonly { id: string; orgUnitId: string }[],
    reader: { subject: string; roles: readonly string[] },
    via: ReadVia,
    fields: string[],
  ): Promise<void> {
    if (!records.length) return;
    await this.tx.manager.insert(
      ConfidentialReadRecord,
      records.map((r) => ({
        tenantId: this.tx.tenantId,
        id: randomUUID(),
        recordKind: kind,
        recordId: r.id,
        orgUnitId: r.orgUnitId,
        reader: reader.subject,
        readerRoles: [...reader.roles],
        via,
        fields,
      })),
    );
  }

  /** Reads of records on units of the subtree under `path`, newest first; one row more than asked, for hasNextPage. */
  async inSubtree(
    path: string,
    filter: { kind?: ConfidentialRecordKind | null; recordId?: string | null; reader?: string | null },
    first: number,
    after: string | null | undefined,
  ): Promise<{ rows: ConfidentialRead[]; total: number }> {
    const base = () => {
      const q = this.tx.manager
        .createQueryBuilder(ConfidentialReadRecord, 'r')
        .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = r.tenantId AND u.id = r.orgUnitId')
        .where('r.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${path}%` });
      if (filter.kind) q.andWhere('r.recordKind = :kind', { kind: filter.kind });
      if (filter.recordId) q.andWhere('r.recordId = :recordId', { recordId: filter.recordId });
      if (filter.reader) q.andWhere('r.reader = :reader', { reader: filter.reader });
      return q;
    };
    const total = await base().getCount();
    const q = base().orderBy('r.readAt', 'DESC').addOrderBy('r.id', 'DESC').take(first + 1);
    const cursor = decodeCursor(after);
    if (cursor) {
      const [readAt, id] = cursor.map(String);
      q.andWhere(new Brackets((b) => b.where('r.readAt < :readAt', { readAt }).orWhere('r.readAt = :readAt AND r.id < :id', { readAt, id })));
    }
    const rows = await q.getMany();
    return {
      rows: rows.map((r) => ({
        id: r.id,
        recordKind: r.recordKind as ConfidentialRecordKind,
        recordId: r.recordId,
        orgUnitId: r.orgUnitId,
        reader: r.reader,
        readerRoles: r.readerRoles,
        via: r.via as ReadVia,
        fields: r.fields,
        readAt: r.readAt,
      })),
      total,
    };
  }
}
