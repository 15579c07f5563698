/**
 * Turns one self-contained HTML page (inline CSS, no external resources) into PDF bytes, A4 with the page's own
 * @page rules and backgrounds printed. Electron's webContents.printToPDF implements it in the app; Chromium's
 * page.pdf through playwright-core in the CLI and tests. Core only sees this port.
 */
export type PdfRenderer = { htmlToPdf(html: string): Promise<Buffer> };
