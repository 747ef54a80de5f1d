import { DomainError, Role, hasRole, isInScope, requireTenant, type Principal } from '@chibo/domain';

/**
 * Confidentiality of inspection work (DOMAIN.md D, first paragraph; DESIGN.md §2): who reads
 * discipline cases, inspections and supervisions, and the log every read leaves. Plain rules,
 * judged from the principal and the lineage of the record's unit.
 */

/** The kinds of confidential record whose reads are logged. */
export enum ConfidentialRecordKind {
  DISCIPLINE_CASE = 'DISCIPLINE_CASE',
  INSPECTION = 'INSPECTION',
  SUPERVISION = 'SUPERVISION',
}

/** How a read happened: by id, in a list, as a nested field, the subject's own decision, a mutation's payload, a live update. */
export type ReadVia = 'BY_ID' | 'LIST' | 'NESTED' | 'OWN_DECISION' | 'MUTATION' | 'SUBSCRIPTION';

/** One row of the read log. */
export interface ConfidentialRead {
  id: string;
  recordKind: ConfidentialRecordKind;
  recordId: string;
  orgUnitId: string;
  reader: string;
  readerRoles: string[];
  via: ReadVia;
  fields: string[];
  readAt: Date;
}

/** An integrator key reads discipline cases only when explicitly granted this scope. */
export const DISCIPLINE_READ_SCOPE = 'discipline:read';
/** …and inspections and supervisions only with this one. */
export const INSPECTION_READ_SCOPE = 'inspection:read';

const granted = (principal: Principal, scope: string) => (principal.scopes ?? []).includes(scope);

/**
 * Who reads a case: inspectors whose subtree holds the case's unit, and an integrator key
 * explicitly granted `discipline:read`. Nobody else — not city administrators, not committee
 * staff, not the cell — and to them the case does not exist.
 */
export function canReadCase(principal: Principal, unit: { lineage: readonly string[] }): boolean {
  if (hasRole(principal, Role.INSPECTOR)) return isInScope(principal, unit.lineage);
  if (hasRole(principal, Role.INTEGRATOR)) return granted(principal, DISCIPLINE_READ_SCOPE) && isInScope(principal, unit.lineage);
  return false;
}

/** Inspections and supervisions: inspectors of the subtree, and integrator keys granted `inspection:read`. */
export function canReadInspectionWork(principal: Principal, unit: { lineage: readonly string[] }): boolean {
  if (hasRole(principal, Role.INSPECTOR)) return isInScope(principal, unit.lineage);
  if (hasRole(principal, Role.INTEGRATOR)) return granted(principal, INSPECTION_READ_SCOPE) && isInScope(principal, unit.lineage);
  return false;
}

/** Committee staff, city administrators and inspectors of the subtree see counts, never content. */
export function canSeeCounts(principal: Principal, unit: { lineage: readonly string[] }): boolean {
  return hasRole(principal, Role.INSPECTOR, Role.CITY_ADMIN, Role.COMMITTEE_STAFF) && isInScope(principal, unit.lineage);
}

/** The read log is readable only by the tenant's inspectors (each within their subtree). */
export function requireAuditReader(principal: Principal): void {
  requireTenant(principal);
  if (!hasRole(principal, Role.INSPECTOR)) {
    throw new DomainError('FORBIDDEN', { vi: 'Chỉ cán bộ kiểm tra được xem nhật ký truy cập', en: 'Only inspectors read the access log' });
  }
}
