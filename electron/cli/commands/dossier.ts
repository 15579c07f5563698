import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../../../db/atomic';
import { candidateIds, exportDossier, importDossiers } from '../../core/services/dossier-service';
import { searchKey } from '../../core/domain/names';
import { outFolder, parse, required } from '../args';
import { loadDossierFiles } from '../dossier-files';
import { UsageError } from '../io';
import { clockOf, withDatabase } from '../database';
import type { Command } from './index';

export const dossierImport: Command = {
  path: ['dossier', 'import'],
  summary: 'Nhập hồ sơ người vào Đảng từ tệp ptdv.dossier/1 (JSON)',
  usage: 'ptdv dossier import --db FILE HỒ_SƠ.json…',
  async run(args, io) {
    const { values, positionals } = parse(args, { db: { type: 'string' } }, true);
    if (positionals.length === 0) {
      throw new UsageError('Cần ít nhất một tệp hồ sơ.');
    }
    const { loaded, errors } = loadDossierFiles(positionals, io, clockOf(io).today());
    if (errors.length > 0) {
      errors.forEach((e) => io.err(e));
      io.err(`Không nhập gì: ${errors.length} lỗi trong các tệp trên. Sửa rồi chạy lại.`);
      return 2;
    }
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const outcomes = importDossiers(ctx, loaded);
      for (const o of outcomes) {
        io.out(`${o.status === 'created' ? 'Đã nhập' : 'Bỏ qua '}  ${o.label}: ${o.name}${o.note ? ` (${o.note})` : ''}`);
      }
      const created = outcomes.filter((o) => o.status === 'created').length;
      io.out(`Xong: ${created} hồ sơ mới, ${outcomes.length - created} bỏ qua.`);
      return 0;
    });
  },
};

export const dossierExport: Command = {
  path: ['dossier', 'export'],
  summary: 'Xuất hồ sơ của mọi người trong đơn vị ra thư mục (mỗi người một tệp JSON)',
  usage: 'ptdv dossier export --db FILE --out THƯ_MỤC',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
    const out = outFolder(io.cwd, values.out);
    mkdirSync(out, { recursive: true });
    return withDatabase(required(values.db, '--db'), io, ({ database }) => {
      const ids = candidateIds(database.db);
      for (const id of ids) {
        const dossier = exportDossier(database.db, id);
        // The id's random end, not its start: ids made in the same minute begin alike, and two people whose names
        // differ only by punctuation (H'Ben, H Ben) born the same day would share a file, one overwriting the other.
        const name = `${searchKey(dossier.candidate.fullName).replace(/[^a-z0-9]+/g, '-')}-${dossier.candidate.birthDate}-${id.replaceAll('-', '').slice(-12)}.json`;
        writeFileAtomic(join(out, name), `${JSON.stringify(dossier, null, 2)}\n`);
      }
      io.out(`Đã xuất ${ids.length} hồ sơ vào ${out}${ids.length ? ` (ví dụ ${basename(out)}/…json)` : ''}.`);
      return 0;
    });
  },
};
