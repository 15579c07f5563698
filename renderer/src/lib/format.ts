import { formatViDate } from '../../../electron/core/model/dates';

/** A file size as people read it: "12 KB", "3,4 MB". */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;
}

/** An instant stored as Vietnam local time (`2026-12-28T09:12:00+07:00`) as "28/12/2026 09:12". */
export function formatViDateTime(iso: string): string {
  const time = iso.slice(11, 16);
  return `${formatViDate(iso.slice(0, 10))}${time ? ` ${time}` : ''}`;
}
