import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Checked without a Date (a bundle import checks several dates per record); years before 100 stay refused, as
  // Date.UTC reads them as 19xx.
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return y >= 100 && mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]!);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date as an ISO string. Dates never carry a time zone: they are Vietnam calendar days. */
export const isoDate = z.string().refine(isIsoDate, { message: 'ngày không hợp lệ (cần dạng YYYY-MM-DD)' });
export type IsoDate = string;

/** Formats an ISO date as the dd/MM/yyyy Vietnamese readers expect. */
export function formatViDate(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An instant stored as Vietnam local time (`2026-12-28T09:12:00+07:00`) as "28/12/2026 09:12". */
export function formatViDateTime(iso: string): string {
  const time = iso.slice(11, 16);
  return `${formatViDate(iso.slice(0, 10))}${time ? ` ${time}` : ''}`;
}

const VI_DATE = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;

/** Day, month and year as typed in `dd/mm/yyyy` (or with `.` or `-`), valid or not; null for any other shape. */
export function viDateParts(text: string): { day: number; month: number; year: number } | null {
  const m = VI_DATE.exec(text);
  return m ? { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) } : null;
}

/** Parses dd/MM/yyyy (or d/M/yyyy) typed by a user into ISO; null when it is not a real date. */
export function parseViDate(text: string): string | null {
  const m = VI_DATE.exec(text);
  if (!m) {
    return isIsoDate(text.trim()) ? text.trim() : null;
  }
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
