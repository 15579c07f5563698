import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dispatch } from '../../electron/ipc/dispatcher';
import { startWebHost } from '../../electron/web/host';

/**
 * The web host in a process of its own, so a test sees a crash as the process exiting. Channels: `echo` answers its
 * input, `fails` is a handler failure (the dispatcher's internal envelope), `throws` a dispatcher that throws.
 */
const staticDir = mkdtempSync(join(tmpdir(), 'ptdv-web-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>ptdv</title>');
const dispatch: Dispatch = async (channel, raw) => {
  if (channel === 'echo') {
    return { ok: true, value: raw };
  }
  if (channel === 'fails') {
    return { ok: false, error: { kind: 'internal', message: 'Đã xảy ra lỗi không mong đợi.' } };
  }
  if (channel === 'throws') {
    throw new Error('handler blew up');
  }
  return { ok: false, error: { kind: 'forbidden', message: `Kênh không hợp lệ: ${channel}` } };
};
const host = await startWebHost({ dispatch, staticDir });
process.stdout.write(`${JSON.stringify({ origin: new URL(host.url).host, token: host.token })}\n`);
