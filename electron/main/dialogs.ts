import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { HostPorts } from '../ipc/handlers';
import type { PathAccess } from '../ipc/path-guard';

type DialogApi = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;

/** Where the paths the user picked are remembered; main refuses any other path (electron/ipc/path-guard.ts). */
export type Grants = { grant(access: PathAccess, paths: readonly string[]): void };

/**
 * The `system:choose-*` channels on the desktop: native save/open/folder dialogs, starting in the user's Documents
 * folder. Each path a dialog returns is granted for what that dialog was for (a save or a folder: writing; an open:
 * reading), and only those paths can be used by later calls.
 */
export function dialogPorts(dialog: DialogApi, documentsDir: string, parent: () => BrowserWindow | null, grants: Grants): HostPorts {
  const granted = <T extends string | null | string[]>(access: PathAccess, value: T): T => {
    grants.grant(access, value === null ? [] : typeof value === 'string' ? [value] : value);
    return value;
  };
  return {
    async choosePath({ mode, title, defaultName }) {
      const defaultPath = join(documentsDir, defaultName);
      const win = parent();
      if (mode === 'save') {
        const options = { title, defaultPath, buttonLabel: 'Lưu' };
        const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return granted('write', result.canceled || !result.filePath ? null : result.filePath);
      }
      const options = { title, defaultPath, buttonLabel: 'Mở', properties: ['openFile' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return granted('read', result.canceled ? null : (result.filePaths[0] ?? null));
    },
    async chooseFiles({ title, extensions, multiple }) {
      const properties: ('openFile' | 'multiSelections')[] = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const options = { title, defaultPath: documentsDir, buttonLabel: 'Mở', filters: [{ name: 'Tệp ptdv', extensions }], properties };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return granted('read', result.canceled ? [] : result.filePaths);
    },
    async chooseFolder({ title }) {
      const options = { title, defaultPath: documentsDir, buttonLabel: 'Lưu vào đây', properties: ['openDirectory' as const, 'createDirectory' as const] };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return granted('write', result.canceled ? null : (result.filePaths[0] ?? null));
    },
  };
}
