import { noProgress, stepOf, type ProgressSink } from '../progress';
import type { DbOrTx } from '../../../db/types';
import { BUNDLE_ERRORS, inSeqRanges, SYNC_LIMITS, type BundleErrorCode, type SeqRange } from '../domain/bundles/index';
import { DEFAULT_RULEBOOKS } from '../domain/rules/index';
import { decisionDateMisfit, decisionMisfit } from '../domain/rules/decision-fit';
import { candidateFullName, candidateVoid, effectiveEvents } from '../store/candidates';
import { findMember } from '../store/members';
import {
  acknowledgeItems,
  assignedTargets,
  deletePendingItem,
  insertItem,
  markItemsSent,
  mirroredCandidateSource,
  pendingDecision,
  pendingItemRows,
  receivedItemRows,
  sentDirectives,
  sentItemRows,
  unitsWithPendingItems,
  type ItemRow,
} from '../store/directives';
import { AppError, describeInputIssues } from '../errors';
import { decisionSchema, directiveNoteSchema, type Decision, type DirectiveData, type DirectiveNote, type DirectiveTarget, type Receipt } from '../model/bundle-data';
import { formatViDate } from '../model/dates';
import { reviewNote, reviewText, type ReportReview } from '../model/report-review';
import { ANSWERABLE_NOTE_PREFIX, RULES_UPDATE_KIND, type DirectiveItem, type RulesUpdate } from '../model/sync';
import { REVIEW_KIND } from '../store/reviews';
import { listRulebooks } from './check-service';
import { calendarEntries } from '../store/calendar';
import { audit, newId, type ServiceContext } from './context';
import { packAndRecord, type MadeBundle } from './bundle-export';
import { signerRecord, type AnnouncedKeys, type OwnKeys } from './key-service';
import { seqState } from '../store/sync';
import { listTargets } from './target-service';
import { lastRelayedTargets, relayedById } from '../store/relayed';
import { getSelfUnit, getUnit, subtreesBelowSelf } from '../store/units';
import { planRelay, recordRelay, type InnerDirective } from './relaying';
import { movesOf, outsideTreeOn } from '../store/moves';

/**
 * Directives (superior → unit, docs/bundle-format.md "Kinds"): what the superior records for a unit below waits here as
 * pending items until the next directive carries it; the unit lists what arrived (see directive-apply).
 */

const DECISION_NAMES = { admission: 'Quyết định kết nạp', recognition: 'Quyết định công nhận đảng viên chính thức' } as const;
const STATUS_NAMES = { applied: 'đã cập nhật', duplicate: 'trùng, không thay đổi', stale: 'gói cũ, chỉ lưu', conflict: 'trùng số thứ tự khác nội dung, đã cách ly', rejected: 'bị từ chối' } as const;

/** The bad records a receipt counts, most frequent reasons first: "12.000 bản ghi lỗi: 7.000 × …; 5.000 × …". */
function reasonsText(counts: Receipt['quarantinedCounts']): string {
  if (counts.length === 0) {
    return '';
  }
  const total = counts.reduce((n, c) => n + c.count, 0);
  const shown = counts.slice(0, 3).map((c) => `${c.count.toLocaleString('vi-VN')} × ${c.reason.slice(0, 160)}`);
  return `. ${total.toLocaleString('vi-VN')} bản ghi lỗi: ${shown.join('; ')}${counts.length > 3 ? '; …' : ''}`;
}

/** How many of a receipt's quarantined records its line names: enough to find them, short enough to read. */
const NAMED_RECORDS = 5;
const RECORD_KIND_NAMES: Readonly<Record<string, string>> = { candidate: 'hồ sơ', member: 'đảng viên', target: 'chỉ tiêu', 'frozen-report': 'báo cáo đã chốt' };

/**
 * The records the superior set aside, each with its reason and, when this database holds it (the unit's own
 * records), the person's name: otherwise the secretary sees "cách ly 3" and cannot tell whose dossier to fix.
 */
function quarantinedText(r: Receipt, nameOf: ((key: string) => string | undefined) | undefined): string {
  if (!nameOf || r.quarantined.length === 0) {
    return '';
  }
  const total = r.summary?.quarantined ?? r.quarantined.length;
  const shown = r.quarantined.slice(0, NAMED_RECORDS).map((q) => {
    const reason = q.reason.slice(0, 160);
    const name = nameOf(q.recordKey) ?? `${RECORD_KIND_NAMES[q.recordKind] ?? 'bản ghi'} ${q.recordKey}`;
    // A dossier's reason already begins with its person's name and id.
    return reason.includes(name) ? reason : `${name}: ${reason}`;
  });
  return `. Bị cách ly: ${shown.join('; ')}${total > shown.length ? `; và ${(total - shown.length).toLocaleString('vi-VN')} bản ghi khác` : ''}`;
}

/**
 * One line of Vietnamese saying what an item is, for the pending and "what arrived" lists. A receipt that arrived
 * (`nameOf` given: it names a record by its id when this database holds it) also lists what was quarantined; the
 * superior that sent it has its own quarantine list.
 */
export function describeItem(kind: string, body: unknown, nameOf?: (key: string) => string | undefined): string {
  switch (kind) {
    case 'decision': {
      const d = body as Decision;
      return `${DECISION_NAMES[d.kind]} số ${d.number} ngày ${formatViDate(d.date)}`;
    }
    case 'receipt': {
      const r = body as Receipt;
      const s = r.summary;
      const counts = s ? ` — thêm ${s.added}, sửa ${s.changed}, bỏ ${s.removed}, cách ly ${s.quarantined}` : '';
      // A refused bundle says why and which errors to fix; an applied one lists its quarantined records' count only.
      const refusal = r.errorCode && r.errorCode in BUNDLE_ERRORS ? ` — ${BUNDLE_ERRORS[r.errorCode as BundleErrorCode]}${reasonsText(r.quarantinedCounts ?? [])}` : quarantinedText(r, nameOf);
      return `Biên nhận gói số ${r.seq ?? '?'}${r.label ? ` (${r.label})` : ''}: ${STATUS_NAMES[r.status]}${counts}${refusal}`;
    }
    case 'comment':
    case 'request-dossier':
      return (body as DirectiveNote).text;
    case REVIEW_KIND:
      return reviewText(body as ReportReview);
    case RULES_UPDATE_KIND: {
      const u = body as RulesUpdate;
      return `Lịch ngày nghỉ (${u.holidays.toLocaleString('vi-VN')} ngày đã xác nhận) và bộ quy tắc (${u.rulebooks.toLocaleString('vi-VN')} bộ ngoài bộ có sẵn)`;
    }
    default:
      return kind;
  }
}

export function toItem(db: DbOrTx, row: ItemRow): DirectiveItem {
  const candidateName = row.candidateRef ? candidateFullName(db, row.candidateRef) : undefined;
  // A relayed item names its issuer as it signed itself and the superior that passed it on.
  const relayed = row.relayedId ? relayedById(db, row.relayedId) : undefined;
  const fromName = relayed && relayed.issuerCode === row.fromCode ? relayed.issuerName : (getUnit(db, row.fromCode)?.name ?? null);
  return {
    id: row.id,
    fromCode: row.fromCode,
    fromName,
    via: relayed?.viaCode ? { code: relayed.viaCode, name: relayed.viaName ?? relayed.viaCode } : null,
    toCode: row.toCode,
    kind: row.kind,
    candidateId: row.candidateRef,
    candidateName: candidateName ?? null,
    text: describeItem(row.kind, row.body, row.toCode === getSelfUnit(db).code ? (key) => candidateFullName(db, key) ?? findMember(db, key)?.fullName : undefined),
    createdAt: row.createdAt,
    bundleSha256: row.bundleSha256,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    answer: row.answer,
  };
}

/** The unit and the unit's own id of a mirrored candidate (decisions and comments name the unit's ids). */
function mirroredCandidate(db: DbOrTx, candidateId: string): { unitCode: string; sourceId: string } {
  const row = mirroredCandidateSource(db, candidateId);
  if (!row) {
    throw new AppError('not-found', 'Người này không thuộc dữ liệu nhận từ đơn vị cấp dưới (hoặc chưa nhập gói báo cáo của đơn vị).');
  }
  return row;
}

export function mirrorUnit(db: DbOrTx, code: string) {
  const unit = getUnit(db, code);
  if (unit?.origin !== 'mirror') {
    throw new AppError('not-found', `Không có đơn vị cấp dưới mã ${code}.`);
  }
  return unit;
}

export function queue(ctx: ServiceContext, toCode: string, kind: string, candidateRef: string | null, body: unknown): DirectiveItem {
  return ctx.db.transaction((tx) => {
    const row = { id: newId(), bundleSha256: null, fromCode: getSelfUnit(tx).code, toCode, kind, candidateRef, body, createdAt: ctx.clock.now(), acknowledgedAt: null, resolvedAt: null, answer: null, relayedId: null };
    insertItem(tx, row);
    audit(tx, ctx, 'queue', 'directive-item', row.id, { kind, toCode });
    return toItem(tx, row);
  });
}

export type DecisionInput = { candidateId: string; kind: Decision['kind']; number: string; date: string };

/**
 * Records an admission or recognition decision the superior issued for a candidate of a unit below; the next
 * directive carries it and the unit records it as an event. The mirror itself is not touched (it is the unit's).
 */
export function addDecision(ctx: ServiceContext, input: DecisionInput): DirectiveItem {
  const { unitCode, sourceId } = mirroredCandidate(ctx.db, input.candidateId);
  const parsed = decisionSchema.safeParse({ candidateId: sourceId, kind: input.kind, number: input.number.trim(), date: input.date });
  if (!parsed.success) {
    throw new AppError('validation', `Quyết định không hợp lệ — ${describeInputIssues(parsed.error.issues)}`);
  }
  if (parsed.data.date > ctx.clock.today()) {
    throw new AppError('validation', 'Ngày ký quyết định không thể sau ngày hôm nay.');
  }
  const voided = candidateVoid(ctx.db, input.candidateId);
  if (voided?.at) {
    throw new AppError('conflict', `Đơn vị đã hủy hồ sơ này vì tạo nhầm (${voided.reason ?? ''}); không ra quyết định cho hồ sơ đã hủy.`);
  }
  const queued = queuedDecisionText(ctx.db, input.candidateId, input.kind);
  if (queued) {
    throw new AppError('conflict', `${queued} Muốn sửa số hoặc ngày, xóa quyết định đó ở mục "Đang chờ gửi" rồi thêm lại.`);
  }
  // Checked against the unit's last report; the unit checks again when it applies the decision.
  const events = effectiveEvents(ctx.db, input.candidateId);
  const misfit = decisionMisfit(events, input.kind) ?? decisionDateMisfit(events, input.kind, parsed.data.date);
  if (misfit) {
    throw new AppError('validation', misfit);
  }
  return queue(ctx, unitCode, 'decision', input.candidateId, parsed.data);
}

/** Why a second decision of `kind` for this person cannot be queued: one is already waiting to be sent. */
export function queuedDecisionText(db: DbOrTx, candidateId: string, kind: Decision['kind']): string | null {
  const row = pendingDecision(db, getSelfUnit(db).code, candidateId, kind);
  return row ? `Đã có ${describeItem('decision', row.body).replace(/^Q/, 'q')} cho người này, đang chờ gửi.` : null;
}

export type NoteInput = { unitCode: string; kind: DirectiveNote['kind']; text: string; candidateId?: string | null };

/** A comment for a unit below, or a request to complete a candidate's dossier. */
export function addNote(ctx: ServiceContext, input: NoteInput): DirectiveItem {
  const unit = mirrorUnit(ctx.db, input.unitCode);
  // A request to complete a dossier is about one person's file: the unit marks it handled on that person's page.
  if (input.kind === 'request-dossier' && !input.candidateId) {
    throw new AppError('validation', 'Chọn người cần bổ sung hồ sơ (đề nghị bổ sung hồ sơ là cho một người; ý kiến chung cho cả đơn vị thì chọn loại “Ý kiến”).');
  }
  const candidate = input.candidateId ? mirroredCandidate(ctx.db, input.candidateId) : null;
  if (candidate && candidate.unitCode !== unit.code) {
    throw new AppError('validation', `Người này không thuộc đơn vị ${unit.code}.`);
  }
  // The prefix tells the unit this superior reads answers (docs/bundle-format.md "Trả lời yêu cầu").
  const id = `${ANSWERABLE_NOTE_PREFIX}${newId()}`;
  const parsed = directiveNoteSchema.safeParse({ id, kind: input.kind, candidateId: candidate?.sourceId ?? null, text: input.text.trim() });
  if (!parsed.success) {
    throw new AppError('validation', `Nội dung không hợp lệ — ${describeInputIssues(parsed.error.issues)}`);
  }
  return queue(ctx, unit.code, input.kind, input.candidateId ?? null, parsed.data);
}

/**
 * Sends this unit's confirmed calendar days and imported rulebooks to a unit further below, signed by this unit
 * (docs/bundle-format.md "Directives down the tree"). A direct unit gets them with every directive already.
 */
export function addRulesUpdate(ctx: ServiceContext, unitCode: string): DirectiveItem {
  const unit = mirrorUnit(ctx.db, unitCode);
  if (unit.parentCode === getSelfUnit(ctx.db).code) {
    throw new AppError('validation', `Mỗi gói chỉ đạo cho ${unit.name} đã mang lịch ngày nghỉ và bộ quy tắc: không cần gửi riêng.`);
  }
  const defaults = new Set(DEFAULT_RULEBOOKS.map((r) => r.version));
  const body: RulesUpdate = { holidays: calendarEntries(ctx.db).filter((e) => e.confirmed).length, rulebooks: listRulebooks(ctx.db).filter((r) => !defaults.has(r.version)).length };
  return queue(ctx, unit.code, RULES_UPDATE_KIND, null, body);
}

/** Items waiting for the next directive (to one unit, or to all), oldest first. */
export function pendingItems(db: DbOrTx, unitCode?: string): DirectiveItem[] {
  return pendingItemRows(db, getSelfUnit(db).code, unitCode).map((r) => toItem(db, r));
}

/** Withdraws a pending item (a mistyped decision number) before it is sent. */
export function removePendingItem(ctx: ServiceContext, id: string): void {
  ctx.db.transaction((tx) => {
    if (deletePendingItem(tx, id, getSelfUnit(tx).code) === 0) {
      throw new AppError('not-found', 'Không có mục nào đang chờ gửi với mã này (có thể đã được gửi).');
    }
    audit(tx, ctx, 'remove', 'directive-item', id);
  });
}

/** How many sent items the superior's unit page lists. */
export const SENT_ITEMS_SHOWN = 50;

/**
 * Decisions and notes already sent (to `unitCode`, or to every unit), newest first: each is delivered (`acknowledgedAt`) only once a
 * unit-report of the unit says it applied the directive that carried it.
 */
export function sentItems(db: DbOrTx, unitCode?: string, limit = SENT_ITEMS_SHOWN): DirectiveItem[] {
  return sentItemRows(db, getSelfUnit(db).code, unitCode, limit).map((r) => toItem(db, r));
}

/**
 * Marks as delivered the decisions and notes the directives to `unitCode` numbered in `applied` carried (from the
 * unit's unit-report); call inside the import transaction. Returns how many became delivered.
 */
export function acknowledgeDirectives(db: DbOrTx, unitCode: string, applied: readonly SeqRange[], now: string): number {
  if (applied.length === 0) {
    return 0;
  }
  const sent = sentDirectives(db, unitCode)
    .filter((o) => inSeqRanges(o.seq, applied))
    .map((o) => o.sha256);
  let changed = 0;
  for (let i = 0; i < sent.length; i += 500) {
    changed += acknowledgeItems(db, unitCode, sent.slice(i, i + 500), now);
  }
  return changed;
}

/**
 * The pending items one directive carries, in order: at most {@link SYNC_LIMITS.directiveItemsPerKind} of a kind
 * and {@link SYNC_LIMITS.directiveItemsBytes} in all, so the directive always fits its tar entry; the rest stay
 * pending for the next one.
 */
function carried(pending: readonly ItemRow[]): ItemRow[] {
  const perKind = new Map<string, number>();
  let bytes = 0;
  const out: ItemRow[] = [];
  for (const item of pending) {
    const size = Buffer.byteLength(JSON.stringify(item.body));
    const count = perKind.get(item.kind) ?? 0;
    if (count >= SYNC_LIMITS.directiveItemsPerKind || bytes + size > SYNC_LIMITS.directiveItemsBytes) {
      continue;
    }
    perKind.set(item.kind, count + 1);
    bytes += size;
    out.push(item);
  }
  return out;
}

/** What directives brought to this unit, newest first ("what arrived"). */
export function receivedItems(db: DbOrTx): DirectiveItem[] {
  return receivedItemRows(db, getSelfUnit(db).code).map((r) => toItem(db, r));
}

/**
 * The directive data for `unitCode`: pending receipts, decisions and comments, the full set of targets this
 * superior assigned the unit (so a withdrawn target disappears there too), confirmed calendar days, and imported
 * rulebooks.
 */
function directiveData(db: DbOrTx, unitCode: string, pending: readonly ItemRow[], keys: AnnouncedKeys | null): DirectiveData {
  const defaults = new Set(DEFAULT_RULEBOOKS.map((r) => r.version));
  return {
    receipts: pending.filter((r) => r.kind === 'receipt').map((r) => r.body as Receipt),
    decisions: pending.filter((r) => r.kind === 'decision').map((r) => r.body as Decision),
    targets: listTargets(db, { unitCode })
      .filter((t) => t.source === 'superior')
      .map((t) => ({ year: t.year, period: t.period, kind: t.kind, value: t.value })),
    holidays: calendarEntries(db).filter((e) => e.confirmed),
    rulebooks: listRulebooks(db).filter((r) => !defaults.has(r.version)),
    notes: pending.flatMap((r) => (r.kind === 'comment' || r.kind === 'request-dossier' ? [r.body as DirectiveNote] : r.kind === REVIEW_KIND ? [reviewNote(r.body as ReportReview)] : [])),
    keys,
    lastAppliedSeq: seqState(db, unitCode, 'in')?.lastSeq ?? null,
  };
}

/** A set of targets as one string, to tell whether it changed since a directive carried it. */
const targetsKey = (list: readonly DirectiveTarget[]) =>
  list
    .map((t) => `${t.year}|${t.period}|${t.kind}|${t.value}`)
    .sort()
    .join(';');

/** The quarter of a day as a bundle label (2026-11-23 → 2026Q4), the default label of a directive. */
const quarterLabel = (day: string) => `${day.slice(0, 4)}Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;

/**
 * Makes the next directive to a verified unit below and marks what it carries as sent (not yet delivered: see
 * {@link acknowledgeDirectives}), in the same transaction as its outbox row. The label defaults to today's quarter; `rotation` signs with the previous key and
 * announces the new one.
 */
export async function exportDirective(
  ctx: ServiceContext,
  unitCode: string,
  label = quarterLabel(ctx.clock.today()),
  rotation?: { previous: OwnKeys; keys: AnnouncedKeys },
  progress: ProgressSink = noProgress,
): Promise<MadeBundle> {
  const parts = ['Lập nội dung chỉ đạo', 'Mã hóa và ký gói'];
  await stepOf(progress, parts, 0);
  const unit = mirrorUnit(ctx.db, unitCode);
  const moved = outsideTreeOn(ctx.db, null).has(unitCode) ? movesOf(ctx.db, unitCode).at(-1) : undefined;
  if (moved) {
    // The unit takes directives from its new superior only: a file from here would be refused there.
    throw new AppError('conflict', `Đơn vị ${unitCode} đã chuyển sang ${moved.to.code} từ ngày ${formatViDate(moved.on)}: không gửi chỉ đạo cho đơn vị nữa.`, 'UNIT_MOVED_OUT');
  }
  if (unit.parentCode !== getSelfUnit(ctx.db).code) {
    throw new AppError('validation', `${unitCode} không trực thuộc trực tiếp đơn vị này: chỉ đạo cho đơn vị đó được gửi kèm gói chỉ đạo cho ${unit.parentCode ?? 'cấp trên của nó'}.`, 'NOT_DIRECT_UNIT');
  }
  const key = signerRecord(ctx.db, unitCode);
  if (!key || key.revoked || !key.verified) {
    throw new AppError('conflict', `Đơn vị ${unitCode} chưa được xác nhận mã vân tay (hoặc khóa đã bị thu hồi): chưa gửi chỉ đạo được, vì khóa mã hóa có thể không phải của đơn vị.`, 'UNIT_NOT_VERIFIED');
  }
  const selfCode = getSelfUnit(ctx.db).code;
  const pendingTo = (code: string) => carried(pendingItemRows(ctx.db, selfCode, code));
  const pending = pendingTo(unitCode);
  const data = directiveData(ctx.db, unitCode, pending, rotation?.keys ?? null);
  // What this unit addressed to units further below travels inside, signed by this unit for each of them.
  const subtree = subtreesBelowSelf(ctx.db).subtree.get(unitCode) ?? [unitCode];
  const waitingFor = new Set(unitsWithPendingItems(ctx.db, selfCode));
  const deep = subtree.filter((code) => code !== unitCode);
  // A unit further below gets a directive of its own when items wait for it or its targets changed since the last one.
  const assigned = assignedTargets(ctx.db, deep);
  const sent = lastRelayedTargets(ctx.db, deep, { only: selfCode });
  const inners: InnerDirective[] = deep
    .map((code) => ({ targetCode: code, items: waitingFor.has(code) ? pendingTo(code).filter((r) => r.kind !== 'receipt') : [], targets: assigned.get(code) ?? [] }))
    .filter((i) => i.items.length > 0 || targetsKey(i.targets) !== targetsKey(sent.get(i.targetCode)?.get(selfCode)?.targets ?? []))
    .map(({ targetCode, items, targets }) => ({ targetCode, itemIds: items.map((r) => r.id), data: { ...directiveData(ctx.db, targetCode, items, null), targets, lastAppliedSeq: null } }));
  const relay = await planRelay(ctx, label, inners, subtree);
  const counts = { receipts: data.receipts.length, decisions: data.decisions.length, targets: data.targets.length, notes: data.notes.length, holidays: data.holidays.length, rulebooks: data.rulebooks.length, ...(relay ? { relayed: relay.count } : {}) };
  await stepOf(progress, parts, 1);
  return packAndRecord(ctx, {
    kind: 'directive',
    to: unitCode,
    label,
    data,
    counts,
    relayed: relay?.bytes,
    ...(rotation ? { signer: rotation.previous } : {}),
    onRecorded: (tx, sha256) => {
      if (pending.length > 0) {
        markItemsSent(tx, pending.map((p) => p.id), sha256);
      }
      if (relay) {
        recordRelay(tx, relay, sha256);
      }
    },
  });
}
