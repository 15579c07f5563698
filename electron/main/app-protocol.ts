import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './trusted-url';

/**
 * The renderer is served from `app://ptdv/` rather than file://, so it gets a real origin (CSP 'self' means only
 * the built files), no access to the rest of the disk, and URLs that the trusted-origin check can pin exactly.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

// Same policy as the web host, so the browser tests see the CSP the desktop app runs under. Inline styles stay
// allowed because the charts and virtual lists set them; scripts come only from the app's own files.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/**
 * Maps an `app://ptdv/…` URL to a file under `rootDir`, or null when the request must be refused: another host,
 * an encoded `..`, slash, backslash or NUL, or anything that would land outside the folder.
 */
export function resolveAppPath(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST) {
    return null;
  }
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/').filter(Boolean)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) {
      return null;
    }
    segments.push(segment);
  }
  const root = resolve(rootDir);
  const file = resolve(root, ...(segments.length > 0 ? segments : ['index.html']));
  const rel = relative(root, file);
  const outside = rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  return outside ? null : file;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function respond(status: number, body: Uint8Array<ArrayBuffer> | string | null, type = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}

/**
 * The protocol handler: built renderer files with the CSP header. A path without an extension that is not a file
 * is a client-side route and gets index.html; a missing asset is a 404, a refused path a 403.
 */
export async function serveAppRequest(rootDir: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return respond(405, null);
  }
  const file = resolveAppPath(rootDir, request.url);
  if (file === null) {
    return respond(403, 'forbidden');
  }
  const isRoute = extname(file) === '' && !(await isFile(file));
  const target = isRoute ? join(resolve(rootDir), 'index.html') : file;
  if (!(await isFile(target))) {
    return respond(404, 'not found');
  }
  const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(target));
  return respond(200, body, TYPES[extname(target)] ?? 'application/octet-stream');
}
