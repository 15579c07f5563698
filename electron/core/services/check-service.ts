import type { Db, DbOrTx } from '../../../db/types';
import { buildCalendar, calendarEntrySchema, VN_CALENDAR_SEED, type CalendarEntry } from '../domain/calendar/index';
import {
  buildTodo,
  computeChecklist,
  DEFAULT_RULEBOOKS,
  evaluateDossier,
  loadRulebook,
  STAGE_LABELS,
  STAGES,
  type Stage,
  type EvalContext,
  type Evaluation,
  type Finding,
  type Rulebook,
  type TodoFilter,
  type TodoSource,
} from '../domain/rules/index';
import { toDay } from '../domain/calendar/days';
import { rulebookVersionAt } from '../domain/rules/evaluate';
import { compileRulebooks } from '../domain/rules/rulebook';
import { AppError, formatZodIssues } from '../errors';
import type { CandidateCheck, TodoItemWire } from '../model/checks';
import { isIsoDate } from '../model/dates';
import { candidateRow } from '../store/candidates';
import type { ServiceContext } from './context';
import { candidateRanges, loadDossiers, type LoadedCandidate } from '../store/dossiers';
import { calendarEntries, deleteCalendarEntry, putCalendarEntry } from '../store/calendar';
import { copyLogIntoDatabase, findingsSummary, freshFindings, reportedFindingsOf, upsertFindings, type FindingsToStore, type StoredFindings } from '../store/findings';
import { rulesStamp, storedRulebooks, writeRulebooks } from '../store/rulebooks';
import { connectionKey, countsByStage, findingsCounts, staleIdsOfUnit, staleIdsOfUnits, todoRows, voidedIds } from '../store/todo';
import { getSelfUnit, getUnit, localUnits, overseenUnits } from '../store/units';

/** Rulebooks imported after installation (a newer version, or from the superior), stored as data. */
function importedRulebooks(db: DbOrTx): Rulebook[] {
  return storedRulebooks(db).map(loadRulebook);
}

const contextCache = new WeakMap<object, { stamp: string; ctx: EvalContext }>();

/** Rulebooks and calendar of this database, compiled once and rebuilt only when either changes. */
export function evalContext(db: Db): EvalContext {
  const stamp = rulesStamp(db);
  const cached = contextCache.get(db);
  if (cached?.stamp === stamp) {
    return cached.ctx;
  }
  const entries = calendarEntries(db);
  const ctx = { rulebooks: [...DEFAULT_RULEBOOKS, ...importedRulebooks(db)], calendar: buildCalendar(entries.length ? entries : VN_CALENDAR_SEED) };
  contextCache.set(db, { stamp, ctx });
  return ctx;
}

type WireFinding = CandidateCheck['evaluation']['findings'][number];

const isText = (v: unknown): v is string => typeof v === 'string';

/**
 * What a unit's bundle said of one of its candidates. The bundle only guarantees code, severity and message, so the
 * other fields are kept only when they have the shape the screens expect.
 */
function reportedByUnit(db: DbOrTx, id: string): CandidateCheck['reported'] {
  const row = reportedFindingsOf(db, id);
  if (!row) {
    return null;
  }
  const findings = (row.findings as Record<string, unknown>[]).map((f): WireFinding => {
    const refs = Array.isArray(f.refs) && f.refs.every(isText) ? { refs: f.refs } : {};
    const due = isText(f.due) && isIsoDate(f.due) ? { due: f.due } : {};
    return {
      code: String(f.code),
      severity: f.severity as WireFinding['severity'],
      message: String(f.message),
      rule: isText(f.rule) ? f.rule : '',
      rulebookVersion: isText(f.rulebookVersion) ? f.rulebookVersion : row.rulebookVersion,
      ...due,
      ...refs,
    };
  });
  return { asOf: row.asOf, rulebookVersion: row.rulebookVersion, findings };
}

/**
 * Everything the candidate page shows about rules: stage, findings, deadlines, checklist, evaluated in this database
 * as of `asOf` with its own rulebooks and calendar, for own and mirrored candidates alike. For a mirrored candidate
 * the findings its unit reported come beside them, so a superior sees where the two disagree.
 */
export function checkCandidate(db: Db, id: string, asOf: string): CandidateCheck {
  const row = candidateRow(db, id);
  if (row.voidedAt !== null) {
    throw new AppError('conflict', 'Hồ sơ này đã bị hủy vì tạo nhầm nên không còn được kiểm tra.');
  }
  const loaded = loadDossiers(db, row.unitCode, [id])[0];
  if (!loaded) {
    throw new AppError('not-found', 'Không tìm thấy hồ sơ.');
  }
  const ctx = evalContext(db);
  const reported = getUnit(db, row.unitCode)?.origin === 'mirror' ? reportedByUnit(db, id) : null;
  return { evaluation: evaluateDossier(loaded.dossier, asOf, ctx), checklist: computeChecklist(loaded.dossier, asOf, ctx), reported };
}

/** Re-evaluates a unit's candidates (all, or `ids`) as of today and stores their findings. */
function refreshFindings(ctx: ServiceContext, unitCode: string, ids?: readonly string[]): number {
  const asOf = ctx.clock.today();
  const evalCtx = evalContext(ctx.db);
  const refresh = (loaded: LoadedCandidate[]) => {
    const rows = loaded.map((c) => {
      const e = evaluateDossier(c.dossier, asOf, evalCtx);
      return { candidateId: c.id, asOf, validUntil: e.validUntil, rulebookVersion: e.rulebookVersion, findings: e.findings };
    });
    upsertFindings(ctx.db, rows);
    return rows.length;
  };
  return ctx.db.transaction(() => {
    if (ids) {
      return refresh(loadDossiers(ctx.db, unitCode, ids));
    }
    // A whole unit a rowid range at a time, so a cell of any size never has every dossier and its findings in memory
    // at once.
    const ranges = candidateRanges(ctx.db, [unitCode]);
    let done = 0;
    for (let after = 0; after < ranges.lastRowid; after += BULK_REFRESH) {
      done += refresh(ranges.chunk(after, after + BULK_REFRESH).dossiers());
    }
    return done;
  });
}

/** Above this many stale candidates one pass over the unit is cheaper than a lookup per id. */
const BULK_REFRESH = 5000;

/**
 * Findings hold from the day they were computed through their validUntil (the day before a deadline passes, an age
 * month starts…) and are dropped by the database whenever what they are computed from changes (migration 0011); this
 * recomputes and stores the missing and outdated ones of a unit (the own by default).
 */
export function ensureFindingsFresh(ctx: ServiceContext, unitCode = getSelfUnit(ctx.db).code): void {
  const stale = staleIdsOfUnit(ctx.db, unitCode, ctx.clock.today());
  if (stale.length > 0) {
    refreshFindings(ctx, unitCode, stale.length > BULK_REFRESH ? undefined : stale);
  }
}

export type FindingsProgress = { asOf: string; done: number; total: number };

/** How many dossiers one step of the day's re-evaluation checks: a fraction of a second, so other calls go between. */
export const REFRESH_STEP = 1000;

/**
 * One step of the day's re-evaluation across the units the to-do list covers: up to `max` candidates without
 * today's findings are evaluated and stored, and the figures say how far the day is (done = candidates with today's
 * findings). Called repeatedly after unlock instead of evaluating every candidate inside the first screen's call,
 * which blocked every other call (the candidate list too) for as long as it took.
 */
export function refreshFindingsStep(ctx: ServiceContext, max = REFRESH_STEP): FindingsProgress {
  const unitCodes = overseenUnits(ctx.db).map((u) => u.code);
  let left = max;
  const refreshed: string[] = [];
  for (const [unitCode, ids] of staleByUnit(ctx, unitCodes, max)) {
    if (left <= 0) {
      break;
    }
    const chunk = ids.slice(0, left);
    refreshFindings(ctx, unitCode, chunk);
    refreshed.push(...chunk);
    left -= chunk.length;
  }
  // The kept to-do list finds what changed by the stored rows missing or outdated; these no longer are, so it is told.
  const cache = todoCaches.get(connectionKey(ctx.db));
  if (refreshed.length > 0 && cache) {
    for (const source of readTodoSources(ctx.db, ctx.clock.today(), unitCodes, refreshed)) {
      cache.sources.set(source.candidateId, source);
    }
  }
  return findingsProgress(ctx, unitCodes);
}

/** How many of the covered candidates already have findings that hold today, without evaluating any. */
export function findingsProgress(ctx: ServiceContext, unitCodes = overseenUnits(ctx.db).map((u) => u.code)): FindingsProgress {
  const asOf = ctx.clock.today();
  const { total, stale } = findingsCounts(ctx.db, unitCodes, asOf);
  return { asOf, done: total - stale, total };
}

/** Stored findings read as evaluations on `today`, the day they are read for (they hold then: only fresh rows are read). */
function readTodoSources(db: Db, today: string, unitCodes: readonly string[], ids?: readonly string[]): TodoSource[] {
  return todoRows(db, unitCodes, ids).map((r) => ({
    candidateId: r.id,
    unitCode: r.unit_code,
    name: r.full_name,
    evaluation: { asOf: today, stage: r.stage, stageLabel: '', findings: JSON.parse(r.findings) as Finding[], deadlines: [], rulebookVersion: r.rulebook_version, keyDates: {}, validUntil: r.valid_until } as Evaluation,
  }));
}

/** Candidates of `unitCodes` with no stored findings that hold today (the first `limit` of them), per unit. */
function staleByUnit(ctx: ServiceContext, unitCodes: readonly string[], limit = -1): Map<string, string[]> {
  const rows = staleIdsOfUnits(ctx.db, unitCodes, ctx.clock.today(), limit);
  const byUnit = new Map<string, string[]>();
  for (const r of rows) {
    const list = byUnit.get(r.unit_code);
    if (list) {
      list.push(r.id);
    } else {
      byUnit.set(r.unit_code, [r.id]);
    }
  }
  return byUnit;
}

type TodoCache = { key: string; asOf: string; sources: Map<string, TodoSource> };

/**
 * The parsed findings of every candidate the to-do list covers, kept per open database. Reading and parsing 50,000
 * rows from the encrypted file takes seconds, while an edit touches one candidate: the database deletes the stored
 * row of every candidate a write affects (migration 0011), so the missing rows say exactly which entries to reload.
 * A new day is no different: the entries whose findings no longer hold are those whose rows are outdated, and only
 * those are re-evaluated and reloaded; the others hold today as they did yesterday.
 */
const todoCaches = new WeakMap<object, TodoCache>();

/** Findings holding today of every candidate of the units a committee oversees (the own unit alone at a chi bộ). */
function todoSources(ctx: ServiceContext): TodoSource[] {
  const unitCodes = overseenUnits(ctx.db).map((u) => u.code);
  const key = unitCodes.join(',');
  const asOf = ctx.clock.today();
  const stale = staleByUnit(ctx, unitCodes);
  const staleCount = [...stale.values()].reduce((n, ids) => n + ids.length, 0);
  for (const [unitCode, ids] of stale) {
    refreshFindings(ctx, unitCode, ids.length > BULK_REFRESH ? undefined : ids);
  }
  let cache = todoCaches.get(connectionKey(ctx.db));
  if (!cache || cache.key !== key || staleCount > BULK_REFRESH) {
    cache = { key, asOf, sources: new Map(readTodoSources(ctx.db, asOf, unitCodes).map((s) => [s.candidateId, s])) };
    todoCaches.set(connectionKey(ctx.db), cache);
  } else {
    if (cache.asOf !== asOf) {
      // Kept entries that were not outdated hold today too; they are read as today's, as a fresh read would be.
      for (const source of cache.sources.values()) {
        source.evaluation.asOf = asOf;
      }
      cache.asOf = asOf;
    }
    if (staleCount > 0) {
      for (const source of readTodoSources(ctx.db, asOf, unitCodes, [...stale.values()].flat())) {
        cache.sources.set(source.candidateId, source);
      }
    }
    // A voided candidate's stored findings are gone, but it is not stale either: it leaves the kept list here.
    for (const id of voidedIds(ctx.db, unitCodes)) {
      cache.sources.delete(id);
    }
  }
  return [...cache.sources.values()];
}

/**
 * The to-do page (Việc cần làm) from fresh findings, flat for the wire: across the own unit's candidates at a chi bộ,
 * across every unit it oversees at a committee (each item says whose it is).
 */
export function todoList(ctx: ServiceContext, filter: TodoFilter): TodoItemWire[] {
  return buildTodo(todoSources(ctx), filter).map(({ candidateId, name, unitCode, stage, overdue, finding }) => {
    const item: TodoItemWire = { candidateId, name, unitCode, stage, overdue, code: finding.code, severity: finding.severity, rule: finding.rule, message: finding.message };
    if (finding.due) {
      item.due = finding.due;
    }
    if (finding.refs) {
      item.refs = finding.refs;
    }
    return item;
  });
}

/**
 * Candidates per stage (the pipeline board), every stage listed even when empty, with the error findings of the
 * candidates at that stage today, read through the same findings as the to-do list so the two never disagree. Over
 * one unit, or without one over every unit the to-do list covers (a committee's units below and its own).
 */
export function stageCounts(ctx: ServiceContext, unitCode?: string): { stage: string; count: number; errors: number }[] {
  const codes = unitCode ? [unitCode] : overseenUnits(ctx.db).map((u) => u.code);
  const byStage = countsByStage(ctx.db, codes);
  const errors = new Map<string, number>();
  for (const source of unitCode ? findingSources(ctx, unitCode) : todoSources(ctx)) {
    const n = source.evaluation.findings.filter((f) => f.severity === 'error').length;
    errors.set(source.evaluation.stage, (errors.get(source.evaluation.stage) ?? 0) + n);
  }
  return STAGES.map((stage) => ({ stage, count: byStage.get(stage) ?? 0, errors: errors.get(stage) ?? 0 }));
}

/**
 * Today's findings of every candidate of one unit: a chi bộ's own from the kept cache; at a committee, fresh from the
 * store, so one unit's board does not re-check every unit below.
 */
function findingSources(ctx: ServiceContext, unitCode: string): TodoSource[] {
  const overseen = overseenUnits(ctx.db);
  if (overseen.length === 1 && overseen[0]!.code === unitCode) {
    return todoSources(ctx);
  }
  ensureFindingsFresh(ctx, unitCode);
  return readTodoSources(ctx.db, ctx.clock.today(), [unitCode]);
}

export type CheckedCandidateRow = { id: string; unitCode: string; name: string; stage: Stage; stageLabel: string; findings: readonly Finding[] };

/**
 * One chunk of a pass as `present` made it (`count` candidates), and the findings evaluated for it as the findings
 * store keeps them.
 */
export type CheckedChunk<T> = { count: number; shown: T; evaluated: FindingsToStore[] };

/** Checks the chunk of candidates whose rowids are in (after, upTo]; another thread's connection may do it. */
export type ChunkCheck<T> = (after: number, upTo: number) => Promise<CheckedChunk<T>>;

/** How many candidates (rowids) one chunk of a pass over the database holds: memory stays flat however large it is. */
const CHUNK = 2000;

/**
 * How many evaluated candidates' findings are stored in one transaction (and then copied from the log into the
 * file): after the last chunk is evaluated the pass still stores and copies one batch alone, so not many more.
 */
const STORE_BATCH = 6000;

/**
 * Checks chunks of the live candidates of `unitCodes` on `day` through the findings store: what it holds for `day`
 * is read, the rest is evaluated with the rulebooks and calendar in force then, and each chunk is handed to
 * `present`. Reads only, so a connection of its own in a worker thread can run it beside the one that stores;
 * `lastRowid` bounds the pass.
 */
export function chunkChecker<T>(
  db: Db,
  day: string,
  unitCodes: readonly string[],
  present: (rows: CheckedCandidateRow[]) => T,
): { lastRowid: number; check: (after: number, upTo: number) => CheckedChunk<T> } {
  const evalCtx = evalContext(db);
  const { lastRowid, chunk } = candidateRanges(db, unitCodes);
  return {
    lastRowid,
    check: (after, upTo) => {
      const { heads, dossiers } = chunk(after, upTo);
      const stored = heads.length === 0 ? new Map<string, StoredFindings>() : freshFindings(db, heads.map((c) => c.id), day);
      const evaluations = new Map<string, Evaluation>();
      const evaluated: FindingsToStore[] = [];
      for (const c of heads.length === stored.size ? [] : stored.size === 0 ? dossiers() : dossiers(heads.filter((c) => !stored.has(c.id)).map((c) => c.id))) {
        const e = evaluateDossier(c.dossier, day, evalCtx);
        evaluations.set(c.id, e);
        evaluated.push({ candidateId: c.id, asOf: day, validUntil: e.validUntil, rulebookVersion: e.rulebookVersion, findings: JSON.stringify(e.findings), summary: findingsSummary(e.findings) });
      }
      const rows = heads.map(({ id, unitCode, name, stage: cached }) => {
        const e = evaluations.get(id);
        // A stored row holds on the day, and the stage kept on the candidate row is today's.
        const stage = e?.stage ?? (cached as Stage);
        return { id, unitCode, name, stage, stageLabel: STAGE_LABELS[stage] ?? stage, findings: e?.findings ?? stored.get(id)?.findings ?? [] };
      });
      return { count: rows.length, shown: present(rows), evaluated };
    },
  };
}

/** Chunks checked elsewhere (worker threads, which `present` them there too), `inFlight` of them at a time. */
export type ParallelCheck<T> = { check: ChunkCheck<T>; inFlight: number };

/** What checks a pass's chunks elsewhere, told the pass's units and extent; null to check them in this thread. */
export type ParallelChecks<T> = (pass: { unitCodes: readonly string[]; lastRowid: number }) => ParallelCheck<T> | null;

/**
 * Every candidate of `unitCodes` (by default the own and mirrored units) with its findings on `day`, a chunk at a
 * time in the order they are stored (`chunkChecker`) as `present` makes it, and today's evaluations stored for the
 * screens. What `ptdv check --db` prints, so it agrees with the to-do list, the board, the dashboard and the
 * reports. With `parallel`, other threads read, evaluate and present the next chunks while this one stores and
 * hands out the previous.
 */
export async function* findingsInChunks<T>(
  ctx: ServiceContext,
  day: string,
  present: (rows: CheckedCandidateRow[]) => T,
  options: { unitCodes?: readonly string[]; parallel?: ParallelChecks<T> } = {},
): AsyncGenerator<T> {
  const unitCodes = options.unitCodes ?? localUnits(ctx.db).map((u) => u.code);
  const local = chunkChecker(ctx.db, day, unitCodes, present);
  const parallel = options.parallel?.({ unitCodes, lastRowid: local.lastRowid }) ?? null;
  const check: ChunkCheck<T> = parallel?.check ?? (async (after, upTo) => local.check(after, upTo));
  const inFlight = parallel?.inFlight ?? 1;
  const today = day === ctx.clock.today();
  // Stored a few chunks at a time: each commit is a synced write of the log, and one per chunk cost more than the
  // rows themselves on a busy disk.
  let unstored: FindingsToStore[] = [];
  const store = () => {
    const rows = unstored;
    unstored = [];
    ctx.db.transaction(() => upsertFindings(ctx.db, rows));
    copyLogIntoDatabase(ctx.db);
  };
  const pending: Promise<CheckedChunk<T>>[] = [];
  let next = 0;
  const ask = () => {
    while (pending.length < inFlight && next < local.lastRowid) {
      const chunk = check(next, next + CHUNK);
      // Awaited in order below; until then a failure must not count as unhandled.
      chunk.catch(() => undefined);
      pending.push(chunk);
      next += CHUNK;
    }
  };
  try {
    ask();
    while (pending.length > 0) {
      const { count, shown, evaluated } = await pending.shift()!;
      ask();
      if (today && evaluated.length > 0) {
        unstored.push(...evaluated);
        if (unstored.length >= STORE_BATCH) {
          store();
        }
      }
      if (count > 0) {
        yield shown;
      }
    }
  } finally {
    if (unstored.length > 0) {
      store();
    }
  }
}

/** Adds or replaces a calendar day (the user confirms an official notice, or adds a swapped day). */
export function setCalendarEntry(ctx: ServiceContext, entry: CalendarEntry): CalendarEntry[] {
  const parsed = calendarEntrySchema.safeParse(entry);
  if (!parsed.success) {
    throw new AppError('validation', formatZodIssues(parsed.error));
  }
  putCalendarEntry(ctx.db, parsed.data);
  return calendarEntries(ctx.db);
}

export function removeCalendarEntry(ctx: ServiceContext, date: string): CalendarEntry[] {
  deleteCalendarEntry(ctx.db, date);
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
  writeRulebooks(ctx.db, all);
  return [...DEFAULT_RULEBOOKS, ...all];
}

export function listRulebooks(db: DbOrTx): Rulebook[] {
  return [...DEFAULT_RULEBOOKS, ...importedRulebooks(db)];
}

/** The rulebook version in force on `date`, as the app shows it ("áp dụng bộ quy tắc …"). */
export function appliedRulebookVersion(db: Db, date: string): string {
  return rulebookVersionAt(compileRulebooks(evalContext(db).rulebooks), toDay(date));
}
