import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Page images land here for people to look at; the folder is git-ignored by lint config and not asserted on. */
export const OUTPUT_DIR = join(process.cwd(), 'test-output', 'reports');

/**
 * Converts office files to PDF with LibreOffice in one run. A private profile keeps parallel runs (other test
 * files, other developers' soffice) from locking each other. Missing soffice throws: CI installs it.
 */
export function toPdf(files: string[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'ptdv-lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  return files.map((f) => join(outDir, basename(f).replace(/\.[^.]+$/, '.pdf')));
}

/** The text of a PDF, layout kept so table rows stay on one line. */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}

/** The lines of one page of a PDF (1-based), blank lines dropped, each trimmed: its top line first. */
export function pdfPageLines(pdf: string, page: number): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** How many pages a PDF has (pdfinfo, from poppler-utils like pdftotext). */
export function pdfPageCount(pdf: string): number {
  const pages = /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }));
  if (!pages) {
    throw new Error(`pdfinfo gave no page count for ${pdf}`);
  }
  return Number(pages[1]);
}

/** Renders the first pages of a PDF to PNG under test-output/reports/ for a human to look at. */
export function renderPages(pdf: string, name: string, lastPage = 2): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', String(lastPage), pdf, join(OUTPUT_DIR, name)]);
}
