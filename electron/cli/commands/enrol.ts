import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { importFiles, readTextFile, saveBundle } from '../../bundle-files';
import { continueNumberingAfter, exportMoveNotice, requestEnrolment } from '../../core/services/bundle-export';
import { formatViDate } from '../../core/model/dates';
import { confirmUnit, keysInfo } from '../../core/services/key-service';
import { outFolder, parse, required } from '../args';
import { printMade, printOutcomes } from '../bundle-output';
import { withDatabase } from '../database';
import { UsageError } from '../io';
import type { Command } from './index';

export const enrolRequest: Command = {
  path: ['enrol', 'request'],
  summary: 'Đơn vị: nhập tệp tin cậy của cấp trên và tạo gói đăng ký gửi lên',
  usage: 'ptdv enrol request --db FILE --trust TỆP_TIN_CẬY --out THƯ_MỤC [--move]   (--move: đơn vị chuyển sang trực thuộc cấp trên của tệp tin cậy này)',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, trust: { type: 'string' }, out: { type: 'string' }, move: { type: 'boolean' } });
    const trust = readTextFile(resolve(io.cwd, required(values.trust, '--trust')));
    const out = outFolder(io.cwd, values.out);
    mkdirSync(out, { recursive: true });
    return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
      const made = await requestEnrolment(ctx, trust, { move: values.move === true });
      printMade(io, saveBundle(out, made), made);
      io.err(`Mã vân tay của cấp trên ${made.superior.code} (${made.superior.name}): ${made.superior.readAloudCode}`);
      io.err(`Gửi tệp trên cho cấp trên, rồi gọi điện đọc mã vân tay của đơn vị: ${keysInfo(ctx).own.readAloudCode}`);
      if (values.move === true) {
        io.err(`Báo cho cấp trên cũ biết đơn vị đã chuyển đi: ptdv enrol move-notice --db ${values.db} --out THƯ_MỤC, rồi gửi tệp đó cho cấp trên cũ.`);
      }
      return 0;
    });
  },
};

export const enrolMoveNotice: Command = {
  path: ['enrol', 'move-notice'],
  summary: 'Đơn vị đã chuyển cấp trên: tạo gói báo cáo cuối gửi cấp trên cũ, báo đã chuyển đi từ ngày nào, sang đâu',
  usage: 'ptdv enrol move-notice --db FILE --out THƯ_MỤC',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
    const out = outFolder(io.cwd, values.out);
    mkdirSync(out, { recursive: true });
    return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
      const made = await exportMoveNotice(ctx);
      printMade(io, saveBundle(out, made), made);
      io.err(`Gửi tệp trên cho cấp trên cũ ${made.move.from.code}: tệp báo đơn vị đã chuyển sang ${made.move.to.code} từ ngày ${formatViDate(made.move.on)}.`);
      return 0;
    });
  },
};

export const enrolAccept: Command = {
  path: ['enrol', 'accept'],
  summary: 'Cấp trên: nhận gói đăng ký của đơn vị cấp dưới và hiện mã vân tay để đối chiếu',
  usage: 'ptdv enrol accept --db FILE GÓI_ĐĂNG_KÝ.ptdv',
  async run(args, io) {
    const { values, positionals } = parse(args, { db: { type: 'string' } }, true);
    if (positionals.length !== 1) {
      throw new UsageError('Cần đúng một tệp gói đăng ký.');
    }
    const path = resolve(io.cwd, positionals[0]!);
    return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
      const [outcome] = await importFiles(ctx, [path], { kinds: ['enrolment'] });
      const code = printOutcomes(io, outcome ? [outcome] : [], false);
      if (outcome?.enrolment) {
        io.out(`\nMÃ VÂN TAY CỦA ${outcome.enrolment.unitCode}:\n\n    ${outcome.enrolment.readAloudCode}\n`);
        io.out(
          outcome.enrolment.verified
            ? 'Đơn vị đã được xác nhận trước đó.'
            : `Gọi điện cho đơn vị, hai bên đọc mã này; nếu khớp: ptdv enrol confirm --db … --code ${outcome.enrolment.unitCode} --fingerprint "${outcome.enrolment.readAloudCode}"`,
        );
      }
      return code;
    });
  },
};

export const enrolConfirm: Command = {
  path: ['enrol', 'confirm'],
  summary: 'Cấp trên: xác nhận đơn vị sau khi mã vân tay đọc qua điện thoại khớp',
  usage: 'ptdv enrol confirm --db FILE --code MÃ_ĐƠN_VỊ --fingerprint "MÃ VÂN TAY"',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, code: { type: 'string' }, fingerprint: { type: 'string' } });
    const unitCode = required(values.code, '--code').toUpperCase();
    const spoken = required(values.fingerprint, '--fingerprint');
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const key = confirmUnit(ctx, unitCode, spoken);
      io.out(`Đã xác nhận ${key.code} — ${key.name} (mã vân tay ${key.readAloudCode}). Từ nay nhận được báo cáo của đơn vị này.`);
      return 0;
    });
  },
};

export const enrolResync: Command = {
  path: ['enrol', 'resync'],
  summary: 'Đơn vị: sau khi khôi phục bản sao lưu cũ, đánh số gói gửi cấp trên tiếp sau số cấp trên đã nhận',
  usage: 'ptdv enrol resync --db FILE --after SỐ_GÓI_CẤP_TRÊN_ĐÃ_NHẬN',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, after: { type: 'string' } });
    const text = required(values.after, '--after').trim();
    if (!/^\d{1,6}$/.test(text) || Number(text) < 1) {
      throw new UsageError('--after phải là số gói (số nguyên dương) mà cấp trên báo đã nhận, ví dụ 17.');
    }
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const { nextSeq } = continueNumberingAfter(ctx, Number(text));
      io.out(`Gói báo cáo tiếp theo gửi cấp trên sẽ mang số ${nextSeq}.`);
      return 0;
    });
  },
};
