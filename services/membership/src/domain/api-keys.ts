import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DomainError, MAX_KEY_POINTS_PER_HOUR, Role, formatApiKey, isApiKeyScope, nfc, requireOperation, requireTenant, type Principal } from '@chibo/domain';
import { checkPoints, checkWithinTenant } from './query-budgets';

/** Khóa API — an integrator's key, as the rules see it. The secret itself is never kept. */
export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  scopes: string[];
  secretHash: string;
  expiresAt: Date | null;
  /** The key's hourly budget in points (null: the platform's default). */
  pointsPerHour: number | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt?: Date;
}

export interface ApiKeyPorts {
  insertApiKey(key: ApiKey, createdBy: string): Promise<void>;
  findApiKey(id: string): Promise<ApiKey | null>;
  revokeApiKey(id: string, at: Date, by: string): Promise<void>;
  touchApiKey(id: string, at: Date): Promise<void>;
}


export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** City administrators issue keys; the full key is returned once, here, and never again. */
export async function createApiKey(
  principal: Principal,
  input: { name: string; scopes: string[]; expiresAt?: Date | null; pointsPerHour?: number | null },
  ports: ApiKeyPorts,
  /** The tenant's hourly points (its own, else the platform's default): no key gets more. */
  tenantPoints: () => Promise<number>,
  now = new Date(),
): Promise<{ key: ApiKey; secret: string }> {
  const tenantId = requireTenant(principal);
  requireOperation(principal, 'createApiKey');
  const name = nfc(input.name ?? '');
  if (!name || name.length > 100) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Tên khóa phải có từ 1 đến 100 ký tự', en: 'Key name must be 1 to 100 characters' }, { field: 'name' });
  }
  const unknown = input.scopes.filter((s) => !isApiKeyScope(s));
  if (!input.scopes.length || unknown.length) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Phạm vi quyền không hợp lệ', en: 'Unknown or missing scopes' }, { field: 'scopes', unknown });
  }
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày hết hạn phải ở tương lai', en: 'Expiry must be in the future' }, { field: 'expiresAt' });
  }
  const points = checkPoints(input.pointsPerHour, MAX_KEY_POINTS_PER_HOUR);
  if (points !== null) checkWithinTenant(points, await tenantPoints());
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  const key: ApiKey = { id, tenantId, name, scopes: [...new Set(input.scopes)], secretHash: hashSecret(secret), expiresAt: input.expiresAt ?? null, pointsPerHour: points, lastUsedAt: null, revokedAt: null };
  await ports.insertApiKey(key, principal.subject);
  return { key, secret: formatApiKey(tenantId, id, secret) };
}

export async function revokeApiKey(principal: Principal, id: string, ports: ApiKeyPorts, now = new Date()): Promise<ApiKey> {
  requireTenant(principal);
  requireOperation(principal, 'revokeApiKey');
  const key = await ports.findApiKey(id);
  if (!key) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy khóa API', en: 'API key not found' }, { field: 'id' });
  if (!key.revokedAt) await ports.revokeApiKey(id, now, principal.subject);
  return { ...key, revokedAt: key.revokedAt ?? now };
}

/**
 * Check a presented key. Every refusal is the same UNAUTHENTICATED, so a caller cannot tell a
 * wrong secret from a revoked or expired key. Last use is written at most once a minute.
 */
export async function verifyApiKey(keyId: string, secret: string, ports: ApiKeyPorts, now = new Date()): Promise<Principal> {
  const key = await ports.findApiKey(keyId);
  const given = Buffer.from(hashSecret(secret));
  const ok =
    !!key &&
    given.length === Buffer.byteLength(key.secretHash) &&
    timingSafeEqual(given, Buffer.from(key.secretHash)) &&
    !key.revokedAt &&
    (!key.expiresAt || key.expiresAt.getTime() > now.getTime());
  if (!ok || !key) throw new DomainError('UNAUTHENTICATED');
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) await ports.touchApiKey(key.id, now);
  return { tenantId: key.tenantId, subject: `apikey:${key.id}`, roles: [Role.INTEGRATOR], scopeOrgUnitId: null, scopes: key.scopes };
}
