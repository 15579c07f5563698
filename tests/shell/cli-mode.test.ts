import { describe, expect, it } from 'vitest';
import { cliArguments, cliEnvironment } from '../../electron/main/cli-mode';

describe('ptdv --cli in the installed app', () => {
  it('takes the words after --cli, in the packaged and the development argv alike', () => {
    expect(cliArguments(['C:\\Program Files\\ptdv\\ptdv.exe', '--cli', 'dossier', 'import', '--db', 'x.db'])).toEqual(['dossier', 'import', '--db', 'x.db']);
    expect(cliArguments(['/usr/bin/electron', '.', '--cli', '--help'])).toEqual(['--help']);
    expect(cliArguments(['C:\\Program Files\\ptdv\\ptdv.exe'])).toBeNull();
  });

  it('points the CLI at the migrations and the Electron-ABI SQLite module beside app.asar, unless the user chose others', () => {
    const paths = { migrationsDir: '/opt/ptdv/resources/migrations', nativeBinding: '/opt/ptdv/resources/native/better_sqlite3.node' };
    expect(cliEnvironment(paths, {})).toEqual({ PTDV_MIGRATIONS_DIR: paths.migrationsDir, PTDV_NATIVE_BINDING: paths.nativeBinding });
    expect(cliEnvironment(paths, { PTDV_MIGRATIONS_DIR: '/m' }).PTDV_MIGRATIONS_DIR).toBe('/m');
  });
});
