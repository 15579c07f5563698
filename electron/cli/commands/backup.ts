import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyFilePath } from '../../../db/client';
import { finishInterruptedRestore } from '../../../db/restore-swap';
import { UsageError } from '../io';
import { backupDatabase, restoreDatabase } from '../../../db/backup';
import { formatBytes } from '../../core/model/format';
import { formatViDateTime } from '../../core/model/dates';
import { getSelfUnit } from '../../core/store/units';
import { outFile, parse, required } from '../args';
import { clockOf, migrationsDir, passphrase, withDatabase, wrongDatabase } from '../database';
import type { Command } from './index';

export const backup: Command = {
  path: ['backup'],
  summary: 'Sao lưu cơ sở dữ liệu ra một tệp (vẫn được mã hóa)',
  usage: 'ptdv backup --db FILE --out BACKUP_FILE',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
    const out = outFile(io.cwd, values.out, { db: values.db, fresh: true, example: 'sao-luu.ptdvbak' });
    return withDatabase(required(values.db, '--db'), io, async ({ database, ctx }) => {
      const bytes = await backupDatabase(database, out, { createdAt: ctx.clock.now(), unitCode: getSelfUnit(database.db).code });
      io.out(`Đã sao lưu vào ${out} (${formatBytes(bytes)}). Mở bản sao lưu cần mật khẩu hiện tại hoặc mã khôi phục.`);
      return 0;
    });
  },
};

/**
 * A restore moves whatever is at --db aside and puts the backup there: only a ptdv database (with its key beside it)
 * or nothing may be there, or a folder or an unrelated file would be taken for the data. Checked before the
 * passphrase, so a typo changes nothing. A database whose key was lost is moved aside by the user first, knowingly.
 */
function refuseRestorePaths(db: string, from: string, io: Parameters<Command['run']>[1]): void {
  if (existsSync(from) && statSync(from).isDirectory()) {
    throw new UsageError(`--from: ${from} là một thư mục; hãy chỉ tệp sao lưu (.ptdvbak).`);
  }
  finishInterruptedRestore(db, io.env.PTDV_NATIVE_BINDING);
  if (!existsSync(db)) {
    return;
  }
  if (statSync(db).isDirectory()) {
    throw new UsageError(`--db: ${db} là một thư mục, không phải tệp cơ sở dữ liệu.`);
  }
  if (!existsSync(keyFilePath(db))) {
    throw new UsageError(
      `--db: ${db} không phải cơ sở dữ liệu ptdv (không có tệp khóa ${keyFilePath(db)} bên cạnh); khôi phục không thay tệp này. Hãy chọn tên tệp khác cho --db, hoặc nếu đó là cơ sở dữ liệu đã mất tệp khóa, hãy tự chuyển nó đi chỗ khác trước.`,
    );
  }
}

export const restore: Command = {
  path: ['restore'],
  summary: 'Khôi phục cơ sở dữ liệu từ tệp sao lưu (dữ liệu cũ được giữ lại bên cạnh)',
  usage: 'ptdv restore --db FILE --from BACKUP_FILE',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, from: { type: 'string' } });
    const db = resolve(io.cwd, required(values.db, '--db'));
    const from = resolve(io.cwd, required(values.from, '--from'));
    refuseRestorePaths(db, from, io);
    const secret = await passphrase(io, 'Mật khẩu của bản sao lưu: ');
    const { movedAside, archiveKeptAside, unit, backupMadeAt } = await restoreDatabase(db, from, secret, { migrationsDir: migrationsDir(io.env), stamp: clockOf(io).now() }).catch((err: unknown) => {
      throw wrongDatabase(err);
    });
    // Named from inside the data, so a backup of another unit taken by mistake shows at once.
    io.out(`Đã khôi phục ${db} từ ${from}: dữ liệu của ${unit.name} (${unit.code}), sao lưu lúc ${formatViDateTime(backupMadeAt)}.`);
    if (movedAside) {
      io.out(`Dữ liệu trước khi khôi phục được giữ tại ${movedAside}.`);
    }
    if (archiveKeptAside.length > 0) {
      io.out(`Trong thư mục luu-tru có ${archiveKeptAside.length} tệp khác nội dung với tệp cùng tên trong bản sao lưu; chúng được giữ lại với tên mới: ${archiveKeptAside.join(', ')}.`);
    }
    return 0;
  },
};
