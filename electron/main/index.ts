import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session as electronSession, shell } from 'electron';
import { DialogGrants, guardPaths } from '../ipc/path-guard';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { cliArguments, cliEnvironment } from './cli-mode';
import { startDbHost, type WorkerConfig, type WorkerLike } from './db-host';
import { dialogPorts } from './dialogs';
import { isTrustedSender, registerIpc } from './ipc';
import { createLog } from './log';
import { menuTemplate } from './menu';
import { electronAppPaths, placeUserData, type AppPaths } from './paths';
import { electronPdfRenderer } from './pdf';
import type { PdfRenderer } from '../core/pdf-port';
import { bringToFront, installCrashHandlers, superviseWindow, type Ask } from './recovery';
import { APP_SCHEME, APP_URL, isAllowedExternalUrl } from './trusted-url';
import { denyAllPermissions, hardenContents, windowOptions } from './window';

/**
 * Composition root of the desktop app: one instance, a database worker behind IPC, one hardened window showing
 * the renderer from app://ptdv/, a log and the recovery paths. Everything testable lives in the modules above;
 * `ptdv --cli …` runs the bundled CLI instead of the window.
 */

placeUserData(app);
const cliArgs = cliArguments(process.argv);

function runCli(args: string[], paths: AppPaths): void {
  Object.assign(process.env, cliEnvironment(paths, process.env));
  app.dock?.hide();
  // A PDF is printed in a hidden window; when it closes, the command must go on to write the file, not quit.
  app.on('window-all-closed', () => {});
  const cli = createRequire(__filename)(paths.cliPath) as { main(argv: string[], io: undefined, ports: { pdf: PdfRenderer }): Promise<number> };
  void cli.main(args, undefined, { pdf: electronPdfRenderer() }).then((code) => app.exit(code));
}

function runDesktop(paths: AppPaths): void {
  const log = createLog(paths.logDir);
  const devTools = !app.isPackaged;
  let mainWindow: BrowserWindow | null = null;
  const pdf = electronPdfRenderer();

  const ask: Ask = async ({ signal, ...box }) => {
    const options = { ...box, noLink: true, ...(signal ? { signal } : {}) };
    const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
    return (win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)).response;
  };
  installCrashHandlers(process, {
    log,
    ask,
    errorBox: (title, content) => dialog.showErrorBox(title, content),
    restart: () => {
      app.relaunch();
      app.exit(1);
    },
  });

  // Must run before `ready`: the scheme's privileges (standard origin, secure context) are fixed at startup.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();

  function openExternal(url: string): void {
    if (isAllowedExternalUrl(url)) {
      void shell.openExternal(url);
    }
  }

  function createWindow(): void {
    const win = new BrowserWindow(windowOptions(paths.preloadPath, { devTools }));
    mainWindow = win;
    win.on('closed', () => {
      mainWindow = null;
      pdf.close();
    });
    superviseWindow(win, {
      log,
      ask,
      url: APP_URL,
      quit: () => app.quit(),
      setTimer: (run, ms) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
    });
  }

  function start(): void {
    log.info(`ptdv ${app.getVersion()} (Electron ${process.versions.electron}, ${process.platform} ${process.arch}) starting`);
    const grants = new DialogGrants(paths.dataDir);
    const config: WorkerConfig = { dataDir: paths.dataDir, migrationsDir: paths.migrationsDir, nativeBinding: paths.nativeBinding, hasPdf: true };
    const db = startDbHost(
      () => new Worker(paths.workerPath, { workerData: config }) as unknown as WorkerLike,
      { ...dialogPorts(dialog, paths.documentsDir, () => mainWindow, grants), pdf },
      log,
    );
    registerIpc(ipcMain, guardPaths(db.dispatch, grants.policy), isTrustedSender);

    app.setAppUserModelId('vn.ptdv.app');
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(paths.rendererDir, request));
    denyAllPermissions(electronSession.defaultSession);
    app.setAboutPanelOptions({
      applicationName: 'ptdv',
      applicationVersion: app.getVersion(),
      copyright: 'Phát triển đảng viên: quản lý quy trình kết nạp đảng viên',
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { devTools })));
    // The worker closes the database (a clean WAL checkpoint) before the process ends; a worker that does not
    // answer within a few seconds does not keep ptdv from quitting.
    let closed = false;
    app.on('will-quit', (event) => {
      if (!closed) {
        event.preventDefault();
        void Promise.race([db.close(), new Promise((resolve) => setTimeout(resolve, 5000))]).finally(() => {
          closed = true;
          app.quit();
        });
      }
    });
    createWindow();
  }

  if (app.requestSingleInstanceLock()) {
    // Every WebContents, including any a future feature creates, gets the same navigation and window guards.
    app.on('web-contents-created', (_event, contents) => hardenContents(contents, openExternal));
    app.on('second-instance', () => bringToFront(mainWindow, createWindow));
    app.on('window-all-closed', () => app.quit());
    void app.whenReady().then(start);
  } else {
    // Two instances would open the same encrypted database twice; the first one comes to the front instead.
    app.quit();
  }
}

const paths = electronAppPaths(app);
if (cliArgs === null) {
  runDesktop(paths);
} else {
  runCli(cliArgs, paths);
}
