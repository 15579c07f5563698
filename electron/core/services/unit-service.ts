import { units } from '../../../db/schema/index';
import { AppError } from '../errors';
import { unitSetupSchema, type Unit, type UnitSetup } from '../model/entities';
import { seedCalendar } from '../store/calendar';
import { findSelfUnit, getSelfUnit } from '../store/units';
import { audit, type ServiceContext } from './context';
import { createOwnKeys } from './key-service';

/** Records the own unit (first run) with its signing and age keys and, when given, a placeholder for its superior. */
export function setupUnit(ctx: ServiceContext, input: UnitSetup): Unit {
  const unit = unitSetupSchema.parse(input);
  return ctx.db.transaction((tx) => {
    if (findSelfUnit(tx)) {
      throw new AppError('conflict', 'Đơn vị đã được thiết lập.');
    }
    if (unit.parentCode && unit.parentCode === unit.code) {
      throw new AppError('validation', 'Mã cấp trên phải khác mã đơn vị.');
    }
    if (unit.parentCode) {
      tx.insert(units)
        .values({ code: unit.parentCode, name: unit.parentCode, level: unit.level === 'chi-bo' ? 'dang-bo-co-so' : 'cap-tren', origin: 'parent' })
        .run();
    }
    tx.insert(units)
      .values({ code: unit.code, name: unit.name, level: unit.level, parentCode: unit.parentCode ?? null, origin: 'self', hasYouthUnion: unit.hasYouthUnion })
      .run();
    seedCalendar(tx);
    createOwnKeys(tx, ctx, unit.code);
    audit(tx, ctx, 'setup', 'unit', unit.code, unit);
    return getSelfUnit(tx);
  });
}
