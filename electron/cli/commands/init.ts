import { keysInfo } from '../../core/services/key-service';
import { setupUnit } from '../../core/services/unit-service';
import { parse, required } from '../args';
import { withNewDatabase } from '../database';
import type { Command } from './index';

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
    const level = required(values.level, '--level') as 'chi-bo';
    const unitInput = { code: required(values.code, '--code'), name: required(values.name, '--name'), level, parentCode: values.parent ?? null, hasYouthUnion: !values['no-youth-union'] };
    return withNewDatabase(required(values.db, '--db'), io, ({ ctx, recoveryCode }) => {
      const unit = setupUnit(ctx, unitInput);
      io.out(`Đã tạo cơ sở dữ liệu cho ${unit.name} (${unit.code}).`);
      io.out(`MÃ KHÔI PHỤC (chỉ hiện một lần, hãy ghi lại và cất giữ an toàn): ${recoveryCode}`);
      io.out(`Đã tạo khóa ký và khóa mã hóa của đơn vị. Mã vân tay (đọc khi đăng ký với cấp trên): ${keysInfo(ctx).own.readAloudCode}`);
      return 0;
    });
  },
};
