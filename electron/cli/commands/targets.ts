import { TARGET_PERIODS, targetPeriodLabel, type TargetPeriod } from '../../core/model/targets';
import { listTargets, setTarget } from '../../core/services/target-service';
import { parse, required } from '../args';
import { withDatabase } from '../database';
import { UsageError } from '../io';
import type { Command } from './index';

function year(value: string | undefined): number {
  const y = Number(value);
  if (!Number.isInteger(y) || y < 2000 || y > 2100) {
    throw new UsageError(`--year cần là năm (ví dụ 2026), không phải "${value}"`);
  }
  return y;
}

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
  const value = Number(values.count ?? values.percent);
  if (!Number.isFinite(value)) {
    throw new UsageError(`Chỉ tiêu "${values.count ?? values.percent}" không phải là số`);
  }
  return { kind: values.count !== undefined ? 'count' : 'percent-of-full-members', value };
}

export const targetsSet: Command = {
  path: ['targets', 'set'],
  summary: 'Đặt chỉ tiêu kết nạp của đơn vị (hoặc giao cho đơn vị cấp dưới)',
  usage: 'ptdv targets set --db FILE --year 2026 [--period year|Q1…Q4|M01…M12] (--count N | --percent P) [--unit MÃ]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, year: { type: 'string' }, period: { type: 'string' }, count: { type: 'string' }, percent: { type: 'string' }, unit: { type: 'string' } });
    const file = required(values.db, '--db');
    const input = { year: year(values.year), period: targetPeriod(values.period), ...amount(values), ...(values.unit ? { unitCode: values.unit.toUpperCase() } : {}) };
    return withDatabase(file, io, ({ ctx }) => {
      const t = setTarget(ctx, input);
      io.out(`Đã đặt chỉ tiêu ${targetPeriodLabel(t.year, t.period)} của ${t.unitCode}: ${t.targetCount} người${t.kind === 'count' ? '' : ` (${t.value}% của ${t.fullMembersAtYearStart} đảng viên chính thức đầu năm)`}${t.effective ? '' : ' — cấp trên đã giao chỉ tiêu khác cho kỳ này, chỉ tiêu cấp trên được áp dụng'}.`);
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
    const filter = { ...(values.year ? { year: year(values.year) } : {}), ...(values.unit ? { unitCode: values.unit.toUpperCase() } : {}) };
    return withDatabase(file, io, ({ ctx }) => {
      for (const t of listTargets(ctx.db, filter, ctx.clock.today())) {
        const source = t.source === 'superior' ? 'cấp trên giao' : 'đơn vị tự đặt';
        const reached = t.percentAchieved === null ? '' : ` (${t.percentAchieved.toLocaleString('vi-VN')}%)`;
        io.out(`${t.unitCode}\t${targetPeriodLabel(t.year, t.period)}\t${t.targetCount} người\tđã kết nạp ${t.achieved}${reached}\t${source}${t.effective ? '' : ' (không áp dụng)'}`);
      }
      return 0;
    });
  },
};
