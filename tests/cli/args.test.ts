import { describe, expect, it } from 'vitest';
import { parse } from '../../electron/cli/args';
import { runCli } from '../helpers/cli';

const refusal = (args: string[], allowPositionals = false) => {
  try {
    parse(args, { db: { type: 'string' }, parent: { type: 'string' }, 'no-youth-union': { type: 'boolean' } }, allowPositionals);
  } catch (err) {
    return (err as Error).message;
  }
  return null;
};

describe('flags the CLI refuses', () => {
  it('are named in Vietnamese, with no English from the parser', () => {
    expect(refusal(['--db', 'x.db', '--parent'])).toBe('Thiếu giá trị sau --parent.');
    expect(refusal(['--bogus'])).toBe('Không có tham số --bogus.');
    expect(refusal(['--no-youth-union=1'])).toBe('Tham số --no-youth-union không nhận giá trị.');
    expect(refusal(['extra', '--db', 'x.db'])).toBe('Thừa đối số "extra": các giá trị phải đi sau tên tham số (ví dụ --db TỆP).');
    expect(refusal(['extra'], true)).toBeNull();
    // A value that starts with a dash reads as a flag: the message says how to give it, not that the flag takes none.
    expect(refusal(['--db', '-5'])).toBe('Giá trị sau --db bắt đầu bằng dấu "-": nếu đúng là giá trị đó, viết liền --db=giá-trị.');
  });
});

describe('help for a group of commands', () => {
  it('lists the commands of the group for `ptdv targets --help`, and says one is missing for a bare `ptdv targets`', async () => {
    const help = await runCli(['targets', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Các lệnh targets');
    expect(help.stdout).toMatch(/targets table\s+Bảng chỉ tiêu/);
    expect(help.stdout).not.toContain('backup');
    const bare = await runCli(['targets']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Thiếu lệnh sau "targets"');
    const unknown = await runCli(['taget', '--help']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Lệnh không hợp lệ: taget');
  });
});
