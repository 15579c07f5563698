import type { DbOrTx } from '../../../db/types';
import { AppError } from '../errors';
import { formatViDate, isIsoDate } from '../model/dates';
import { unitCodeSchema, type UnitMove } from '../model/entities';
import { movesOf, recordMoves, superiorOn, type MoveRecord } from '../store/moves';
import { getSelfUnit, getUnit } from '../store/units';
import { audit, type ServiceContext } from './context';

/**
 * A unit moving to another superior, seen from the superiors (docs/corrections.md "Moving to another superior"): the
 * old one learns of it from the unit's last report or records it by hand; every level keeps which superior a unit
 * stood under from which day, and counts a period where the unit stood on the last day that period counts.
 */

const unitLabel = (u: { code: string; name: string }) => (u.name && u.name !== u.code ? `${u.code} (${u.name})` : u.code);

/** What the import summary says of a move this database had not heard of, as seen from here. */
function moveSentence(db: DbOrTx, unitCode: string, m: UnitMove): string {
  const self = getSelfUnit(db).code;
  const day = formatViDate(m.on);
  if (m.from.code === self) {
    return `Đơn vị ${unitCode} đã chuyển sang ${unitLabel(m.to)} từ ngày ${day}: giữ lại lịch sử, chỉ tính trong các kỳ kết thúc trước ngày đó.`;
  }
  if (m.to.code === self) {
    return `Đơn vị ${unitCode} chuyển đến từ ${unitLabel(m.from)} từ ngày ${day}: tính từ kỳ có ngày đó trở đi.`;
  }
  return `Đơn vị ${unitCode} chuyển từ ${unitLabel(m.from)} sang ${unitLabel(m.to)} từ ngày ${day}.`;
}

/** Records the moves a unit's file states; returns a sentence per move not known before. */
export function noteMoves(db: DbOrTx, unitCode: string, moves: readonly UnitMove[], now: string): string[] {
  const known = new Set(movesOf(db, unitCode).map((m) => `${m.from.code}>${m.to.code}@${m.on}`));
  const fresh = moves.filter((m) => !known.has(`${m.from.code}>${m.to.code}@${m.on}`));
  recordMoves(db, unitCode, fresh, 'unit', now);
  return fresh.map((m) => moveSentence(db, unitCode, m));
}

/**
 * Why a forwarded snapshot of `unitCode`, addressed to `addressedTo` and stating `moves`, must not replace what this
 * database holds, or null when it may: it predates a move already known here (an old superior still forwarding the
 * unit's earlier reports), or it is the last report to the old superior while the unit already stands under its new
 * one here. Either way the unit keeps one mirror, the newer one.
 */
export function forwardedBehind(db: DbOrTx, unitCode: string, addressedTo: string, moves: readonly UnitMove[]): string | null {
  const held = movesOf(db, unitCode);
  if (held.length === 0) {
    return null;
  }
  const last = held.at(-1)!;
  const behind = `hồ sơ của ${unitCode} gửi ${addressedTo} có trước khi đơn vị chuyển sang ${last.to.code} từ ngày ${formatViDate(last.on)}; giữ bản mới hơn`;
  if (moves.length < held.length) {
    return behind;
  }
  const unit = getUnit(db, unitCode);
  if (moves.length === held.length && addressedTo !== superiorOn(moves, null) && unit?.parentCode === superiorOn(held, null)) {
    return behind;
  }
  return null;
}

export type MoveOutInput = { unitCode: string; date: string; toCode: string; toName?: string | null | undefined };

/**
 * The officer records by hand that a unit directly below moved to another superior from `date`, for a unit that
 * cannot send its last report. Nothing of the unit is deleted: its history stays readable and it counts in the
 * periods before the date. Refused (MOVE_INVALID) for a unit not directly below, a date not real or after today, a
 * new superior that is this unit or the moving one, or a move already recorded.
 */
export function recordMoveOut(ctx: ServiceContext, input: MoveOutInput): MoveRecord {
  const unitCode = input.unitCode.trim().toUpperCase();
  const date = input.date.trim();
  const to = unitCodeSchema.safeParse(input.toCode);
  const invalid = (message: string) => new AppError('validation', message, 'MOVE_INVALID');
  return ctx.db.transaction((tx) => {
    const self = getSelfUnit(tx);
    const unit = getUnit(tx, unitCode);
    if (!unit || unit.origin !== 'mirror' || unit.parentCode !== self.code) {
      throw invalid(`Không có đơn vị trực thuộc mã ${unitCode}.`);
    }
    if (!isIsoDate(date)) {
      throw invalid(`Ngày chuyển "${input.date}" không hợp lệ (cần dạng YYYY-MM-DD).`);
    }
    if (date > ctx.clock.today()) {
      throw invalid(`Ngày chuyển ${formatViDate(date)} chưa đến: chỉ ghi nhận việc đã chuyển.`);
    }
    if (!to.success) {
      throw invalid(`Mã cấp trên mới "${input.toCode}" không hợp lệ: chỉ gồm chữ không dấu, số và dấu gạch (2–32 ký tự).`);
    }
    if (to.data === self.code || to.data === unitCode) {
      throw invalid(`Cấp trên mới phải là một đơn vị khác, không phải ${to.data}.`);
    }
    const held = movesOf(tx, unitCode);
    const away = held.find((m) => m.from.code === self.code);
    if (away) {
      throw invalid(`Đã ghi nhận ${unitCode} chuyển sang ${away.to.code} từ ngày ${formatViDate(away.on)}.`);
    }
    const move: MoveRecord = { unitCode, from: { code: self.code, name: self.name }, to: { code: to.data, name: input.toName?.trim() || to.data }, on: date, source: 'hand' };
    recordMoves(tx, unitCode, [move], 'hand', ctx.clock.now());
    audit(tx, ctx, 'move-out', 'unit', unitCode, { to: move.to.code, on: date });
    return move;
  });
}

