import { z } from 'zod';

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

/** Formats zod issues as "path: reason" lines, so a user sees which field of which file is wrong. */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * What the shells show for anything a use case throws: its AppError, or for a schema that refused an input deep in
 * a use case, the same Vietnamese validation message a checked input gets; null for a real bug.
 */
export function asAppError(err: unknown): AppError | null {
  if (err instanceof AppError) {
    return err;
  }
  if (err instanceof z.ZodError) {
    return new AppError('validation', formatZodIssues(err));
  }
  return null;
}
