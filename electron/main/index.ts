import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session as electronSession, shell } from 'electron';
import { systemClock } from '../core/ports';
import { Session } from '../core/services/session';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { dialogPorts } from './dialogs';
import { isTrustedSender, registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { electronAppPaths } from './paths';
import { electronPdfRenderer } from './pdf';
import { APP_SCHEME, APP_URL, isAllowedExternalUrl } from './trusted-url';
import { denyAllPermissions, hardenContents, windowOptions } from './window';

/**
 * Composition root of the desktop app: one instance, one database session, one dispatcher behind IPC, one
 * hardened window showing the renderer from app://ptdv/. Everything testable lives in the modules imported above.
 */

// Must run before `ready`: the scheme's privileges (standard origin, secure context) are fixed at startup.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const devTools = !app.isPackaged;
let mainWindow: BrowserWindow | null = null;

function openExternal(url: string): void {
  if (isAllowedExternalUrl(url)) {
    void shell.openExternal(url);
  }
}

function createWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath, { devTools }));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_URL);
  return win;
}

function focusExisting(): void {
  if (mainWindow) {
    if (mainWindow.isMinimized()) {
      mainWindow.restore();
    }
    mainWindow.focus();
  }
}

function start(): void {
  const paths = electronAppPaths(app);
  const dbSession = new Session({
    dataDir: paths.dataDir,
    migrationsDir: paths.migrationsDir,
    nativeBinding: paths.nativeBinding,
    clock: systemClock,
    actor: 'desktop',
  });
  const ports = { ...dialogPorts(dialog, paths.documentsDir, () => mainWindow), pdf: electronPdfRenderer() };
  registerIpc(ipcMain, createDispatcher(createHandlers(dbSession, ports)), isTrustedSender);

  app.setAppUserModelId('vn.ptdv.app');
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(paths.rendererDir, request));
  denyAllPermissions(electronSession.defaultSession);
  app.setAboutPanelOptions({
    applicationName: 'ptdv',
    applicationVersion: app.getVersion(),
    copyright: 'Phát triển đảng viên: quản lý quy trình kết nạp đảng viên',
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { devTools })));
  app.on('will-quit', () => dbSession.close());
  mainWindow = createWindow(paths.preloadPath);
}

if (app.requestSingleInstanceLock()) {
  // Every WebContents, including any a future feature creates, gets the same navigation and window guards.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, openExternal));
  app.on('second-instance', focusExisting);
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
} else {
  // Two instances would open the same encrypted database twice; the first one gets focus instead.
  app.quit();
}
