import type { z } from 'zod';

export type ErrorKind = 'validation' | 'not-found' | 'conflict' | 'forbidden' | 'locked' | 'internal';

/**
 * The one error type of core and services. `message` is Vietnamese and shown to the user as is;
 * `code` is a stable machine code (bundle import codes, finding codes) when there is one.
 */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string | undefined;

  constructor(kind: ErrorKind, message: string, code?: string) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
  }
}

/** The code of the refusal a user can override by confirming that two records are two people. */
export const DUPLICATE_PERSON = 'DUPLICATE_PERSON';

/** "Already on the list" in the words a secretary reads, with the existing names as they are written. */
export function duplicateMessage(list: string, names: readonly string[], birthDate: string): string {
  const [y, m, d] = birthDate.split('-');
  const shown = [...new Set(names)].map((n) => `"${n}"`).join(', ');
  return `Đã có ${list} ${shown} cùng ngày sinh ${d}/${m}/${y} trong đơn vị (trùng họ tên khi bỏ dấu, khoảng trắng và ký tự ẩn). Nếu đúng là hai người khác nhau, hãy xác nhận để vẫn lưu.`;
}

export function assertNever(value: never): never {
  throw new AppError('internal', `Giá trị không được xử lý: ${String(value)}`);
}

/**
 * Where a file is wrong, in words a secretary can pass on to whoever sent it ("quy tắc thứ 2 sai kiểu dữ liệu")
 * rather than the validator's text; the place in the file follows in brackets, as written there, so the sender
 * finds it. `data` is the file as read, to tell a missing field from a wrong one; at most `max` places are named.
 */
export function describeFileIssues(error: z.ZodError, data: unknown, listName: string, max = 3): string {
  const places = error.issues.slice(0, max).map((issue) => {
    const value = issue.path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), data);
    const what =
      issue.code === 'invalid_type' && value === undefined
        ? 'bị thiếu'
        : issue.code === 'invalid_type'
          ? 'sai kiểu dữ liệu'
          : issue.code === 'too_small' && Array.isArray(value)
            ? 'trống hoặc quá ít'
            : issue.code === 'unrecognized_keys'
              ? 'có mục không dùng đến'
              : 'có giá trị không hợp lệ';
    const where = issue.path.map(String).join('.');
    if (typeof issue.path[1] === 'number') {
      return `${listName} thứ ${issue.path[1] + 1} ${what} (mục ${where})`;
    }
    if (!where) {
      return `tệp ${what}`;
    }
    return what === 'bị thiếu' ? `thiếu mục ${where}` : `mục ${where} ${what}`;
  });
  const more = error.issues.length > max ? ` và ${error.issues.length - max} chỗ khác` : '';
  return `${places.join('; ')}${more}`;
}

/** Formats zod issues as "path: reason" lines, so a user sees which field of which file is wrong. */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
