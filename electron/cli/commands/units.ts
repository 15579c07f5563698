import { formatSeqRanges } from '../../core/domain/bundles/index';
import { STAGE_LABELS, type Stage } from '../../core/domain/rules/index';
import { formatViDate } from '../../core/model/dates';
import { acceptNewNumbering } from '../../core/services/bundle-import';
import { QUARANTINE_PAGE_MAX, quarantinePage, retryQuarantined } from '../../core/services/quarantine-service';
import { UNIT_LEVEL_TEXT, type UnitLevel } from '../../core/model/report';
import { unitWithPath, type UnitOverview } from '../../core/model/sync';
import { confirmUnitChange, listUnits, unitDetail } from '../../core/services/units-overview';
import { recordMoveOut } from '../../core/services/unit-move-service';
import { parse, required } from '../args';
import { withDatabase } from '../database';
import { UsageError } from '../io';
import type { Command } from './index';

/** A whole number from an option, at least `min`; anything else is a usage error in Vietnamese. */
function count(text: string, option: string, min: number): number {
  const n = Number(text);
  if (!/^\d{1,9}$/.test(text.trim()) || n < min) {
    throw new UsageError(`${option} phải là số nguyên${min > 0 ? ' dương' : ' không âm'}.`);
  }
  return n;
}

const KEY_STATE_TEXT = { none: 'chưa đăng ký', unverified: 'CHƯA XÁC NHẬN', verified: 'đã xác nhận', revoked: 'ĐÃ THU HỒI' } as const;

/** A unit further below never enrols here: its key is the one the unit on the way vouched for, as the units page says. */
function keyText(u: UnitOverview): string {
  const via = u.path.at(-1);
  return u.keyState === 'none' && via ? `khóa do ${via.name} xác nhận` : KEY_STATE_TEXT[u.keyState];
}

/** The last file applied from the unit, or for a unit further below the report last forwarded here and by whom. */
function lastText(u: UnitOverview): string {
  if (u.lastBundle) {
    return `gói số ${u.lastBundle.seq} (${u.lastBundle.label}) nhận ${formatViDate(u.lastBundle.receivedAt.slice(0, 10))}`;
  }
  if (u.forwarded) {
    const via = u.path.find((p) => p.code === u.forwarded!.viaCode)?.name ?? u.forwarded.viaCode;
    return `hồ sơ số ${u.forwarded.seq} qua ${via} nhận ${formatViDate(u.forwarded.appliedAt.slice(0, 10))}`;
  }
  return 'chưa nhận gói nào';
}

/** A rename or level change the unit asked for, waiting for the superior. */
function pendingText(u: UnitOverview): string {
  const change = u.pendingChange;
  if (!change) {
    return '';
  }
  const parts = [change.name !== null ? `tên "${change.name}"` : null, change.level !== null ? `cấp ${UNIT_LEVEL_TEXT[change.level as UnitLevel] ?? change.level}` : null].filter((p) => p !== null);
  return `; ĐỀ NGHỊ ĐỔI ${parts.join(', ')} — xác nhận: ptdv units confirm-change --code ${u.code}`;
}

/** A unit that moved to a superior outside this one's tree: kept, counted only in the periods before. */
function movedText(u: UnitOverview): string {
  const m = u.movedOut;
  return m ? `; ĐÃ CHUYỂN ĐI từ ${formatViDate(m.on)} sang ${m.to.code}${m.to.name !== m.to.code ? ` (${m.to.name})` : ''}` : '';
}

export const unitsList: Command = {
  path: ['units', 'list'],
  summary: 'Cấp trên: danh sách đơn vị cấp dưới, trạng thái khóa, gói nhận gần nhất, gói còn thiếu',
  usage: 'ptdv units list --db FILE',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' } });
    return withDatabase(required(values.db, '--db'), io, ({ database }) => {
      const units = listUnits(database.db);
      if (units.length === 0) {
        io.out('Chưa có đơn vị cấp dưới nào. Đơn vị cấp dưới có ở đây sau khi nhận gói đăng ký của nó (ptdv enrol accept).');
        return 0;
      }
      // A đảng ủy cơ sở holds few people of its own: what its chi bộ forward is the figure that says it reported.
      const below = new Map<string, number>();
      for (const u of units) {
        u.path.forEach((p) => below.set(p.code, (below.get(p.code) ?? 0) + u.candidates));
      }
      for (const u of units) {
        const subtree = below.has(u.code) ? ` (cả đảng bộ: ${u.candidates + below.get(u.code)!} người)` : '';
        const missing = u.missing.length ? `; thiếu gói số ${formatSeqRanges(u.missing)}` : '';
        const held = u.quarantined + u.conflicts ? `; cách ly ${u.quarantined} bản ghi, ${u.conflicts} tệp` : '';
        io.out(`${u.code}\t${unitWithPath(u)}\t${keyText(u)}\t${u.candidates} người${subtree}\t${lastText(u)}${missing}${held}${pendingText(u)}${movedText(u)}`);
      }
      return 0;
    });
  },
};

export const unitsShow: Command = {
  path: ['units', 'show'],
  summary: 'Cấp trên: người của một đơn vị cấp dưới (chỉ xem) với mã người, giai đoạn và các phát hiện',
  usage: 'ptdv units show --db FILE --code MÃ_ĐƠN_VỊ [--query "tên"]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, code: { type: 'string' }, query: { type: 'string' } });
    const code = required(values.code, '--code').toUpperCase();
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const detail = unitDetail(ctx, code, { limit: 500, ...(values.query ? { query: values.query } : {}) });
      const findings = new Map(detail.findings.map((f) => [f.candidateId, f.findings]));
      io.out(`${detail.unit.code} — ${detail.unit.name} (${keyText(detail.unit)}${detail.unit.readAloudCode ? `, mã vân tay ${detail.unit.readAloudCode}` : ''}; ${lastText(detail.unit)})${pendingText(detail.unit)}`);
      for (const c of detail.candidates) {
        const list = findings.get(c.id) ?? [];
        io.out(`${c.id}\t${c.fullName}\t${formatViDate(c.birthDate)}\t${STAGE_LABELS[c.stage as Stage] ?? c.stage}\t${list.length ? list.map((f) => f.code).join(',') : ''}`);
      }
      return 0;
    });
  },
};

export const quarantineList: Command = {
  path: ['quarantine', 'list'],
  summary: 'Xem các bản ghi và tệp bị cách ly khi nhập gói, với lý do',
  usage: `ptdv quarantine list --db FILE [--unit MÃ_ĐƠN_VỊ] [--offset N] [--limit N (tối đa ${QUARANTINE_PAGE_MAX})]`,
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, unit: { type: 'string' }, offset: { type: 'string' }, limit: { type: 'string' } });
    const offset = count(values.offset ?? '0', '--offset', 0);
    const limit = count(values.limit ?? '100', '--limit', 1);
    return withDatabase(required(values.db, '--db'), io, ({ database }) => {
      const { total, rows } = quarantinePage(database.db, values.unit?.toUpperCase(), { offset, limit });
      rows.forEach((e) => io.out(`${e.id}\t${e.fromCode}\t${e.recordKind}\t${e.recordKey}\t${e.reason}${e.retryable ? '' : ' (không thử lại được)'}`));
      if (total === 0) {
        io.out('Không có gì bị cách ly.');
      } else if (rows.length < total) {
        io.err(`Bản ghi ${(offset + 1).toLocaleString('vi-VN')}–${(offset + rows.length).toLocaleString('vi-VN')} trong ${total.toLocaleString('vi-VN')}; xem tiếp: --offset ${offset + rows.length}`);
      }
      return 0;
    });
  },
};

export const unitsAcceptNumbering: Command = {
  path: ['units', 'accept-numbering'],
  summary: 'Cấp trên: chấp nhận cách đánh số mới của đơn vị (sau khi đơn vị khôi phục bản sao lưu cũ), sau khi đối chiếu mã vân tay',
  usage: 'ptdv units accept-numbering --db FILE --code MÃ_ĐƠN_VỊ --fingerprint "MÃ VÂN TAY"',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, code: { type: 'string' }, fingerprint: { type: 'string' } });
    const unitCode = required(values.code, '--code').toUpperCase();
    const spoken = required(values.fingerprint, '--fingerprint');
    return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
      const outcome = await acceptNewNumbering(ctx, unitCode, spoken);
      io.out(`Đã chấp nhận cách đánh số mới của ${unitCode}: gói số ${outcome.seq} (${outcome.file}). ${outcome.message}`);
      return outcome.status === 'applied' ? 0 : 1;
    });
  },
};

export const quarantineRetry: Command = {
  path: ['quarantine', 'retry'],
  summary: 'Thử lại một bản ghi bị cách ly (sau khi cập nhật ứng dụng hoặc bổ sung dữ liệu)',
  usage: 'ptdv quarantine retry --db FILE MÃ…',
  async run(args, io) {
    const { values, positionals } = parse(args, { db: { type: 'string' } }, true);
    if (positionals.length === 0) {
      throw new UsageError('Cần ít nhất một mã bản ghi bị cách ly (xem ptdv quarantine list).');
    }
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const results = positionals.map((id) => retryQuarantined(ctx, id));
      results.forEach((r) => io.out(r.resolved ? `Đã áp dụng ${r.id}.` : `Vẫn cách ly ${r.id}: ${r.reason}`));
      return results.every((r) => r.resolved) ? 0 : 1;
    });
  },
};

export const unitsConfirmChange: Command = {
  path: ['units', 'confirm-change'],
  summary: 'Cấp trên: xác nhận tên hoặc cấp mới mà một đơn vị cấp dưới báo trong gói của nó (sau khi hỏi lại đơn vị)',
  usage: 'ptdv units confirm-change --db FILE --code MÃ_ĐƠN_VỊ',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, code: { type: 'string' } });
    const code = required(values.code, '--code').toUpperCase();
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const unit = confirmUnitChange(ctx, code);
      io.out(`Đã xác nhận: ${unit.code} — ${unit.name} (${UNIT_LEVEL_TEXT[unit.level as UnitLevel] ?? unit.level}).`);
      return 0;
    });
  },
};

export const unitsMoveOut: Command = {
  path: ['units', 'move-out'],
  summary: 'Cấp trên: ghi nhận đơn vị trực thuộc đã chuyển sang cấp trên khác từ một ngày (khi đơn vị không gửi được thông báo chuyển đi)',
  usage: 'ptdv units move-out --db FILE --unit MÃ_ĐƠN_VỊ --date YYYY-MM-DD --to MÃ_CẤP_TRÊN_MỚI [--to-name "TÊN CẤP TRÊN MỚI"]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, unit: { type: 'string' }, date: { type: 'string' }, to: { type: 'string' }, 'to-name': { type: 'string' } });
    const input = { unitCode: required(values.unit, '--unit'), date: required(values.date, '--date'), toCode: required(values.to, '--to'), toName: values['to-name'] };
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const move = recordMoveOut(ctx, input);
      io.out(`Đã ghi nhận: ${move.unitCode} chuyển sang ${move.to.code} từ ngày ${formatViDate(move.on)}. Đơn vị được giữ lại với lịch sử, chỉ tính trong các kỳ kết thúc trước ngày đó.`);
      return 0;
    });
  },
};
