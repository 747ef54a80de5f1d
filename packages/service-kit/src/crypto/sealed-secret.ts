import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { localSecrets } from '../config';

/**
 * Secrets the platform must use again later (a webhook's signing secret), encrypted at rest
 * with AES-256-GCM. The key is derived from `CHIBO_DATA_KEY` (32 bytes, hex or base64) in
 * production, else from the local internal secret — per purpose, so one leaked key opens one
 * kind of secret. The owning record's id is the associated data: a value copied onto another
 * row does not open.
 */
const VERSION = 's1';
const keys = new Map<string, Buffer>();

function keyFor(purpose: string): Buffer {
  const known = keys.get(purpose);
  if (known) return known;
  const fromEnv = process.env.CHIBO_DATA_KEY;
  let base: Buffer;
  if (fromEnv) {
    base = /^[0-9a-f]{64}$/i.test(fromEnv) ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64');
    if (base.length !== 32) throw new Error('CHIBO_DATA_KEY must be 32 bytes (64 hex digits or base64)');
  } else {
    base = Buffer.from(localSecrets().internalSecret);
  }
  const key = Buffer.from(hkdfSync('sha256', base, 'chibo-sealed-secret', purpose, 32));
  keys.set(purpose, key);
  return key;
}

export function sealSecret(purpose: string, plain: string, recordId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(recordId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
}

export function openSecret(purpose: string, sealed: string, recordId: string): string {
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || !body) throw new Error('unknown sealed secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(recordId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
