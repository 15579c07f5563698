import type { Db } from '../../../db/types';
import { searchMatcher, sortByColumn, TODO_COLUMNS, type ListSort } from '../domain/lists';
import { workingDaysBetween, type WorkingCalendar } from '../domain/calendar/index';
import { toDay } from '../domain/calendar/days';
import { voteOutcome, type Severity } from '../domain/rules/index';
import { compileRulebooks, ruleAt } from '../domain/rules/rulebook';
import type { CandidateCheck, RulebookOverview, TodoPage, VoteCheck } from '../model/checks';
import { appliedRulebookVersion, checkCandidate, evalContext, importRulebook, listRulebooks, todoEntries, todoEntriesSoFar, withMessages, type FindingsProgress, type TodoEntry } from './check-service';
import type { ServiceContext } from './context';
import { eligibleVoters } from './member-service';
import { memoized, peekMemo } from './report-cache';
import { overseenUnits } from '../store/units';

/**
 * What the screens show of the rules engine, shaped for them: deadlines counted in working days, the to-do list a
 * page at a time, the vote threshold of the rulebook in force, and the rulebooks with their validity.
 */

function daysLeft(asOf: string, due: string, calendar: WorkingCalendar): number {
  return workingDaysBetween(asOf, due, calendar);
}

/** The candidate page's checks, each due date with the working days left (negative once overdue). */
export function candidateChecks(db: Db, id: string, today: string): CandidateCheck {
  const { evaluation, checklist, reported } = checkCandidate(db, id, today);
  const { calendar } = evalContext(db);
  const from = evaluation.asOf;
  return {
    evaluation: {
      ...evaluation,
      findings: evaluation.findings.map((f) => (f.due ? { ...f, workingDaysLeft: daysLeft(from, f.due, calendar) } : f)),
      deadlines: evaluation.deadlines.map((d) => ({ ...d, workingDaysLeft: daysLeft(from, d.due, calendar) })),
    },
    checklist,
    reported,
  };
}

export type TodoPageInput = {
  /** One unit of those a committee oversees; absent, all of them. */
  unitCode?: string | undefined;
  severities?: readonly Severity[] | undefined;
  codes?: readonly string[] | undefined;
  overdueOnly?: boolean | undefined;
  /** Part of a name, diacritics and case aside. */
  query?: string | undefined;
  /** Only these candidates' items (the pipeline board marks the people it shows). */
  candidateIds?: readonly string[] | undefined;
  sort?: ListSort | undefined;
  /** Not to wait for a long re-evaluation of the day: the items of the candidates checked so far, and how far it is. */
  soFar?: boolean | undefined;
  offset: number;
  limit: number;
};

type TodoAll = { items: TodoEntry[]; summary: TodoPage['summary']; codes: TodoPage['codes'] };
/** The whole list, and each unit's part of it summarized once asked for. */
type TodoMemo = TodoAll & { units: TodoPage['units']; byUnit: Map<string, TodoAll>; checking?: FindingsProgress };

function summarize(items: TodoEntry[]): TodoAll {
  const summary = { error: 0, warning: 0, info: 0, overdue: 0, attention: 0 };
  const codes = new Map<string, number>();
  for (const item of items) {
    summary[item.severity]++;
    summary.overdue += item.overdue ? 1 : 0;
    summary.attention += item.overdue || item.severity === 'error' ? 1 : 0;
    codes.set(item.code, (codes.get(item.code) ?? 0) + 1);
  }
  return { items, summary, codes: [...codes].map(([code, count]) => ({ code, count })) };
}

function unitPart(all: TodoMemo, unitCode: string | undefined): TodoAll {
  if (!unitCode) {
    return all;
  }
  let part = all.byUnit.get(unitCode);
  if (!part) {
    part = summarize(all.items.filter((i) => i.unitCode === unitCode));
    all.byUnit.set(unitCode, part);
  }
  return part;
}

/**
 * One page of the to-do list (Việc cần làm). The whole list (up to ~150,000 items) is built once per day and data
 * change and kept in memory without its messages, so scrolling through it costs a filter, a slice and the messages
 * of the page's rows, not a re-evaluation. The counts
 * (summary, codes) are those of the unit asked for, or of the whole list.
 */
export function todoPage(ctx: ServiceContext, input: TodoPageInput): TodoPage {
  const { asOf, all, part, matching } = todoMatching(ctx, input);
  const { calendar } = evalContext(ctx.db);
  const rows = withMessages(ctx.db, matching.slice(input.offset, input.offset + input.limit)).map((i) =>
    i.due ? { ...i, workingDaysLeft: daysLeft(asOf, i.due, calendar) } : i,
  );
  const unitsWithItems = new Set(matching.map((i) => i.unitCode)).size;
  const page = { asOf, total: matching.length, summary: part.summary, codes: part.codes, units: all.units, unitsWithItems, rows };
  return all.checking ? { ...page, checking: { done: all.checking.done, total: all.checking.total } } : page;
}

/**
 * The whole to-do list as filtered and sorted on screen (the page above, and its Excel copy), without the messages
 * (withMessages adds them to the rows shown or written).
 */
export function todoMatching(
  ctx: ServiceContext,
  input: Omit<TodoPageInput, 'offset' | 'limit'>,
): { asOf: string; all: TodoMemo; part: TodoAll; matching: readonly TodoEntry[] } {
  const asOf = ctx.clock.today();
  const all = peekMemo<TodoMemo>(ctx.db, `todo:${asOf}`) ?? (input.soFar ? buildTodoSoFar(ctx, asOf) : buildTodoAll(ctx, asOf));
  const part = unitPart(all, input.unitCode);
  const severities = input.severities?.length ? new Set(input.severities) : null;
  const codes = input.codes?.length ? new Set(input.codes) : null;
  const ids = input.candidateIds ? new Set(input.candidateIds) : null;
  const query = input.query?.trim() ?? '';
  const select = () => {
    const matches = searchMatcher(query);
    const filtered =
      severities || codes || ids || query || input.overdueOnly
        ? part.items.filter(
            (i) =>
              (!severities || severities.has(i.severity)) &&
              (!codes || codes.has(i.code)) &&
              (!ids || ids.has(i.candidateId)) &&
              (!input.overdueOnly || i.overdue) &&
              (!query || matches(i.name)),
          )
        : part.items;
    // Sorting by the message needs every message: read once for this sort and kept with it.
    const sortable: readonly TodoEntry[] = input.sort?.column === 'message' ? withMessages(ctx.db, filtered).map((item, k) => ({ ...item, at: filtered[k]!.at })) : filtered;
    return sortByColumn(sortable, TODO_COLUMNS, input.sort);
  };
  // Matching names and sort keys over 150,000 items costs far more than a filter, so a search or a sort is worked
  // out once and every page scrolled to after it is a slice.
  const costly = query !== '' || input.sort !== undefined;
  const key = `todo:${asOf}:${all.checking ? `so-far ${all.checking.done}:` : ''}${JSON.stringify([input.unitCode, input.severities, input.codes, input.candidateIds, input.overdueOnly, query, input.sort])}`;
  return { asOf, all, part, matching: costly ? memoized(ctx.db, key, select) : select() };
}

/** A current memo means nothing was written since the list was built, so scrolling costs no query at all. */
function buildTodoAll(ctx: ServiceContext, asOf: string): TodoMemo {
  // Building the list refreshes stale findings, a write; memoizing after it keeps that write from invalidating the memo.
  const items = todoEntries(ctx, {});
  return memoized(ctx.db, `todo:${asOf}`, () => todoMemo(ctx, items));
}

/** The list of the candidates checked so far while many are not; the whole list (kept as buildTodoAll's) when few are left. */
function buildTodoSoFar(ctx: ServiceContext, asOf: string): TodoMemo {
  const { entries, checking } = todoEntriesSoFar(ctx);
  // A partial list is never kept under the whole list's key; the next step of the re-evaluation outdates it anyway.
  return checking ? { ...todoMemo(ctx, entries), checking } : memoized(ctx.db, `todo:${asOf}`, () => todoMemo(ctx, entries));
}

function todoMemo(ctx: ServiceContext, items: TodoEntry[]): TodoMemo {
  const perUnit = new Map<string, number>();
  for (const item of items) {
    perUnit.set(item.unitCode, (perUnit.get(item.unitCode) ?? 0) + 1);
  }
  return { ...summarize(items), units: overseenUnits(ctx.db).map((u) => ({ code: u.code, name: u.name, count: perUnit.get(u.code) ?? 0 })), byUnit: new Map() };
}

export type VoteInput = { kind: 'chi-bo' | 'ducs'; date: string; yes?: number | undefined; members?: number | undefined };

/**
 * Who may vote on `date` and whether `yes` reaches the threshold of the rulebook in force that day. For a chi bộ
 * vote the electorate is the roster's full members unless the user gives another count (someone excused is not
 * counted); for a đảng ủy cơ sở vote it is the committee size the user gives.
 */
export function voteCheck(db: Db, input: VoteInput): VoteCheck {
  const index = compileRulebooks(evalContext(db).rulebooks);
  const day = toDay(input.date);
  const { numerator, denominator } =
    input.kind === 'chi-bo' ? ruleAt(index, 'vote-chi-bo', day).rule.parameters : ruleAt(index, 'vote-ducs', day).rule.parameters;
  const voters = input.kind === 'chi-bo' ? eligibleVoters(db, input.date) : [];
  const eligible = input.members ?? voters.length;
  const outcome = voteOutcome(input.yes ?? 0, eligible, { numerator, denominator });
  return {
    eligible,
    eligibleNames: voters.map((m) => m.fullName),
    needed: outcome.needed,
    passes: input.yes === undefined ? null : outcome.passes,
    numerator,
    denominator,
  };
}

/** Every rulebook with its validity (from its earliest rule to its latest end) and the one applied today. */
export function rulebookOverview(db: Db, today: string): RulebookOverview {
  const rulebooks = listRulebooks(db).map((book) => {
    const froms = book.rules.map((r) => r.validFrom).sort();
    const open = book.rules.some((r) => !r.validTo);
    const ends = book.rules.map((r) => r.validTo ?? '').sort();
    return {
      version: book.version,
      title: book.title ?? '',
      validFrom: froms[0] ?? '',
      validTo: open ? null : (ends.at(-1) ?? null),
      rules: book.rules.length,
      items: book.rules.map((r) => ({ id: r.id, validFrom: r.validFrom, validTo: r.validTo ?? null, source: r.source })),
    };
  });
  return { asOf: today, applied: appliedRulebookVersion(db, today), rulebooks };
}

/** Imports a rulebook file's parsed content and says which version it was. */
export function importRulebookData(ctx: ServiceContext, data: unknown): { version: string; title: string } {
  const added = importRulebook(ctx, data).at(-1);
  return { version: added?.version ?? '', title: added?.title ?? '' };
}
