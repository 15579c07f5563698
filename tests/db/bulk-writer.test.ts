import Sqlite from 'better-sqlite3';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { insertStatement, writtenColumns } from '../../electron/core/store/bulk-writer';
import { candidateEvents, candidates, dossierItems, introducers, members, mentorAssignments, reportedFindings } from '../../db/schema/index';
import { testContext } from '../helpers/db';

/** A mirrored table as it is today, and the same table after a migration adds a column. */
const before = sqliteTable('people', { id: text('id').primaryKey(), fullName: text('full_name').notNull() });
const after = sqliteTable('people', { id: text('id').primaryKey(), fullName: text('full_name').notNull(), partyCardNo: text('party_card_no'), active: integer('active') });

describe('bulk writer columns come from the drizzle tables', () => {
  it('picks up a column added to a table, and refuses a row that leaves it out', () => {
    const sqlite = new Sqlite(':memory:');
    sqlite.exec('CREATE TABLE people (id TEXT PRIMARY KEY, full_name TEXT NOT NULL, party_card_no TEXT, active INTEGER)');
    expect(writtenColumns(before, [])).toEqual([['id', 'id'], ['fullName', 'full_name']]);
    expect(writtenColumns(after, [])).toEqual([['id', 'id'], ['fullName', 'full_name'], ['partyCardNo', 'party_card_no'], ['active', 'active']]);

    const insert = insertStatement(sqlite, after);
    // A writer written before the column existed fails loudly instead of leaving the column empty.
    expect(() => insert.run({ id: 'a', fullName: 'Nguyễn Văn A' } as never)).toThrow(/party_?card_?no|partyCardNo|named parameter/i);
    insert.run({ id: 'b', fullName: 'Trần Thị B', partyCardNo: '123', active: 1 });
    expect(sqlite.prepare('SELECT * FROM people').all()).toEqual([{ id: 'b', full_name: 'Trần Thị B', party_card_no: '123', active: 1 }]);

    // A column left to others must be named as such.
    insertStatement(sqlite, after, ['active']).run({ id: 'c', fullName: 'Lê Văn C', partyCardNo: null });
    expect(sqlite.prepare("SELECT active FROM people WHERE id = 'c'").pluck().get()).toBeNull();
    sqlite.close();
  });

  it('every column of the migrated tables is known to the drizzle definition the writer reads', () => {
    const { database } = testContext();
    const tables: Table[] = [candidates, candidateEvents, dossierItems, introducers, mentorAssignments, members, reportedFindings];
    const columns = (names: (table: Table) => string[]) => Object.fromEntries(tables.map((t) => [getTableName(t), names(t).sort()]));
    const inDb = columns((t) => (database.sqlite.prepare(`PRAGMA table_info("${getTableName(t)}")`).all() as { name: string }[]).map((c) => c.name));
    expect(columns((t) => Object.values(getTableColumns(t)).map((c) => c.name))).toEqual(inDb);
    database.close();
  });
});
