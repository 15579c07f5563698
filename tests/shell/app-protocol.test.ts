import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP, resolveAppPath, serveAppRequest } from '../../electron/main/app-protocol';
import { tempDir } from '../helpers/temp';

function site() {
  const root = join(tempDir(), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ptdv</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, '..', 'secret.txt'), 'bí mật');
  return root;
}

describe('resolveAppPath', () => {
  const root = '/srv/renderer';

  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppPath(root, 'app://ptdv/')).toBe('/srv/renderer/index.html');
    expect(resolveAppPath(root, 'app://ptdv/assets/app.js?v=2#x')).toBe('/srv/renderer/assets/app.js');
    expect(resolveAppPath(root, 'app://ptdv/t%C3%A0i-li%E1%BB%87u.pdf')).toBe('/srv/renderer/tài-liệu.pdf');
  });

  it('keeps dot segments, even percent-encoded ones, from climbing above the folder', () => {
    expect(resolveAppPath(root, 'app://ptdv/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/renderer/etc/passwd');
    expect(resolveAppPath(root, 'app://ptdv/assets/%2E%2E/%2E%2E/secret.txt')).toBe('/srv/renderer/secret.txt');
  });

  it.each([
    'app://ptdv/..%2fsecret.txt',
    'app://ptdv/..%2f..%2f..%2fetc/passwd',
    'app://ptdv/..%5csecret.txt',
    'app://ptdv/assets%2f..%2f..%2fsecret.txt',
    'app://ptdv/%00index.html',
    'app://ptdv/C:%5cWindows%5cwin.ini',
    'app://ptdv/%E0%A4%A',
    'app://other/index.html',
    'file:///srv/renderer/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('serveAppRequest', () => {
  it('serves built files with the strict CSP', async () => {
    const response = await serveAppRequest(site(), { url: 'app://ptdv/assets/app.js', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with index.html and missing assets with 404', async () => {
    const root = site();
    const route = await serveAppRequest(root, { url: 'app://ptdv/ung-vien/42', method: 'GET' });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>ptdv</title>');
    expect((await serveAppRequest(root, { url: 'app://ptdv/assets/missing.js', method: 'GET' })).status).toBe(404);
  });

  it('never returns a file outside the renderer folder', async () => {
    const response = await serveAppRequest(site(), { url: 'app://ptdv/..%2fsecret.txt', method: 'GET' });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('bí mật');
  });

  it('accepts only reads', async () => {
    expect((await serveAppRequest(site(), { url: 'app://ptdv/', method: 'POST' })).status).toBe(405);
  });

  it('forbids scripts from anywhere but the app and any framing', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
  });
});
