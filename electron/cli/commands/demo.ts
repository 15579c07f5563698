import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoDossier, demoMembers, seededRandom } from '../../core/demo/generate';
import type { ServiceContext } from '../../core/services/context';
import { importDossiers } from '../../core/services/dossier-service';
import { createMember } from '../../core/services/member-service';
import { setupUnit } from '../../core/services/unit-service';
import { addMirrorUnit, findSelfUnit } from '../../core/store/units';
import { parse, required } from '../args';
import { withDatabase, withNewDatabase, type OpenedDb } from '../database';
import { storeTodaysFindings } from './check';
import { UsageError } from '../io';
import type { Command } from './index';

const BATCH = 2000;

function positive(value: string | undefined, flag: string, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw new UsageError(`${flag} cần là số nguyên dương`);
  }
  return n;
}

/** Fills one unit: a roster sized like a real cell (at least 15), then its candidates in batches of one transaction. */
function fillUnit(ctx: ServiceContext, unitCode: string, candidates: number, seed: number, onBatch: (done: number) => void): void {
  const r = seededRandom(seed);
  const asOf = ctx.clock.today();
  const roster = demoMembers(r, Math.max(15, Math.min(400, Math.ceil(candidates / 8))), asOf);
  ctx.db.transaction((tx) => roster.forEach((m) => createMember(ctx, m, tx, unitCode)));
  const mentors = roster.filter((m) => m.status === 'chinh-thuc');
  for (let done = 0; done < candidates; done += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, candidates - done) }, (_, i) => ({
      label: `demo-${done + i + 1}`,
      dossier: demoDossier(r, unitCode, asOf, mentors, mentors.length),
    }));
    importDossiers(ctx, items, unitCode);
    onBatch(done + items.length);
  }
}

export const command: Command = {
  path: ['demo'],
  summary: 'Tạo dữ liệu mẫu (tên, ngày, hồ sơ giả lập) để trình diễn và đo hiệu năng',
  usage:
    'ptdv demo --db FILE [--candidates N (mặc định 100)] [--units N] [--seed N] [--unchecked]   (tạo cơ sở dữ liệu mới nếu chưa có; --unchecked: không kiểm tra trước các hồ sơ hôm nay, như một cơ sở dữ liệu chưa mở ngày nào)',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, candidates: { type: 'string' }, units: { type: 'string' }, seed: { type: 'string' }, unchecked: { type: 'boolean' } });
    const file = required(values.db, '--db');
    const total = positive(values.candidates, '--candidates', 100);
    const unitCount = positive(values.units, '--units', 1);
    const seed = positive(values.seed, '--seed', 2026);
    const superior = unitCount > 1;
    const fill = async (opened: OpenedDb) => {
      const { ctx } = opened;
      if (!findSelfUnit(ctx.db)) {
        setupUnit(ctx, superior ? { code: 'DUK01', name: 'Đảng ủy Khối Doanh nghiệp (mẫu)', level: 'cap-tren' } : { code: 'CB001', name: 'Chi bộ Phòng Kỹ thuật (mẫu)', level: 'chi-bo', parentCode: 'DU001' });
      }
      const self = findSelfUnit(ctx.db)!;
      for (let u = 0; u < unitCount; u++) {
        const share = Math.floor(total / unitCount) + (u < total % unitCount ? 1 : 0);
        const code = superior ? `CB${String(u + 1).padStart(3, '0')}` : self.code;
        if (superior) {
          addMirrorUnit(ctx.db, { code, name: `Chi bộ ${u + 1} (mẫu)`, level: 'chi-bo', parentCode: self.code });
        }
        fillUnit(ctx, code, share, seed + u, (done) => io.err(`  ${code}: ${done}/${share} hồ sơ`));
      }
      if (values.unchecked !== true) {
        await storeTodaysFindings(opened, io, (done) => io.err(`  Kiểm tra ngày hôm nay: ${done} hồ sơ`));
      }
      io.out(`Đã tạo ${total} hồ sơ mẫu trong ${unitCount} đơn vị.`);
      return 0;
    };
    return existsSync(resolve(io.cwd, file))
      ? withDatabase(file, io, fill)
      : withNewDatabase(file, io, async (opened) => {
          io.out(`Mã khôi phục của cơ sở dữ liệu mẫu: ${opened.recoveryCode}`);
          return fill(opened);
        });
  },
};
