import type { DataSource } from 'typeorm';
import { DomainError, isIsoDate } from '@chibo/domain';
import { UnitOfWork, type InternalHandler } from '@chibo/service-kit';
import { memberFacts, unitFacts } from '../domain/subject-facts';
import { MemberStore, MembershipStore } from '../store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /internal/subject-facts` — the facts of members and org units inspection examines, in one
 * tenant, as of a date. Internal only (HMAC-signed by a platform service); row-level security
 * still keeps the answer inside the tenant asked for.
 */
export const subjectFactsHandler: InternalHandler = async (body, { dataSource }) => {
  const b = (body ?? {}) as { tenantId?: unknown; memberIds?: unknown; orgUnitIds?: unknown; on?: unknown };
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && UUID.test(x)).slice(0, 100) : []);
  if (typeof b.tenantId !== 'string' || !UUID.test(b.tenantId) || typeof b.on !== 'string' || !isIsoDate(b.on)) throw new DomainError('BAD_USER_INPUT');
  const on = b.on;
  return new UnitOfWork(dataSource as DataSource, b.tenantId, 'membership').run(async (tx) => {
    const members = new MemberStore(tx);
    const found = await members.findMembers(ids(b.memberIds));
    const positions = await members.positionsOfMembers(found.map((m) => m.id));
    const unitIds = ids(b.orgUnitIds);
    const units = unitIds.length ? await new MembershipStore(tx).findOrgUnits(unitIds) : [];
    return { members: found.map((m) => memberFacts(m, positions, on)), units: units.map(unitFacts) };
  });
};
