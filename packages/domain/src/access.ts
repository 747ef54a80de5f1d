import { Role } from './enums';
import { DomainError } from './errors';
import { hasRole, type Principal } from './principal';

/**
 * Access rules shared by every service (DESIGN.md §2). A principal acts inside one tenant and,
 * unless a city administrator, inside the subtree of its scope org unit.
 */

export function requireTenant(principal: Principal): string {
  if (!principal.tenantId) throw new DomainError('MISSING_TENANT');
  return principal.tenantId;
}

export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!hasRole(principal, ...roles)) {
    throw new DomainError('FORBIDDEN', undefined, { requiredRoles: roles });
  }
}

/**
 * Whether a unit, given by its lineage (ids from the root down to it), lies in the principal's
 * scope. City administrators and integrators see the whole tenant; everyone else sees the
 * subtree below their scope unit, and nothing if they have none.
 */
export function isInScope(principal: Principal, lineage: readonly string[]): boolean {
  if (hasRole(principal, Role.CITY_ADMIN, Role.INTEGRATOR) && !principal.scopeOrgUnitId) return true;
  if (!principal.scopeOrgUnitId) return false;
  return lineage.includes(principal.scopeOrgUnitId);
}

export function requireInScope(principal: Principal, lineage: readonly string[], orgUnitId: string): void {
  // Out of scope looks the same as absent, so ids of other subtrees cannot be probed.
  if (!isInScope(principal, lineage)) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId });
  }
}
