import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPdfRenderer } from '../../electron/cli/pdf-chromium';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { freezeReport } from '../../electron/core/services/report-service';
import { pdfText } from '../core/reports/libreoffice';
import { testContext } from '../helpers/db';
import { tempDir } from '../helpers/temp';
import { recordCell, recordRoster } from './report-fixtures';

/** The dispatcher as the web host builds it, with Chromium as the PDF port (electron/web/main.ts). */
function webDispatch(withPdf = true) {
  const { ctx } = testContext('2027-01-08');
  recordRoster(ctx, 10);
  recordCell(ctx);
  const session = { context: () => ctx, open: () => ({ db: ctx.db }) } as unknown as Parameters<typeof createHandlers>[0];
  const ports = { choosePath: async () => null, ...(withPdf ? { pdf: chromiumPdfRenderer({ PTDV_CHROMIUM: '/usr/bin/chromium' }) } : {}) };
  return { ctx, dispatch: createDispatcher(createHandlers(session, ports)) };
}

describe('reports:export through the dispatcher the app and the web host share', () => {
  it('prints a PDF through the host’s renderer, and a frozen version with the number and date it was sent with', async () => {
    const { ctx, dispatch } = webDispatch();
    const dir = tempDir();
    const live = await dispatch('reports:export', { period: '2026-Q1', format: 'pdf', path: join(dir, 'q1.pdf'), number: '03-BC/CB', place: 'Hà Nội' });
    expect(live).toMatchObject({ ok: true, value: { path: join(dir, 'q1.pdf') } });
    expect(readFileSync(join(dir, 'q1.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(join(dir, 'q1.pdf'))).toMatch(/Số 03-BC\/CB[\s\S]*Kết nạp \(theo ngày ký quyết định\)\s+1/);
    const sent = freezeReport(ctx, { period: '2026-Q4', number: '05-BC/CB', issuedOn: '2027-01-05' });
    await dispatch('reports:export', { period: '2026-Q4', format: 'pdf', frozenId: sent.id, path: join(dir, 'q4.pdf'), place: 'Hà Nội' });
    const text = pdfText(join(dir, 'q4.pdf'));
    expect(text).toContain('Số 05-BC/CB');
    expect(text).toContain('Hà Nội, ngày 05 tháng 01 năm 2027');
  });

  it('says in Vietnamese that PDF needs a renderer where the host has none', async () => {
    const { dispatch } = webDispatch(false);
    const r = await dispatch('reports:export', { period: '2026-Q1', format: 'pdf', path: join(tempDir(), 'x.pdf') });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('Chưa có trình tạo PDF') } });
  });
});
