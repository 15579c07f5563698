import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Units this database knows. `origin` keeps a superior's mirror of its units apart from its own records:
 * 'self' is the unit that owns this database, 'parent' its superior, 'mirror' a unit below whose data arrives
 * only through bundles and is never edited here.
 */
export const units = sqliteTable('units', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: ['chi-bo', 'dang-bo-co-so', 'cap-tren'] }).notNull(),
  parentCode: text('parent_code'),
  origin: text('origin', { enum: ['self', 'parent', 'mirror'] }).notNull(),
  hasYouthUnion: integer('has_youth_union', { mode: 'boolean' }).notNull().default(true),
  ducsMembers: integer('ducs_members'),
  /** Own unit's profile (Cài đặt / `ptdv unit set`): filled into form drafts. */
  hasTradeUnion: integer('has_trade_union', { mode: 'boolean' }).notNull().default(true),
  secretaryName: text('secretary_name'),
  documentPlace: text('document_place'),
  /**
   * A mirrored unit's new name or level as its latest bundle states it, held until the superior confirms it
   * (a rename arriving in a file is never applied silently); null when there is nothing to confirm.
   */
  pendingName: text('pending_name'),
  pendingLevel: text('pending_level', { enum: ['chi-bo', 'dang-bo-co-so', 'cap-tren'] }),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%SZ','now'))`),
});

/** Key/value settings (JSON values): app-wide choices that have no table of their own. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});

/** Who did what, when. Append-only (triggers refuse UPDATE and DELETE). */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  detail: text('detail', { mode: 'json' }),
});

/** Working-day calendar entries (docs/rules.md "Working days"); the seed ships with the app, the user may edit. */
export const holidays = sqliteTable('holidays', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['holiday', 'compensatory', 'swapped-day-off', 'swapped-workday'] }).notNull(),
  name: text('name').notNull(),
  source: text('source'),
  confirmed: integer('confirmed', { mode: 'boolean' }).notNull().default(false),
});

/** Admission targets (chỉ tiêu) per unit and period, set by the unit or received from the superior. */
export const targets = sqliteTable('targets', {
  id: text('id').primaryKey(),
  unitCode: text('unit_code')
    .notNull()
    .references(() => units.code),
  year: integer('year').notNull(),
  period: text('period').notNull(),
  kind: text('kind', { enum: ['count', 'percent-of-full-members'] }).notNull(),
  value: integer('value').notNull(),
  source: text('source', { enum: ['unit', 'superior'] }).notNull(),
  createdAt: text('created_at').notNull(),
  /**
   * Who gave a target this unit received (source 'superior' on the own unit): the direct superior, or a superior
   * further up whose directive the direct one relayed (docs/targets.md "Given straight from further up"). Null for
   * what this database set itself: the unit's own plan, or a target it assigned a unit below.
   */
  issuerCode: text('issuer_code'),
  issuerName: text('issuer_name'),
  /** The relayed directive that brought it (relayed_directives.id); null when the direct superior gave it. */
  relayedId: text('relayed_id'),
});

/**
 * Moves of a unit from one superior to another (docs/corrections.md "Moving to another superior"): at the unit its own
 * moves, at a superior the moves of units in its tree as their files state them or as the officer recorded them by
 * hand. A period belongs to the superior the unit stood under on the last day the period counts, so no level counts
 * the unit twice (store/moves.ts).
 */
export const unitMoves = sqliteTable(
  'unit_moves',
  {
    unitCode: text('unit_code').notNull(),
    fromCode: text('from_code').notNull(),
    fromName: text('from_name').notNull(),
    toCode: text('to_code').notNull(),
    toName: text('to_name').notNull(),
    /** The first day the unit stands under `toCode`. */
    movedOn: text('moved_on').notNull(),
    /** 'unit': stated by the unit itself (its own move, or a file it signed); 'hand': recorded here by the officer. */
    source: text('source', { enum: ['unit', 'hand'] }).notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.fromCode, t.toCode, t.movedOn] })],
);
