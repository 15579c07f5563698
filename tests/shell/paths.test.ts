import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths, userDataFor } from '../../electron/main/paths';

const base = { userData: '/home/lan/.config/ptdv', documents: '/home/lan/Tài liệu', electronVersion: '45.4.1' };

describe('app paths', () => {
  it('use resources beside app.asar when packaged', () => {
    const paths = resolveAppPaths({ ...base, isPackaged: true, appPath: '/opt/ptdv/resources/app.asar', resourcesPath: '/opt/ptdv/resources' });
    expect(paths).toEqual({
      dataDir: '/home/lan/.config/ptdv/data',
      logDir: '/home/lan/.config/ptdv/logs',
      migrationsDir: '/opt/ptdv/resources/migrations',
      nativeBinding: '/opt/ptdv/resources/native/better_sqlite3.node',
      rendererDir: '/opt/ptdv/resources/app.asar/out/renderer',
      preloadPath: '/opt/ptdv/resources/app.asar/out/preload/index.cjs',
      workerPath: '/opt/ptdv/resources/app.asar/out/main/db-worker.cjs',
      cliPath: '/opt/ptdv/resources/app.asar/out/main/cli.cjs',
      documentsDir: '/home/lan/Tài liệu',
    });
  });

  it('use the project folder and the Electron-ABI build in .cache during development', () => {
    const paths = resolveAppPaths({ ...base, isPackaged: false, appPath: '/src/ptdv', resourcesPath: '/nowhere' });
    expect(paths.migrationsDir).toBe('/src/ptdv/migrations');
    expect(paths.nativeBinding).toBe(join(`/src/ptdv/.cache/electron-native/45.4.1-${process.arch}/build/Release/better_sqlite3.node`));
    expect(paths.preloadPath).toBe('/src/ptdv/out/preload/index.cjs');
  });

  it('keep development runs in their own user-data folder, so their database and lock never meet the installed app\'s', () => {
    expect(userDataFor(true, '/home/lan/.config')).toBe('/home/lan/.config/ptdv');
    expect(userDataFor(false, '/home/lan/.config')).toBe('/home/lan/.config/ptdv-dev');
  });
});
