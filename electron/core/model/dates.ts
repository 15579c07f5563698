import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

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

/** Parses dd/MM/yyyy (or d/M/yyyy) typed by a user into ISO; null when it is not a real date. */
export function parseViDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) {
    return isIsoDate(text.trim()) ? text.trim() : null;
  }
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
