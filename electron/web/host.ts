import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { formatBytes } from '../core/model/format';
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

function failure(kind: string, message: string): string {
  return JSON.stringify({ ok: false, error: { kind, message } });
}

const INVALID = failure('validation', 'Yêu cầu không hợp lệ.');
const TOO_LARGE = failure('validation', `Yêu cầu quá lớn (tối đa ${formatBytes(MAX_BODY)}); hãy chia nhỏ dữ liệu rồi thử lại.`);
const UNEXPECTED = failure('internal', 'Đã xảy ra lỗi không mong đợi; dữ liệu không bị thay đổi. Hãy thử lại hoặc báo cho người hỗ trợ.');

class TooLarge extends Error {}

/** Reads the body up to MAX_BODY; past it, stops keeping the bytes so the caller can answer 413. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // Destroying the request here resets the connection before the client can read an answer; draining the
        // rest (loopback only) lets the 413 and its message reach the user.
        chunks.length = 0;
        reject(new TooLarge());
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A client that hangs up mid-body emits neither 'end' nor always 'error'; without this the request never settles.
    req.on('close', () => reject(new Error('closed')));
  });
}

/**
 * Answers 413 once the client has sent its whole body: closing the connection while it is still writing resets it
 * before it can read the answer and its message (a race a loaded machine loses).
 */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  if (req.complete) {
    send(res, 413, TOO_LARGE);
    return;
  }
  req.once('end', () => send(res, 413, TOO_LARGE));
  req.resume();
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') {
    return false;
  }
  // Compared as bytes: a non-ASCII header has more bytes than characters, which timingSafeEqual refuses by throwing.
  const a = Buffer.from(given, 'latin1');
  const b = Buffer.from(token, 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A percent-decoded path, or null when the encoding is malformed (e.g. `%E0`). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function serveStatic(staticDir: string, urlPath: string, res: ServerResponse): void {
  const decoded = decodePath(urlPath.split('?')[0] ?? '/');
  if (decoded === null || decoded.includes('\0')) {
    return send(res, 400, INVALID);
  }
  const clean = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(staticDir, clean);
  const inside = file === staticDir || file.startsWith(staticDir + sep);
  const target = inside && existsSync(file) && statSync(file).isFile() ? file : join(staticDir, 'index.html');
  send(res, 200, readFileSync(target), TYPES[extname(target)] ?? 'application/octet-stream');
}

async function handle(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch, staticDir: string, origin: string, token: string): Promise<void> {
  if (req.headers.host !== origin) {
    return send(res, 421, JSON.stringify({ error: 'wrong host' }));
  }
  const path = req.url ?? '/';
  if (!path.startsWith('/api/')) {
    return req.method === 'GET' ? serveStatic(staticDir, path, res) : send(res, 405, '{}');
  }
  // A page of another site that slipped past CORS still says where it comes from.
  const crossSite = req.headers.origin !== undefined && req.headers.origin !== `http://${origin}`;
  if (req.method !== 'POST' || crossSite || !tokenMatches(req.headers['x-ptdv-token'], token)) {
    return send(res, 403, failure('forbidden', 'Phiên làm việc không hợp lệ; hãy mở lại ứng dụng.'));
  }
  const channel = decodePath(path.slice('/api/'.length));
  if (channel === null) {
    return send(res, 400, INVALID);
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
    return tooLarge(req, res);
  }
  let raw: unknown;
  try {
    raw = JSON.parse((await readBody(req)) || '{}');
  } catch (err) {
    if (err instanceof TooLarge) {
      return tooLarge(req, res);
    }
    return send(res, 400, INVALID);
  }
  const result = await dispatch(channel, raw);
  // An unexpected failure is a server error; the body still carries the Vietnamese envelope the renderer shows.
  send(res, result.ok || result.error.kind !== 'internal' ? 200 : 500, JSON.stringify(result));
}

/** Starts the host on 127.0.0.1 (port 0 = any free port). */
export async function startWebHost(options: { dispatch: Dispatch; staticDir: string; port?: number }): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  const server = createServer((req, res) => {
    handle(req, res, options.dispatch, options.staticDir, origin, token).catch((err: unknown) => {
      // One failed request must never take the host (and the user's open work) down with it.
      console.error(err);
      if (res.headersSent) {
        res.destroy();
      } else {
        send(res, 500, UNEXPECTED);
      }
    });
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
