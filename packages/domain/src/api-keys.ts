import { DomainError } from './errors';
import { Role } from './enums';
import { hasRole, type Principal } from './principal';

/**
 * Integrator API keys (issue 7). A key belongs to one tenant, carries scopes, may expire, and
 * is shown once: only a hash is kept. Its text names the tenant and the key so the gateway can
 * find it without a cross-tenant lookup: `chibo_<tenant>_<key>_<secret>`.
 */
export const API_KEY_SCOPES = ['membership:read', 'meetings:read', 'meetings:write', 'inspection:read', 'discipline:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);
}

const hex = (uuid: string) => uuid.replace(/-/g, '');
const uuidOf = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

export function formatApiKey(tenantId: string, keyId: string, secret: string): string {
  return `chibo_${hex(tenantId)}_${hex(keyId)}_${secret}`;
}

export function parseApiKey(text: string): { tenantId: string; keyId: string; secret: string } | null {
  const m = /^chibo_([0-9a-f]{32})_([0-9a-f]{32})_([A-Za-z0-9_-]{32,128})$/.exec(text.trim());
  return m ? { tenantId: uuidOf(m[1]), keyId: uuidOf(m[2]), secret: m[3] } : null;
}

/**
 * An integrator may do what its scopes say and nothing else; other roles are judged by their
 * role. Refusal looks like any other FORBIDDEN, naming the scope it lacked.
 */
export function requireScope(principal: Principal, scope: ApiKeyScope): void {
  if (!hasRole(principal, Role.INTEGRATOR)) return;
  if (!(principal.scopes ?? []).includes(scope)) {
    throw new DomainError('FORBIDDEN', { vi: `Khóa API thiếu quyền ${scope}`, en: `The API key lacks the ${scope} scope` }, { requiredScope: scope });
  }
}
