import type { MenuItemConstructorOptions } from 'electron';

const separator: MenuItemConstructorOptions = { type: 'separator' };

function macAppMenu(): MenuItemConstructorOptions {
  return {
    label: 'ptdv',
    submenu: [
      { role: 'about', label: 'Giới thiệu ptdv' },
      separator,
      { role: 'hide', label: 'Ẩn ptdv' },
      { role: 'hideOthers', label: 'Ẩn các ứng dụng khác' },
      { role: 'unhide', label: 'Hiện tất cả' },
      separator,
      { role: 'quit', label: 'Thoát ptdv' },
    ],
  };
}

/**
 * The application menu in Vietnamese. Items use Electron's standard roles, so shortcuts and platform behaviour come
 * for free; only the labels are ours. Developer tools appear only in development builds.
 */
export function menuTemplate(platform: NodeJS.Platform, options: { devTools: boolean }): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'Tệp',
    submenu: isMac ? [{ role: 'close', label: 'Đóng cửa sổ' }] : [{ role: 'close', label: 'Đóng cửa sổ' }, separator, { role: 'quit', label: 'Thoát' }],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Sửa',
    submenu: [
      { role: 'undo', label: 'Hoàn tác' },
      { role: 'redo', label: 'Làm lại' },
      separator,
      { role: 'cut', label: 'Cắt' },
      { role: 'copy', label: 'Sao chép' },
      { role: 'paste', label: 'Dán' },
      { role: 'selectAll', label: 'Chọn tất cả' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'Xem',
    submenu: [
      { role: 'reload', label: 'Tải lại' },
      separator,
      { role: 'resetZoom', label: 'Cỡ chữ mặc định' },
      { role: 'zoomIn', label: 'Phóng to' },
      { role: 'zoomOut', label: 'Thu nhỏ' },
      separator,
      { role: 'togglefullscreen', label: 'Toàn màn hình' },
      ...(options.devTools ? [separator, { role: 'toggleDevTools', label: 'Công cụ phát triển' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: 'Trợ giúp',
    role: 'help',
    submenu: [{ role: 'about', label: 'Giới thiệu ptdv' }],
  };
  return [...(isMac ? [macAppMenu()] : []), file, edit, view, help];
}
