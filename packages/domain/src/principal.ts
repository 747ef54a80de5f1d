import { Role } from './enums';

/**
 * Who is asking. The gateway builds it from a verified token and forwards it, signed, to the
 * subgraphs; nothing downstream trusts an unsigned principal.
 */
export interface Principal {
  /** Null only for a platform administrator who is not acting inside a tenant. */
  tenantId: string | null;
  subject: string;
  roles: Role[];
  /** The org unit whose subtree the principal may act on; null means the whole tenant. */
  scopeOrgUnitId: string | null;
  memberId?: string | null;
  /** Integrator API-key scopes such as `meetings:write`. */
  scopes?: string[];
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as string[]).includes(value);
}
