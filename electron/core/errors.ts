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
