import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Browser tests drive Debian's Chromium through the web host (`npm run web`), against a real encrypted database. */

export const REPO = resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(REPO, 'test-output/screenshots');
const HOST_START_TIMEOUT_MS = 30_000;

/** Fails loudly: a browser test that silently skips would hide a broken UI. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install chromium). It is missing, so the UI cannot be tested.`,
    );
  }
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export type Host = { url: string; token: string; origin: string; stop(): Promise<void> };

/** Starts `electron/web/main.ts` on a data folder and resolves once it prints its PTDV_WEB_URL line. */
export function startHost(dataDir: string, env: Record<string, string> = {}): Promise<Host> {
  const child = spawn(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'electron/web/main.ts', '--data', dataDir], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web host did not print PTDV_WEB_URL within ${HOST_START_TIMEOUT_MS} ms:\n${output}`));
    }, HOST_START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /PTDV_WEB_URL=(\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const url = match[1];
        const token = /#token=(.+)$/.exec(url)?.[1] ?? '';
        resolvePromise({ url, token, origin: new URL(url).origin, stop: () => stopChild(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited early (code ${code}):\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((done) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export type Browser = { context: BrowserContext; page: Page; close(): Promise<void> };

/** A headless Chromium with a fresh profile, sized like a laptop screen. */
export async function launchBrowser(): Promise<Browser> {
  requireChromium();
  const profile = makeTempDir('ptdv-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 860 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test-output/screenshots for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A full-page capture of a scrolled page draws the sticky header in the wrong place.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Calls a contract channel over HTTP the way the renderer does (for seeding data quickly). */
export async function api<T>(host: Host, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ptdv-token': host.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) {
    throw new Error(`${channel} failed: ${result.error.message}`);
  }
  return result.value;
}
