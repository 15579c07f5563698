import { existsSync } from 'node:fs';
import { AppError } from '../core/errors';
import type { PdfRenderer } from '../core/pdf-port';
import type { Browser } from 'playwright-core';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Offline and quiet: no sandbox helper (containers), no GPU, no network chatter or update checks. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium is: PTDV_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(env: Record<string, string | undefined>): string {
  return env.PTDV_CHROMIUM || DEFAULT_CHROMIUM;
}

function requireChromium(executablePath: string): void {
  if (!existsSync(executablePath)) {
    throw new AppError(
      'not-found',
      `Không tìm thấy trình duyệt Chromium tại ${executablePath} để tạo PDF. Cài Chromium (apt-get install chromium) hoặc đặt biến môi trường PTDV_CHROMIUM; có thể xuất tệp Word hoặc Excel thay cho PDF.`,
    );
  }
}

async function printPage(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await page.close();
  }
}

export type WarmPdfRenderer = PdfRenderer & { close(): Promise<void> };

/**
 * The PDF port through headless Chromium (playwright-core): the report's HTML on A4 with its backgrounds, as
 * Electron's printToPDF does in the app. The CLI prints one file per run, so it starts a browser per call
 * (`warm: false`). A long-running host (the web host) keeps one browser open after the first export: starting
 * Chromium is most of a cold export's time, and a page in a running browser prints a report well under 2 s.
 */
export function chromiumPdfRenderer(env: Record<string, string | undefined>, options: { warm?: boolean } = {}): WarmPdfRenderer {
  let running: Promise<Browser> | null = null;
  const launch = async () => {
    const executablePath = chromiumPath(env);
    requireChromium(executablePath);
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath, headless: true, args: FLAGS });
  };
  const warmBrowser = () => {
    if (!running) {
      const started = launch().then((browser) => {
        // A browser that crashed or was killed is started again on the next export.
        browser.on('disconnected', () => {
          if (running === started) {
            running = null;
          }
        });
        return browser;
      });
      running = started;
      started.catch(() => {
        if (running === started) {
          running = null;
        }
      });
    }
    return running;
  };
  return {
    async htmlToPdf(html) {
      if (options.warm) {
        return printPage(await warmBrowser(), html);
      }
      const browser = await launch();
      try {
        return await printPage(browser, html);
      } finally {
        await browser.close();
      }
    },
    async close() {
      const browser = running;
      running = null;
      await (await browser?.catch(() => null))?.close();
    },
  };
}
