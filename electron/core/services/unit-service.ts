import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { units } from '../../../db/schema/index';
import { AppError } from '../errors';
import { unitSetupSchema, type Unit, type UnitSetup } from '../model/entities';
import { seedCalendar } from './check-service';
import { audit, type ServiceContext } from './context';
import { createOwnKeys } from './key-service';

function toUnit(row: typeof units.$inferSelect): Unit {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parentCode,
    origin: row.origin,
    hasYouthUnion: row.hasYouthUnion,
    ducsMembers: row.ducsMembers,
  };
}

/** The unit that owns this database; every database has exactly one once set up. */
export function getSelfUnit(db: DbOrTx): Unit {
  const row = db.select().from(units).where(eq(units.origin, 'self')).get();
  if (!row) {
    throw new AppError('not-found', 'Chưa thiết lập đơn vị cho cơ sở dữ liệu này.');
  }
  return toUnit(row);
}

export function findSelfUnit(db: DbOrTx): Unit | null {
  const row = db.select().from(units).where(eq(units.origin, 'self')).get();
  return row ? toUnit(row) : null;
}

export function getUnit(db: DbOrTx, code: string): Unit | null {
  const row = db.select().from(units).where(eq(units.code, code)).get();
  return row ? toUnit(row) : null;
}

/** How many units below this one the database holds a mirror of. */
export function countUnitsBelow(db: DbOrTx): number {
  return db.select({ n: sql<number>`count(*)` }).from(units).where(eq(units.origin, 'mirror')).get()?.n ?? 0;
}

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
