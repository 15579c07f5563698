import { fingerprintOf, readAloudCode } from '../domain/bundles/index';
import { loadRulebook } from '../domain/rules/index';
import { decisionMisfit } from '../domain/rules/decision-fit';
import { AppError, describeInputIssues } from '../errors';
import type { Decision, DirectiveData } from '../model/bundle-data';
import { candidateEventSchema } from '../model/dossier';
import { RULES_UPDATE_KIND, type ImportSummary, type RulesUpdate } from '../model/sync';
import { targetSchema } from '../model/targets';
import { effectiveEvents, ownCandidateForDecision, refreshStage } from '../store/candidates';
import { deleteTargets, holidayOn, insertItem, insertTarget, receivedTargetRows, type TargetRow } from '../store/directives';
import { appendEvent } from './candidate-service';
import { importRulebook, listRulebooks, setCalendarEntry } from './check-service';
import { newId, type ServiceContext } from './context';
import { recordPeerKeys } from './key-service';
import { syncMemberFromCandidate } from './roster-sync';
import { inSavepoint } from '../store/savepoint';
import { seqState, setSeqState } from '../store/sync';
import type { QuarantinedRecord } from '../store/quarantine';
import { reviewFromNote } from '../model/report-review';
import { REVIEW_KIND } from '../store/reviews';
import { getSelfUnit, getUnit } from '../store/units';

/**
 * Applying a directive from the superior at the unit, in the import's single transaction: decisions become events
 * on the unit's own candidates, the superior's targets and calendar days replace what it sent before, and
 * receipts and comments are kept to show what arrived. A decision for a person the unit does not have is
 * quarantined with the reason and can be re-tried.
 */

const EVENT_OF = { admission: 'ADMISSION_DECIDED', recognition: 'RECOGNITION_DECIDED' } as const;

/** Records one decision as an event; 'unchanged' when the same decision (type and number) is already there. */
export function applyDecision(ctx: ServiceContext, d: Decision): 'added' | 'unchanged' {
  const self = getSelfUnit(ctx.db);
  const row = ownCandidateForDecision(ctx.db, d.candidateId, self.code);
  const what = `${d.kind === 'admission' ? 'quyết định kết nạp' : 'quyết định công nhận'} số ${d.number}`;
  if (!row) {
    throw new AppError('not-found', `Không tìm thấy người có mã ${d.candidateId} trong đơn vị để ghi ${what}.`);
  }
  if (row.voidedAt !== null) {
    throw new AppError('conflict', `Hồ sơ ${row.fullName} đã bị hủy vì tạo nhầm (${row.voidReason ?? ''}); không ghi ${what} vào hồ sơ đã hủy.`);
  }
  const type = EVENT_OF[d.kind];
  if (effectiveEvents(ctx.db, row.id).some((e) => e.type === type && 'number' in e && e.number === d.number)) {
    return 'unchanged';
  }
  // The unit does not trust the sender's check: a decision only ever takes the person one step further.
  const misfit = decisionMisfit(effectiveEvents(ctx.db, row.id), d.kind);
  if (misfit) {
    throw new AppError('validation', `Quyết định số ${d.number} không áp dụng được: ${misfit}`);
  }
  // The cell receives the decision with this directive; a directive never arrives before the signing date.
  const today = ctx.clock.today();
  const event = candidateEventSchema.safeParse({ type, date: d.date, number: d.number, received: today > d.date ? today : d.date });
  if (!event.success) {
    throw new AppError('validation', `Quyết định số ${d.number} không ghi được: ${describeInputIssues(event.error.issues)}`);
  }
  appendEvent(ctx, ctx.db, row.id, event.data);
  refreshStage(ctx.db, row.id);
  syncMemberFromCandidate(ctx, ctx.db, row.id);
  return 'added';
}

/** Imports one rulebook the superior sent, unless that version is already here. Throws AppError when invalid. */
export function applyRulebook(ctx: ServiceContext, raw: unknown): 'added' | 'unchanged' {
  const rulebook = loadRulebook(raw);
  if (listRulebooks(ctx.db).some((r) => r.version === rulebook.version)) {
    return 'unchanged';
  }
  importRulebook(ctx, raw);
  return 'added';
}

/** Who gave the targets a directive carries: the direct superior (`relayedId` null) or a superior further up. */
type Giver = { code: string; name: string; relayedId: string | null };

/**
 * Replaces what one giver assigned this unit with the full set its directive carries, so a withdrawn target goes.
 * A target sent again unchanged keeps its row and so when it was received, which decides between two givers
 * (`effectiveTargets`). Returns [added, changed, removed].
 */
function applyTargets(ctx: ServiceContext, giver: Giver, list: DirectiveData['targets'], quarantined: QuarantinedRecord[]): [number, number, number] {
  const unitCode = getSelfUnit(ctx.db).code;
  const key = (t: { year: number; period: string }) => `${t.year}|${t.period}`;
  const before = new Map(receivedTargetRows(ctx.db, unitCode, giver.relayedId === null ? null : giver.code).map((t) => [key(t), t]));
  let added = 0;
  let changed = 0;
  const kept = new Set<string>();
  const replaced: string[] = [];
  const fresh: TargetRow[] = [];
  for (const t of list) {
    const parsed = targetSchema.safeParse({ ...t, unitCode, source: 'superior' });
    if (!parsed.success || kept.has(key(t))) {
      const reason = parsed.success ? 'chỉ tiêu cùng kỳ bị lặp' : describeInputIssues(parsed.error.issues);
      quarantined.push({ recordKind: 'target', recordKey: key(t), reason, payload: t });
      continue;
    }
    kept.add(key(t));
    const previous = before.get(key(t));
    if (previous && previous.kind === t.kind && previous.value === t.value && previous.issuerCode === giver.code) {
      continue;
    }
    if (previous) {
      replaced.push(previous.id);
      changed++;
    } else {
      added++;
    }
    fresh.push({ id: newId(), ...parsed.data, createdAt: ctx.clock.now(), issuerCode: giver.code, issuerName: giver.name, relayedId: giver.relayedId });
  }
  const removed = [...before].filter(([k]) => !kept.has(k)).map(([, t]) => t.id);
  deleteTargets(ctx.db, [...replaced, ...removed]);
  fresh.forEach((row) => insertTarget(ctx.db, row));
  return [added, changed, removed.length];
}

function applyCalendar(ctx: ServiceContext, entries: DirectiveData['holidays']): number {
  let changed = 0;
  for (const entry of entries) {
    const current = holidayOn(ctx.db, entry.date);
    const same = current && current.kind === entry.kind && current.name === entry.name && (current.source ?? '') === entry.source && current.confirmed === entry.confirmed;
    if (!same) {
      setCalendarEntry(ctx, entry);
      changed++;
    }
  }
  return changed;
}

function keep(ctx: ServiceContext, fromCode: string, bundleSha256: string, kind: string, candidateRef: string | null, body: unknown, relayedId: string | null = null): void {
  const toCode = getSelfUnit(ctx.db).code;
  insertItem(ctx.db, { id: newId(), bundleSha256, fromCode, toCode, kind, candidateRef, body, createdAt: ctx.clock.now(), relayedId });
}

/** Decisions each in its own savepoint: one that does not fit its person is quarantined with the reason, the rest apply. */
function applyDecisions(ctx: ServiceContext, decisions: readonly Decision[], quarantined: QuarantinedRecord[], kept: (d: Decision) => void): number {
  let added = 0;
  for (const d of decisions) {
    const result = inSavepoint(ctx.db, () => applyDecision(ctx, d));
    if (!result.ok) {
      quarantined.push({ recordKind: 'decision', recordKey: `${d.kind} ${d.number}`, reason: result.reason, payload: d });
    } else if (result.value === 'added') {
      added++;
      kept(d);
    }
  }
  return added;
}

function applyRulebooks(ctx: ServiceContext, rulebooks: readonly unknown[], quarantined: QuarantinedRecord[]): number {
  let added = 0;
  rulebooks.forEach((raw, i) => {
    const result = inSavepoint(ctx.db, () => applyRulebook(ctx, raw));
    if (!result.ok) {
      quarantined.push({ recordKind: 'rulebook', recordKey: `#${i + 1}`, reason: result.reason, payload: raw });
    } else if (result.value === 'added') {
      added++;
    }
  });
  return added;
}

export type RelayedSource = { id: string; issuerCode: string; issuerName: string; bundleSha256: string; newer: boolean };

/**
 * Applies a directive a superior further up signed for this unit and the superior relayed (docs/bundle-format.md
 * "Directives down the tree"): decisions pass the same checks as the superior's own, comments and requests are kept
 * naming their issuer; calendar days, rulebooks and the issuer's targets for this unit apply unless a later directive
 * of that issuer already came. Call inside the import transaction.
 */
export function applyRelayedDirective(ctx: ServiceContext, source: RelayedSource, data: DirectiveData): { added: number; changed: number; quarantined: QuarantinedRecord[] } {
  const quarantined: QuarantinedRecord[] = [];
  const keepHere = (kind: string, candidateRef: string | null, body: unknown) => keep(ctx, source.issuerCode, source.bundleSha256, kind, candidateRef, body, source.id);
  let added = applyDecisions(ctx, data.decisions, quarantined, (d) => keepHere('decision', d.candidateId, d));
  let changed = 0;
  if (source.newer) {
    const days = applyCalendar(ctx, data.holidays);
    const rulebooks = applyRulebooks(ctx, data.rulebooks, quarantined);
    // Shown under what arrived only when it changed something here.
    if (days + rulebooks > 0) {
      const update: RulesUpdate = { holidays: data.holidays.filter((h) => h.confirmed).length, rulebooks: data.rulebooks.length };
      keepHere(RULES_UPDATE_KIND, null, update);
    }
    changed += days;
    added += rulebooks;
  }
  if (source.newer) {
    // The issuer's full set for this unit, kept apart from the direct superior's: see docs/targets.md for which applies.
    const [targetsAdded, targetsChanged] = applyTargets(ctx, { code: source.issuerCode, name: source.issuerName, relayedId: source.id }, data.targets, quarantined);
    added += targetsAdded;
    changed += targetsChanged;
  }
  for (const n of data.notes) {
    const review = reviewFromNote(n);
    keepHere(review ? REVIEW_KIND : n.kind, review ? null : n.candidateId, review ?? n);
    added++;
  }
  return { added, changed, quarantined };
}

/**
 * Sequence recovery at the unit: when the superior already applied a higher number from this unit than this
 * database last sent (an old backup was restored, or the database started anew), the next bundle continues after
 * it instead of being set aside as stale. Returns the number continued after, or null when nothing changed.
 */
export function continueNumbering(ctx: ServiceContext, parentCode: string, lastApplied: number | null): number | null {
  const sent = seqState(ctx.db, parentCode, 'out')?.lastSeq ?? 0;
  if (lastApplied === null || lastApplied <= sent) {
    return null;
  }
  // The superior's copy of the last bundle is unknown here: the next one chains to nothing, and it says so.
  setSeqState(ctx.db, parentCode, 'out', { lastSeq: lastApplied, lastSumsSha256: null }, ctx.clock.now());
  return lastApplied;
}

/** Applies a directive from `fromCode` (the superior) whose announced keys were checked; call inside the import transaction. */
export function applyDirective(ctx: ServiceContext, fromCode: string, data: DirectiveData, bundleSha256: string): { summary: ImportSummary; quarantined: QuarantinedRecord[] } {
  const quarantined: QuarantinedRecord[] = [];
  const warnings: string[] = [];
  let added = applyDecisions(ctx, data.decisions, quarantined, (d) => keep(ctx, fromCode, bundleSha256, 'decision', d.candidateId, d));
  const giver = { code: fromCode, name: getUnit(ctx.db, fromCode)?.name ?? fromCode, relayedId: null };
  const [targetsAdded, targetsChanged, targetsRemoved] = applyTargets(ctx, giver, data.targets, quarantined);
  const calendarChanged = applyCalendar(ctx, data.holidays);
  added += applyRulebooks(ctx, data.rulebooks, quarantined);
  data.receipts.forEach((r) => keep(ctx, fromCode, bundleSha256, 'receipt', null, r));
  for (const n of data.notes) {
    const review = reviewFromNote(n);
    if (review) {
      keep(ctx, fromCode, bundleSha256, REVIEW_KIND, null, review);
    } else {
      keep(ctx, fromCode, bundleSha256, n.kind, n.candidateId, n);
    }
  }
  const resumed = continueNumbering(ctx, fromCode, data.lastAppliedSeq);
  if (resumed !== null) {
    warnings.push(`Cấp trên đã nhận đến gói số ${resumed} của đơn vị, nhiều hơn máy này ghi (dữ liệu đã được khôi phục từ bản sao lưu cũ?): gói gửi tiếp sẽ mang số ${resumed + 1}.`);
  }
  if (data.keys) {
    recordPeerKeys(ctx.db, ctx, fromCode, data.keys, true);
    warnings.push(`Cấp trên đã đổi khóa; mã vân tay mới: ${readAloudCode(fingerprintOf(data.keys.signing))}.`);
  }
  return {
    summary: { added: added + targetsAdded + data.receipts.length + data.notes.length, changed: targetsChanged + calendarChanged, removed: targetsRemoved, quarantined: quarantined.length, warnings },
    quarantined,
  };
}
