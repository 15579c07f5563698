import { formatViDate } from './dates';

/**
 * Sizes and moments as a Vietnamese reader writes them, shared by the screens, the CLI and core messages so every
 * place says "217,4 MB" and "14:05 ngày 06/12/2026" the same way.
 */

const KiB = 1024;
const MiB = KiB * KiB;
const GiB = MiB * KiB;
const ONE_DECIMAL = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/**
 * A size in binary units, as the file manager shows it: "12 KB", "217,4 MB", "1,8 GB". Below a megabyte it counts
 * whole kilobytes rounded up, so a file of a few bytes is "1 KB", never "0 KB", and only an empty one is "0 KB".
 */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) {
    return `${ONE_DECIMAL.format(bytes / GiB)} GB`;
  }
  if (bytes >= MiB) {
    return `${ONE_DECIMAL.format(bytes / MiB)} MB`;
  }
  return `${WHOLE.format(Math.ceil(Math.max(0, bytes) / KiB))} KB`;
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const MOMENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/**
 * An instant as words in Vietnam time: "14:05 ngày 06/12/2026". The app writes instants with +07:00, and one without
 * an offset is Vietnam time too: both are read as written. One with another offset (UTC, from another tool) is moved
 * to Vietnam time first. Text that is not an instant is returned as it is rather than hidden.
 */
export function formatViMoment(iso: string): string {
  const other = /(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  const ms = other && other[1] !== '+07:00' ? Date.parse(iso) : NaN;
  const m = MOMENT.exec(Number.isNaN(ms) ? iso : new Date(ms + VIETNAM_OFFSET_MS).toISOString());
  return m ? `${m[4]}:${m[5]} ngày ${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * A rulebook as a user names it: the shipped ones are versioned by the date they take effect, "bộ quy tắc ngày
 * 04/12/2026"; an imported one keeps the name its issuer gave it.
 */
export function rulebookName(version: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(version) ? `bộ quy tắc ngày ${formatViDate(version)}` : `bộ quy tắc ${version}`;
}
