import { AppError } from '../errors';
import { unitProfileInputSchema, unitSetupSchema, type Unit, type UnitProfile, type UnitProfileInput, type UnitSetup } from '../model/entities';
import { seedCalendar } from '../store/calendar';
import { deleteUnit, findSelfUnit, getSelfProfile, getSelfUnit, getUnit, insertParentUnit, insertSelfUnit, updateSelfProfile } from '../store/units';
import { audit, type ServiceContext } from './context';
import { createOwnKeys } from './key-service';

/** Records the own unit (first run) with its signing and age keys and, when given, a placeholder for its superior. */
export function setupUnit(ctx: ServiceContext, input: UnitSetup): Unit {
  const unit = unitSetupSchema.parse(input);
  return ctx.db.transaction((tx) => {
    if (findSelfUnit(tx)) {
      throw new AppError('conflict', 'Đơn vị đã được thiết lập.');
    }
    if (unit.parentCode) {
      insertParentUnit(tx, { code: unit.parentCode, name: unit.parentCode, level: unit.level === 'chi-bo' ? 'dang-bo-co-so' : 'cap-tren' });
    }
    insertSelfUnit(tx, { code: unit.code, name: unit.name, level: unit.level, parentCode: unit.parentCode ?? null, hasYouthUnion: unit.hasYouthUnion });
    seedCalendar(tx);
    createOwnKeys(tx, ctx, unit.code);
    audit(tx, ctx, 'setup', 'unit', unit.code, unit);
    return getSelfUnit(tx);
  });
}

export function unitProfile(ctx: ServiceContext): UnitProfile {
  return getSelfProfile(ctx.db);
}

/** A name compared the way a reader would: case and spacing do not make it another unit. */
const sameName = (a: string, b: string) => a.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi') === b.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/**
 * Changes the own unit's profile. The parent code is a typo to fix only until the superior's trust file is imported;
 * after that, moving under another superior means enrolling anew (new trust file, numbering from 1 towards it), which
 * an edit here must never imitate.
 */
export function updateUnitProfile(ctx: ServiceContext, input: UnitProfileInput): UnitProfile {
  const change = unitProfileInputSchema.parse(input);
  return ctx.db.transaction((tx) => {
    const before = getSelfProfile(tx);
    const parentCode = change.parentCode ?? before.parentCode;
    if (parentCode === before.code) {
      throw new AppError('validation', 'Mã cấp trên phải khác mã đơn vị.', 'UNIT_IDENTITY_TAKEN');
    }
    if (change.parentCode !== undefined && change.parentCode !== before.parentCode) {
      if (before.enrolled) {
        throw new AppError(
          'conflict',
          `Đơn vị đã đăng ký với cấp trên ${before.parentCode}, không sửa mã cấp trên được. Chuyển sang cấp trên khác là đăng ký lại: nhận tệp tin cậy của cấp trên mới và gửi gói đăng ký mới, gói gửi cấp trên mới được đánh số lại từ đầu.`,
          'PARENT_LOCKED',
        );
      }
      const taken = getUnit(tx, change.parentCode);
      if (taken && taken.origin !== 'parent') {
        throw new AppError('conflict', `Mã ${change.parentCode} đã là một đơn vị cấp dưới trong cơ sở dữ liệu này, không thể là cấp trên.`, 'UNIT_IDENTITY_TAKEN');
      }
      // The placeholder written at setup holds only the code: it follows the corrected code.
      if (before.parentCode) {
        deleteUnit(tx, before.parentCode);
      }
      if (!taken) {
        insertParentUnit(tx, { code: change.parentCode, name: change.parentCode, level: before.level === 'chi-bo' ? 'dang-bo-co-so' : 'cap-tren' });
      }
    }
    const parent = parentCode ? getUnit(tx, parentCode) : null;
    const name = change.name ?? before.name;
    if (parent && parent.name !== parent.code && sameName(parent.name, name)) {
      throw new AppError('validation', `Tên đơn vị trùng với tên cấp trên (${parent.name}); hãy nhập tên của chính đơn vị.`, 'UNIT_IDENTITY_TAKEN');
    }
    const blankToNull = (v: string | null | undefined, old: string | null) => (v === undefined ? old : v?.trim() ? v.trim() : null);
    updateSelfProfile(tx, before.code, {
        name,
        parentCode,
        hasYouthUnion: change.hasYouthUnion ?? before.hasYouthUnion,
        hasTradeUnion: change.hasTradeUnion ?? before.hasTradeUnion,
        secretaryName: blankToNull(change.secretaryName, before.secretaryName),
        documentPlace: blankToNull(change.documentPlace, before.documentPlace),
      });
    audit(tx, ctx, 'update-profile', 'unit', before.code, change);
    return getSelfProfile(tx);
  });
}
