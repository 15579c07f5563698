import type { Db } from '../../../db/types';
import { missingSequenceNumbers, readAloudCode } from '../domain/bundles/index';
import { AppError } from '../errors';
import type { UnitDetail, UnitOverview } from '../model/sync';
import { listCandidates } from './candidate-service';
import { ensureFindingsFresh } from './check-service';
import { audit, type ServiceContext } from './context';
import { movesOf, outsideTreeOn } from '../store/moves';
import { forwardedSummaries } from '../store/forwarded';
import {
  acceptStatedNameLevel,
  candidateCounts,
  errorTotals,
  findingsOfCandidates,
  heldUnit,
  heldUnits,
  inboundNumbering,
  latestReceived,
  openQuarantineCounts,
  receivedRows,
  signingKeyRows,
  unitTree,
  type HeldUnit,
  type InboxRow,
  type StoredFinding,
  type TreeRow,
} from '../store/overview';
import { groupBy } from '../domain/group-by';

/**
 * The superior's units page: every unit below with its key's verification state, the last bundle received, the
 * sequence numbers that never arrived and what is quarantined; and one unit's candidates and findings, read-only.
 */


/**
 * The overview of each of `rows`, with one query per table for all of them: the units page lists 500 units, and a
 * handful of queries per unit cost more than what they read.
 */
function overviews(db: Db, rows: readonly HeldUnit[]): UnitOverview[] {
  const codes = rows.map((u) => u.code);
  const keys = groupBy(signingKeyRows(db, codes), (k) => k.unit_code);
  const numbering = inboundNumbering(db, codes);
  const received = groupBy(receivedRows(db, codes), (r) => r.from_code);
  const quarantined = openQuarantineCounts(db, codes);
  const outside = outsideTreeOn(db, null);
  const tree = unitTree(db);
  const counts = candidateCounts(db, codes);
  const forwarded = forwardedSummaries(db, codes);
  return rows.map((unit) => {
    const current = numbering.get(unit.code) ?? 0;
    const inCurrent = (received.get(unit.code) ?? []).filter((r) => r.numbering === current);
    // The highest number applied; a new numbering the superior accepted starts at the first file applied under it.
    const last = inCurrent.filter((r) => r.status === 'applied').reduce<InboxRow | null>((best, r) => (best === null || (r.seq ?? 0) > (best.seq ?? 0) ? r : best), null);
    const seqs = inCurrent.map((r) => r.seq ?? 0);
    const key = keys.get(unit.code)?.[0];
    const state = key ? (key.status === 'active' ? (key.verified_at ? 'verified' : 'unverified') : 'revoked') : 'none';
    return {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      parentCode: unit.parentCode,
      keyState: state,
      fingerprint: key?.fingerprint ?? null,
      readAloudCode: key ? readAloudCode(key.fingerprint) : null,
      lastBundle: last ? { seq: last.seq ?? 0, label: last.label ?? '', kind: last.kind ?? '', receivedAt: last.received_at } : null,
      forwarded: forwarded.get(unit.code) ?? null,
      missing: missingSequenceNumbers(seqs, current > 0 ? Math.min(...seqs) : 1),
      quarantined: quarantined.get(unit.code)?.records ?? 0,
      conflicts: quarantined.get(unit.code)?.bundles ?? 0,
      heldAside: inCurrent.filter((r) => r.status === 'stale' || r.status === 'conflict').length,
      candidates: counts.get(unit.code) ?? 0,
      pendingChange: unit.pendingName !== null || unit.pendingLevel !== null ? { name: unit.pendingName, level: unit.pendingLevel } : null,
      movedOut: outside.has(unit.code) ? lastMove(db, unit.code) : null,
      path: pathTo(tree, unit.parentCode),
    };
  });
}

function lastMove(db: Db, code: string): UnitOverview['movedOut'] {
  const m = movesOf(db, code).at(-1);
  return m ? { to: m.to, on: m.on, source: m.source } : null;
}

/** The units between this database's own unit and a unit below it whose parent is `parentCode`, top first. */
function pathTo(tree: ReadonlyMap<string, TreeRow>, parentCode: string | null): { code: string; name: string }[] {
  const path: { code: string; name: string }[] = [];
  // The bound keeps a (corrupt) parent loop from running forever.
  for (let at = parentCode ? tree.get(parentCode) : undefined; at && at.origin === 'mirror' && path.length < tree.size; at = at.parentCode ? tree.get(at.parentCode) : undefined) {
    path.unshift({ code: at.code, name: at.name });
  }
  return path;
}

/**
 * The superior accepts the name and level a unit below now states (after checking with it, e.g. by phone). Refused
 * when there is nothing to confirm. Returns the unit as the units page lists it.
 */
export function confirmUnitChange(ctx: ServiceContext, code: string): UnitOverview {
  return ctx.db.transaction((tx) => {
    const row = heldUnit(tx, code);
    if (!row) {
      throw new AppError('not-found', `Không có đơn vị cấp dưới mã ${code}.`);
    }
    if (row.pendingName === null && row.pendingLevel === null) {
      throw new AppError('conflict', `Đơn vị ${code} không có thay đổi tên hoặc cấp nào chờ xác nhận.`, 'NOTHING_PENDING');
    }
    acceptStatedNameLevel(tx, code, row.pendingName ?? row.name, row.pendingLevel ?? row.level);
    audit(tx, ctx, 'confirm-change', 'unit', code, { from: { name: row.name, level: row.level }, to: { name: row.pendingName, level: row.pendingLevel } });
    // Read through the same connection, inside the transaction, so the update above is seen.
    return overviews(ctx.db, [{ ...row, name: row.pendingName ?? row.name, level: row.pendingLevel ?? row.level, pendingName: null, pendingLevel: null }])[0]!;
  });
}

/** Every unit below (enrolled or mirrored), by code. */
export function listUnits(db: Db): UnitOverview[] {
  return overviews(db, heldUnits(db));
}

/** How many received files the unit page lists, newest first (a unit sends a few a year). */
export const RECEIVED_SHOWN = 200;

const errorsIn = (findings: readonly StoredFinding[]) => findings.filter((f) => f.severity === 'error').length;

/**
 * One unit below: its overview, a page of its candidates (the same list service as the own unit's) with the
 * findings this database finds on re-checking them today and the number of errors the unit itself reported beside
 * them, the unit's totals of both, and the latest files received from it. Nothing in it grows with the size of the
 * unit beyond the page asked for.
 */
export function unitDetail(ctx: ServiceContext, code: string, page: { query?: string; offset?: number; limit?: number } = {}): UnitDetail {
  const { db } = ctx;
  const unit = heldUnit(db, code);
  if (!unit) {
    throw new AppError('not-found', `Không có đơn vị cấp dưới mã ${code}.`);
  }
  ensureFindingsFresh(ctx, code);
  const list = listCandidates(db, { unitCode: code, offset: page.offset ?? 0, limit: page.limit ?? 100, ...(page.query ? { query: page.query } : {}) });
  const findings = findingsOfCandidates(db, code, list.rows.map((r) => r.id))
    .map((f) => ({
      candidateId: f.candidateId,
      fullName: f.fullName,
      // The stored row holds today (ensureFindingsFresh above), whichever day it was computed on.
      asOf: ctx.clock.today(),
      findings: f.findings.map(({ code: c, severity, message }) => ({ code: c, severity, message })),
      reportedErrors: f.reported === null ? null : errorsIn(f.reported),
    }))
    .filter((f) => f.findings.length > 0 || (f.reportedErrors ?? 0) > 0);
  const received = latestReceived(db, code, RECEIVED_SHOWN);
  return { unit: overviews(db, [unit])[0]!, candidates: list.rows, findings, errors: errorTotals(db, code), received };
}
