import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { Role } from '@chibo/domain';

/** Who signs tokens on the embedded default, and who must be named as audience. */
export const LOCAL_ISSUER = 'chibo-local';
export const DEFAULT_AUDIENCE = 'chibo';
const ALG = 'ES256';
const PRIVATE_FILE = 'jwt-signing-key.private.jwk.json';
const PUBLIC_FILE = 'jwt-signing-key.public.jwk.json';

export interface LocalKeys {
  privateKey: CryptoKey;
  kid: string;
  /** What `/.well-known/jwks.json` serves, so other tools verify local tokens the standard way. */
  publicJwks: JSONWebKeySet;
}

export interface TokenClaims {
  tenantId: string | null;
  roles: Role[];
  subject?: string;
  scopeOrgUnitId?: string | null;
  memberId?: string | null;
  /** Integrator scopes such as `membership:read`; `discipline:read` only when granted. */
  scopes?: string[];
}

function publicPart(jwk: JWK): JWK {
  const { d: _d, ...pub } = jwk;
  return pub;
}

/**
 * The embedded default has no identity provider, so the gateway signs its own tokens. The key
 * is made once and kept on disk so tokens survive restarts; the private half is 0600 and is
 * written with `wx` so two processes starting together cannot end up with different keys.
 */
export async function loadOrCreateLocalKeys(dir: string): Promise<LocalKeys> {
  const privateFile = join(dir, PRIVATE_FILE);
  if (!existsSync(privateFile)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk);
    try {
      writeFileSync(privateFile, JSON.stringify({ ...jwk, kid, alg: ALG, use: 'sig' }, null, 2), { mode: 0o600, flag: 'wx' });
      writeFileSync(join(dir, PUBLIC_FILE), JSON.stringify({ ...publicPart(jwk), kid, alg: ALG, use: 'sig' }, null, 2), { mode: 0o644 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  // Always read back from disk: the file that won the race is the key everyone uses.
  const jwk = JSON.parse(readFileSync(privateFile, 'utf8')) as JWK;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk));
  const privateKey = (await importJWK({ ...jwk, alg: ALG }, ALG)) as CryptoKey;
  return { privateKey, kid, publicJwks: { keys: [{ ...publicPart(jwk), kid, alg: ALG, use: 'sig' }] } };
}

/** A token for the embedded default (CLI, dashboard login, tests). Short-lived by default. */
export async function mintToken(keys: LocalKeys, claims: TokenClaims, opts: { expiresIn?: string } = {}): Promise<string> {
  return new SignJWT({
    tid: claims.tenantId,
    roles: claims.roles,
    scope: claims.scopeOrgUnitId ?? null,
    mid: claims.memberId ?? null,
    ...(claims.scopes?.length ? { scopes: claims.scopes } : {}),
  })
    .setProtectedHeader({ alg: ALG, kid: keys.kid, typ: 'JWT' })
    .setSubject(claims.subject ?? `local:${claims.roles.join('+') || 'anonymous'}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '1h')
    .sign(keys.privateKey);
}
