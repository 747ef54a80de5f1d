import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { localSecrets } from '@chibo/service-kit';

/**
 * Citizen ids (CCCD, M-3) are encrypted at rest with AES-256-GCM. The key is `CHIBO_DATA_KEY`
 * (32 bytes, base64 or hex) in production; on the embedded default it is derived with HKDF
 * from the platform's internal secret, so a restart can still read what was written.
 */
const VERSION = 'v1';
let cachedKey: Buffer | null = null;

function dataKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.CHIBO_DATA_KEY;
  if (fromEnv) {
    const key = /^[0-9a-f]{64}$/i.test(fromEnv) ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('CHIBO_DATA_KEY must be 32 bytes (64 hex digits or base64)');
    cachedKey = key;
  } else {
    cachedKey = Buffer.from(hkdfSync('sha256', localSecrets().internalSecret, 'chibo-membership', 'citizen-id-v1', 32));
  }
  return cachedKey;
}

/** The member id is bound as associated data: a ciphertext copied onto another row will not open. */
export function encryptCitizenId(plain: string, memberId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey(), iv);
  cipher.setAAD(Buffer.from(memberId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
}

export function decryptCitizenId(stored: string, memberId: string): string {
  const [version, iv, tag, body] = stored.split(':');
  if (version !== VERSION || !iv || !tag || !body) throw new Error('unknown citizen id cipher format');
  const decipher = createDecipheriv('aes-256-gcm', dataKey(), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(memberId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
