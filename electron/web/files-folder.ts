import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/**
 * What "open" means in the web host, which has no file dialog: the files with one of `extensions` in the one folder
 * the user was told about, by name (bundle names sort by sender and sequence); for a single file, the newest one,
 * since that is the one just copied in.
 */
export function filesInFolder(dir: string, extensions: readonly string[], multiple: boolean): string[] {
  const wanted = new Set(extensions.map((e) => `.${e.toLowerCase()}`));
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && wanted.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(dir, entry.name))
    .sort();
  if (multiple) {
    return files;
  }
  const newest = files.toSorted((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return newest ? [newest] : [];
}
