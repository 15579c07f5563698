import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import { candidateFindings, candidates, inbox, quarantine, reportedFindings, unitKeys, units } from '../../../db/schema/index';
import { missingSequenceNumbers, readAloudCode } from '../domain/bundles/index';
import { AppError } from '../errors';
import type { UnitDetail, UnitOverview } from '../model/sync';
import { listCandidates } from './candidate-service';
import { ensureFindingsFresh } from './check-service';
import { audit, type ServiceContext } from './context';
import { currentNumbering, receivedSeqs } from './sync-repo';

/**
 * The superior's units page: every unit below with its key's verification state, the last bundle received, the
 * sequence numbers that never arrived and what is quarantined; and one unit's candidates and findings, read-only.
 */

function keyState(db: DbOrTx, code: string): Pick<UnitOverview, 'keyState' | 'fingerprint' | 'readAloudCode'> {
  const key = db
    .select()
    .from(unitKeys)
    .where(and(eq(unitKeys.unitCode, code), eq(unitKeys.kind, 'ed25519')))
    .orderBy(sql`${unitKeys.status} = 'active' DESC`, desc(sql`rowid`))
    .get();
  if (!key) {
    return { keyState: 'none', fingerprint: null, readAloudCode: null };
  }
  const state = key.status === 'active' ? (key.verifiedAt ? 'verified' : 'unverified') : 'revoked';
  return { keyState: state, fingerprint: key.fingerprint, readAloudCode: readAloudCode(key.fingerprint) };
}

/** Numbers never received; a new numbering the superior accepted starts at the first file applied under it. */
function missingSequence(db: DbOrTx, code: string): UnitOverview['missing'] {
  const seqs = receivedSeqs(db, code);
  return missingSequenceNumbers(seqs, currentNumbering(db, code) > 0 ? Math.min(...seqs) : 1);
}

function overview(db: DbOrTx, unit: typeof units.$inferSelect): UnitOverview {
  const numbering = eq(inbox.numbering, currentNumbering(db, unit.code));
  const last = db
    .select({ seq: inbox.seq, label: inbox.label, kind: inbox.kind, receivedAt: inbox.receivedAt })
    .from(inbox)
    .where(and(eq(inbox.fromCode, unit.code), eq(inbox.status, 'applied'), numbering))
    .orderBy(desc(inbox.seq))
    .get();
  const heldAside = db.select({ n: sql<number>`count(*)` }).from(inbox).where(and(eq(inbox.fromCode, unit.code), inArray(inbox.status, ['stale', 'conflict']), numbering)).get()?.n ?? 0;
  const count = (where: ReturnType<typeof and>) => db.select({ n: sql<number>`count(*)` }).from(quarantine).where(where).get()?.n ?? 0;
  const open = and(eq(quarantine.fromCode, unit.code), isNull(quarantine.resolvedAt));
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    ...keyState(db, unit.code),
    lastBundle: last ? { seq: last.seq ?? 0, label: last.label ?? '', kind: last.kind ?? '', receivedAt: last.receivedAt } : null,
    missing: missingSequence(db, unit.code),
    quarantined: count(and(open, sql`${quarantine.recordKind} <> 'bundle'`)),
    conflicts: count(and(open, eq(quarantine.recordKind, 'bundle'))),
    heldAside,
    candidates: db.select({ n: sql<number>`count(*)` }).from(candidates).where(and(eq(candidates.unitCode, unit.code), isNull(candidates.voidedAt))).get()?.n ?? 0,
    pendingChange: unit.pendingName !== null || unit.pendingLevel !== null ? { name: unit.pendingName, level: unit.pendingLevel } : null,
  };
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
    return overview(tx, { ...row, name: row.pendingName ?? row.name, level: row.pendingLevel ?? row.level, pendingName: null, pendingLevel: null });
  });
}

/** Every unit below (enrolled or mirrored), by code. */
export function listUnits(db: DbOrTx): UnitOverview[] {
  return db.select().from(units).where(eq(units.origin, 'mirror')).orderBy(asc(units.code)).all().map((u) => overview(db, u));
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
    .select({ candidateId: candidates.id, fullName: candidates.fullName, asOf: candidateFindings.asOf, findings: candidateFindings.findings, reported: reportedFindings.findings })
    .from(candidateFindings)
    .innerJoin(candidates, eq(candidates.id, candidateFindings.candidateId))
    .leftJoin(reportedFindings, eq(reportedFindings.candidateId, candidateFindings.candidateId))
    .where(and(eq(candidates.unitCode, code), isNull(candidates.voidedAt), inArray(candidates.id, list.rows.map((r) => r.id))))
    .orderBy(asc(candidates.sortKey))
    .all()
    .map((f) => ({
      candidateId: f.candidateId,
      fullName: f.fullName,
      asOf: f.asOf,
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
  return { unit: overview(db, unit), candidates: list.rows, findings, errors: errorTotals(db, code), received };
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
