import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Dispatch } from '../ipc/dispatcher';

/**
 * The development and test host: serves the built renderer on 127.0.0.1 and carries contract calls over HTTP to the
 * same dispatcher Electron uses. Loopback only; every call needs the per-run token (sent in a header, so other
 * web pages in the browser cannot call it without a CORS preflight, which is refused), and the Host header must
 * be our own address (no DNS rebinding).
 */

const MAX_BODY = 2 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export type WebHost = { url: string; token: string; close(): Promise<void> };

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'content-security-policy': CSP });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tokenMatches(given: string | undefined, token: string): boolean {
  return given !== undefined && given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function serveStatic(staticDir: string, urlPath: string, res: ServerResponse): void {
  const clean = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/')).replace(/^([/\\])+/, '');
  const file = join(staticDir, clean);
  const inside = file === staticDir || file.startsWith(staticDir + sep);
  const target = inside && existsSync(file) && statSync(file).isFile() ? file : join(staticDir, 'index.html');
  send(res, 200, readFileSync(target), TYPES[extname(target)] ?? 'application/octet-stream');
}

/** Starts the host on 127.0.0.1 (port 0 = any free port). */
export async function startWebHost(options: { dispatch: Dispatch; staticDir: string; port?: number }): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  const server = createServer((req, res) => {
    void (async () => {
      if (req.headers.host !== origin) {
        return send(res, 421, JSON.stringify({ error: 'wrong host' }));
      }
      const path = req.url ?? '/';
      if (!path.startsWith('/api/')) {
        return req.method === 'GET' ? serveStatic(options.staticDir, path, res) : send(res, 405, '{}');
      }
      if (req.method !== 'POST' || !tokenMatches(req.headers['x-ptdv-token'] as string | undefined, token)) {
        return send(res, 403, JSON.stringify({ ok: false, error: { kind: 'forbidden', message: 'Phiên làm việc không hợp lệ; hãy mở lại ứng dụng.' } }));
      }
      let raw: unknown;
      try {
        raw = JSON.parse((await readBody(req)) || '{}');
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { kind: 'validation', message: 'Yêu cầu không hợp lệ.' } }));
      }
      const result = await options.dispatch(decodeURIComponent(path.slice('/api/'.length)), raw);
      send(res, 200, JSON.stringify(result));
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `127.0.0.1:${port}`;
  return {
    url: `http://${origin}/#token=${token}`,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
