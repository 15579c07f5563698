import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../../db/atomic';
import { MAX_TARGET_SHEET_BYTES } from '../../core/domain/targets/xlsx';
import type { TargetTable } from '../../core/model/target-table';
import { TARGET_PERIODS, targetPeriodLabel, type TargetPeriod } from '../../core/model/targets';
import { exportTargetTable, importTargetTable, targetTable } from '../../core/services/target-table';
import { listTargets, setTarget } from '../../core/services/target-service';
import { getSelfUnit, subtreesBelowSelf } from '../../core/store/units';
import { outFile, parse, required, yearOption } from '../args';
import { withDatabase } from '../database';
import { UsageError } from '../io';
import { formatViDate } from '../../core/model/dates';
import type { Command } from './index';

function targetPeriod(value: string | undefined): TargetPeriod {
  const p = (value ?? 'year').toUpperCase().replace(/^M(\d)$/, 'M0$1');
  const found = TARGET_PERIODS.find((x) => x.toUpperCase() === p || (p === 'NAM' && x === 'year'));
  if (!found) {
    throw new UsageError(`--period cần là year, Q1…Q4 hoặc M01…M12, không phải "${value}"`);
  }
  return found;
}

function amount(values: { count?: string | undefined; percent?: string | undefined }): { kind: 'count' | 'percent-of-full-members'; value: number } {
  if ((values.count === undefined) === (values.percent === undefined)) {
    throw new UsageError('Ghi đúng một trong hai: --count N (số người) hoặc --percent P (% đảng viên chính thức đầu năm)');
  }
  const text = (values.count ?? values.percent ?? '').trim();
  // Written as a person writes it (12, or 2,5 %), never 0x10 or 1e2, which Number would read as other numbers.
  const pattern = values.count !== undefined ? /^\d{1,6}$/ : /^\d{1,3}([.,]\d{1,2})?$/;
  if (!pattern.test(text)) {
    throw new UsageError(values.count !== undefined ? `--count cần là số người (số nguyên không âm), không phải "${text}"` : `--percent cần là một tỷ lệ như 5 hoặc 2,5, không phải "${text}"`);
  }
  const value = Number(text.replace(',', '.'));
  return { kind: values.count !== undefined ? 'count' : 'percent-of-full-members', value };
}

export const targetsSet: Command = {
  path: ['targets', 'set'],
  summary: 'Đặt chỉ tiêu kết nạp của đơn vị (hoặc giao cho đơn vị cấp dưới)',
  usage: 'ptdv targets set --db FILE --year 2026 [--period year|Q1…Q4|M01…M12] (--count N | --percent P) [--unit MÃ]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, year: { type: 'string' }, period: { type: 'string' }, count: { type: 'string' }, percent: { type: 'string' }, unit: { type: 'string' } });
    const file = required(values.db, '--db');
    const input = { year: yearOption(values.year), period: targetPeriod(values.period), ...amount(values), ...(values.unit ? { unitCode: values.unit.toUpperCase() } : {}) };
    return withDatabase(file, io, ({ ctx }) => {
      const t = setTarget(ctx, input);
      // A unit further below gets it through the unit directly below on its way, as its other directives.
      const { direct, subtree } = subtreesBelowSelf(ctx.db);
      const via = direct.find((u) => u.code !== t.unitCode && (subtree.get(u.code) ?? []).includes(t.unitCode));
      const relayed = via ? ` Chỉ tiêu đi kèm gói chỉ đạo kế tiếp cho ${via.name} (${via.code}), đơn vị đó chuyển nguyên văn cho ${t.unitCode}.` : '';
      io.out(`Đã đặt chỉ tiêu ${targetPeriodLabel(t.year, t.period)} của ${t.unitCode}: ${t.targetCount} người${t.kind === 'count' ? '' : ` (${t.value.toLocaleString('vi-VN')}% của ${t.fullMembersAtYearStart} đảng viên chính thức đầu năm)`}${t.effective ? '' : ' — cấp trên đã giao chỉ tiêu khác cho kỳ này, chỉ tiêu cấp trên được áp dụng'}.${relayed}`);
      return 0;
    });
  },
};

export const targetsList: Command = {
  path: ['targets', 'list'],
  summary: 'Liệt kê chỉ tiêu kết nạp',
  usage: 'ptdv targets list --db FILE [--year 2026] [--unit MÃ]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, year: { type: 'string' }, unit: { type: 'string' } });
    const file = required(values.db, '--db');
    const filter = { ...(values.year ? { year: yearOption(values.year) } : {}), ...(values.unit ? { unitCode: values.unit.toUpperCase() } : {}) };
    return withDatabase(file, io, ({ ctx }) => {
      const parent = getSelfUnit(ctx.db).parentCode;
      const targets = listTargets(ctx.db, filter, ctx.clock.today());
      if (targets.length === 0) {
        io.out(`Chưa có chỉ tiêu nào${values.year ? ` cho năm ${filter.year}` : ''}${filter.unitCode ? ` của ${filter.unitCode}` : ''}.`);
      }
      for (const t of targets) {
        // "cấp trên" is the direct superior; a superior further up that gave a target straight is named.
        const source = t.source === 'unit' ? 'đơn vị tự đặt' : t.issuerName && t.issuerCode !== parent ? `${t.issuerName} (${t.issuerCode}) giao` : 'cấp trên giao';
        const reached = t.percentAchieved === null ? '' : ` (${t.percentAchieved.toLocaleString('vi-VN')}%)`;
        io.out(`${t.unitCode}\t${targetPeriodLabel(t.year, t.period)}\t${t.targetCount} người\tđã kết nạp ${t.achieved}${reached}\t${source}${t.effective ? '' : ' (không áp dụng)'}`);
      }
      return 0;
    });
  },
};

function amountText(t: { kind: string; value: number; targetCount: number } | null): string {
  if (!t) {
    return '—';
  }
  return t.kind === 'count' ? `${t.targetCount} người` : `${t.value.toLocaleString('vi-VN')}% = ${t.targetCount} người`;
}

function printTable(io: Parameters<Command['run']>[1], t: TargetTable): void {
  io.out(`Chỉ tiêu ${t.periodLabel} giao cho đơn vị trực thuộc ${t.self.name} (${t.self.code}), tính đến ${formatViDate(t.countedTo)}:`);
  for (const r of t.rows) {
    const below = r.unitsBelow > 0 ? ` (${r.unitsBelow} đơn vị bên dưới)` : '';
    const reached = r.percentAchieved === null ? '' : ` (${r.percentAchieved.toLocaleString('vi-VN')}%)`;
    const above = r.fromAbove.map((a) => `\t${a.issuerName} (${a.issuerCode}) giao thẳng ${amountText(a)}`).join('');
    io.out(`${r.code}\t${r.name}${below}\tchỉ tiêu ${amountText(r.assigned)}\tđã kết nạp ${r.achieved}${reached}${above}`);
  }
  io.out(`Tổng cộng\t${t.total.unitsWithTarget}/${t.total.units} đơn vị có chỉ tiêu\tchỉ tiêu ${t.total.targetCount} người\tđã kết nạp ${t.total.achieved}`);
  if (t.own) {
    io.out(`Chỉ tiêu của đơn vị (${t.own.source === 'superior' ? 'cấp trên giao' : 'tự đặt'}): ${t.own.targetCount} người, đã kết nạp ${t.own.achieved}; còn lại để giao: ${t.remainder}`);
  } else {
    io.out(`${t.self.name} chưa có chỉ tiêu của chính mình cho kỳ này (cấp trên chưa giao, chưa tự đặt), nên không có phần còn lại để giao.`);
  }
}

export const targetsTable: Command = {
  path: ['targets', 'table'],
  summary: 'Bảng chỉ tiêu các đơn vị trực thuộc: giao, đã kết nạp (cả cây bên dưới), tổng, phần còn lại',
  usage: 'ptdv targets table --db FILE --year 2026 [--period year|Q1…Q4|M01…M12] [--json]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, year: { type: 'string' }, period: { type: 'string' }, json: { type: 'boolean' } });
    const file = required(values.db, '--db');
    const input = { year: yearOption(values.year), period: targetPeriod(values.period) };
    return withDatabase(file, io, ({ ctx }) => {
      refuseAtCell(ctx.db);
      const t = targetTable(ctx.db, input, ctx.clock.today());
      if (values.json) {
        io.out(JSON.stringify(t, null, 2));
      } else {
        printTable(io, t);
      }
      return 0;
    });
  },
};

/** A chi bộ has no unit below to hand targets to: its table would be empty, so it is pointed to its own targets. */
function refuseAtCell(db: Parameters<typeof getSelfUnit>[0]): void {
  if (getSelfUnit(db).level === 'chi-bo') {
    throw new UsageError('Chi bộ không có đơn vị trực thuộc để giao chỉ tiêu: bảng chỉ tiêu dùng ở đảng ủy. Xem chỉ tiêu của chi bộ bằng ptdv targets list.');
  }
}

export const targetsExport: Command = {
  path: ['targets', 'export'],
  summary: 'Xuất bảng chỉ tiêu các đơn vị trực thuộc ra Excel (XLSX) để điền',
  usage: 'ptdv targets export --db FILE --year 2026 [--period year|Q1…Q4|M01…M12] --out FILE.xlsx',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, year: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' } });
    const file = required(values.db, '--db');
    const input = { year: yearOption(values.year), period: targetPeriod(values.period) };
    const out = outFile(io.cwd, values.out, { db: values.db, example: 'chi-tieu.xlsx' });
    return withDatabase(file, io, async ({ ctx }) => {
      refuseAtCell(ctx.db);
      writeFileAtomic(out, await exportTargetTable(ctx.db, input, ctx.clock.today()));
      io.out(`Đã ghi bảng chỉ tiêu ${targetPeriodLabel(input.year, input.period)} vào ${out}.`);
      return 0;
    });
  },
};

export const targetsImport: Command = {
  path: ['targets', 'import'],
  summary: 'Nhập bảng chỉ tiêu đã điền (XLSX): giao chỉ tiêu cho mọi đơn vị trực thuộc một lần',
  usage: 'ptdv targets import --db FILE BẢNG.xlsx   (năm và kỳ đọc từ tệp; ô Chỉ tiêu để trống = bỏ chỉ tiêu đã giao)',
  async run(args, io) {
    const { values, positionals } = parse(args, { db: { type: 'string' } }, true);
    const file = required(values.db, '--db');
    if (positionals.length !== 1) {
      throw new UsageError('Cần đúng một tệp bảng chỉ tiêu (.xlsx).');
    }
    const path = resolve(io.cwd, positionals[0]!);
    let bytes: Buffer;
    try {
      if (statSync(path).size > MAX_TARGET_SHEET_BYTES) {
        throw new UsageError(`Tệp ${path} quá lớn để là bảng chỉ tiêu (tối đa 5 MB).`);
      }
      bytes = readFileSync(path);
    } catch (err) {
      throw err instanceof UsageError ? err : new UsageError(`Không đọc được tệp ${path}.`);
    }
    return withDatabase(file, io, async ({ ctx }) => {
      const done = await importTargetTable(ctx, bytes);
      io.out(`Đã nhập bảng chỉ tiêu ${targetPeriodLabel(done.year, done.period)}: ${done.entries} đơn vị, ${done.changed} chỉ tiêu thay đổi.`);
      return 0;
    });
  },
};
