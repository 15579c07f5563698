import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Failure, InvokeChannel } from '../ipc-contract';
import type { Dispatch } from './dispatcher';

/**
 * The input fields of each channel that name a file or folder the host reads or writes. A renderer that was
 * tricked (or replaced) must not be able to make the host read an arbitrary file or overwrite one, above all the
 * database's key file: every such field is checked against a policy before the call reaches its handler.
 * tests/shell/path-guard.test.ts fails when a contract input grows a path field that is not listed here.
 */
export const PATH_FIELDS: Partial<Record<InvokeChannel, { read?: readonly string[]; write?: readonly string[] }>> = {
  'rules:import-rulebook': { read: ['path'] },
  'reports:export': { write: ['path'] },
  'forms:export': { write: ['path'] },
  'targets:export-table': { write: ['path'] },
  'targets:import-table': { read: ['path'] },
  'lists:export': { write: ['path'] },
  'keys:export-trust': { write: ['path'] },
  'keys:export-allowed-signers': { write: ['path'] },
  'keys:rotate': { write: ['path'] },
  'enrol:request': { read: ['trustPath'], write: ['path'] },
  'enrol:move-notice': { write: ['path'] },
  'enrol:accept': { read: ['path'] },
  'bundles:export': { write: ['path'] },
  'bundles:save-copy': { write: ['path'] },
  'bundles:verify': { read: ['paths'] },
  'bundles:import': { read: ['paths'] },
  'directives:export': { write: ['path'] },
  'directives:import': { read: ['paths'] },
  'backup:create': { write: ['path'] },
  'backup:restore': { read: ['path'] },
};

export type PathAccess = 'read' | 'write';

/** Says why a path may not be used (a Vietnamese sentence for the user), or null when it may. */
export type PathPolicy = (access: PathAccess, path: string) => string | null;

/**
 * The path as the file system will really reach it: symbolic links and junctions of the part that exists are
 * followed, so a folder linked into the data folder counts as the data folder. Case-folded where the file system is.
 */
export function canonicalPath(path: string, platform: NodeJS.Platform = process.platform): string {
  const missing: string[] = [];
  let existing = resolve(path);
  for (;;) {
    try {
      existing = realpathSync.native(existing);
      break;
    } catch {
      const parent = dirname(existing);
      if (parent === existing) {
        break;
      }
      missing.unshift(basename(existing));
      existing = parent;
    }
  }
  const full = join(existing, ...missing);
  return platform === 'win32' || platform === 'darwin' ? full.toLowerCase() : full;
}

/** True when `path` is `folder` or lies below it (both canonical). */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

const NOT_CHOSEN = 'Đường dẫn này không phải tệp hay thư mục bạn đã chọn trong hộp thoại của ptdv nên đã bị từ chối. Hãy bấm chọn lại.';
const DATA_FOLDER = 'Không được đọc hay ghi tệp trong thư mục dữ liệu của ptdv (nơi giữ cơ sở dữ liệu và khóa). Hãy chọn một thư mục khác.';

/**
 * The desktop rule: a path is usable only if one of ptdv's own dialogs returned it in this session (a save dialog
 * or a folder for writing, an open dialog for reading), and never inside the data folder, even if the user picked
 * it there. Grants last for the session: the user may export the same report twice without choosing again.
 */
export class DialogGrants {
  private readonly granted = { read: new Set<string>(), write: new Set<string>() };
  private readonly dataDir: string;

  constructor(dataDir: string) {
    this.dataDir = canonicalPath(dataDir);
  }

  grant(access: PathAccess, paths: readonly string[]): void {
    for (const path of paths) {
      this.granted[access].add(canonicalPath(path));
    }
  }

  readonly policy: PathPolicy = (access, path) => {
    const canonical = canonicalPath(path);
    if (isWithin(this.dataDir, canonical)) {
      return DATA_FOLDER;
    }
    return this.granted[access].has(canonical) ? null : NOT_CHOSEN;
  };
}

/** The web host's rule: it has no dialogs, so every file it reads or writes is in the one files folder. */
export function filesFolderPolicy(filesDir: string): PathPolicy {
  const folder = canonicalPath(filesDir);
  return (_access, path) =>
    isWithin(folder, canonicalPath(path)) ? null : `Chỉ dùng được tệp trong thư mục ${filesDir}; đường dẫn khác đã bị từ chối.`;
}

function refused(message: string): Failure {
  return { ok: false, error: { kind: 'forbidden', message } };
}

/** Wraps a dispatcher so that every path field of a call passes `policy` before the handler runs. */
export function guardPaths(dispatch: Dispatch, policy: PathPolicy): Dispatch {
  return async (channel, raw) => {
    const fields = PATH_FIELDS[channel as InvokeChannel];
    if (fields && raw !== null && typeof raw === 'object') {
      const input = raw as Record<string, unknown>;
      for (const access of ['read', 'write'] as const) {
        for (const field of fields[access] ?? []) {
          const value = input[field];
          // A value of the wrong type is left to the contract's validation, which refuses it just after.
          const paths = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
          for (const path of paths) {
            const reason = path === '' ? null : policy(access, path);
            if (reason !== null) {
              return refused(reason);
            }
          }
        }
      }
    }
    return dispatch(channel, raw);
  };
}
