import { formatViDate } from '../../../electron/core/model/dates';

/** An instant stored as Vietnam local time (`2026-12-28T09:12:00+07:00`) as "28/12/2026 09:12". */
export function formatViDateTime(iso: string): string {
  const time = iso.slice(11, 16);
  return `${formatViDate(iso.slice(0, 10))}${time ? ` ${time}` : ''}`;
}
