import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, openDatabaseWithKey } from '../../db/client';
import { snapshotDatabase } from '../../db/snapshot';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const options = { migrationsDir: MIGRATIONS_DIR };

describe('the snapshot a backup starts with', () => {
  it('is a compact copy, encrypted with the same key, reported by the bytes it has written', async () => {
    const dir = tempDir();
    const { database } = createDatabase(join(dir, 'ptdv.db'), 'mat-khau-kiem-thu', options);
    const add = database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    database.sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        add.run(`lon-${i}`, 'x'.repeat(1500));
      }
    })();
    // Freed pages are not copied: the expected size counts only the pages in use.
    database.sqlite.prepare("DELETE FROM settings WHERE key LIKE 'lon-1%'").run();
    const seen: [number, number][] = [];
    const out = join(dir, 'chup.db');
    const size = await snapshotDatabase(database, out, (done, total) => seen.push([done, total]));

    expect(seen[0]![0]).toBe(0);
    expect(seen.at(-1)).toEqual([size, size]);
    expect(Math.abs(seen[0]![1] - size)).toBeLessThan(size / 10);
    expect(readFileSync(out).includes(Buffer.from('SQLite format 3'))).toBe(false);
    const copy = openDatabaseWithKey(out, database.dataKey, database.keyFile, options);
    try {
      expect(copy.sqlite.prepare("SELECT count(*) FROM settings WHERE key LIKE 'lon-%'").pluck().get()).toBe(2000 - 1111);
    } finally {
      copy.close();
      database.close();
    }
  });

  it('fails with SQLite\'s code when the copy cannot be written, so the caller can say why in Vietnamese', async () => {
    const dir = tempDir();
    const { database } = createDatabase(join(dir, 'ptdv.db'), 'mat-khau-kiem-thu', options);
    try {
      const out = join(dir, 'khong-co', 'chup.db');
      await expect(snapshotDatabase(database, out, () => undefined)).rejects.toMatchObject({ code: 'SQLITE_CANTOPEN' });
      expect(existsSync(out)).toBe(false);
    } finally {
      database.close();
    }
  });
});
