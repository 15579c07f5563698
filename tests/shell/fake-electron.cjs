// Runs a bundled main process (out/main/index.cjs, or the one inside a packaged app) on plain Node with a recording
// stand-in for the `electron` module, drives it the way Electron would (ready, IPC calls, a protocol request, quit),
// and prints what it did as JSON. Usage: node tests/shell/fake-electron.cjs BUNDLE ROOT [--packaged RESOURCES]
// [--app APP_DIR] [--scenario export] [--cli ARGS…]. ROOT holds the fake appData and documents folders. With
// --cli the bundle runs the CLI (`ptdv --cli …`) and this script only makes the app ready and passes its exit code on.
const Module = require('node:module');
const { join } = require('node:path');

const [bundle, root, ...all] = process.argv.slice(2);
const rest = all.includes('--cli') ? all.slice(0, all.indexOf('--cli')) : all;
const option = (name) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
const appDir = option('--app');
const cliMode = all.includes('--cli');
const resources = option('--packaged');
const scenario = option('--scenario');

const seen = { ipc: new Map(), protocols: new Map(), windows: [], events: {}, privileged: null, permissions: [], menu: null, sandbox: false, paths: {} };
let ready;
const isReady = new Promise((resolve) => (ready = resolve));

const on = (target) => (name, listener) => {
  (target[name] ??= []).push(listener);
};
class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.listeners = {};
    this.webContents = {
      on: on(this.listeners),
      reload() {},
      forcefullyCrashRenderer() {},
      // Stands in for Chromium's printing: a PDF header, then the page it was given, so a test can see what was printed.
      printToPDF: async (options) => Buffer.from(`%PDF-1.7 (fake-electron ${JSON.stringify(options)})\n${this.page}\n%%EOF\n`),
    };
    seen.windows.push(this);
  }
  once() {}
  on() {}
  show() {}
  focus() {}
  restore() {}
  isVisible() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  async loadFile(file) {
    this.page = require('node:fs').readFileSync(file, 'utf8');
  }
  destroy() {}
}
const documents = join(root, 'documents');
const electron = {
  app: {
    isPackaged: resources !== undefined,
    enableSandbox: () => (seen.sandbox = true),
    requestSingleInstanceLock: () => true,
    whenReady: () => isReady,
    on: on(seen.events),
    quit: () => process.exit(0),
    exit: (code) => process.exit(code),
    getPath: (name) => seen.paths[name] ?? join(root, name),
    setPath: (name, value) => (seen.paths[name] = value),
    getAppPath: () => appDir ?? (resources ? join(resources, 'app.asar') : process.cwd()),
    getVersion: () => '0.1.0',
    setAboutPanelOptions: () => {},
    setAppUserModelId: () => {},
  },
  BrowserWindow,
  dialog: {
    // The user picks a file in Documents, named as the app suggested.
    showSaveDialog: async (_win, options) => ({ canceled: false, filePath: join(documents, require('node:path').basename(options.defaultPath)) }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showMessageBox: async () => ({ response: 0 }),
    showErrorBox: () => {},
  },
  shell: { openExternal: () => Promise.resolve() },
  ipcMain: { handle: (channel, listener) => seen.ipc.set(channel, listener) },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => (seen.privileged = schemes),
    handle: (scheme, handler) => seen.protocols.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => seen.permissions.push('request'),
      setPermissionCheckHandler: () => seen.permissions.push('check'),
      setDevicePermissionHandler: () => seen.permissions.push('device'),
    },
  },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu: (menu) => (seen.menu = menu.map((m) => m.label)) },
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...args) {
  return request === 'electron' ? 'electron' : resolve.call(this, request, ...args);
};
require.cache.electron = { id: 'electron', filename: 'electron', loaded: true, exports: electron };
Object.defineProperty(process.versions, 'electron', { value: '45.4.1' });
if (resources) {
  process.resourcesPath = resources;
}
require('node:fs').mkdirSync(documents, { recursive: true });

require(bundle);
if (cliMode) {
  setImmediate(() => ready());
  return;
}
const beforeReady = { privileged: seen.privileged, sandbox: seen.sandbox, protocols: seen.protocols.size, windows: seen.windows.length };
ready();

const fromApp = { senderFrame: { url: 'app://ptdv/', parent: null } };
const call = (channel, input) => seen.ipc.get(channel)(fromApp, input);

async function exportScenario() {
  const unit = { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' };
  const steps = {};
  steps.setup = await call('session:setup', { unit, passphrase: 'mat-khau-dai-1' });
  steps.lock = await call('session:lock', {});
  steps.unlock = await call('session:unlock', { secret: 'mat-khau-dai-1' });
  steps.member = await call('members:create', { fullName: 'Nguyễn Thị Lan', status: 'chinh-thuc', joinedOn: '2015-05-19', fullMemberSince: '2016-05-19' });
  const after = await call('session:get-status', {});
  steps.forged = await call('backup:create', { path: join(after.value.dataDir, 'ptdv.db.key') });
  const chosen = await call('system:choose-path', { mode: 'save', title: 'Lưu báo cáo', defaultName: 'bao-cao.xlsx' });
  steps.export = await call('reports:export', { period: '2026', format: 'xlsx', path: chosen.value });
  // The snapshot of a backup runs on a thread of its own (db/snapshot.ts), started from the database worker.
  const backupPath = await call('system:choose-path', { mode: 'save', title: 'Sao lưu', defaultName: 'sao-luu.ptdvbak' });
  steps.backup = await call('backup:create', { path: backupPath.value });
  return { steps, after };
}

setImmediate(async () => {
  const status = await seen.ipc.get('session:get-status')(fromApp, {});
  const page = await seen.protocols.get('app')({ url: 'app://ptdv/', method: 'GET' });
  const win = seen.windows[0];
  const report = {
    beforeReady,
    channels: [...seen.ipc.keys()],
    protocols: [...seen.protocols.keys()],
    permissions: seen.permissions,
    menu: seen.menu,
    events: Object.keys(seen.events).sort(),
    windowEvents: Object.keys(win?.listeners ?? {}).sort(),
    window: { url: win?.url, webPreferences: win?.options.webPreferences },
    status,
    pageStatus: page.status,
    pageCsp: page.headers.get('content-security-policy'),
    ...(scenario === 'export' ? await exportScenario() : {}),
  };
  console.log(JSON.stringify(report));
  // Quitting as Electron does: will-quit lets main close the database worker, then app.quit() ends the process.
  const quitEvent = { preventDefault() {} };
  for (const listener of seen.events['will-quit'] ?? []) {
    listener(quitEvent);
  }
});
