import type { AppPaths } from './paths';

/**
 * `ptdv --cli <lệnh> …` (the installed app's own executable; RunAsNode stays off): the words after `--cli`, or
 * null for a normal start. In development Electron's argv also holds the app folder (`electron . --cli …`).
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at === -1 ? null : argv.slice(at + 1);
}

/**
 * What the bundled CLI needs from the app it runs in: the migrations beside app.asar and the SQLite module built
 * for Electron's ABI (the copy in node_modules is Node's). A value the user set explicitly wins.
 */
export function cliEnvironment(paths: Pick<AppPaths, 'migrationsDir' | 'nativeBinding'>, env: Record<string, string | undefined>): Record<string, string> {
  return {
    PTDV_MIGRATIONS_DIR: env.PTDV_MIGRATIONS_DIR ?? paths.migrationsDir,
    PTDV_NATIVE_BINDING: env.PTDV_NATIVE_BINDING ?? paths.nativeBinding,
  };
}
