// Runs the bundled main process (out/main/index.cjs) on plain Node with a recording stand-in for the `electron`
// module, drives it the way Electron would (ready, an IPC call, a protocol request), and prints what it did as
// JSON. Usage: node tests/shell/fake-electron.cjs BUNDLE USER_DATA_DIR
const Module = require('node:module');

const [bundle, userData] = process.argv.slice(2);
const seen = { ipc: new Map(), protocols: new Map(), windows: [], events: {}, privileged: null, permissions: [], menu: null, sandbox: false };
let ready;

const on = (target) => (name, listener) => {
  (target[name] ??= []).push(listener);
};
class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = {};
    seen.windows.push(this);
  }
  once() {}
  on() {}
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
}
const electron = {
  app: {
    isPackaged: false,
    enableSandbox: () => (seen.sandbox = true),
    requestSingleInstanceLock: () => true,
    whenReady: () => new Promise((resolve) => (ready = resolve)),
    on: on(seen.events),
    quit: () => {},
    getPath: (name) => `${userData}/${name === 'userData' ? '' : name}`.replace(/\/$/, ''),
    getAppPath: () => process.cwd(),
    getVersion: () => '0.1.0',
    setAboutPanelOptions: () => {},
    setAppUserModelId: () => {},
  },
  BrowserWindow,
  dialog: {},
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
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? 'electron' : resolve.call(this, request, ...rest);
};
require.cache.electron = { id: 'electron', filename: 'electron', loaded: true, exports: electron };
Object.defineProperty(process.versions, 'electron', { value: '45.4.1' });

require(bundle);
const beforeReady = { privileged: seen.privileged, sandbox: seen.sandbox, protocols: seen.protocols.size, windows: seen.windows.length };
ready();
setImmediate(async () => {
  const status = await seen.ipc.get('session:get-status')({ senderFrame: { url: 'app://ptdv/', parent: null } }, {});
  const page = await seen.protocols.get('app')({ url: 'app://ptdv/', method: 'GET' });
  const win = seen.windows[0];
  console.log(JSON.stringify({
    beforeReady,
    channels: [...seen.ipc.keys()],
    protocols: [...seen.protocols.keys()],
    permissions: seen.permissions,
    menu: seen.menu,
    events: Object.keys(seen.events).sort(),
    window: { url: win?.url, webPreferences: win?.options.webPreferences },
    status,
    pageCsp: page.headers.get('content-security-policy'),
  }));
});
