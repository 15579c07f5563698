import { join } from 'node:path';
import { createDatabase, type Database } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import type { ServiceContext } from '../../electron/core/services/context';
import { setupUnit } from '../../electron/core/services/unit-service';
import type { UnitSetup } from '../../electron/core/model/entities';
import { MIGRATIONS_DIR, tempDir } from './temp';

export const TEST_PASSPHRASE = 'mat-khau-kiem-thu';

/**
 * A real encrypted database with the real migrations and a set-up unit, "today" fixed. It lives in a temp folder
 * removed after the test, unless `dir` names one that outlives it (a file shared by a describe block).
 */
export function testContext(today = '2026-11-23', unit: UnitSetup = { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' }, dir = tempDir()): { ctx: ServiceContext; database: Database; file: string } {
  const file = join(dir, 'ptdv.db');
  const { database } = createDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  const ctx: ServiceContext = { db: database.db, clock: fixedClock(today), actor: 'test' };
  setupUnit(ctx, unit);
  return { ctx, database, file };
}
