import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../electron/main/menu';

function items(menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  return Array.isArray(menu.submenu) ? menu.submenu : [];
}

describe('application menu', () => {
  it('has Tệp, Sửa, Xem, Trợ giúp on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(menuTemplate(platform, { devTools: false }).map((m) => m.label)).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    }
  });

  it('puts the app menu first on macOS', () => {
    expect(menuTemplate('darwin', { devTools: false }).map((m) => m.label)).toEqual(['ptdv', 'Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
  });

  it('labels every item in Vietnamese and uses standard roles', () => {
    const all = menuTemplate('linux', { devTools: true }).flatMap(items).filter((i) => i.type !== 'separator');
    for (const item of all) {
      expect(item.role).toBeTruthy();
      // Without a label Electron shows its English default; every Vietnamese label here carries a diacritic.
      expect(item.label).toMatch(/[\u00c0-\u1ef9]/);
    }
    expect(all.map((i) => i.role)).toEqual(
      expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'zoomIn', 'zoomOut', 'about']),
    );
  });

  it('offers developer tools only in development', () => {
    const roles = (devTools: boolean) => menuTemplate('win32', { devTools }).flatMap(items).map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});
