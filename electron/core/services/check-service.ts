import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import { candidateFindings, candidates, holidays, settings } from '../../../db/schema/index';
import { buildCalendar, calendarEntrySchema, VN_CALENDAR_SEED, type CalendarEntry } from '../domain/calendar/index';
import {
  buildTodo,
  computeChecklist,
  DEFAULT_RULEBOOKS,
  evaluateDossier,
  loadRulebook,
  STAGES,
  type ChecklistItem,
  type EvalContext,
  type Evaluation,
  type Finding,
  type Rulebook,
  type TodoFilter,
} from '../domain/rules/index';
import { toDay } from '../domain/calendar/days';
import { rulebookVersionAt } from '../domain/rules/evaluate';
import { compileRulebooks } from '../domain/rules/rulebook';
import { AppError, formatZodIssues } from '../errors';
import type { TodoItemWire } from '../model/checks';
import { candidateRow } from './candidate-repo';
import type { ServiceContext } from './context';
import { loadDossiers } from './dossier-loader';
import { getSelfUnit } from './unit-service';

const RULEBOOKS_KEY = 'rulebooks';

/** Rulebooks imported after installation (a newer version, or from the superior), stored as data. */
function importedRulebooks(db: DbOrTx): Rulebook[] {
  const row = db.select().from(settings).where(eq(settings.key, RULEBOOKS_KEY)).get();
  return row ? (row.value as unknown[]).map(loadRulebook) : [];
}

/** The calendar in this database; the shipped seed is written there at setup and edited by the user after. */
export function calendarEntries(db: DbOrTx): CalendarEntry[] {
  return db
    .select()
    .from(holidays)
    .orderBy(asc(holidays.date))
    .all()
    .map((h) => ({ date: h.date, kind: h.kind, name: h.name, source: h.source ?? '', confirmed: h.confirmed }));
}

/** Writes the shipped 2025–2027 calendar into a new database (days already there are kept as the user set them). */
export function seedCalendar(db: DbOrTx): void {
  for (const e of VN_CALENDAR_SEED) {
    db.insert(holidays).values(e).onConflictDoNothing().run();
  }
}

const contextCache = new WeakMap<object, { stamp: string; ctx: EvalContext }>();

/** Rulebooks and calendar of this database, compiled once and rebuilt only when either changes. */
export function evalContext(db: Db): EvalContext {
  const stamp = JSON.stringify([
    db.select({ n: sql<number>`count(*)`, m: sql<string>`max(date)`, s: sql<string>`group_concat(kind || date || confirmed)` }).from(holidays).get(),
    db.select({ v: sql<string>`length(value)` }).from(settings).where(eq(settings.key, RULEBOOKS_KEY)).get(),
  ]);
  const cached = contextCache.get(db);
  if (cached?.stamp === stamp) {
    return cached.ctx;
  }
  const entries = calendarEntries(db);
  const ctx = { rulebooks: [...DEFAULT_RULEBOOKS, ...importedRulebooks(db)], calendar: buildCalendar(entries.length ? entries : VN_CALENDAR_SEED) };
  contextCache.set(db, { stamp, ctx });
  return ctx;
}

export type CandidateCheck = { evaluation: Evaluation; checklist: ChecklistItem[] };

/** Everything the candidate page shows about rules: stage, findings, deadlines, checklist. */
export function checkCandidate(db: Db, id: string, asOf: string): CandidateCheck {
  const row = candidateRow(db, id);
  const loaded = loadDossiers(db, row.unitCode, [id])[0];
  if (!loaded) {
    throw new AppError('not-found', 'Không tìm thấy hồ sơ.');
  }
  const ctx = evalContext(db);
  return { evaluation: evaluateDossier(loaded.dossier, asOf, ctx), checklist: computeChecklist(loaded.dossier, asOf, ctx) };
}

type CachedFindings = { candidateId: string; asOf: string; rulebookVersion: string; findings: Finding[] };

function upsertFindings(db: DbOrTx, rows: readonly CachedFindings[]): void {
  for (const r of rows) {
    db.insert(candidateFindings)
      .values(r)
      .onConflictDoUpdate({ target: candidateFindings.candidateId, set: { asOf: r.asOf, rulebookVersion: r.rulebookVersion, findings: r.findings } })
      .run();
  }
}

/** Re-evaluates the own unit's candidates (all, or `ids`) as of today and stores their findings. */
export function refreshFindings(ctx: ServiceContext, ids?: readonly string[]): number {
  const unit = getSelfUnit(ctx.db);
  const asOf = ctx.clock.today();
  const evalCtx = evalContext(ctx.db);
  const rows = loadDossiers(ctx.db, unit.code, ids).map((c) => {
    const e = evaluateDossier(c.dossier, asOf, evalCtx);
    return { candidateId: c.id, asOf, rulebookVersion: e.rulebookVersion, findings: e.findings };
  });
  ctx.db.transaction((tx) => upsertFindings(tx, rows));
  return rows.length;
}

/** Findings are valid for one day (deadlines move with today); refresh the own unit's stale ones. */
export function ensureFindingsFresh(ctx: ServiceContext): void {
  const unit = getSelfUnit(ctx.db);
  const stale = ctx.db
    .select({ id: candidates.id })
    .from(candidates)
    .leftJoin(candidateFindings, eq(candidateFindings.candidateId, candidates.id))
    .where(sql`${candidates.unitCode} = ${unit.code} AND (${candidateFindings.asOf} IS NULL OR ${candidateFindings.asOf} <> ${ctx.clock.today()})`)
    .all();
  if (stale.length > 0) {
    refreshFindings(ctx, stale.length > 5000 ? undefined : stale.map((s) => s.id));
  }
}

/** The to-do page (Việc cần làm) across the own unit's candidates, from fresh findings, flat for the wire. */
export function todoList(ctx: ServiceContext, filter: TodoFilter): TodoItemWire[] {
  ensureFindingsFresh(ctx);
  const unit = getSelfUnit(ctx.db);
  const rows = ctx.db.$client
    .prepare('SELECT c.id, c.full_name, c.stage, f.as_of, f.rulebook_version, f.findings FROM candidates c JOIN candidate_findings f ON f.candidate_id = c.id WHERE c.unit_code = ?')
    .all(unit.code) as { id: string; full_name: string; stage: string; as_of: string; rulebook_version: string; findings: string }[];
  const sources = rows.map((r) => ({
    candidateId: r.id,
    name: r.full_name,
    evaluation: { asOf: r.as_of, stage: r.stage, stageLabel: '', findings: JSON.parse(r.findings) as Finding[], deadlines: [], rulebookVersion: r.rulebook_version, keyDates: {} } as Evaluation,
  }));
  return buildTodo(sources, filter).map(({ finding, ...item }) => ({ ...item, code: finding.code, severity: finding.severity, rule: finding.rule, message: finding.message, ...(finding.due ? { due: finding.due } : {}), ...(finding.refs ? { refs: finding.refs } : {}) }));
}

/** Candidates per stage (the pipeline board), every stage listed even when empty. */
export function stageCounts(db: DbOrTx, unitCode?: string): { stage: string; count: number }[] {
  const code = unitCode ?? getSelfUnit(db).code;
  const rows = db.select({ stage: candidates.stage, n: sql<number>`count(*)` }).from(candidates).where(eq(candidates.unitCode, code)).groupBy(candidates.stage).all();
  const byStage = new Map(rows.map((r) => [r.stage, r.n]));
  return STAGES.map((stage) => ({ stage, count: byStage.get(stage) ?? 0 }));
}

/** Adds or replaces a calendar day (the user confirms an official notice, or adds a swapped day). */
export function setCalendarEntry(ctx: ServiceContext, entry: CalendarEntry): CalendarEntry[] {
  const parsed = calendarEntrySchema.safeParse(entry);
  if (!parsed.success) {
    throw new AppError('validation', formatZodIssues(parsed.error));
  }
  ctx.db.insert(holidays).values(parsed.data).onConflictDoUpdate({ target: holidays.date, set: parsed.data }).run();
  return calendarEntries(ctx.db);
}

export function removeCalendarEntry(ctx: ServiceContext, date: string): CalendarEntry[] {
  ctx.db.delete(holidays).where(eq(holidays.date, date)).run();
  return calendarEntries(ctx.db);
}

/** Imports a newer rulebook (validated); the version in force on each act's date applies from then on. */
export function importRulebook(ctx: ServiceContext, data: unknown): Rulebook[] {
  const rulebook = loadRulebook(data);
  const existing = importedRulebooks(ctx.db);
  if ([...DEFAULT_RULEBOOKS, ...existing].some((r) => r.version === rulebook.version)) {
    throw new AppError('conflict', `Bộ quy tắc phiên bản ${rulebook.version} đã có.`);
  }
  const all = [...existing, rulebook];
  ctx.db.insert(settings).values({ key: RULEBOOKS_KEY, value: all }).onConflictDoUpdate({ target: settings.key, set: { value: all } }).run();
  return [...DEFAULT_RULEBOOKS, ...all];
}

export function listRulebooks(db: DbOrTx): Rulebook[] {
  return [...DEFAULT_RULEBOOKS, ...importedRulebooks(db)];
}

/** Drops cached findings of candidates that changed, inside the caller's transaction. */
export function invalidateFindings(db: DbOrTx, ids: readonly string[]): void {
  if (ids.length > 0) {
    db.delete(candidateFindings).where(inArray(candidateFindings.candidateId, [...ids])).run();
  }
}

/** The rulebook version in force on `date`, as the app shows it ("áp dụng bộ quy tắc …"). */
export function appliedRulebookVersion(db: Db, date: string): string {
  return rulebookVersionAt(compileRulebooks(evalContext(db).rulebooks), toDay(date));
}

/** A roster change (who is a full member, who left) can change every candidate's findings in the unit. */
export function invalidateUnitFindings(db: DbOrTx, unitCode: string): void {
  db.delete(candidateFindings)
    .where(inArray(candidateFindings.candidateId, db.select({ id: candidates.id }).from(candidates).where(eq(candidates.unitCode, unitCode))))
    .run();
}
