import { join } from 'node:path';
import type { App } from 'electron';

export type AppPaths = {
  /** Where the database, its key file and automatic backups live (Electron's per-user app data folder). */
  dataDir: string;
  migrationsDir: string;
  /** better-sqlite3 compiled for Electron's ABI; the one in node_modules is for Node (tests and the CLI). */
  nativeBinding: string;
  rendererDir: string;
  preloadPath: string;
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
export function devNativeBinding(projectDir: string, electronVersion: string): string {
  return join(projectDir, '.cache', 'electron-native', electronVersion, 'build', 'Release', 'better_sqlite3.node');
}

/** Packaged: migrations and the native module are resources beside app.asar (see electron-builder.yml). */
export function resolveAppPaths(inputs: PathInputs): AppPaths {
  const { isPackaged, appPath, resourcesPath } = inputs;
  return {
    dataDir: inputs.userData,
    migrationsDir: isPackaged ? join(resourcesPath, 'migrations') : join(appPath, 'migrations'),
    nativeBinding: isPackaged
      ? join(resourcesPath, 'native', 'better_sqlite3.node')
      : devNativeBinding(appPath, inputs.electronVersion),
    rendererDir: join(appPath, 'out', 'renderer'),
    preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
    documentsDir: inputs.documents,
  };
}

/** The only place that asks Electron for paths; everything below main receives them as plain strings. */
export function electronAppPaths(app: Pick<App, 'isPackaged' | 'getPath' | 'getAppPath'>): AppPaths {
  return resolveAppPaths({
    isPackaged: app.isPackaged,
    userData: app.getPath('userData'),
    documents: app.getPath('documents'),
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
  });
}
