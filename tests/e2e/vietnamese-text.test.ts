import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// Every screen a secretary opens, at a cell and at a committee over units, read as a user reads it: no English words,
// no file-format names, no error codes or programmer values in the visible text. Paths and codes shown in small print
// (<code>, and a finding's code in <small> after its Vietnamese name) are left out on purpose: they are there to be
// copied or quoted to a helper, not read.
const PASSPHRASE = 'mat khau tieng viet 2026';
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));

/** Words and patterns a Vietnamese screen must not show; each with why. */
const FORBIDDEN: [RegExp, string][] = [
  [/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/, 'mã lỗi của chương trình'],
  [/\b(?:JSON|XLSX|DOCX|CSV|SQL|SQLite|HTML)\b/i, 'tên định dạng tệp'],
  [/\b(?:trust|error|errors|warning|undefined|null|NaN|true|false|bundle|backup|restore|import|export|sync|key|keys|fingerprint|manifest|passphrase|invalid|failed|loading|submit|cancel|save|delete|unknown)\b/i, 'từ tiếng Anh'],
  [/\[object Object\]/, 'giá trị chưa định dạng'],
];

let cellDir: string;
let superiorDir: string;
let cell: Host;
let superior: Host;
let browser: Browser;
let page: Page;

/** The text a user sees on the page, shadow roots (the report page) included, <code> and hidden parts left out. */
function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walk = (root: Node) => {
      for (const child of Array.from(root.childNodes)) {
        if (child.nodeType === Node.TEXT_NODE) {
          const text = child.textContent?.trim();
          if (text) {
            texts.push(text);
          }
        } else if (child instanceof Element) {
          const smallPrintCode = child.tagName === 'SMALL' && /code/.test(child.className);
          if (child.tagName === 'CODE' || smallPrintCode || child.tagName === 'SCRIPT' || child.tagName === 'STYLE' || !child.checkVisibility()) {
            continue;
          }
          if (child.shadowRoot) {
            walk(child.shadowRoot);
          }
          walk(child);
        }
      }
      // Placeholders, button labels read aloud and titles a user meets too.
      if (root instanceof Element) {
        for (const attribute of ['placeholder', 'title', 'aria-label']) {
          const value = root.getAttribute(attribute);
          if (value) {
            texts.push(value);
          }
        }
      }
    };
    walk(document.body);
    return texts;
  });
}

/** Waits for the screen to finish loading: its title is shown and no call is still running. */
async function settle(page: Page): Promise<void> {
  await page.locator('main h1, h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.getByText('Đang tải', { exact: false }).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
}

/** Every forbidden word found on the screen, with the text it was in. */
async function offences(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const text of await visibleText(page)) {
    for (const [pattern, why] of FORBIDDEN) {
      const match = pattern.exec(text);
      if (match) {
        found.push(`${why}: "${match[0]}" trong "${text.slice(0, 120)}"`);
      }
    }
  }
  return found;
}

/** The screens of the navigation, then the detail screens reached from them. */
async function walk(host: Host, name: string, extra: string[]): Promise<Record<string, string[]>> {
  await page.goto(`${host.origin}/#/`);
  await settle(page);
  const nav = await page.getByRole('navigation').locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const routes = [...new Set([...nav.map((h) => h.replace(/^#/, '')), ...extra])];
  expect(routes.length).toBeGreaterThan(8);
  const report: Record<string, string[]> = {};
  for (const route of routes) {
    await page.goto(`${host.origin}/#${route}`);
    await settle(page);
    const found = await offences(page);
    const slug = route.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, 'nguoi').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
    await screenshot(page, `vietnamese-${name}-${slug}`);
    if (found.length > 0) {
      report[route] = found;
    }
  }
  return report;
}

beforeAll(async () => {
  cellDir = makeTempDir('ptdv-e2e-vi-cb-');
  superiorDir = makeTempDir('ptdv-e2e-vi-duk-');
  const env = { PTDV_PASSPHRASE: PASSPHRASE };
  for (const argv of [
    ['init', '--db', join(cellDir, 'ptdv.db'), '--code', 'CB014', '--name', 'Chi bộ Phòng Kỹ thuật', '--level', 'chi-bo', '--parent', 'DUK01'],
    ['demo', '--db', join(cellDir, 'ptdv.db'), '--candidates', '12'],
    ['demo', '--db', join(superiorDir, 'ptdv.db'), '--candidates', '40', '--units', '3'],
  ]) {
    const made = await runCli(argv, env);
    if (made.code !== 0) {
      throw new Error(`ptdv ${argv.join(' ')} failed: ${made.stderr}`);
    }
  }
  [cell, superior] = await Promise.all([startHost(cellDir), startHost(superiorDir)]);
  await api(cell, 'session:unlock', { secret: PASSPHRASE });
  await api(superior, 'session:unlock', { secret: PASSPHRASE });
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(30_000);
  // The first visit of each host hands the tab its token.
  await page.goto(cell.url);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([cell?.stop(), superior?.stop()]);
  for (const dir of [cellDir, superiorDir]) {
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

describe('every screen speaks Vietnamese to the secretary', () => {
  it('at the cell', async () => {
    const { rows } = await api<{ rows: { id: string }[] }>(cell, 'candidates:list', { limit: 1 });
    const found = await walk(cell, 'cell', [`/candidates/${rows[0]!.id}`, '/candidates/new', '/sync/outbox', '/sync/import']);
    expect(found).toEqual({});
  });

  it('at the committee over its units', async () => {
    await page.goto(superior.url);
    const { rows } = await api<{ rows: { id: string }[] }>(superior, 'candidates:list', { unitCode: '*', limit: 1 });
    const found = await walk(superior, 'superior', [`/candidates/${rows[0]!.id}`, '/units/CB001', `/dashboard/units/CB001/${YEAR}`, '/sync/keys', '/sync/outbox', '/sync/import']);
    expect(found).toEqual({});
  });
});
