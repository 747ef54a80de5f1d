import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError, isRole, type Principal } from '@chibo/domain';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKeys, type LocalKeys } from './keys';

export type AuthConfig =
  | { kind: 'local'; keys: LocalKeys }
  | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string };

export type Authenticate = (bearerToken: string | null | undefined) => Promise<Principal>;

/**
 * Production points the gateway at the identity provider's JWKS (`CHIBO_JWT_JWKS_URL`); the
 * embedded default signs its own tokens with a key under `keysDir`. Issuer is required with a
 * JWKS: a shared provider signs tokens for other apps too, and those must not get in.
 */
export async function authConfigFromEnv(keysDir: string, env: NodeJS.ProcessEnv = process.env): Promise<AuthConfig> {
  const jwksUrl = env.CHIBO_JWT_JWKS_URL;
  if (!jwksUrl) return { kind: 'local', keys: await loadOrCreateLocalKeys(keysDir) };
  if (!env.CHIBO_JWT_ISSUER) throw new Error('CHIBO_JWT_ISSUER must be set when CHIBO_JWT_JWKS_URL is');
  return { kind: 'jwks', jwksUrl, issuer: env.CHIBO_JWT_ISSUER, audience: env.CHIBO_JWT_AUDIENCE ?? DEFAULT_AUDIENCE };
}

const nullableString = (v: unknown): v is string | null | undefined => v == null || typeof v === 'string';

/** Claims → principal, refusing anything odd: a token we cannot read fully grants nothing. */
function toPrincipal(p: JWTPayload): Principal {
  const { sub, tid, roles, scope, mid, scopes } = p as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || !sub) throw new DomainError('UNAUTHENTICATED');
  if (!Array.isArray(roles) || !roles.every(isRole)) throw new DomainError('UNAUTHENTICATED');
  if (!nullableString(tid) || !nullableString(scope) || !nullableString(mid)) throw new DomainError('UNAUTHENTICATED');
  const principal: Principal = { tenantId: tid ?? null, subject: sub, roles, scopeOrgUnitId: scope ?? null, memberId: mid ?? null };
  if (Array.isArray(scopes) && scopes.every((s) => typeof s === 'string')) principal.scopes = scopes;
  return principal;
}

/** Accepts the raw token or the whole `Authorization` header value. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  if (m) return m[1];
  return /\s/.test(header.trim()) ? null : header.trim();
}

const MAX_VERIFIED_TOKENS = 10_000;
const VERIFIED_TOKEN_MS = 60_000;

export function createAuthenticator(config: AuthConfig): Authenticate {
  const keySet: JWTVerifyGetKey =
    config.kind === 'local' ? createLocalJWKSet(config.keys.publicJwks) : createRemoteJWKSet(new URL(config.jwksUrl));
  const issuer = config.kind === 'local' ? LOCAL_ISSUER : config.issuer;
  const audience = config.kind === 'local' ? DEFAULT_AUDIENCE : config.audience;
  // Tokens already verified, until they expire (and a minute at most, so a key withdrawn from the
  // JWKS stops working soon): a dashboard sends many requests with one token, and each check is
  // an ECDSA signature verification. Keyed by the whole token; bounded, cleared whole when full.
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (header) => {
    const token = bearerToken(header);
    if (!token) throw new DomainError('UNAUTHENTICATED');
    const now = Date.now();
    const hit = verified.get(token);
    if (hit && hit.until > now) return { ...hit.principal, roles: [...hit.principal.roles], ...(hit.principal.scopes ? { scopes: [...hit.principal.scopes] } : {}) };
    try {
      const { payload } = await jwtVerify(token, keySet, { issuer, audience, clockTolerance: 5 });
      const principal = toPrincipal(payload);
      if (typeof payload.exp === 'number') {
        if (verified.size >= MAX_VERIFIED_TOKENS) verified.clear();
        verified.set(token, { principal: { ...principal, roles: [...principal.roles] }, until: Math.min(payload.exp * 1000, now + VERIFIED_TOKEN_MS) });
      }
      return principal;
    } catch (err) {
      if (err instanceof DomainError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new DomainError('TOKEN_EXPIRED');
      // An unreachable JWKS is our outage, not the caller's bad token: it surfaces as INTERNAL.
      if (err instanceof joseErrors.JWKSTimeout) throw err;
      if (err instanceof joseErrors.JOSEError) throw new DomainError('UNAUTHENTICATED');
      throw err;
    }
  };
}
