import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import { frozenReports } from '../../../db/schema/index';
import type { Person } from '../domain/reports/duplicates';
import type { UnitCounts } from '../domain/reports/unit-accumulator';
import type { PartyDocumentMeta } from '../domain/reports/party-document';
import { reportHeaderSchema } from '../model/bundle-data';
import type { EventType } from '../model/dossier';
import type { Unit } from '../model/entities';

/**
 * What reports read and keep: the candidates' summary columns a report counts from, which units below reported, and
 * the frozen reports as sent.
 */

export type FrozenReportRow = Omit<typeof frozenReports.$inferSelect, 'header'> & { header: PartyDocumentMeta | null };

/** A stored header read back; one that no longer reads (hand-edited) is treated as never kept. */
export const storedHeader = (raw: unknown): PartyDocumentMeta | null => reportHeaderSchema.safeParse(raw).data ?? null;

const toFrozenRow = (r: typeof frozenReports.$inferSelect): FrozenReportRow => ({ ...r, header: storedHeader(r.header) });

/** Whether `code` follows any candidate itself (a grassroots committee may). */
export function hasCandidates(db: Db, code: string): boolean {
  return db.$client.prepare('SELECT 1 FROM candidates WHERE unit_code = ? AND voided_at IS NULL LIMIT 1').get(code) !== undefined;
}

/**
 * Units below that sent a report since `since`: an enrolled unit's unit-report applied from the inbox, or a chi bộ's
 * snapshot a đảng ủy cơ sở forwarded, applied when the chi bộ signed a new one.
 */
export function unitsReportedSince(db: Db, since: string): Set<string> {
  return new Set([
    ...(db.$client
      .prepare("SELECT DISTINCT from_code FROM inbox WHERE status = 'applied' AND kind = 'unit-report' AND substr(received_at, 1, 10) >= ?")
      .pluck()
      .all(since) as string[]),
    ...(db.$client.prepare('SELECT unit_code FROM forwarded_snapshots WHERE substr(applied_at, 1, 10) >= ?').pluck().all(since) as string[]),
  ]);
}

/** Units below that report here: enrolled (they have a key) or forwarded by a unit in between. */
export function reportingUnits(db: Db): Set<string> {
  return new Set([
    ...(db.$client.prepare("SELECT DISTINCT k.unit_code FROM unit_keys k JOIN units u ON u.code = k.unit_code WHERE u.origin = 'mirror'").pluck().all() as string[]),
    ...(db.$client.prepare('SELECT unit_code FROM forwarded_snapshots').pluck().all() as string[]),
  ]);
}

/**
 * The candidates' columns each fetched as ONE string that SQLite joins in C, then read value by value in row order.
 * better-sqlite3 allocates an array and a value per column for every row, which at 50,000 candidates costs more
 * than decrypting the pages; and a whole row joined into one string, or a column split into an array of 50,000
 * values, keeps every value alive until the garbage collector has copied it. NULL must become '' (group_concat
 * skips NULLs), and free text must lose the separator.
 */
const SEP = '\x1e';
const text = (column: string) => `replace(ifnull(${column}, ''), char(30), ' ')`;
const value = (column: string) => `ifnull(${column}, '')`;

/**
 * Free text and finding codes (a bundle's may hold anything) lose the separator; enumerations, dates and the events'
 * summary cannot hold it.
 */
const CANDIDATE_COLUMNS = {
  id: 'c.id',
  unitCode: 'c.unit_code',
  fullName: text('c.full_name'),
  identityKey: `${text('c.search_key')} || '|' || c.birth_date`,
  gender: value('c.gender'),
  birthDate: 'c.birth_date',
  education: value('c.education'),
  youthUnionMember: value('c.youth_union_member'),
  ethnicity: text('c.ethnicity'),
  religion: text('c.religion'),
  occupation: value('c.occupation'),
  nonStateEnterprise: value('c.non_state_enterprise'),
  stage: 'c.stage',
  reportEvents: 'c.report_events',
  findingsAsOf: value('c.report_findings_as_of'),
  findingsUntil: value('c.report_findings_until'),
  reportFindings: text('c.report_findings'),
  // '=' and the stored list when the period store holds the report's day (the one parameter of the select list).
  periodFindings: `ifnull('=' || (SELECT ${text('p.findings')} FROM period_findings p WHERE p.candidate_id = c.id AND p.as_of = ?), '')`,
};

/** The values of one packed column, in row order. */
export class Column {
  private at = 0;

  constructor(private readonly packed: string) {}

  next(): string {
    const end = this.packed.indexOf(SEP, this.at);
    const next = end === -1 ? this.packed.length : end;
    const v = this.packed.slice(this.at, next);
    this.at = next + 1;
    return v;
  }
}

export type CandidateColumns = { rows: number } & Record<keyof typeof CANDIDATE_COLUMNS, Column>;

/**
 * A filter on the candidates of `units`. When they hold most of the database (a superior's report over all its
 * units, or a unit that is most of it) one pass over the table beats an index lookup per candidate, so the unary +
 * turns the index off; a single smaller unit's report goes through the unit index.
 */
function unitFilter(db: Db, units: readonly Unit[]): string {
  const count = (sqlText: string, ...params: unknown[]) => db.$client.prepare(sqlText).pluck().get(...params) as number;
  const scan = units.length > 1 || count('SELECT count(*) FROM candidates WHERE unit_code = ?', units[0]?.code) * 2 > count('SELECT count(*) FROM candidates');
  return `${scan ? '+' : ''}c.unit_code IN (SELECT value FROM json_each(?)) AND c.voided_at IS NULL`;
}

/**
 * The summary columns (migration 0007) of the candidates of `units` that are not voided, packed, with the findings
 * the period store holds for `findingsOn`.
 */
export function reportCandidateColumns(db: Db, units: readonly Unit[], findingsOn: string): CandidateColumns {
  const names = Object.keys(CANDIDATE_COLUMNS) as (keyof typeof CANDIDATE_COLUMNS)[];
  const [rows, ...packed] = db.$client
    .prepare(`SELECT count(*), ${names.map((n) => `group_concat(${CANDIDATE_COLUMNS[n]}, char(30))`).join(', ')} FROM candidates c WHERE ${unitFilter(db, units)}`)
    .raw()
    .get(findingsOn, JSON.stringify(units.map((u) => u.code))) as [number, ...(string | null)[]];
  return { rows, ...Object.fromEntries(names.map((n, i) => [n, new Column(packed[i] ?? '')])) } as CandidateColumns;
}

/** The letter each event type has in the candidates' `report_events` summary. */
export function reportEventLetters(db: Db): Map<string, EventType> {
  return new Map(db.$client.prepare('SELECT letter, type FROM report_event_letters').raw().all() as [string, EventType][]);
}

/** The highest version of `unitCode`'s report for `period` frozen so far, or null. */
export function latestFrozenVersion(db: DbOrTx, unitCode: string, period: string): number | null {
  return db.select({ v: sql<number | null>`max(${frozenReports.version})` }).from(frozenReports).where(and(eq(frozenReports.unitCode, unitCode), eq(frozenReports.period, period))).get()?.v ?? null;
}

export function insertFrozenReport(tx: DbOrTx, row: FrozenReportRow): void {
  tx.insert(frozenReports).values(row).run();
}

/** Frozen reports, newest period first and every version of each, optionally of one period or unit. */
export function frozenReportRows(db: DbOrTx, filter: { period?: string | undefined; unitCode?: string | undefined }): FrozenReportRow[] {
  const conditions = [filter.period ? eq(frozenReports.period, filter.period) : undefined, filter.unitCode ? eq(frozenReports.unitCode, filter.unitCode) : undefined].filter((c) => c !== undefined);
  return db
    .select()
    .from(frozenReports)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(frozenReports.period), asc(frozenReports.unitCode), asc(frozenReports.version))
    .all()
    .map(toFrozenRow);
}

export function frozenReportRow(db: DbOrTx, id: string): FrozenReportRow | null {
  const row = db.select().from(frozenReports).where(eq(frozenReports.id, id)).get();
  return row ? toFrozenRow(row) : null;
}

/** The counts kept for report `window` (`period|countedTo|findingsOn`) of each of `codes` that has them. */
export function storedUnitCounts(db: Db, codes: readonly string[], window: string): Map<string, UnitCounts> {
  const rows = db.$client
    .prepare('SELECT unit_code, counts FROM report_unit_counts WHERE window = ? AND unit_code IN (SELECT value FROM json_each(?))')
    .raw()
    .all(window, JSON.stringify(codes)) as [string, string][];
  return keptOfFormat(rows, 'counts');
}

/** The people kept of each of `codes` that has them. */
export function storedUnitPeople(db: Db, codes: readonly string[]): Map<string, Person[]> {
  const rows = db.$client.prepare('SELECT unit_code, people FROM report_unit_people WHERE unit_code IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(codes)) as [string, string][];
  return keptOfFormat(rows, 'people');
}

/**
 * What the kept rows hold is code's own layout, not the schema's: a version that counts something new (a column, a
 * duplicate rule) raises KEPT_FORMAT, and the rows an earlier version kept, even for today, are counted again.
 * 2: age bands by calendar month, and a candidate whose first record is after the counting day not counted.
 */
const KEPT_FORMAT = 2;

type Kept = { counts: UnitCounts; people: Person[] };

function keep<K extends keyof Kept>(field: K, value: Kept[K]): string {
  return JSON.stringify({ format: KEPT_FORMAT, [field]: value });
}

function keptOfFormat<K extends keyof Kept>(rows: readonly [string, string][], field: K): Map<string, Kept[K]> {
  const out = new Map<string, Kept[K]>();
  for (const [code, text] of rows) {
    const kept = JSON.parse(text) as { format?: unknown } & Partial<Kept>;
    if (kept.format === KEPT_FORMAT && kept[field] !== undefined) {
      out.set(code, kept[field] as Kept[K]);
    }
  }
  return out;
}

/**
 * Keeps units' counts for report `window`, in place of what the same period (`window` up to its first '|') kept as of
 * another day, and units' people. Filling a cache, not changing data: the triggers of migration 0029 drop a unit's
 * rows whenever its candidates change.
 */
export function storeUnitCounts(db: Db, window: string, counts: readonly { unitCode: string; counts: UnitCounts }[], people: readonly { unitCode: string; people: Person[] }[]): void {
  const period = `${window.slice(0, window.indexOf('|'))}|`;
  const drop = db.$client.prepare('DELETE FROM report_unit_counts WHERE unit_code = ? AND substr(window, 1, length(?)) = ?');
  const insert = db.$client.prepare('INSERT OR REPLACE INTO report_unit_counts (unit_code, window, counts) VALUES (?, ?, ?)');
  for (const r of counts) {
    drop.run(r.unitCode, period, period);
    insert.run(r.unitCode, window, keep('counts', r.counts));
  }
  const keepPeople = db.$client.prepare('INSERT OR REPLACE INTO report_unit_people (unit_code, people) VALUES (?, ?)');
  for (const r of people) {
    keepPeople.run(r.unitCode, keep('people', r.people));
  }
}
