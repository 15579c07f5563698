import type { DbOrTx } from '../../../db/types';
import { AppError } from '../errors';
import { dossierDocumentSchema, type DossierDocument } from '../model/dossier';
import { voidInputSchema, voidReasonSchema, type CandidateDetail, type VoidInput } from '../model/entities';
import { candidateDetail, fileRecord, insertDocument, voidCandidateRows, voidFileRecord, writableCandidate } from '../store/candidates';
import { insertIntroducer, type IntroducerInput } from './candidate-service';
import { audit, newId, type ServiceContext } from './context';

/**
 * Corrections of what was entered (docs/corrections.md): a wrong document, introducer or mentor assignment, or a
 * whole candidate created by mistake, is voided with a reason, never deleted. The row keeps its content and gains
 * when, why and by whom; from then on it counts nowhere, and the database refuses to change it again. A correction
 * is a void plus a new row, so the history shows both.
 */

const NOT_FOUND: Readonly<Record<VoidInput['kind'], string>> = {
  document: 'Không tìm thấy văn bản cần hủy trong hồ sơ này.',
  introducer: 'Không tìm thấy người giới thiệu cần hủy trong hồ sơ này.',
  mentor: 'Không tìm thấy phân công giúp đỡ cần hủy trong hồ sơ này.',
};

function voidRow(ctx: ServiceContext, tx: DbOrTx, input: { candidateId: string; kind: VoidInput['kind']; recordId: string; reason: string }): void {
  const row = fileRecord(tx, input.kind, input.recordId);
  if (!row || row.candidateId !== input.candidateId) {
    throw new AppError('not-found', NOT_FOUND[input.kind]);
  }
  if (row.voidedAt !== null) {
    throw new AppError('conflict', 'Bản ghi này đã bị hủy trước đó.');
  }
  voidFileRecord(tx, input.kind, input.recordId, { voidedAt: ctx.clock.now(), voidReason: input.reason, voidedBy: ctx.actor });
}

/** Voids one document, introducer or mentor assignment of the own unit's candidate, with a reason. */
export function voidRecord(ctx: ServiceContext, input: VoidInput): CandidateDetail {
  const v = voidInputSchema.parse(input);
  return ctx.db.transaction((tx) => {
    writableCandidate(tx, v.candidateId);
    voidRow(ctx, tx, v);
    audit(tx, ctx, `void-${v.kind}`, 'candidate', v.candidateId, { recordId: v.recordId, reason: v.reason });
    return candidateDetail(tx, v.candidateId);
  });
}

/** Corrects a document: the wrong one is voided with the reason and the right one added, in one transaction. */
export function correctDocument(ctx: ServiceContext, input: { candidateId: string; documentId: string; reason: string; document: DossierDocument }): CandidateDetail {
  const reason = voidReasonSchema.parse(input.reason);
  const document = dossierDocumentSchema.parse(input.document);
  if (document.date > ctx.clock.today()) {
    throw new AppError('validation', 'Ngày của văn bản không thể sau ngày hôm nay; chỉ ghi những việc đã diễn ra.');
  }
  return ctx.db.transaction((tx) => {
    writableCandidate(tx, input.candidateId);
    voidRow(ctx, tx, { candidateId: input.candidateId, kind: 'document', recordId: input.documentId, reason });
    const id = newId();
    insertDocument(tx, { id, candidateId: input.candidateId, form: document.form, date: document.date, signer: document.signer ?? null, issuer: document.issuer ?? null, note: document.note ?? null, createdAt: ctx.clock.now() });
    audit(tx, ctx, 'correct-document', 'candidate', input.candidateId, { voided: input.documentId, docId: id, reason, form: document.form, date: document.date });
    return candidateDetail(tx, input.candidateId);
  });
}

/** Corrects an introducer (a wrong date, the wrong member): the wrong entry is voided with the reason, the right one added. */
export function correctIntroducer(ctx: ServiceContext, input: IntroducerInput & { introducerId: string; reason: string }): CandidateDetail {
  const reason = voidReasonSchema.parse(input.reason);
  return ctx.db.transaction((tx) => {
    writableCandidate(tx, input.id);
    voidRow(ctx, tx, { candidateId: input.id, kind: 'introducer', recordId: input.introducerId, reason });
    const id = insertIntroducer(tx, input);
    audit(tx, ctx, 'correct-introducer', 'candidate', input.id, { voided: input.introducerId, introducerId: id, memberId: input.memberId, reason });
    return candidateDetail(tx, input.id);
  });
}

/**
 * Voids a candidate created by mistake (a duplicate, a wrong person): it leaves every list, count, report and bundle
 * of live records, its events and file stay as history. A member row the file put on the roster goes with it.
 */
export function voidCandidate(ctx: ServiceContext, candidateId: string, reason: string): CandidateDetail {
  const why = voidReasonSchema.parse(reason);
  return ctx.db.transaction((tx) => {
    const row = writableCandidate(tx, candidateId);
    voidCandidateRows(tx, candidateId, { voidedAt: ctx.clock.now(), voidReason: why, voidedBy: ctx.actor });
    audit(tx, ctx, 'void', 'candidate', candidateId, { fullName: row.fullName, reason: why });
    return candidateDetail(tx, candidateId);
  });
}
