import { formatViDate } from '../model/dates';
import type { Db, DbOrTx } from '../../../db/types';
import { buildCalendar, calendarEntrySchema, VN_CALENDAR_SEED, type CalendarEntry } from '../domain/calendar/index';
import {
  buildTodo,
  isOverdue,
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
import { AppError, describeInputIssues } from '../errors';
import type { CandidateCheck, TodoItemWire } from '../model/checks';
import { isIsoDate } from '../model/dates';
import { rulebookName } from '../model/format';
import { candidateRow } from '../store/candidates';
import { probationaryOffFileOn } from '../store/targets';
import type { ServiceContext } from './context';
import { candidateRanges, loadDossiers, type LoadedCandidate } from '../store/dossiers';
import { calendarEntries, deleteCalendarEntry, putCalendarEntry } from '../store/calendar';
import { copyLogIntoDatabase, findingsDigest, freshFindings, reportedFindingsOf, upsertFindings, type FindingsToStore, type StoredFindings } from '../store/findings';
import { rulesStamp, storedRulebooks, writeRulebooks } from '../store/rulebooks';
import { countsByStage, findingsCounts, staleIdsOfUnit, staleIdsOfUnits, storedFindingsOf, todoKeyRows, undatedCount, type TodoKeyRow } from '../store/todo';
import { getSelfUnit, getUnit, localUnits, overseenUnits } from '../store/units';
import { groupBy } from '../domain/group-by';

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
      return { candidateId: c.id, asOf, validUntil: e.validUntil, rulebookVersion: e.rulebookVersion, calendarSpan: e.calendarSpan, findings: e.findings };
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

/** How many dossiers one step of the day's re-evaluation checks: about a tenth of a second, which is as long as a screen's call can wait behind it. */
export const REFRESH_STEP = 250;

/**
 * One step of the day's re-evaluation across the units the to-do list covers: up to `max` candidates without
 * today's findings are evaluated and stored, and the figures say how far the day is (done = candidates with today's
 * findings). Called repeatedly after unlock instead of evaluating every candidate inside the first screen's call,
 * which blocked every other call (the candidate list too) for as long as it took.
 */
export function refreshFindingsStep(ctx: ServiceContext, max = REFRESH_STEP): FindingsProgress {
  const unitCodes = overseenUnits(ctx.db).map((u) => u.code);
  let left = max;
  for (const [unitCode, ids] of staleByUnit(ctx, unitCodes, max)) {
    if (left <= 0) {
      break;
    }
    const chunk = ids.slice(0, left);
    refreshFindings(ctx, unitCode, chunk);
    left -= chunk.length;
  }
  return findingsProgress(ctx, unitCodes);
}

/** How many of the covered candidates already have findings that hold today, without evaluating any. */
export function findingsProgress(ctx: ServiceContext, unitCodes = overseenUnits(ctx.db).map((u) => u.code)): FindingsProgress {
  const asOf = ctx.clock.today();
  const { total, stale } = findingsCounts(ctx.db, unitCodes, asOf);
  return { asOf, done: total - stale, total };
}

/** A finding as the to-do list keeps it: what it sorts and counts by, and where its message is (`at` in the stored list). */
type TodoFinding = Pick<Finding, 'code' | 'severity' | 'due'> & { at: number };

const holds = (row: TodoKeyRow, day: string) => row.as_of !== null && row.until !== null && row.as_of <= day && day <= row.until;

/**
 * Stored findings read as evaluations on `today`, the day they are read for (only rows that hold then are passed):
 * code, severity and due date only, the rule and message being read for the rows a page shows (withMessages).
 */
function todoSource(row: TodoKeyRow, today: string): TodoSource {
  const keys = JSON.parse(row.todo ?? '[]') as [Finding['code'], Finding['severity'], string | null][];
  const findings = keys.map(([code, severity, due], at): TodoFinding => (due ? { code, severity, due, at } : { code, severity, at }));
  return {
    candidateId: row.id,
    unitCode: row.unit_code,
    name: row.full_name,
    evaluation: { asOf: today, stage: row.stage, stageLabel: '', findings, deadlines: [], rulebookVersion: '', keyDates: {}, validUntil: row.until } as unknown as Evaluation,
  };
}

function readTodoSources(db: Db, today: string, unitCodes: readonly string[], ids?: readonly string[]): TodoSource[] {
  return todoKeyRows(db, unitCodes, ids).map((r) => todoSource(r, today));
}

/** Candidates of `unitCodes` with no stored findings that hold today (the first `limit` of them), per unit. */
function staleByUnit(ctx: ServiceContext, unitCodes: readonly string[], limit = -1): Map<string, string[]> {
  return groupBy(
    staleIdsOfUnits(ctx.db, unitCodes, ctx.clock.today(), limit),
    (r) => r.unit_code,
    (r) => r.id,
  );
}

/**
 * Findings holding today of every candidate of the units a committee oversees (the own unit alone at a chi bộ). The
 * database deletes the stored row of every candidate a write affects (migration 0011) and a row says through which
 * day it holds, so the candidates read without one holding today are exactly those to re-evaluate; the others are
 * read from the covering index candidates_todo, a fraction of a second at 50,000 candidates.
 */
function todoSources(ctx: ServiceContext): TodoSource[] {
  return todoSourcesSoFar(ctx, false).sources;
}

/**
 * Above this many candidates without today's findings (about a second of evaluation), a to-do list that need not be
 * whole is shown for the candidates already checked today while the day's re-evaluation goes on step by step.
 */
export const CHECKING_ABOVE = REFRESH_STEP * 4;

/**
 * todoSources, or with `partial` and a long re-evaluation ahead, only the candidates whose findings hold today,
 * evaluating none, and how many of how many those are.
 */
function todoSourcesSoFar(ctx: ServiceContext, partial: boolean): { sources: TodoSource[]; checking?: FindingsProgress } {
  const unitCodes = overseenUnits(ctx.db).map((u) => u.code);
  const asOf = ctx.clock.today();
  const rows = todoKeyRows(ctx.db, unitCodes);
  const staleRows = rows.filter((r) => !holds(r, asOf));
  if (staleRows.length === 0) {
    return { sources: rows.map((r) => todoSource(r, asOf)) };
  }
  if (partial && staleRows.length > CHECKING_ABOVE) {
    return { sources: rows.filter((r) => holds(r, asOf)).map((r) => todoSource(r, asOf)), checking: { asOf, done: rows.length - staleRows.length, total: rows.length } };
  }
  const stale = groupBy(
    staleRows,
    (r) => r.unit_code,
    (r) => r.id,
  );
  for (const [unitCode, ids] of stale) {
    refreshFindings(ctx, unitCode, ids.length > BULK_REFRESH ? undefined : ids);
  }
  const refreshed = new Map(todoKeyRows(ctx.db, unitCodes, [...stale.values()].flat()).map((r) => [r.id, r]));
  return { sources: rows.map((r) => todoSource(refreshed.get(r.id) ?? r, asOf)) };
}

/**
 * The to-do page (Việc cần làm) from fresh findings, flat for the wire: across the own unit's candidates at a chi bộ,
 * across every unit it oversees at a committee (each item says whose it is).
 */
export function todoList(ctx: ServiceContext, filter: TodoFilter): TodoItemWire[] {
  return withMessages(ctx.db, todoEntries(ctx, filter));
}

/** A line of the to-do list kept in memory: without its rule and message yet, and where to find them (`at`). */
export type TodoEntry = TodoItemWire & { at: number };

/** The to-do list as todoList, rules and messages left out: what a page's rows complete with withMessages. */
export function todoEntries(ctx: ServiceContext, filter: TodoFilter): TodoEntry[] {
  return entriesOf(todoSources(ctx), filter);
}

/**
 * The whole to-do list as todoEntries, or, while more than CHECKING_ABOVE candidates are still to be checked today,
 * the items of those already checked, with how far the day's re-evaluation is: a first screen that does not wait.
 */
export function todoEntriesSoFar(ctx: ServiceContext): { entries: TodoEntry[]; checking?: FindingsProgress } {
  const { sources, checking } = todoSourcesSoFar(ctx, true);
  const entries = entriesOf(sources, {});
  return checking ? { entries, checking } : { entries };
}

function entriesOf(sources: TodoSource[], filter: TodoFilter): TodoEntry[] {
  return buildTodo(sources, filter).map(({ candidateId, name, unitCode, stage, overdue, finding }) => {
    const item: TodoEntry = { candidateId, name, unitCode, stage, overdue, code: finding.code, severity: finding.severity, rule: '', message: '', at: (finding as unknown as TodoFinding).at };
    if (finding.due) {
      item.due = finding.due;
    }
    return item;
  });
}

/** `entries` with the rule, message and references of their stored findings, read for their candidates only. */
export function withMessages(db: Db, entries: readonly TodoEntry[]): TodoItemWire[] {
  const stored = storedFindingsOf(db, [...new Set(entries.map((e) => e.candidateId))]);
  const parsed = new Map<string, Finding[]>();
  return entries.map(({ at, ...item }) => {
    let findings = parsed.get(item.candidateId);
    if (!findings) {
      findings = JSON.parse(stored.get(item.candidateId) ?? '[]') as Finding[];
      parsed.set(item.candidateId, findings);
    }
    const finding = findings[at];
    if (finding?.code !== item.code) {
      return item;
    }
    return finding.refs ? { ...item, rule: finding.rule, message: finding.message, refs: finding.refs } : { ...item, rule: finding.rule, message: finding.message };
  });
}

/**
 * Candidates per stage (the pipeline board), every stage listed even when empty, beside them at «Đảng viên dự bị» the
 * probationary members with no candidate file (`offFile`, as the report counts them), with the error findings of the
 * candidates at that stage today, read through the same findings as the to-do list so the two never disagree. Over
 * one unit, or without one over every unit the to-do list covers (a committee's units below and its own).
 */
export function stageCounts(
  ctx: ServiceContext,
  unitCode?: string,
): { stage: string; count: number; offFile: number; undated: number; errors: number; peopleWithErrors: number; peopleOverdue: number }[] {
  const codes = unitCode ? [unitCode] : overseenUnits(ctx.db).map((u) => u.code);
  const byStage = countsByStage(ctx.db, codes);
  // Probationary members with no candidate file are dự bị too: the report and Tổng quan count them at that stage.
  const offFileByUnit = probationaryOffFileOn(ctx.db, ctx.clock.today());
  const offFile = codes.reduce((sum, code) => sum + (offFileByUnit.get(code) ?? 0), 0);
  const undated = undatedCount(ctx.db, codes);
  const errors = new Map<string, number>();
  // People, not findings, for the board's columns: who has an error, who has a step overdue (as the to-do says it).
  const withErrors = new Map<string, number>();
  const overdue = new Map<string, number>();
  const add = (map: Map<string, number>, stage: string, n: number) => map.set(stage, (map.get(stage) ?? 0) + n);
  for (const source of unitCode ? findingSources(ctx, unitCode) : todoSources(ctx)) {
    const { stage, findings, asOf } = source.evaluation;
    const n = findings.filter((f) => f.severity === 'error').length;
    add(errors, stage, n);
    add(withErrors, stage, n > 0 ? 1 : 0);
    add(overdue, stage, findings.some((f) => isOverdue(f, asOf)) ? 1 : 0);
  }
  return STAGES.map((stage) => ({
    stage,
    count: byStage.get(stage) ?? 0,
    offFile: stage === 'du-bi' ? offFile : 0,
    undated: stage === 'nguon' ? undated : 0,
    errors: errors.get(stage) ?? 0,
    peopleWithErrors: withErrors.get(stage) ?? 0,
    peopleOverdue: overdue.get(stage) ?? 0,
  }));
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
      const notYet = new Set<string>();
      for (const c of heads.length === stored.size ? [] : stored.size === 0 ? dossiers() : dossiers(heads.filter((c) => !stored.has(c.id)).map((c) => c.id))) {
        // On an earlier day, someone whose first step came later was no candidate yet: the reports of that day do not
        // count them, and their findings would be of a person not yet followed (an age "below 18" years before).
        if (c.dossier.events.length > 0 && c.dossier.events.every((event) => event.date > day)) {
          notYet.add(c.id);
          continue;
        }
        const e = evaluateDossier(c.dossier, day, evalCtx);
        evaluations.set(c.id, e);
        evaluated.push({
          candidateId: c.id,
          asOf: day,
          validUntil: e.validUntil,
          rulebookVersion: e.rulebookVersion,
          calendarSpan: e.calendarSpan,
          findings: JSON.stringify(e.findings),
          digest: findingsDigest(e.findings),
        });
      }
      const rows = heads.filter(({ id }) => !notYet.has(id)).map(({ id, unitCode, name, stage: cached }) => {
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
    throw new AppError('validation', describeInputIssues(parsed.error.issues));
  }
  putCalendarEntry(ctx.db, parsed.data);
  return calendarEntries(ctx.db);
}

/**
 * Saves a day from the calendar screen: a new day, or the day `previousDate` edited (perhaps moved). A date the
 * calendar already holds is refused rather than overwritten, so one mistyped date cannot replace another day's entry.
 */
export function saveCalendarEntry(ctx: ServiceContext, entry: CalendarEntry, previousDate: string | null): CalendarEntry[] {
  const parsed = calendarEntrySchema.safeParse(entry);
  if (!parsed.success) {
    throw new AppError('validation', describeInputIssues(parsed.error.issues));
  }
  return ctx.db.transaction((tx) => {
    const taken = calendarEntries(tx).find((e) => e.date === parsed.data.date);
    if (taken && parsed.data.date !== previousDate) {
      throw new AppError('conflict', `Lịch đã có ngày ${formatViDate(taken.date)} (${taken.name}). Hãy sửa ngày đó trong danh sách thay vì thêm lần nữa.`, 'CALENDAR_DATE_TAKEN', [
        { field: 'date', message: `Lịch đã có ngày này (${taken.name}): hãy sửa ngày đó trong danh sách.` },
      ]);
    }
    putCalendarEntry(tx, parsed.data);
    if (previousDate && previousDate !== parsed.data.date) {
      deleteCalendarEntry(tx, previousDate);
    }
    return calendarEntries(tx);
  });
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
    throw new AppError('conflict', `Đã có ${rulebookName(rulebook.version)} trong ứng dụng.`);
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
