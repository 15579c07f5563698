import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTargets, setTarget } from '../../electron/core/services/target-service';
import { testContext } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

// Found by name, so the test holds whatever number the migration gets when branches are merged.
const MIGRATION = readdirSync(MIGRATIONS_DIR).find((f) => f.endsWith('_target_issuer.sql'))!;

describe('the issuer of targets received before ptdv recorded it', () => {
  it('is the direct superior, and what the database set itself names no issuer', () => {
    const { ctx, database } = testContext('2026-11-23', { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' });
    try {
      const sqlite = database.db.$client;
      setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 3 });
      // A target the direct superior's directive brought, as an older version stored it.
      sqlite.prepare("INSERT INTO targets (id, unit_code, year, period, kind, value, source, created_at) VALUES ('t-old', 'CB014', 2026, 'year', 'count', 5, 'superior', '2026-03-01T09:00:00+07:00')").run();
      const statements = readFileSync(join(MIGRATIONS_DIR, MIGRATION), 'utf8').split('--> statement-breakpoint');
      sqlite.exec(statements.filter((s) => !s.includes('ALTER TABLE')).join('\n'));
      const parentName = (sqlite.prepare("SELECT name FROM units WHERE code = 'DU001'").pluck().get() as string | undefined) ?? 'DU001';
      expect(listTargets(ctx.db, { year: 2026 }).map((t) => [t.source, t.issuerCode, t.issuerName, t.effective])).toEqual([
        ['superior', 'DU001', parentName, true],
        ['unit', null, null, false],
      ]);
    } finally {
      database.close();
    }
  });
});
