import { asAppError } from '../core/services/failures';
import { commands } from './commands/index';
import { processIo, UsageError, type CliIo } from './io';
import { terminalSafe } from './terminal';

const HELP = (): string =>
  [
    'ptdv — phát triển đảng viên (quản lý quy trình kết nạp đảng viên)',
    '',
    'Cách dùng: ptdv <lệnh> [tuỳ chọn]   (ptdv <lệnh> --help để xem chi tiết)',
    '',
    'Lệnh:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(28)} ${c.summary}`),
    '',
    'Mật khẩu cơ sở dữ liệu đọc từ biến môi trường PTDV_PASSPHRASE; nếu chưa đặt, ptdv hỏi trên terminal.',
    'Mã thoát: 0 thành công, 1 có lỗi nghiệp vụ (phát hiện lỗi, gói bị từ chối), 2 đầu vào hoặc lệnh không hợp lệ.',
  ].join('\n');

/** Every line the CLI prints passes through terminalSafe: names and notes from bundles are other units' text. */
function terminalSafeIo(io: CliIo): CliIo {
  const { showOnce } = io;
  return {
    ...io,
    out: (text) => io.out(terminalSafe(text)),
    err: (text) => io.err(terminalSafe(text)),
    ...(showOnce ? { showOnce: (text: string) => showOnce(terminalSafe(text)) } : {}),
  };
}

/** Runs one command line and returns its exit code; never throws, so every failure reaches the user in Vietnamese. */
export async function main(argv: string[], rawIo: CliIo = processIo, ports: Pick<CliIo, 'pdf'> = {}): Promise<number> {
  const io = terminalSafeIo({ ...rawIo, ...ports });
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(HELP());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out('ptdv 0.1.0');
    return 0;
  }
  const match = commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!match) {
    // `ptdv targets --help` (or bare `ptdv targets`): the commands of that group, not the whole list.
    const group = commands.filter((c) => c.path.length > 1 && c.path[0] === argv[0]);
    const asked = argv.slice(1).some((a) => a === '--help' || a === '-h');
    if (group.length > 0 && (argv.length === 1 || asked)) {
      const lines = [`Các lệnh ${argv[0]} (ptdv ${argv[0]} <lệnh> --help để xem chi tiết):`, ...group.map((c) => `  ${c.path.join(' ').padEnd(28)} ${c.summary}`)].join('\n');
      if (asked) {
        io.out(lines);
        return 0;
      }
      io.err(`Thiếu lệnh sau "${argv[0]}".\n\n${lines}`);
      return 2;
    }
    io.err(`Lệnh không hợp lệ: ${argv.slice(0, 2).join(' ')}\n\n${HELP()}`);
    return 2;
  }
  const command = await match.load();
  const args = argv.slice(match.path.length);
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.summary}\n\nCách dùng: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\nCách dùng: ${command.usage}`);
      return 2;
    }
    const known = asAppError(err);
    if (known) {
      io.err(`Lỗi: ${known.message}${known.code ? ` [${known.code}]` : ''}`);
      return known.kind === 'validation' ? 2 : 1;
    }
    io.err(`Lỗi không mong đợi: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
