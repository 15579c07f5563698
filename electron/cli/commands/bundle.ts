import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { importFiles, saveBundle } from '../../bundle-files';
import { exportUnitReport, outbox, outboxBytes } from '../../core/services/bundle-export';
import type { ImportOptions } from '../../core/services/bundle-import';
import { formatBytes } from '../../core/model/format';
import { outFolder, parse, required } from '../args';
import { printMade, printOutcomes } from '../bundle-output';
import type { CliIo } from '../io';
import { withDatabase } from '../database';
import { UsageError } from '../io';
import { formatViDateTime } from '../../core/model/dates';
import type { Command } from './index';
import { BUNDLE_KIND_LABELS, labelOf } from '../../core/model/bundle-labels';

export const bundleExport: Command = {
  path: ['bundle', 'export'],
  summary: 'Tạo gói báo cáo (đã ký, mã hóa) gửi cấp trên; in đường dẫn tệp',
  usage: 'ptdv bundle export --db FILE --label 2026Q4 --out THƯ_MỤC',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, label: { type: 'string' }, out: { type: 'string' } });
    const label = required(values.label, '--label');
    const out = outFolder(io.cwd, values.out);
    mkdirSync(out, { recursive: true });
    return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
      const made = await exportUnitReport(ctx, label);
      printMade(io, saveBundle(out, made), made);
      return 0;
    });
  },
};

async function importCommand(args: string[], io: CliIo, options: ImportOptions): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (positionals.length === 0) {
    throw new UsageError('Cần ít nhất một tệp gói dữ liệu (.ptdv).');
  }
  const paths = positionals.map((p) => resolve(io.cwd, p));
  return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
    const outcomes = await importFiles(ctx, paths, options, (done) => {
      if (!values.json && paths.length > 20 && done % 50 === 0) {
        io.err(`  ${done}/${paths.length} tệp`);
      }
    });
    return printOutcomes(io, outcomes, values.json ?? false, options.verifyOnly === true);
  });
}

export const bundleVerify: Command = {
  path: ['bundle', 'verify'],
  summary: 'Kiểm tra gói nhận được (giải mã, chữ ký, mã băm, người nhận, dữ liệu, số thứ tự) mà không nhập',
  usage: 'ptdv bundle verify --db FILE GÓI.ptdv… [--json]',
  run: (args, io) => importCommand(args, io, { verifyOnly: true }),
};

export const bundleImport: Command = {
  path: ['bundle', 'import'],
  summary: 'Nhập các gói nhận được; mỗi tệp: applied|duplicate|stale|conflict|rejected (mã thoát 1 nếu có tệp bị từ chối)',
  usage: 'ptdv bundle import --db FILE GÓI.ptdv… [--json]',
  run: (args, io) => importCommand(args, io, {}),
};

export const bundleOutbox: Command = {
  path: ['bundle', 'outbox'],
  summary: 'Xem các gói đã gửi; lưu lại một bản của gói đã gửi',
  usage: 'ptdv bundle outbox --db FILE [--save MÃ_GÓI --out THƯ_MỤC]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, save: { type: 'string' }, out: { type: 'string' } });
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      if (values.save) {
        const out = outFolder(io.cwd, values.out);
        mkdirSync(out, { recursive: true });
        const { entry, bytes } = outboxBytes(ctx, values.save);
        io.out(saveBundle(out, { bytes, bundle: entry }));
        return 0;
      }
      const sent = outbox(ctx);
      if (sent.length === 0) {
        io.out('Chưa lập gói nào để gửi đi.');
      }
      for (const e of sent) {
        io.out(`${formatViDateTime(e.createdAt)}  ${e.fileName}  ${labelOf(BUNDLE_KIND_LABELS, e.kind)}  ${formatBytes(e.bytes)}  ${e.bundleId}  ${e.sha256}`);
      }
      return 0;
    });
  },
};
