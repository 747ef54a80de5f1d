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

export async function verifyIdentity(token: unknown, secret: string): Promise<Principal> {
  if (typeof token !== 'string' || !token) throw new DomainError('INVALID_SIGNATURE');
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, issuer: ISSUER, algorithms: ['HS256'] });
    const p = payload.p as Principal | undefined;
    if (!p || typeof p.subject !== 'string' || !Array.isArray(p.roles) || !p.roles.every(isRole)) {
      throw new DomainError('INVALID_SIGNATURE');
    }
    return p;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (err instanceof joseErrors.JOSEError) throw new DomainError('INVALID_SIGNATURE');
    throw err;
  }
}
