import { z } from 'zod';
import { vi } from 'zod/locales';
import { parseViDate, viDateParts } from '../../../electron/core/model/dates';

// Any message a schema does not spell out itself still reaches the user in Vietnamese.
z.config(vi());

let fixedToday: string | null = null;

/** The host fixed "today" (the web host under PTDV_TODAY): forms then refuse and default dates as its services do. */
export function setFixedToday(day: string | undefined): void {
  fixedToday = day ?? null;
}

/** Today's calendar date in Vietnam (UTC+7) as ISO, whatever the computer's time zone, unless the host fixed it. */
export function todayIso(): string {
  return fixedToday ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/**
 * Why a typed date was not read: a day the calendar does not have ("31/02/2026") is named as such, since its form
 * was right; anything else gets the form to type.
 */
export function dateRefusal(text: string): string {
  const typed = viDateParts(text);
  if (typed) {
    const { month, year } = typed;
    if (month < 1 || month > 12) {
      return `Không có tháng ${month}: tháng là số từ 1 đến 12.`;
    }
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `Không có ngày ${text.trim()}: tháng ${month} năm ${year} có ${days} ngày.`;
  }
  return 'Ngày không hợp lệ — nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2024.';
}

function toIso(text: string, ctx: z.RefinementCtx): string {
  const iso = parseViDate(text);
  if (!iso) {
    ctx.addIssue({ code: 'custom', message: dateRefusal(text) });
    return z.NEVER;
  }
  return iso;
}

/** A required date typed as dd/MM/yyyy; the form's output is ISO. */
export function viDate(missing = 'Nhập ngày (ngày/tháng/năm).') {
  return z.string().trim().min(1, missing).transform(toIso);
}

/** An optional date typed as dd/MM/yyyy: empty gives null. */
export const optionalViDate = z
  .string()
  .trim()
  .transform((text, ctx) => (text === '' ? null : toIso(text, ctx)));

/** Optional free text: empty gives null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Tối đa ${max} ký tự.`)
    .transform((s) => (s === '' ? null : s));

/** A select whose empty option means "not given". */
export function optionalChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.literal(''), z.enum(values)]).transform((v) => (v === '' ? null : v));
}

/** A whole number typed in a text box (vote counts). */
export function count(missing: string) {
  return z
    .string()
    .trim()
    .min(1, missing)
    .regex(/^\d{1,6}$/, 'Nhập một số nguyên không âm.')
    .transform(Number);
}
