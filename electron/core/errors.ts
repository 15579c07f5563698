import type { z } from 'zod';

export type ErrorKind = 'validation' | 'not-found' | 'conflict' | 'forbidden' | 'locked' | 'internal';

/** A refusal that belongs to one field of what was typed: the form shows `message` under that field. */
export type FieldProblem = { field: string; message: string };

/**
 * The one error type of core and services. `message` is Vietnamese and shown to the user as is;
 * `code` is a stable machine code (bundle import codes, finding codes) when there is one; `fields` says which
 * inputs the refusal is about, when it is about inputs.
 */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string | undefined;

  readonly fields: readonly FieldProblem[];

  constructor(kind: ErrorKind, message: string, code?: string, fields: readonly FieldProblem[] = []) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.fields = fields;
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
    if (issue.code === 'too_small' && Array.isArray(value) && value.length === 0) {
      return `không có ${listName} nào (mục ${where})`;
    }
    return what === 'bị thiếu' ? `thiếu mục ${where}` : `mục ${where} ${what}`;
  });
  const more = error.issues.length > max ? ` và ${error.issues.length - max} chỗ khác` : '';
  return `${places.join('; ')}${more}`;
}

/** The words a user knows a field by, for the fields of the inputs every screen and command sends. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  year: 'Năm',
  quarter: 'Quý',
  fullName: 'Họ và tên',
  name: 'Tên',
  code: 'Mã đơn vị',
  unitCode: 'Mã đơn vị',
  parentCode: 'Mã cấp trên',
  level: 'Cấp',
  date: 'Ngày',
  birthDate: 'Ngày sinh',
  joinedOn: 'Ngày vào Đảng',
  fullMemberSince: 'Ngày chính thức',
  asOf: 'Ngày kiểm tra',
  gender: 'Giới tính',
  status: 'Trạng thái',
  note: 'Ghi chú',
  reason: 'Lý do',
  passphrase: 'Mật khẩu',
  next: 'Mật khẩu mới',
  kind: 'Loại',
  source: 'Căn cứ',
  secretaryName: 'Họ tên bí thư',
  documentPlace: 'Nơi ban hành văn bản',
  number: 'Số',
  text: 'Nội dung',
  query: 'Từ khóa tìm kiếm',
  confirmed: 'Đã xác nhận',
};

/**
 * Zod issues of a record or file that came from another program (a unit's bundle, a trust file): each with its place
 * in the record ("eligible: chưa nhập"), which is what whoever made the record must look for.
 */
export function describeRecordIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/** The issues that name a field, each under its path (`joinedOn`, `entry.date`). */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.filter((issue) => issue.path.length > 0).map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * zod issues as "Họ và tên: chưa nhập; Năm: không được nhỏ hơn 2000": the field by the name a user knows it, never
 * the path in the data, so every refused input reads the same in the window and the CLI.
 */
export function describeInputIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = [...issue.path].reverse().find((key): key is string => typeof key === 'string' && Object.hasOwn(FIELD_LABELS, key));
      const row = issue.path.find((key): key is number => typeof key === 'number');
      const where = `${field ? FIELD_LABELS[field] : 'Thông tin nhập'}${row === undefined ? '' : ` (dòng ${row + 1})`}`;
      return issue.path.length > 0 || field ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
