import { existsSync } from 'node:fs';
import { AppError } from '../core/errors';
import type { PdfRenderer } from '../core/pdf-port';

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

/**
 * The PDF port for the CLI: headless Chromium through playwright-core prints the report's HTML on A4 with its
 * backgrounds, as Electron's printToPDF does in the app. One browser per call: the CLI prints one file per run.
 */
export function chromiumPdfRenderer(env: Record<string, string | undefined>): PdfRenderer {
  return {
    async htmlToPdf(html) {
      const executablePath = chromiumPath(env);
      if (!existsSync(executablePath)) {
        throw new AppError(
          'not-found',
          `Không tìm thấy trình duyệt Chromium tại ${executablePath} để tạo PDF. Cài Chromium (apt-get install chromium) hoặc đặt biến môi trường PTDV_CHROMIUM; có thể xuất DOCX hoặc XLSX thay cho PDF.`,
        );
      }
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
      try {
        const page = await browser.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await browser.close();
      }
    },
  };
}
