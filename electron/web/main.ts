import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startDbHost, type WorkerConfig, type WorkerLike } from '../main/db-host';
import { describeError, type Log } from '../main/log';
import { filesFolderPolicy, guardPaths } from '../ipc/path-guard';
import { chromiumPdfRenderer } from '../cli/pdf-chromium';
import { filesInFolder } from './files-folder';
import { startWebHost } from './host';
import { isIsoDate } from '../core/model/dates';

/**
 * `npm run web`: the app in a browser, for machines where Electron cannot run and for the browser tests.
 * Prints one line `PTDV_WEB_URL=…` that tests read; the URL carries the per-run token in its fragment.
 */
const { values } = parseArgs({
  options: { data: { type: 'string' }, port: { type: 'string' }, files: { type: 'string' } },
});
const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(values.data ?? process.env.PTDV_DATA_DIR ?? join(homedir(), '.ptdv-web'));
const filesDir = resolve(values.files ?? join(dataDir, 'files'));
mkdirSync(filesDir, { recursive: true });
// As for the CLI: demos and replaying a past day. Refused when not a real day, before anything is served.
const today = process.env.PTDV_TODAY;
if (today && !isIsoDate(today)) {
  console.error(`PTDV_TODAY không phải ngày hợp lệ (YYYY-MM-DD): ${today}`);
  process.exit(2);
}

/** The host's log is its terminal: the web host is run by a developer or a test, which reads it there. */
const consoleLog: Log = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, err) => console.error(err === undefined ? message : `${message}: ${describeError(err)}`),
  file: '',
};

// Kept warm across exports: the host runs for the whole working session.
const pdf = chromiumPdfRenderer(process.env, { warm: true });
const config: WorkerConfig = { dataDir, migrationsDir: join(root, 'migrations'), hasPdf: true, actor: 'web', ...(today ? { today } : {}) };
// The database runs in a worker thread, as in the desktop app: while it checks a day's dossiers or imports bundles,
// this thread still serves the screens' files, and the browser tests drive the same worker the desktop uses.
const db = startDbHost(
  () => new Worker(new URL('./db-worker.mjs', import.meta.url), { workerData: config }) as unknown as WorkerLike,
  {
    // No native dialog in a browser: files go to one folder the user was told about.
    choosePath: async ({ defaultName }) => join(filesDir, defaultName),
    chooseFiles: async ({ extensions, multiple }) => filesInFolder(filesDir, extensions, multiple),
    chooseFolder: async () => filesDir,
    // Debian's Chromium prints the report page, as Electron's printToPDF does in the desktop app.
    pdf,
  },
  consoleLog,
);
// No dialogs here, so the files folder is the only place a call may read or write (never the data folder).
const dispatch = guardPaths(db.dispatch, filesFolderPolicy(filesDir));
const host = await startWebHost({ dispatch, staticDir: join(root, 'out/renderer'), port: Number(values.port ?? 0) });
console.log(`ptdv (trình duyệt) đang chạy. Dữ liệu: ${dataDir}\nTệp xuất ra: ${filesDir}\nMở địa chỉ sau trong trình duyệt:`);
console.log(`PTDV_WEB_URL=${host.url}`);

const stop = () => {
  void Promise.all([db.close(), host.close(), pdf.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
