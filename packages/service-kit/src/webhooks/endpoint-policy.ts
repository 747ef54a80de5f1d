import { createHmac, timingSafeEqual } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { DomainError } from '@chibo/domain';

/** How webhooks may leave the platform. Production keeps the defaults. */
export interface WebhookSettings {
  /** PEM of one more CA to trust for endpoints (tests, a private PKI): for webhooks only, never global. */
  trustedCa?: string;
  /** Development only: plain-HTTP endpoints. */
  allowHttp?: boolean;
  /** Development only: host names that may resolve to private or loopback addresses. */
  allowPrivateHosts?: string[];
  /** First retry after this long, doubling each attempt (default 30 s, capped at 6 h). */
  backoffBaseMs?: number;
  /** Give up after this many attempts (default 12, about a day and a half). */
  maxAttempts?: number;
  pollIntervalMs?: number;
  timeoutMs?: number;
}

export function webhookSettingsFromEnv(env = process.env): WebhookSettings {
  return {
    trustedCa: env.CHIBO_WEBHOOK_CA_FILE ? readFileSync(env.CHIBO_WEBHOOK_CA_FILE, 'utf8') : undefined,
    allowHttp: env.CHIBO_WEBHOOK_ALLOW_HTTP === '1',
    allowPrivateHosts: env.CHIBO_WEBHOOK_ALLOW_PRIVATE_HOSTS?.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
  };
}

/*
 * Addresses a webhook must never reach: the platform's own network, the cloud metadata
 * service, loopback (SSRF). Checked when the endpoint is registered and again on every
 * connection, so a name that later resolves inward (DNS rebinding) is refused too.
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (!family) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const refused = (en: string, vi: string) => new DomainError('BAD_USER_INPUT', { vi, en }, { field: 'url' });

const lookupAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** A URL a webhook may be sent to, or BAD_USER_INPUT saying why not. */
export async function checkEndpointUrl(text: string, s: WebhookSettings): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused('Not a URL', 'Địa chỉ không hợp lệ');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && s.allowHttp)) throw refused('Webhook endpoints must use HTTPS', 'Địa chỉ nhận webhook phải dùng HTTPS');
  if (url.username || url.password) throw refused('No credentials in the URL', 'Không đặt thông tin đăng nhập trong địa chỉ');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (s.allowPrivateHosts?.includes(host)) return url;
  const addresses = isIP(host) ? [host] : await lookupAll(host).then((a) => a.map((x) => x.address), () => null);
  if (!addresses?.length) throw refused('The host does not resolve', 'Không phân giải được tên máy chủ');
  if (addresses.some(isPrivateAddress)) throw refused('Webhook endpoints must be on the public internet', 'Địa chỉ nhận webhook phải là địa chỉ công khai');
  return url;
}

/**
 * A `lookup` for the HTTP client that refuses private addresses at connection time (the
 * registration-time check alone would let a name be re-pointed inward later).
 */
export function guardedLookup(s: WebhookSettings) {
  return (hostname: string, options: { all?: boolean } | number, callback: (...args: any[]) => void) => {
    const allowed = s.allowPrivateHosts?.includes(hostname.toLowerCase());
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err);
      const ok = allowed ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (!ok.length) return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }));
      if (typeof options === 'object' && options.all) return callback(null, ok);
      callback(null, ok[0].address, ok[0].family);
    });
  };
}

/*
 * The signature receivers check: HMAC-SHA256 with the endpoint's secret over
 * `<timestamp>.<body>`, hex, sent as `Chibo-Signature: v1=<hex>` next to `Chibo-Timestamp`
 * (Unix seconds). Receivers should also refuse timestamps older than five minutes.
 */
/** The purpose under which endpoints' secrets are sealed at rest (see sealSecret). */
export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret-v1';

export const WEBHOOK_HEADERS = { id: 'chibo-webhook-id', timestamp: 'chibo-timestamp', signature: 'chibo-signature', event: 'chibo-event' } as const;

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string, toleranceSeconds = 300, now = Date.now()): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
