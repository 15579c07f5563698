import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/types';
import { candidateFindings, candidates, inbox, reportedFindings, units } from '../../../db/schema/index';
import { missingSequenceNumbers, readAloudCode } from '../domain/bundles/index';
import { AppError } from '../errors';
import type { UnitDetail, UnitOverview } from '../model/sync';
import { listCandidates } from './candidate-service';
import { ensureFindingsFresh } from './check-service';
import { audit, type ServiceContext } from './context';
import { movesOf, outsideTreeOn } from '../store/moves';

/**
 * The superior's units page: every unit below with its key's verification state, the last bundle received, the
 * sequence numbers that never arrived and what is quarantined; and one unit's candidates and findings, read-only.
 */

type UnitRow = typeof units.$inferSelect;

/** Rows of `sqlText` for the units of `codes` (its one parameter is their JSON list). */
function rowsFor<T>(db: Db, sqlText: string, codes: string): T[] {
  return db.$client.prepare(sqlText).all(codes) as T[];
}

function group<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) {
      list.push(r);
    } else {
      out.set(key(r), [r]);
    }
  }
  return out;
}

type KeyRow = { unit_code: string; status: string; verified_at: string | null; fingerprint: string };
type InboxRow = { from_code: string; seq: number | null; label: string | null; kind: string | null; received_at: string; status: string; numbering: number };

/**
 * The overview of each of `rows`, with one query per table for all of them: the units page lists 500 units, and a
 * handful of queries per unit cost more than what they read.
 */
function overviews(db: Db, rows: readonly UnitRow[]): UnitOverview[] {
  const codes = JSON.stringify(rows.map((u) => u.code));
  const IN = 'IN (SELECT value FROM json_each(?))';
  // The active key first, then the latest; a unit with no ed25519 key has none.
  const keys = group(
    rowsFor<KeyRow>(db, `SELECT unit_code, status, verified_at, fingerprint FROM unit_keys WHERE kind = 'ed25519' AND unit_code ${IN} ORDER BY status = 'active' DESC, rowid DESC`, codes),
    (k) => k.unit_code,
  );
  const numbering = new Map(rowsFor<{ peer_code: string; numbering: number }>(db, `SELECT peer_code, numbering FROM sync_state WHERE direction = 'in' AND peer_code ${IN}`, codes).map((r) => [r.peer_code, r.numbering]));
  const received = group(rowsFor<InboxRow>(db, `SELECT from_code, seq, label, kind, received_at, status, numbering FROM inbox WHERE from_code ${IN}`, codes), (r) => r.from_code);
  const open = rowsFor<{ from_code: string; bundles: number; records: number }>(
    db,
    `SELECT from_code, sum(record_kind = 'bundle') AS bundles, sum(record_kind <> 'bundle') AS records FROM quarantine WHERE resolved_at IS NULL AND from_code ${IN} GROUP BY from_code`,
    codes,
  );
  const quarantined = new Map(open.map((q) => [q.from_code, q]));
  const outside = outsideTreeOn(db, null);
  const tree = new Map(db.select({ code: units.code, name: units.name, parentCode: units.parentCode, origin: units.origin }).from(units).all().map((u) => [u.code, u]));
  const candidateCounts = new Map(rowsFor<{ unit_code: string; n: number }>(db, `SELECT unit_code, count(*) AS n FROM candidates WHERE voided_at IS NULL AND unit_code ${IN} GROUP BY unit_code`, codes).map((r) => [r.unit_code, r.n]));
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
      missing: missingSequenceNumbers(seqs, current > 0 ? Math.min(...seqs) : 1),
      quarantined: quarantined.get(unit.code)?.records ?? 0,
      conflicts: quarantined.get(unit.code)?.bundles ?? 0,
      heldAside: inCurrent.filter((r) => r.status === 'stale' || r.status === 'conflict').length,
      candidates: candidateCounts.get(unit.code) ?? 0,
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

type TreeRow = { code: string; name: string; parentCode: string | null; origin: string };

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
    const row = tx.select().from(units).where(and(eq(units.code, code), eq(units.origin, 'mirror'))).get();
    if (!row) {
      throw new AppError('not-found', `Không có đơn vị cấp dưới mã ${code}.`);
    }
    if (row.pendingName === null && row.pendingLevel === null) {
      throw new AppError('conflict', `Đơn vị ${code} không có thay đổi tên hoặc cấp nào chờ xác nhận.`, 'NOTHING_PENDING');
    }
    tx.update(units)
      .set({ name: row.pendingName ?? row.name, level: row.pendingLevel ?? row.level, pendingName: null, pendingLevel: null })
      .where(eq(units.code, code))
      .run();
    audit(tx, ctx, 'confirm-change', 'unit', code, { from: { name: row.name, level: row.level }, to: { name: row.pendingName, level: row.pendingLevel } });
    // Read through the same connection, inside the transaction, so the update above is seen.
    return overviews(ctx.db, [{ ...row, name: row.pendingName ?? row.name, level: row.pendingLevel ?? row.level, pendingName: null, pendingLevel: null }])[0]!;
  });
}

/** Every unit below (enrolled or mirrored), by code. */
export function listUnits(db: Db): UnitOverview[] {
  return overviews(db, db.select().from(units).where(eq(units.origin, 'mirror')).orderBy(asc(units.code)).all());
}

/** How many received files the unit page lists, newest first (a unit sends a few a year). */
export const RECEIVED_SHOWN = 200;

type StoredFindings = { code: string; severity: string; message: string }[];

const errorsIn = (findings: StoredFindings) => findings.filter((f) => f.severity === 'error').length;

/**
 * One unit below: its overview, a page of its candidates (the same list service as the own unit's) with the
 * findings this database finds on re-checking them today and the number of errors the unit itself reported beside
 * them, the unit's totals of both, and the latest files received from it. Nothing in it grows with the size of the
 * unit beyond the page asked for.
 */
export function unitDetail(ctx: ServiceContext, code: string, page: { query?: string; offset?: number; limit?: number } = {}): UnitDetail {
  const { db } = ctx;
  const unit = db.select().from(units).where(and(eq(units.code, code), eq(units.origin, 'mirror'))).get();
  if (!unit) {
    throw new AppError('not-found', `Không có đơn vị cấp dưới mã ${code}.`);
  }
  ensureFindingsFresh(ctx, code);
  const list = listCandidates(db, { unitCode: code, offset: page.offset ?? 0, limit: page.limit ?? 100, ...(page.query ? { query: page.query } : {}) });
  const findings = db
    .select({ candidateId: candidates.id, fullName: candidates.fullName, findings: candidateFindings.findings, reported: reportedFindings.findings })
    .from(candidateFindings)
    .innerJoin(candidates, eq(candidates.id, candidateFindings.candidateId))
    .leftJoin(reportedFindings, eq(reportedFindings.candidateId, candidateFindings.candidateId))
    .where(and(eq(candidates.unitCode, code), isNull(candidates.voidedAt), inArray(candidates.id, list.rows.map((r) => r.id))))
    .orderBy(asc(candidates.sortKey))
    .all()
    .map((f) => ({
      candidateId: f.candidateId,
      fullName: f.fullName,
      // The stored row holds today (ensureFindingsFresh above), whichever day it was computed on.
      asOf: ctx.clock.today(),
      findings: (f.findings as StoredFindings).map(({ code: c, severity, message }) => ({ code: c, severity, message })),
      reportedErrors: f.reported === null ? null : errorsIn(f.reported as StoredFindings),
    }))
    .filter((f) => f.findings.length > 0 || (f.reportedErrors ?? 0) > 0);
  const received = db
    .select({ sha256: inbox.sha256, fileName: inbox.fileName, receivedAt: inbox.receivedAt, kind: inbox.kind, seq: inbox.seq, label: inbox.label, status: inbox.status })
    .from(inbox)
    .where(eq(inbox.fromCode, code))
    .orderBy(desc(inbox.receivedAt), desc(inbox.seq))
    .limit(RECEIVED_SHOWN)
    .all();
  return { unit: overviews(db, [unit])[0]!, candidates: list.rows, findings, errors: errorTotals(db, code), received };
}

/** Errors over all the unit's candidates, counted inside SQLite: as re-checked here, and as the unit reported them. */
function errorTotals(db: Db, code: string): UnitDetail['errors'] {
  const sum = (table: 'candidate_findings' | 'reported_findings') =>
    db.$client
      .prepare(
        `SELECT sum((SELECT count(*) FROM json_each(f.findings) j WHERE j.value ->> '$.severity' = 'error')) FROM ${table} f ` +
          'JOIN candidates c ON c.id = f.candidate_id WHERE c.unit_code = ? AND c.voided_at IS NULL',
      )
      .pluck()
      .get(code) as number | null;
  return { checked: sum('candidate_findings') ?? 0, reported: sum('reported_findings') };
}
