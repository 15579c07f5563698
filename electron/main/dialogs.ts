import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { HostPorts } from '../ipc/handlers';

type DialogApi = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;

/** The `system:choose-*` channels on the desktop: native save/open/folder dialogs, starting in the user's Documents folder. */
export function dialogPorts(dialog: DialogApi, documentsDir: string, parent: () => BrowserWindow | null): HostPorts {
  return {
    async choosePath({ mode, title, defaultName }) {
      const defaultPath = join(documentsDir, defaultName);
      const win = parent();
      if (mode === 'save') {
        const options = { title, defaultPath, buttonLabel: 'Lưu' };
        const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      }
      const options = { title, defaultPath, buttonLabel: 'Mở', properties: ['openFile' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFiles({ title, extensions, multiple }) {
      const properties: ('openFile' | 'multiSelections')[] = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const options = { title, defaultPath: documentsDir, buttonLabel: 'Mở', filters: [{ name: 'Tệp ptdv', extensions }], properties };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseFolder({ title }) {
      const options = { title, defaultPath: documentsDir, buttonLabel: 'Lưu vào đây', properties: ['openDirectory' as const, 'createDirectory' as const] };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
