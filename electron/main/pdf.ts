import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import type { PdfRenderer } from '../core/pdf-port';

/**
 * The desktop app's PDF port: the report page is printed by Chromium inside Electron, the same engine that shows it
 * in the app. The page is loaded from a temporary file rather than a data: URL, which Chromium caps at 2 MB (a
 * committee's year report with its appendix can be larger), in a hidden, sandboxed window with JavaScript off:
 * the page is static and needs none. The app keeps that window after its first export (a renderer process kept
 * warm, so later exports skip starting one); exports through it take turns.
 */
export function electronPdfRenderer(): PdfRenderer & { close(): void } {
  let window: BrowserWindow | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const printWindow = () => {
    if (!window || window.isDestroyed()) {
      window = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
      });
    }
    return window;
  };
  const print = async (html: string) => {
    // `ptdv --cli` starts its command before Electron is ready; a window can only open after.
    await app.whenReady();
    const dir = mkdtempSync(join(tmpdir(), 'ptdv-pdf-'));
    const file = join(dir, 'bao-cao.html');
    writeFileSync(file, html, 'utf8');
    try {
      const win = printWindow();
      await win.loadFile(file);
      return await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, pageSize: 'A4' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    htmlToPdf(html) {
      const next = queue.then(() => print(html));
      queue = next.catch(() => undefined);
      return next;
    },
    // The hidden window would otherwise keep the app from quitting when the user closes the main window.
    close() {
      if (window && !window.isDestroyed()) {
        window.destroy();
      }
      window = null;
    },
  };
}
