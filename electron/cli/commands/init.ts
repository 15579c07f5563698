import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyFilePath } from '../../../db/client';
import { keysInfo } from '../../core/services/key-service';
import { setupUnit } from '../../core/services/unit-service';
import { UNIT_LEVELS, unitSetupSchema } from '../../core/model/entities';
import { parse, required } from '../args';
import { withNewDatabase } from '../database';
import { UsageError } from '../io';
import type { Command } from './index';

const FLAG_OF: Readonly<Record<string, string>> = { code: '--code', name: '--name', level: '--level', parentCode: '--parent' };

export const command: Command = {
  path: ['init'],
  summary: 'Tạo cơ sở dữ liệu mới (đã mã hóa) cho một đơn vị',
  usage: 'ptdv init --db FILE --code MÃ --name "TÊN" --level chi-bo|dang-bo-co-so|cap-tren [--parent MÃ] [--no-youth-union]',
  async run(args, io) {
    const { values } = parse(args, {
      db: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      level: { type: 'string' },
      parent: { type: 'string' },
      'no-youth-union': { type: 'boolean' },
    });
    const file = required(values.db, '--db');
    const level = required(values.level, '--level');
    if (!(UNIT_LEVELS as readonly string[]).includes(level)) {
      throw new UsageError(`--level không hợp lệ: "${level}". Chọn một trong: ${UNIT_LEVELS.join(', ')} (chi bộ, đảng ủy cơ sở, cấp ủy cấp trên).`);
    }
    // Every flag is checked before the database file exists, so a typo never leaves a file that blocks the retry.
    const parsed = unitSetupSchema.safeParse({ code: required(values.code, '--code'), name: required(values.name, '--name'), level, parentCode: values.parent ?? null, hasYouthUnion: !values['no-youth-union'] });
    if (!parsed.success) {
      // One reason per flag: a blank name is "nhập tên đơn vị", not also "cần ít nhất 2 ký tự".
      const first = new Map<string, string>();
      parsed.error.issues.forEach((i) => first.has(String(i.path[0])) || first.set(String(i.path[0]), i.message));
      throw new UsageError([...first].map(([key, message]) => `${FLAG_OF[key] ?? key}: ${message}`).join('; '));
    }
    const path = resolve(io.cwd, file);
    if (existsSync(path) || existsSync(keyFilePath(path))) {
      // Asked before the passphrase: the answer is another --db, not a password.
      throw new UsageError(`Đã có cơ sở dữ liệu tại ${path}; ptdv không ghi đè dữ liệu có sẵn. Hãy chọn tệp khác cho --db, hoặc dùng các lệnh khác với --db này để làm việc trên dữ liệu đó.`);
    }
    return withNewDatabase(file, io, async ({ ctx, recoveryCode }) => {
      const unit = setupUnit(ctx, parsed.data);
      io.out(`Đã tạo cơ sở dữ liệu cho ${unit.name} (${unit.code}).`);
      const codeLine = `MÃ KHÔI PHỤC (chỉ hiện một lần, hãy ghi lại và cất giữ an toàn): ${recoveryCode}`;
      let shown = true;
      if (io.showOnce) {
        shown = await io.showOnce(codeLine);
      } else {
        io.out(codeLine);
      }
      if (!shown) {
        // The code exists nowhere else: losing it to a closed pipe would leave the passphrase as the only way in.
        io.err(`Đầu ra đã bị đóng (ví dụ do "| head") nên mã khôi phục không hiện được ở đó; mã được ghi ra đây một lần.\n${codeLine}`);
      }
      io.out(`Đã tạo khóa ký và khóa mã hóa của đơn vị. Mã vân tay (đọc khi đăng ký với cấp trên): ${keysInfo(ctx).own.readAloudCode}`);
      return 0;
    });
  },
};
