import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { Role } from '@chibo/domain';
import { mintToken, type LocalKeys } from './auth/keys';

/** One account of the demo picker: a role, where it sits in the tree, a label in both languages. */
export interface DemoAccount {
  id: string;
  role: Role;
  tenantId: string;
  scopeOrgUnitId: string | null;
  label: { vi: string; en: string };
}

/**
 * The embedded default only: the gateway signs its own tokens, so it can hand out demo logins
 * (the dashboard's account picker) and pre-fill GraphiQL. Never built when an identity
 * provider is configured (`CHIBO_JWT_JWKS_URL`).
 */
export interface DemoMode {
  accounts(): DemoAccount[];
  mint(account: DemoAccount): Promise<string>;
}

/** What the gateway serves besides GraphQL: the built dashboard (`packages/dashboard/dist`). */
export interface WebOptions {
  /** Folder with `index.html`, `graphiql.html` and `assets/` (Vite's output). */
  dir: string;
}

/** The four demo accounts of a tenant (city admin, a ward's staff, a cell's secretary, the ward's inspector), signed with the local key. */
export function localDemo(keys: LocalKeys, tenant: { tenantId: string; wardId: string; cellId: string }): DemoMode {
  const accounts: DemoAccount[] = [
    { id: 'city-admin', role: Role.CITY_ADMIN, scopeOrgUnitId: null, label: { vi: 'Quản trị Thành ủy', en: 'City administrator' } },
    { id: 'ward-staff', role: Role.COMMITTEE_STAFF, scopeOrgUnitId: tenant.wardId, label: { vi: 'Cán bộ Đảng ủy phường', en: 'Ward committee staff' } },
    { id: 'cell-secretary', role: Role.CELL_SECRETARY, scopeOrgUnitId: tenant.cellId, label: { vi: 'Bí thư chi bộ', en: 'Cell secretary' } },
    // An inspector sees the subtree of their commission (D: confidential): unscoped, they would see nothing.
    { id: 'inspector', role: Role.INSPECTOR, scopeOrgUnitId: tenant.wardId, label: { vi: 'Cán bộ Ủy ban Kiểm tra Đảng ủy phường', en: 'Ward inspection commission' } },
  ].map((a) => ({ ...a, tenantId: tenant.tenantId }));
  return {
    accounts: () => accounts,
    mint: (a) =>
      mintToken(keys, { tenantId: a.tenantId, roles: [a.role], subject: `demo-${a.id}`, scopeOrgUnitId: a.scopeOrgUnitId }, { expiresIn: '12h' }),
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Everything comes from this server: no CDN, no inline script, no framing by other sites. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function readBody(req: IncomingMessage, limit = 4096): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export type WebAnswer = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

/**
 * The routes a browser needs: `/` (the dashboard), `/graphiql`, `/assets/*`, and in demo mode
 * `/demo/accounts` and `/demo/login`. Answers `false` for anything else (the caller's 404).
 */
export function webRoutes(o: {
  web?: WebOptions;
  demo?: DemoMode;
  /** Off in production: introspection is disabled there, so GraphiQL could not work anyway. */
  graphiql: boolean;
  send: (res: ServerResponse, status: number, body: unknown) => void;
  badRequest: (res: ServerResponse) => void;
}): WebAnswer {
  const dir = o.web ? resolve(o.web.dir) : undefined;

  const page = async (res: ServerResponse, file: string, meta: Record<string, string>) => {
    const html = readFileSync(join(dir!, file), 'utf8').replace(
      '<!--chibo:meta-->',
      Object.entries(meta)
        .map(([name, content]) => `<meta name="${escapeAttr(name)}" content="${escapeAttr(content)}">`)
        .join(''),
    );
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', ...SECURITY_HEADERS });
    res.end(html);
  };

  const asset = (res: ServerResponse, path: string): boolean => {
    const file = resolve(dir!, '.' + decodeURIComponent(path));
    if (!file.startsWith(join(dir!, 'assets') + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      // Vite names assets by their content hash: a changed file is a new name.
      'cache-control': 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    });
    res.end(body);
    return true;
  };

  const fail = (res: ServerResponse, err: unknown) => {
    if (!res.headersSent) o.send(res, 500, { errors: [{ message: 'Lỗi máy chủ / Internal error', extensions: { code: 'INTERNAL' } }] });
    void err;
  };

  return (req, res, path) => {
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    if (o.demo && path === '/demo/accounts' && isRead) {
      o.send(res, 200, { accounts: o.demo.accounts() });
      return true;
    }
    if (o.demo && path === '/demo/login' && req.method === 'POST') {
      const demo = o.demo;
      void readBody(req)
        .then(async (text) => {
          let id: unknown;
          try {
            id = (JSON.parse(text) as { account?: unknown }).account;
          } catch {
            id = undefined;
          }
          const account = demo.accounts().find((a) => a.id === id);
          if (!account) return o.badRequest(res);
          o.send(res, 200, { token: await demo.mint(account), account });
        })
        .catch((err) => fail(res, err));
      return true;
    }
    if (!dir || !isRead) return false;
    try {
      if (path === '/' || path === '/index.html') {
        if (!existsSync(join(dir, 'index.html'))) return false;
        void page(res, 'index.html', o.demo ? { 'chibo-demo': '1' } : {}).catch((err) => fail(res, err));
        return true;
      }
      if (path === '/graphiql' && o.graphiql) {
        if (!existsSync(join(dir, 'graphiql.html'))) return false;
        const admin = o.demo?.accounts().find((a) => a.role === Role.CITY_ADMIN);
        void (admin ? o.demo!.mint(admin) : Promise.resolve(null))
          .then((token) => page(res, 'graphiql.html', token ? { 'chibo-token': token } : {}))
          .catch((err) => fail(res, err));
        return true;
      }
      if (path.startsWith('/assets/')) return asset(res, path);
    } catch {
      return false;
    }
    return false;
  };
}
