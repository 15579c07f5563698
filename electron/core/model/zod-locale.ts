import { z } from 'zod';

const KIND_WORDS: Readonly<Record<string, string>> = { number: 'một số', int: 'một số nguyên', string: 'chữ', boolean: 'có hoặc không', array: 'một danh sách', object: 'một nhóm thông tin', date: 'một ngày' };

/**
 * zod's own Vietnamese names types and patterns in English ("mong đợi string, nhận được undefined"); the codes a
 * user can meet are worded here, the rest falls back to zod's Vietnamese.
 */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const size = (issue as { origin?: string }).origin;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? 'chưa nhập' : `cần là ${KIND_WORDS[issue.expected] ?? 'giá trị khác'}`;
    case 'too_small':
      if (size === 'string') {
        return Number(issue.minimum) <= 1 ? 'chưa nhập' : `cần ít nhất ${issue.minimum} ký tự`;
      }
      if (size === 'array' || size === 'set') {
        return `cần ít nhất ${issue.minimum} mục`;
      }
      return issue.inclusive ? `không được nhỏ hơn ${issue.minimum}` : `phải lớn hơn ${issue.minimum}`;
    case 'too_big':
      if (size === 'string') {
        return `tối đa ${issue.maximum} ký tự`;
      }
      if (size === 'array' || size === 'set') {
        return `tối đa ${issue.maximum} mục`;
      }
      return issue.inclusive ? `không được lớn hơn ${issue.maximum}` : `phải nhỏ hơn ${issue.maximum}`;
    case 'invalid_format':
      return 'không đúng định dạng';
    case 'invalid_value':
      return issue.input === undefined || issue.input === null ? 'chưa nhập' : `${shown(issue.input)} không phải lựa chọn hợp lệ${choices(issue.values)}`;
    case 'unrecognized_keys':
      // The keys are named as the file writes them: its author has to find and remove them.
      return `có thông tin thừa không dùng đến: ${issue.keys.join(', ')}`;
    case 'invalid_union': {
      // A record's type no kind of record has (an event type misspelt): say which types there are.
      const { options, discriminator } = issue as { options?: readonly unknown[]; discriminator?: string };
      const given = discriminator && typeof issue.input === 'object' && issue.input !== null ? (issue.input as Record<string, unknown>)[discriminator] : undefined;
      return options && given !== undefined ? `${shown(given)} không hợp lệ${choices(options)}` : 'không hợp lệ';
    }
    case 'custom':
      return 'không hợp lệ';
    default:
      return undefined;
  }
}

/** The value a file gave, quoted and cut short: what its author searches for. */
function shown(input: unknown): string {
  const text = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/** The allowed values of a short list (a form's choices come from a list, so only a file or the CLI meets this). */
function choices(values: readonly unknown[] | undefined): string {
  return values && values.length > 0 && values.length <= 25 ? ` (chọn một trong: ${values.map(String).join(', ')})` : '';
}

// Every validation message a user can see comes from zod: set Vietnamese once, for every schema, in every process
// (main, CLI, web host, renderer). Model modules import this file for its effect.
const vi = z.locales.vi().localeError;
z.config({ localeError: (issue) => plainMessage(issue) ?? vi?.(issue) });
