import type { Db } from '../../../db/types';
import { toSeqRanges, type DataWriter, type JsonField } from '../domain/bundles/index';
import { MAX_FROZEN_REPORTS, type UnitProfile, type UnitReportData } from '../model/bundle-data';
import { parsePeriod } from '../model/report';
import { ensureFindingsFresh } from './check-service';
import type { ServiceContext } from './context';
import { appliedDirectiveSeqs } from '../store/sync';
import { refusedDecisionRows } from '../store/quarantine';
import { appliedRelayedSums } from '../store/relayed';
import { requestAnswers } from '../store/reviews';
import { getSelfUnit } from '../store/units';
import { movesOf } from '../store/moves';
import { candidateRecords, frozenReportRecords, memberRecords, recordCounts, givenTargetRecords, unitTargetRecords, type Page } from '../store/unit-report';

const DECISION_KIND: Readonly<Record<string, string>> = { admission: 'kết nạp', recognition: 'công nhận đảng viên chính thức' };

/** The superior's decisions this unit set aside and has not applied since: the superior learns why. */
function refusedDecisions(db: Db, parentCode: string): UnitReportData['decisionsRefused'] {
  return refusedDecisionRows(db, parentCode, 1_000).map((r) => {
    // The key is "<kind> <number>", as the directive's apply step names it.
    const space = r.key.indexOf(' ');
    const kind = DECISION_KIND[r.key.slice(0, space)] ?? 'của cấp trên';
    return { decision: `Quyết định ${kind} số ${r.key.slice(space + 1)}`.slice(0, 200), reason: r.reason.slice(0, 2000) };
  });
}

/** The schema's bound on acknowledged directive ranges; gaps are rare, and the newest ranges are the ones that matter. */
const DIRECTIVE_ACK_RANGES = 1_000;

/** "2026Q4", "2026-Q4" or "2026" → the report period code, or null for labels that name no period. */
export function periodOfLabel(label: string): string | null {
  const m = /^(\d{4})-?(.*)$/.exec(label);
  if (!m) {
    return null;
  }
  try {
    return parsePeriod(m[2] ? `${m[1]}-${m[2]}` : m[1]!).code;
  } catch {
    return null;
  }
}

function unitProfile(db: Db): UnitProfile {
  const self = getSelfUnit(db);
  return { code: self.code, name: self.name, level: self.level, hasYouthUnion: self.hasYouthUnion, ducsMembers: self.ducsMembers };
}

/** Records read from the database at once while data.json is written: a page's rows, never the unit's. */
const PAGE = 500;

/** Every record of a unit's paged list, a page at a time. */
function paged<T extends { id: string }>(read: (page: Page) => T[]): (push: (element: unknown) => void) => void {
  return (push: (element: unknown) => void) => {
    for (let after: string | null = null; ; ) {
      const rows = read({ after, limit: PAGE });
      rows.forEach(push);
      if (rows.length < PAGE) {
        return;
      }
      after = rows.at(-1)!.id;
    }
  };
}

/**
 * The own unit's `unit-report` data for period label `label`, with findings computed fresh today, as a writer of
 * data.json: members and candidates are read from the database a page at a time while it is written, so a cell of
 * any size is never held in memory whole. Frozen reports are those of the label's year and the year before (of this
 * year when the label names no period): a quarter's report frozen after the bundle of that quarter went, or sent
 * under the next quarter's label, still reaches the superior. They are append-only there, so sending one again is harmless. The counts are those the writer writes, as long as nothing is written to the database in between.
 */
export function unitSnapshotWriter(ctx: ServiceContext, label: string, to = getSelfUnit(ctx.db).parentCode): { data: DataWriter; counts: Record<string, number> } {
  ensureFindingsFresh(ctx);
  const db = ctx.db;
  const unit = unitProfile(db);
  const today = ctx.clock.today();
  const period = periodOfLabel(label);
  const targets = unitTargetRecords(db, unit.code);
  const year = Number((period ?? today).slice(0, 4));
  const frozenReports = frozenReportRecords(db, unit.code, [year - 1, year], MAX_FROZEN_REPORTS);
  const parent = to;
  const answers = parent ? requestAnswers(db, parent) : [];
  const moves = movesOf(db, unit.code).map((m) => ({ from: m.from, to: m.to, on: m.on }));
  const relayedApplied = appliedRelayedSums(db, unit.code);
  const given = givenTargetRecords(db, unit.code);
  const fields: JsonField[] = [
    { key: 'unit', value: unit },
    { key: 'members', elements: paged((page) => memberRecords(db, unit.code, page)) },
    { key: 'candidates', elements: paged((page) => candidateRecords(db, unit.code, today, page)) },
    { key: 'targets', value: targets },
    { key: 'frozenReports', value: frozenReports },
    { key: 'directivesApplied', value: parent ? toSeqRanges(appliedDirectiveSeqs(db, parent), DIRECTIVE_ACK_RANGES) : [] },
    { key: 'decisionsRefused', value: parent ? refusedDecisions(db, parent) : [] },
    // An older superior refuses a unit-report with a field it does not know; an empty list says nothing anyway.
    ...(answers.length > 0 ? [{ key: 'requestAnswers', value: answers }] : []),
    ...(moves.length > 0 ? [{ key: 'moves', value: moves }] : []),
    ...(relayedApplied.length > 0 ? [{ key: 'relayedApplied', value: relayedApplied }] : []),
    ...(given.length > 0 ? [{ key: 'targetsGiven', value: given }] : []),
  ];
  const { members, candidates } = recordCounts(db, unit.code);
  return { data: { fields: () => fields }, counts: { candidates, members, targets: targets.length, frozenReports: frozenReports.length } };
}

/** The same snapshot as one object, for a caller that wants it whole (a small unit, or a check of what is sent). */
export function buildUnitSnapshot(ctx: ServiceContext, label: string, to = getSelfUnit(ctx.db).parentCode): { data: UnitReportData; counts: Record<string, number> } {
  const { data, counts } = unitSnapshotWriter(ctx, label, to);
  const whole: Record<string, unknown> = {};
  for (const field of data.fields()) {
    if ('elements' in field) {
      const list: unknown[] = [];
      field.elements((element) => list.push(element));
      whole[field.key] = list;
    } else {
      whole[field.key] = field.value;
    }
  }
  return { data: whole as UnitReportData, counts };
}
