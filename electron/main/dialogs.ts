import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { HostPorts } from '../ipc/handlers';

type DialogApi = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;

/** `system:choose-path` on the desktop: the native save/open dialog, starting in the user's Documents folder. */
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
  };
}
