import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DomainError, isRole, type Principal } from '@chibo/domain';

/**
 * The identity the gateway forwards to the subgraphs: the principal it authenticated, signed
 * with the platform's internal secret and valid for a minute. A subgraph believes no other.
 */
const AUDIENCE = 'chibo-subgraph';
const ISSUER = 'chibo-gateway';
export const IDENTITY_HEADER = 'x-chibo-identity';

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signIdentity(principal: Principal, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ p: principal })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

/**
 * Identities already verified, per secret, until they expire: the gateway reuses one signature
 * per caller for 30 s, so a subgraph would otherwise check the same HMAC (through WebCrypto's
 * promises) on every call. Keyed by the whole token, so only the very same signed bytes match;
 * bounded, and cleared whole when full.
 */
const verified = new Map<string, Map<string, { principal: Principal; until: number }>>();
const MAX_VERIFIED = 10_000;

const copyOf = (p: Principal): Principal => ({ ...p, roles: [...p.roles], ...(p.scopes ? { scopes: [...p.scopes] } : {}) });

export async function verifyIdentity(token: unknown, secret: string): Promise<Principal> {
  if (typeof token !== 'string' || !token) throw new DomainError('INVALID_SIGNATURE');
  let known = verified.get(secret);
  const hit = known?.get(token);
  if (hit && hit.until > Date.now()) return copyOf(hit.principal);
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, issuer: ISSUER, algorithms: ['HS256'] });
    const p = payload.p as Principal | undefined;
    if (!p || typeof p.subject !== 'string' || !Array.isArray(p.roles) || !p.roles.every(isRole)) {
      throw new DomainError('INVALID_SIGNATURE');
    }
    if (typeof payload.exp === 'number') {
      if (!known) verified.set(secret, (known = new Map()));
      if (known.size >= MAX_VERIFIED) known.clear();
      known.set(token, { principal: copyOf(p), until: payload.exp * 1000 });
    }
    return p;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (err instanceof joseErrors.JOSEError) throw new DomainError('INVALID_SIGNATURE');
    throw err;
  }
}
