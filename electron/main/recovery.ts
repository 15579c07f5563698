import type { Log } from './log';

/**
 * How the main process survives what a secretary's laptop will do to it: an error nobody caught, a renderer that
 * crashed or hangs, a page that failed to load, a first paint that never comes, a second launch while the window
 * is hidden. Everything Electron-specific comes in through the small structural types below, so each path is
 * driven by tests/shell/recovery.test.ts with fakes on plain Node.
 */

export type MessageBox = {
  type: 'info' | 'warning' | 'error';
  title: string;
  message: string;
  detail?: string;
  buttons: string[];
  defaultId?: number;
  cancelId?: number;
  signal?: AbortSignal;
};

/** Shows a message box and resolves with the index of the button pressed (the cancelId when it was aborted). */
export type Ask = (box: MessageBox) => Promise<number>;

/** setTimeout that returns its own cancel, so tests can run timers by hand. */
export type SetTimer = (run: () => void, ms: number) => () => void;

type Listener = (...args: never[]) => void;

export type SupervisedContents = {
  on(event: string, listener: Listener): unknown;
  reload(): void;
  forcefullyCrashRenderer(): void;
};

export type SupervisedWindow = {
  webContents: SupervisedContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isVisible(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
};

export type SupervisorDeps = {
  log: Log;
  ask: Ask;
  setTimer: SetTimer;
  quit(): void;
  /** The page the window shows (app://ptdv/). */
  url: string;
  /** Shown anyway when the first paint has not come after this long (a slow disk, a GPU driver that hangs). */
  showFallbackMs?: number;
  /** Automatic new attempts at a failed load before the user is asked. */
  loadRetries?: number;
  /** Renderer crashes reloaded without asking; beyond that the user chooses. */
  crashReloads?: number;
};

// Chromium's net::ERR_ABORTED: a load replaced by another one (a reload, a route change), not a failure.
const ERR_ABORTED = -3;

/** Attaches the recovery behaviour to the main window and loads it. */
export function superviseWindow(win: SupervisedWindow, deps: SupervisorDeps): void {
  const { log, ask, setTimer, url, showFallbackMs = 10_000, loadRetries = 2, crashReloads = 3 } = deps;
  let crashes = 0;
  let failedLoads = 0;
  let killedOnPurpose = false;
  let hangDialog: AbortController | null = null;

  const reveal = () => {
    if (!win.isDestroyed() && !win.isVisible()) {
      win.show();
    }
  };
  const load = () => {
    void win.loadURL(url).catch(() => {
      // did-fail-load reports the failure; the rejected promise carries nothing more.
    });
  };

  const cancelFallback = setTimer(() => {
    if (!win.isDestroyed() && !win.isVisible()) {
      log.warn(`no first paint after ${showFallbackMs} ms; showing the window anyway`);
      win.show();
    }
  }, showFallbackMs);
  win.once('ready-to-show', () => {
    cancelFallback();
    reveal();
  });

  win.webContents.on('render-process-gone', ((_event: unknown, details: { reason: string; exitCode?: number }) => {
    hangDialog?.abort();
    if (killedOnPurpose) {
      killedOnPurpose = false;
      win.webContents.reload();
      return;
    }
    if (details.reason === 'clean-exit') {
      return;
    }
    crashes += 1;
    log.error(`renderer gone: ${details.reason} (exit code ${details.exitCode ?? '?'}), crash ${crashes}`);
    reveal();
    if (crashes <= crashReloads) {
      win.webContents.reload();
      void ask({
        type: 'warning',
        title: 'ptdv',
        message: 'Cửa sổ ptdv vừa gặp sự cố và đã được mở lại.',
        detail: 'Dữ liệu đã lưu không bị ảnh hưởng. Nếu bạn đang nhập dở, hãy kiểm tra lại rồi lưu.',
        buttons: ['Đóng'],
      });
      return;
    }
    void ask({
      type: 'error',
      title: 'ptdv',
      message: 'Cửa sổ ptdv gặp sự cố nhiều lần.',
      detail: `Dữ liệu đã lưu không bị ảnh hưởng. Nếu lỗi lặp lại, hãy gửi tệp nhật ký cho người hỗ trợ: ${log.file}`,
      buttons: ['Mở lại', 'Thoát ptdv'],
      defaultId: 0,
      cancelId: 1,
    }).then((choice) => (choice === 0 ? win.webContents.reload() : deps.quit()));
  }) as Listener);

  win.webContents.on('unresponsive', (() => {
    if (hangDialog) {
      return;
    }
    log.warn('renderer unresponsive');
    hangDialog = new AbortController();
    void ask({
      type: 'warning',
      title: 'ptdv',
      message: 'Cửa sổ ptdv đang không phản hồi.',
      detail: 'Bạn có thể chờ thêm, hoặc tải lại cửa sổ (phần đang nhập dở có thể mất; dữ liệu đã lưu không bị ảnh hưởng).',
      buttons: ['Chờ thêm', 'Tải lại cửa sổ'],
      defaultId: 0,
      cancelId: 0,
      signal: hangDialog.signal,
    }).then((choice) => {
      const aborted = hangDialog?.signal.aborted ?? true;
      hangDialog = null;
      if (choice === 1 && !aborted) {
        log.warn('reloading the unresponsive renderer at the user\'s request');
        killedOnPurpose = true;
        win.webContents.forcefullyCrashRenderer();
      }
    });
  }) as Listener);

  win.webContents.on('responsive', (() => {
    if (hangDialog) {
      log.info('renderer responsive again');
      hangDialog.abort();
    }
  }) as Listener);

  win.webContents.on('did-finish-load', (() => {
    failedLoads = 0;
  }) as Listener);

  win.webContents.on('did-fail-load', ((_event: unknown, code: number, description: string, _url: string, isMainFrame: boolean) => {
    if (!isMainFrame || code === ERR_ABORTED) {
      return;
    }
    failedLoads += 1;
    log.error(`load failed: ${description} (${code}), attempt ${failedLoads}`);
    if (failedLoads <= loadRetries) {
      setTimer(load, 1000 * failedLoads);
      return;
    }
    reveal();
    void ask({
      type: 'error',
      title: 'ptdv',
      message: 'Không mở được giao diện của ptdv.',
      detail: `Lỗi: ${description} (${code}). Nếu lỗi lặp lại, hãy cài lại ptdv hoặc gửi tệp nhật ký cho người hỗ trợ: ${log.file}`,
      buttons: ['Thử lại', 'Thoát ptdv'],
      defaultId: 0,
      cancelId: 1,
    }).then((choice) => {
      if (choice === 0) {
        failedLoads = 0;
        load();
      } else {
        deps.quit();
      }
    });
  }) as Listener);

  load();
}

/**
 * A second launch (a double-click on the shortcut while ptdv runs): the running window comes to the front, shown
 * even if its first paint never came, restored if minimized; a window that was closed is opened again.
 */
export function bringToFront(win: Pick<SupervisedWindow, 'show' | 'focus' | 'restore' | 'isMinimized' | 'isDestroyed'> | null, open: () => void): void {
  if (win === null || win.isDestroyed()) {
    open();
    return;
  }
  if (win.isMinimized()) {
    win.restore();
  }
  win.show();
  win.focus();
}

export type ProcessLike = { on(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown };

export type CrashDeps = {
  log: Log;
  /** A blocking error box (Electron's dialog.showErrorBox): safe even when the app is in a broken state. */
  errorBox(title: string, content: string): void;
  ask: Ask;
  /** Starts ptdv again and ends this process. */
  restart(): void;
};

/**
 * An uncaught exception leaves the main process in an unknown state: it is logged, the user is told in Vietnamese,
 * and ptdv starts again (the database is SQLite in WAL mode, so a committed change survives). A rejected promise
 * nobody awaited is logged and the user told once, without stopping the app.
 */
export function installCrashHandlers(proc: ProcessLike, deps: CrashDeps): void {
  let told = false;
  proc.on('uncaughtException', (err) => {
    deps.log.error('uncaught exception', err);
    deps.errorBox(
      'ptdv gặp lỗi',
      `ptdv gặp lỗi không mong đợi và sẽ khởi động lại. Dữ liệu đã lưu không bị mất.\n\nNếu lỗi lặp lại, hãy gửi tệp nhật ký cho người hỗ trợ:\n${deps.log.file}`,
    );
    deps.restart();
  });
  proc.on('unhandledRejection', (reason) => {
    deps.log.error('unhandled rejection', reason);
    if (!told) {
      told = true;
      void deps.ask({
        type: 'error',
        title: 'ptdv',
        message: 'ptdv gặp một lỗi không mong đợi; thao tác vừa rồi có thể chưa hoàn tất.',
        detail: `Hãy thử lại. Nếu lỗi lặp lại, gửi tệp nhật ký cho người hỗ trợ: ${deps.log.file}`,
        buttons: ['Đóng'],
      });
    }
  });
}
