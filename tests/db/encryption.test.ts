import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDatabase, keyFilePath, openDatabase } from '../../db/client';
import { rewrapPassphrase } from '../../db/keyfile';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const options = { migrationsDir: MIGRATIONS_DIR };
const NAME = 'Nguyễn Thị Lan Bí Mật';

function seed(file: string, passphrase: string) {
  const { database, recoveryCode } = createDatabase(file, passphrase, options);
  database.sqlite
    .prepare("INSERT INTO units (code, name, level, origin) VALUES ('CB014', ?, 'chi-bo', 'self')")
    .run(NAME);
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  database.close();
  return recoveryCode;
}

describe('encrypted database', () => {
  it('stores no plaintext name in the file, its WAL or its key file', () => {
    const file = join(tempDir(), 'ptdv.db');
    seed(file, 'mat-khau-dai-1');
    for (const f of [file, keyFilePath(file)]) {
      const raw = readFileSync(f);
      expect(raw.includes(Buffer.from(NAME))).toBe(false);
      expect(raw.includes(Buffer.from('CB014'))).toBe(false);
      expect(raw.includes(Buffer.from('SQLite format 3'))).toBe(false);
    }
  });

  it('cannot be read by plain SQLite or with a wrong passphrase, and opens with the right one', () => {
    const file = join(tempDir(), 'ptdv.db');
    seed(file, 'mat-khau-dai-1');
    const plain = new Sqlite(file);
    expect(() => plain.prepare('SELECT * FROM units').all()).toThrow(/not a database/);
    plain.close();
    expect(() => openDatabase(file, 'mat-khau-sai', options)).toThrow('Mật khẩu hoặc mã khôi phục không đúng.');
    const db = openDatabase(file, 'mat-khau-dai-1', options);
    expect(db.sqlite.prepare('SELECT name FROM units').get()).toEqual({ name: NAME });
    db.close();
  });

  it('opens with the recovery code typed loosely, and after a passphrase change only the new passphrase works', () => {
    const file = join(tempDir(), 'ptdv.db');
    const recovery = seed(file, 'mat-khau-cu-123');
    const loose = recovery.toLowerCase().replace(/-/g, ' ');
    const db = openDatabase(file, loose, options);
    writeFileSync(keyFilePath(file), JSON.stringify(rewrapPassphrase(db.keyFile, db.dataKey, 'mat-khau-moi-456')));
    db.close();
    expect(() => openDatabase(file, 'mat-khau-cu-123', options)).toThrow(/không đúng/);
    openDatabase(file, 'mat-khau-moi-456', options).close();
    openDatabase(file, recovery, options).close();
  });

  it('refuses a database written by a newer version and leaves it unchanged', () => {
    const file = join(tempDir(), 'ptdv.db');
    seed(file, 'mat-khau-dai-1');
    const db = openDatabase(file, 'mat-khau-dai-1', options);
    db.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9e15);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file, 'mat-khau-dai-1', options)).toThrow(/phiên bản ptdv mới hơn/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('backs up automatically before applying a new migration', () => {
    const dir = tempDir();
    const file = join(dir, 'ptdv.db');
    seed(file, 'mat-khau-dai-1');
    const migrations = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    const journalPath = join(migrations, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries.push({ ...journal.entries.at(-1), idx: journal.entries.length, when: Date.now() + 1000, tag: '9999_test' });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(join(migrations, '9999_test.sql'), 'CREATE TABLE later_feature (id integer);');
    const db = openDatabase(file, 'mat-khau-dai-1', { migrationsDir: migrations, backupDir: join(dir, 'bk'), timestamp: () => 'T1' });
    db.close();
    const backup = openDatabase(join(dir, 'bk', 'ptdv.db.truoc-nang-cap-T1'), 'mat-khau-dai-1', options);
    expect(backup.sqlite.prepare('SELECT name FROM units').get()).toEqual({ name: NAME });
    backup.close();
  });
});
