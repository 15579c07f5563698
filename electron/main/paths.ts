import { join } from 'node:path';
import type { App } from 'electron';

export type AppPaths = {
  /**
   * The database, its key file and automatic backups: a folder of their own inside the user-data folder, apart
   * from the cache, cookies and local storage Chromium keeps there, so a support person can copy or back up
   * exactly the data and "clearing Electron's cache" can never touch it.
   */
  dataDir: string;
  /** The rotating main-process log (electron/main/log.ts). */
  logDir: string;
  migrationsDir: string;
  /** better-sqlite3 compiled for Electron's ABI; the one in node_modules is for Node (tests and the CLI). */
  nativeBinding: string;
  rendererDir: string;
  preloadPath: string;
  /** The worker thread that owns the database (electron/main/db-worker.ts). */
  workerPath: string;
  /** The bundled CLI that `ptdv --cli …` runs inside the app. */
  cliPath: string;
  /** Where save and open dialogs start. */
  documentsDir: string;
};

export type PathInputs = {
  isPackaged: boolean;
  userData: string;
  documents: string;
  /** The project folder in development, `resources/app.asar` when packaged. */
  appPath: string;
  resourcesPath: string;
  electronVersion: string;
};

/** Where `build/scripts/electron-native.mjs` leaves the Electron-ABI module for `npm start`. */
export function devNativeBinding(projectDir: string, electronVersion: string, arch: string = process.arch): string {
  return join(projectDir, '.cache', 'electron-native', `${electronVersion}-${arch}`, 'build', 'Release', 'better_sqlite3.node');
}

/**
 * `npm start` runs with its own user-data folder (`ptdv-dev` beside the installed app's `ptdv`), so a developer's
 * test database, its single-instance lock and its logs never mix with the real ones on the same machine.
 */
export function userDataFor(isPackaged: boolean, appData: string): string {
  return join(appData, isPackaged ? 'ptdv' : 'ptdv-dev');
}

/** Packaged: migrations and the native module are resources beside app.asar (see electron-builder.yml). */
export function resolveAppPaths(inputs: PathInputs): AppPaths {
  const { isPackaged, appPath, resourcesPath, userData } = inputs;
  return {
    dataDir: join(userData, 'data'),
    logDir: join(userData, 'logs'),
    migrationsDir: isPackaged ? join(resourcesPath, 'migrations') : join(appPath, 'migrations'),
    nativeBinding: isPackaged
      ? join(resourcesPath, 'native', 'better_sqlite3.node')
      : devNativeBinding(appPath, inputs.electronVersion),
    rendererDir: join(appPath, 'out', 'renderer'),
    preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
    workerPath: join(appPath, 'out', 'main', 'db-worker.cjs'),
    cliPath: join(appPath, 'out', 'main', 'cli.cjs'),
    documentsDir: inputs.documents,
  };
}

type PathApp = Pick<App, 'isPackaged' | 'getPath' | 'setPath' | 'getAppPath'>;

/** Must run before `ready` and before the single-instance lock, which Chromium keeps in the user-data folder. */
export function placeUserData(app: PathApp): void {
  app.setPath('userData', userDataFor(app.isPackaged, app.getPath('appData')));
}

/** The only place that asks Electron for paths; everything below main receives them as plain strings. */
export function electronAppPaths(app: PathApp): AppPaths {
  return resolveAppPaths({
    isPackaged: app.isPackaged,
    userData: app.getPath('userData'),
    documents: app.getPath('documents'),
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
  });
}
