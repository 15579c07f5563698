import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with strict checking, its English errors turned into a Vietnamese usage error. */
export function parse<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UsageError(`Tham số không hợp lệ (${detail})`);
  }
}

/** Returns a required string option or throws a usage error naming it. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') {
    throw new UsageError(`Thiếu tham số bắt buộc ${flag}`);
  }
  return value;
}
