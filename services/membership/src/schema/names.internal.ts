import { In, type DataSource } from 'typeorm';
import { DomainError, isUuid } from '@chibo/domain';
import { UnitOfWork, type InternalHandler } from '@chibo/service-kit';
import { MemberRecord, OrgUnitRecord } from '../store';

const MAX_IDS = 1000;

function ids(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_IDS || !value.every(isUuid)) throw new DomainError('BAD_USER_INPUT', undefined, { field });
  return [...new Set(value.map((v: string) => v.toLowerCase()))];
}

/**
 * Names of members and org units of one tenant, for a document another service renders (the
 * meetings service's minutes). Only other parts of the platform can call it (signed); the caller
 * has already checked that its user may read the record the names appear in.
 */
export const namesHandler: InternalHandler = async (body, { dataSource }) => {
  const b = (body ?? {}) as { tenantId?: unknown; memberIds?: unknown; orgUnitIds?: unknown };
  if (!isUuid(b.tenantId)) throw new DomainError('MISSING_TENANT');
  const memberIds = ids(b.memberIds, 'memberIds');
  const orgUnitIds = ids(b.orgUnitIds, 'orgUnitIds');
  return new UnitOfWork(dataSource as DataSource, b.tenantId, 'membership').run(async (tx) => {
    const [members, units] = await Promise.all([
      memberIds.length ? tx.manager.find(MemberRecord, { select: { id: true, fullName: true }, where: { tenantId: tx.tenantId, id: In(memberIds) }, withDeleted: true }) : [],
      orgUnitIds.length ? tx.manager.find(OrgUnitRecord, { select: { id: true, name: true }, where: { tenantId: tx.tenantId, id: In(orgUnitIds) }, withDeleted: true }) : [],
    ]);
    return { members: members.map((m) => ({ id: m.id, fullName: m.fullName })), orgUnits: units.map((u) => ({ id: u.id, name: u.name })) };
  });
};
