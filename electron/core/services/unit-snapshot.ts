import type { Db } from '../../../db/types';
import { toSeqRanges } from '../domain/bundles/index';
import type { UnitProfile, UnitReportData } from '../model/bundle-data';
import { parsePeriod } from '../model/report';
import { ensureFindingsFresh } from './check-service';
import type { ServiceContext } from './context';
import { appliedDirectiveSeqs } from '../store/sync';
import { refusedDecisionRows } from '../store/quarantine';
import { appliedRelayedSums } from '../store/relayed';
import { requestAnswers } from '../store/reviews';
import { getSelfUnit } from '../store/units';
import { movesOf } from '../store/moves';
import { candidateRecords, frozenReportRecords, memberRecords, unitTargetRecords } from '../store/unit-report';

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

/**
 * Builds the own unit's `unit-report` data for period label `label`, with findings computed fresh today.
 * Frozen reports are those of the label's period (none when the label names no period).
 */
export function buildUnitSnapshot(ctx: ServiceContext, label: string, to = getSelfUnit(ctx.db).parentCode): { data: UnitReportData; counts: Record<string, number> } {
  ensureFindingsFresh(ctx);
  const db = ctx.db;
  const unit = unitProfile(db);
  const period = periodOfLabel(label);
  const ownTargets = unitTargetRecords(db, unit.code);
  const reports = period ? frozenReportRecords(db, unit.code, period) : [];
  const parent = to;
  const directivesApplied = parent ? toSeqRanges(appliedDirectiveSeqs(db, parent), DIRECTIVE_ACK_RANGES) : [];
  const decisionsRefused = parent ? refusedDecisions(db, parent) : [];
  const answers = parent ? requestAnswers(db, parent) : [];
  const moves = movesOf(db, unit.code).map((m) => ({ from: m.from, to: m.to, on: m.on }));
  const relayedApplied = appliedRelayedSums(db, unit.code);
  const data = { unit, members: memberRecords(db, unit.code), candidates: candidateRecords(db, unit.code, ctx.clock.today()), targets: ownTargets, frozenReports: reports, directivesApplied, decisionsRefused, requestAnswers: answers, moves, relayedApplied };
  // An older superior refuses a unit-report with a field it does not know; an empty list says nothing anyway.
  if (answers.length === 0) {
    delete (data as Partial<UnitReportData>).requestAnswers;
  }
  if (moves.length === 0) {
    delete (data as Partial<UnitReportData>).moves;
  }
  if (relayedApplied.length === 0) {
    delete (data as Partial<UnitReportData>).relayedApplied;
  }
  return { data, counts: { candidates: data.candidates.length, members: data.members.length, targets: data.targets.length, frozenReports: data.frozenReports.length } };
}
