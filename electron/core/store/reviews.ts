import { and, asc, desc, eq, inArray, isNotNull, isNull, like, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { directiveItems } from '../../../db/schema/index';
import type { ItemRow } from './directives';
import type { RequestAnswer } from '../model/bundle-data';
import { reportReviewSchema, type ReviewStatus } from '../model/report-review';
import { ANSWERABLE_NOTE_PREFIX } from '../model/sync';
import { getSelfUnit } from './units';

/**
 * The reviews of frozen reports kept as directive items of kind `report-review`: at the superior those it recorded
 * for a unit below (sent or not yet), at the unit those its superior's directives brought. Both sides keep them with
 * `to_code` = the reporting unit, so one read serves both. Also the answers to the superior's requests, both ways.
 */

export const REVIEW_KIND = 'report-review';
/** The superior's comments and requests, which the unit marks handled. */
export const NOTE_KINDS = ['comment', 'request-dossier'];

const key = (period: string, version: number) => `${period}|${version}`;

/** The latest review of each version of `unitCode`'s frozen reports, keyed `period|version`. */
export function reviewsOf(db: DbOrTx, unitCode: string): Map<string, ReviewStatus> {
  const rows = db
    .select()
    .from(directiveItems)
    .where(and(eq(directiveItems.toCode, unitCode), eq(directiveItems.kind, REVIEW_KIND)))
    .orderBy(desc(directiveItems.createdAt), desc(sql`rowid`))
    .all();
  const out = new Map<string, ReviewStatus>();
  for (const row of rows) {
    const body = reportReviewSchema.safeParse(row.body);
    if (body.success && !out.has(key(body.data.period, body.data.version))) {
      out.set(key(body.data.period, body.data.version), { ...body.data, at: row.createdAt, sent: row.bundleSha256 !== null });
    }
  }
  return out;
}

export function reviewOf(reviews: ReadonlyMap<string, ReviewStatus>, period: string, version: number): ReviewStatus | null {
  return reviews.get(key(period, version)) ?? null;
}

/**
 * At the unit: every handled request from `parentCode`, or from a superior further up through it, whose issuer reads
 * answers, for the unit-report (the whole list each time, like the rest of the snapshot). The issuer further up reads
 * its answers in this snapshot as forwarded up to it.
 */
export function requestAnswers(db: DbOrTx, parentCode: string): RequestAnswer[] {
  return db
    .select({ body: directiveItems.body, resolvedAt: directiveItems.resolvedAt, answer: directiveItems.answer })
    .from(directiveItems)
    .where(and(or(eq(directiveItems.fromCode, parentCode), isNotNull(directiveItems.relayedId)), eq(directiveItems.toCode, getSelfUnit(db).code), inArray(directiveItems.kind, NOTE_KINDS), isNotNull(directiveItems.resolvedAt), like(sql`json_extract(${directiveItems.body}, '$.id')`, `${ANSWERABLE_NOTE_PREFIX}%`)))
    .orderBy(asc(directiveItems.resolvedAt))
    .limit(10_000)
    .all()
    .map((r) => ({ id: (r.body as { id: string }).id, resolvedAt: r.resolvedAt ?? '', answer: r.answer }));
}

/** At the superior, in the import transaction: records what `unitCode` answered. Returns how many became handled. */
export function applyRequestAnswers(db: DbOrTx, unitCode: string, answers: readonly RequestAnswer[]): number {
  if (answers.length === 0) {
    return 0;
  }
  const self = getSelfUnit(db);
  // Each report repeats every answer: match them against the notes still open, in one read.
  const open = new Map(
    db
      .select({ id: directiveItems.id, noteId: sql<string>`json_extract(${directiveItems.body}, '$.id')` })
      .from(directiveItems)
      .where(and(eq(directiveItems.fromCode, self.code), eq(directiveItems.toCode, unitCode), inArray(directiveItems.kind, NOTE_KINDS), isNull(directiveItems.resolvedAt)))
      .all()
      .map((r) => [r.noteId, r.id]),
  );
  let changed = 0;
  for (const a of answers) {
    const id = open.get(a.id);
    if (id !== undefined) {
      db.update(directiveItems).set({ resolvedAt: a.resolvedAt, answer: a.answer }).where(eq(directiveItems.id, id)).run();
      open.delete(a.id);
      changed++;
    }
  }
  return changed;
}

/** At the superior: drops the verdict on `toCode`'s report for `period` not sent yet, before a new one is queued. */
export function deletePendingReview(tx: DbOrTx, toCode: string, period: string): void {
  tx.delete(directiveItems)
    .where(and(eq(directiveItems.toCode, toCode), eq(directiveItems.kind, REVIEW_KIND), isNull(directiveItems.bundleSha256), sql`json_extract(${directiveItems.body}, '$.period') = ${period}`))
    .run();
}

/** At the unit: the comments and requests directives brought to `selfCode` about a candidate (one, or any) not yet handled, oldest first. */
export function openRequestRows(db: DbOrTx, selfCode: string, candidateId?: string): ItemRow[] {
  return db
    .select()
    .from(directiveItems)
    .where(
      and(
        eq(directiveItems.toCode, selfCode),
        isNotNull(directiveItems.bundleSha256),
        inArray(directiveItems.kind, NOTE_KINDS),
        candidateId ? eq(directiveItems.candidateRef, candidateId) : isNotNull(directiveItems.candidateRef),
        isNull(directiveItems.resolvedAt),
      ),
    )
    .orderBy(asc(directiveItems.createdAt), asc(sql`rowid`))
    .all();
}

/** At the unit: one comment or request a directive brought to `selfCode`, handled or not. */
export function receivedNoteRow(db: DbOrTx, id: string, selfCode: string): ItemRow | null {
  return (
    db
      .select()
      .from(directiveItems)
      .where(and(eq(directiveItems.id, id), eq(directiveItems.toCode, selfCode), isNotNull(directiveItems.bundleSha256), inArray(directiveItems.kind, NOTE_KINDS)))
      .get() ?? null
  );
}

export function markNoteHandled(tx: DbOrTx, id: string, resolvedAt: string, answer: string | null): void {
  tx.update(directiveItems).set({ resolvedAt, answer }).where(eq(directiveItems.id, id)).run();
}
