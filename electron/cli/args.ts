import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatViDate, isIsoDate } from '../core/model/dates';
import { assertWritableFolder } from '../../db/errors';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with strict checking, its English errors turned into a Vietnamese usage error naming the flag. */
export function parse<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(parseErrorText(err));
  }
}

/** What node's parseArgs refused, in Vietnamese: its messages quote the flag or argument first ('--parent <value>'). */
function parseErrorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']*)'/.exec(message)?.[1]?.split(' ')[0] ?? '';
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Không có tham số ${quoted}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('argument missing')) {
        return `Thiếu giá trị sau ${quoted}.`;
      }
      // A value starting with a dash (--candidates -5) reads as another flag unless written with '='.
      return message.includes('ambiguous') ? `Giá trị sau ${quoted} bắt đầu bằng dấu "-": nếu đúng là giá trị đó, viết liền ${quoted}=giá-trị.` : `Tham số ${quoted} không nhận giá trị.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Thừa đối số "${quoted}": các giá trị phải đi sau tên tham số (ví dụ --db TỆP).`;
    default:
      return 'Tham số không hợp lệ.';
  }
}

/** Returns a required string option or throws a usage error naming it. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') {
    throw new UsageError(`Thiếu tham số bắt buộc ${flag}`);
  }
  return value;
}

/** `--year`: required, four digits between 2000 and 2100. */
export function yearOption(value: string | undefined): number {
  const text = required(value, '--year');
  const y = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || y < 2000 || y > 2100) {
    throw new UsageError(`--year cần là năm (ví dụ 2026), không phải "${text}"`);
  }
  return y;
}

/** The database file and the files beside it that belong to it (its key, log, lock). */
const DATABASE_FILES = ['', '.key', '-wal', '-shm', '-journal', '.lock'];

function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    // A path through a file ("report.pdf/x") is no folder either.
    return false;
  }
}

/**
 * `--out` naming a file to write, checked before any work so that a mistake changes nothing: its folder exists, it
 * is not a folder, and it is never the database in use or a file of it. `fresh`: an existing file is refused too.
 */
export function outFile(cwd: string, value: string | undefined, options: { db?: string | undefined; fresh?: boolean; example: string }): string {
  const out = resolve(cwd, required(value, '--out'));
  if (isFolder(out)) {
    throw new UsageError(`--out: ${out} là một thư mục; hãy ghi cả tên tệp, ví dụ ${join(out, options.example)}.`);
  }
  if (!isFolder(dirname(out))) {
    throw new UsageError(`--out: thư mục ${dirname(out)} không tồn tại. Hãy tạo thư mục đó hoặc chọn nơi lưu khác.`);
  }
  assertWritableFolder(dirname(out));
  const db = options.db === undefined ? null : resolve(cwd, options.db);
  if (db !== null && DATABASE_FILES.some((suffix) => db + suffix === out)) {
    throw new UsageError(`--out: ${out} là tệp của cơ sở dữ liệu đang dùng; ghi vào đó sẽ làm mất dữ liệu. Hãy chọn tên khác.`);
  }
  if (options.fresh && existsSync(out)) {
    throw new UsageError(`--out: tệp ${out} đã có; lệnh này không ghi đè tệp nào. Hãy chọn tên khác hoặc chuyển tệp cũ đi.`);
  }
  return out;
}

/** `--out` naming a folder to write into (made when missing): an existing file of that name is refused before any work. */
export function outFolder(cwd: string, value: string | undefined): string {
  const out = resolve(cwd, required(value, '--out'));
  if (existsSync(out) && !isFolder(out)) {
    throw new UsageError(`--out: ${out} là một tệp, không phải thư mục. Hãy chọn một thư mục để ghi vào.`);
  }
  return out;
}

/**
 * The day a report or a count is made as of (`--as-of`): today when not given, never a later day, for a figure sent
 * upward may only count what has happened.
 */
export function countingDay(value: string | undefined, today: string): string {
  if (value === undefined) {
    return today;
  }
  if (!isIsoDate(value)) {
    throw new UsageError(`--as-of cần là ngày dạng YYYY-MM-DD (ví dụ 2026-12-31), không phải "${value}"`);
  }
  if (value > today) {
    throw new UsageError(`--as-of ${formatViDate(value)} là ngày sau hôm nay (${formatViDate(today)}): số liệu chỉ tính những gì đã xảy ra.`);
  }
  return value;
}
