import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../../../db/atomic';
import { saveBundle, writeNewFile } from '../../bundle-files';
import { rotateKeys } from '../../core/services/key-rotation';
import { exportAgeIdentities, exportAllowedSigners, exportTrustFile, keysInfo, revokeUnitKeys } from '../../core/services/key-service';
import { outFile, outFolder, parse, required } from '../args';
import { printMade } from '../bundle-output';
import { withDatabase } from '../database';
import type { Command } from './index';

export const keysShow: Command = {
  path: ['keys', 'show'],
  summary: 'Xem khóa và mã vân tay của đơn vị (và của cấp trên)',
  usage: 'ptdv keys show --db FILE',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' } });
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const info = keysInfo(ctx);
      io.out(`${info.own.code} — ${info.own.name}`);
      io.out(`  Mã vân tay (đọc qua điện thoại): ${info.own.readAloudCode}`);
      io.out(`  Khóa ký: ${info.own.fingerprint}`);
      io.out(`  Người nhận age: ${info.own.ageRecipient}`);
      if (info.parent) {
        io.out(`Cấp trên ${info.parent.code} — ${info.parent.name}`);
        io.out(`  Mã vân tay: ${info.parent.readAloudCode}`);
      }
      return 0;
    });
  },
};

export const keysExportTrust: Command = {
  path: ['keys', 'export-trust'],
  summary: 'Xuất tệp tin cậy (khóa công khai) để gửi cho các đơn vị cấp dưới',
  usage: 'ptdv keys export-trust --db FILE --out TỆP',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
    const out = outFile(io.cwd, values.out, { db: values.db, example: 'tin-cay.json' });
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      writeFileAtomic(out, exportTrustFile(ctx));
      io.out(`Đã xuất tệp tin cậy vào ${out}. Mã vân tay để đơn vị đối chiếu: ${keysInfo(ctx).own.readAloudCode}`);
      return 0;
    });
  },
};

export const keysExportAllowedSigners: Command = {
  path: ['keys', 'export-allowed-signers'],
  summary: 'Xuất tệp allowed_signers (khóa đã xác nhận của các đơn vị) cho ssh-keygen -Y verify',
  usage: 'ptdv keys export-allowed-signers --db FILE --out TỆP',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
    const out = outFile(io.cwd, values.out, { db: values.db, example: 'allowed_signers' });
    return withDatabase(required(values.db, '--db'), io, ({ database }) => {
      const text = exportAllowedSigners(database.db);
      writeFileAtomic(out, text);
      io.out(`Đã xuất ${text.split('\n').filter(Boolean).length} khóa vào ${out}.`);
      return 0;
    });
  },
};

export const keysExportAgeIdentity: Command = {
  path: ['keys', 'export-age-identity'],
  summary: 'Xuất khóa bí mật age của đơn vị (để kiểm tra gói bằng công cụ age); không ghi đè tệp có sẵn',
  usage: 'ptdv keys export-age-identity --db FILE --out TỆP   (tệp chứa khóa bí mật: giữ kín, xóa sau khi dùng)',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
    const out = outFile(io.cwd, values.out, { db: values.db, example: 'khoa-giai-ma.agekey' });
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      writeNewFile(out, exportAgeIdentities(ctx), 0o600);
      io.out(`Đã xuất khóa bí mật age vào ${out}. Tệp này mở được mọi gói gửi cho đơn vị: giữ kín và xóa sau khi kiểm tra.`);
      return 0;
    });
  },
};

export const keysRotate: Command = {
  path: ['keys', 'rotate'],
  summary: 'Đổi khóa của đơn vị; tạo các gói thông báo khóa mới (ký bằng khóa cũ) để gửi đi',
  usage: 'ptdv keys rotate --db FILE --out THƯ_MỤC',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
    const out = outFolder(io.cwd, values.out);
    mkdirSync(out, { recursive: true });
    return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
      const made = await rotateKeys(ctx);
      made.forEach((m) => printMade(io, saveBundle(out, m), m));
      io.err(`Đã đổi khóa. Mã vân tay mới: ${keysInfo(ctx).own.readAloudCode}. Gửi ${made.length} gói trên cho các đơn vị nhận.`);
      return 0;
    });
  },
};

export const keysRevoke: Command = {
  path: ['keys', 'revoke'],
  summary: 'Thu hồi khóa của một đơn vị cấp dưới (mất máy): gói ký bằng khóa đó bị từ chối',
  usage: 'ptdv keys revoke --db FILE --code MÃ_ĐƠN_VỊ',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, code: { type: 'string' } });
    const code = required(values.code, '--code').toUpperCase();
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      revokeUnitKeys(ctx, code);
      io.out(`Đã thu hồi khóa của ${code}. Đơn vị cần đăng ký lại bằng khóa mới (ptdv keys rotate rồi ptdv enrol request).`);
      return 0;
    });
  },
};
