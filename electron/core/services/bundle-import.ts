import { crashPoint } from '../../../db/crash-point';
import type { DbOrTx } from '../../../db/types';
import {
  bundleError,
  classifySequence,
  fingerprintOf,
  formatSeqRanges,
  isAgeRecipient,
  isBundleError,
  JsonObjectReader,
  openBundle,
  parseBundleFileName,
  parsePublicKey,
  readAloudCode,
  sameReadAloudCode,
  SEQUENCE_MESSAGES,
  sha256Hex,
  summariseQuarantined,
  SYNC_LIMITS,
  type BundleKind,
  type OpenedBundle,
  type SequenceDecision,
} from '../domain/bundles/index';
import { searchKey } from '../domain/names';
import { AppError } from '../errors';
import { BUNDLE_DATA_VERSION, parseBundleData, type DirectiveData, type EnrolmentData, type Receipt, type UnitReportData } from '../model/bundle-data';
import type { Unit } from '../model/entities';
import type { ImportOutcome, ImportStatus, ImportSummary, InnerRefusal } from '../model/sync';
import { audit, newId, type ServiceContext } from './context';
import { applyDirective } from './directive-apply';
import { acknowledgeDirectives } from './directive-service';
import { applyRequestAnswers } from '../store/reviews';
import { noteMoves } from './unit-move-service';
import { applyGivenTargets } from './targets-given';
import { ownKeys, recordPeerKeys, signerRecord, type AnnouncedKeys } from './key-service';
import { applyForwarded, checkForwarded, type CheckedForwarded } from './forwarding';
import { applyRelayed, checkRelayed, type CheckedRelayed } from './relaying';
import { applySnapshotStream, holdIdentityChange, planSnapshot, RECORD_LISTS, type SnapshotPlan } from './mirror-apply';
import { archive, currentNumbering, heldAsideFiles, isArchived, receivedSumsForSeq, seqState, setSeqState } from '../store/sync';
import { hasReceipt, queueReceipt } from '../store/directives';
import { dropForwardedSnapshot } from '../store/forwarded';
import { setUnitFacts } from '../store/mirror';
import { addQuarantine, dropSupersededQuarantine, resolveHeldFiles, type QuarantinedRecord } from '../store/quarantine';
import { getSelfUnit, getUnit, insertEnrolledUnit, setParentCode } from '../store/units';

/**
 * Importing a received bundle: every step of docs/bundle-format.md "Import" in order. Steps 1–6 (and each record's checks)
 * run before anything is written; a refusal at any of them writes nothing at all, not even an audit entry, so a
 * rejected file leaves the database exactly as it was. Step 7 and the apply run in ONE transaction with the
 * archive row, the sequence state, quarantine, the receipt for the sender and the audit entry.
 */

export type BundleFile = { name: string; bytes: Uint8Array };
export type ImportOptions = {
  /** Only these kinds are accepted (`ptdv enrol accept`: enrolment; `ptdv directive import`: directive). */
  kinds?: readonly BundleKind[];
  /** Run every check and say what importing would do, writing nothing. */
  verifyOnly?: boolean;
};

type Checked = {
  name: string;
  bytes: Uint8Array;
  opened: OpenedBundle;
  /** The sender's key was verified (by phone, or by an announcement signed with a verified key). */
  verified: boolean;
  payload:
    | { kind: 'unit-report'; data: UnitReportData; plan: SnapshotPlan; forwarded: CheckedForwarded | null }
    | { kind: 'enrolment'; data: EnrolmentData }
    | { kind: 'directive'; data: DirectiveData; relayed: CheckedRelayed | null };
};

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;
const emptySummary = (): ImportSummary => ({ added: 0, changed: 0, removed: 0, quarantined: 0, warnings: [] });

/**
 * Who may send me what: my superior sends directives; units directly below (or a unit enrolling) send reports and
 * enrolments. Units deeper below reach me only inside their superior's report.
 */
function acceptedKinds(db: DbOrTx, self: Unit, code: string, only: readonly BundleKind[] | undefined): BundleKind[] {
  const unit = getUnit(db, code);
  let kinds: BundleKind[] = [];
  if (code === self.parentCode) {
    kinds = ['directive'];
  } else if (unit?.origin === 'mirror' && unit.parentCode === self.code) {
    kinds = ['unit-report', 'enrolment'];
  } else if ((!unit || unit.origin === 'mirror') && self.level !== 'chi-bo') {
    // A unit deeper below may enrol directly: it moved to stand under this one (confirmed by phone like any enrolment).
    kinds = ['enrolment'];
  }
  return only ? kinds.filter((k) => only.includes(k)) : kinds;
}

function checkAnnouncedKeys(keys: AnnouncedKeys): void {
  parsePublicKey(keys.signing);
  if (!isAgeRecipient(keys.age)) {
    throw bundleError('KEY_INVALID', 'người nhận age được công bố không hợp lệ');
  }
}

function checkUnitCode(inData: string, sender: string): void {
  if (inData !== sender) {
    throw bundleError('DATA_INVALID', `hồ sơ đơn vị ghi mã ${inData}, gói do ${sender} gửi`);
  }
}

/** A unit below never takes this unit's own name (or a look-alike of it), nor that of this unit's superior. */
function checkUnitName(db: DbOrTx, self: Unit, name: string): void {
  const taken = [self, self.parentCode ? getUnit(db, self.parentCode) : null].find((u) => u && searchKey(u.name) === searchKey(name));
  if (taken) {
    throw bundleError('UNIT_IDENTITY_TAKEN', `"${name}" là tên của ${taken.code}`);
  }
}

type RecordKind = (typeof RECORD_LISTS)[string];

/**
 * Reads a unit-report's data.json from the file a piece at a time, handing each record to `visit` and returning the
 * rest of the object (its record lists empty). Throws what the JSON reader throws on a malformed text.
 */
function readRecords(opened: OpenedBundle, visit: (kind: RecordKind, raw: unknown) => void): Record<string, unknown> {
  const lists: Record<string, unknown[]> = {};
  const reader = new JsonObjectReader((key, element) => {
    const kind = RECORD_LISTS[key];
    if (kind) {
      visit(kind, element);
    } else {
      (lists[key] ??= []).push(element);
    }
  });
  opened.readData((chunk) => reader.write(chunk));
  const envelope = reader.end();
  // Anything but an object is left as read, for the schema to refuse.
  if (typeof envelope === 'object' && envelope !== null && !Array.isArray(envelope)) {
    Object.assign(envelope, lists);
  }
  return envelope;
}

/**
 * Import step 6 for a unit-report, read as a stream: the records are checked one at a time and let go (the plan
 * keeps their ids and what failed); the rest of the data is validated against its schema, each record list standing
 * for as many records as it held.
 */
function planUnitReport(opened: OpenedBundle): { data: UnitReportData; plan: SnapshotPlan } {
  const counts: Record<string, number> = {};
  let envelope: Record<string, unknown>;
  let plan: SnapshotPlan;
  const code = opened.manifest.from.code;
  try {
    plan = planSnapshot(code, (visit) => {
      envelope = readRecords(opened, (kind, raw) => {
        counts[kind] = (counts[kind] ?? 0) + 1;
        visit(kind, raw);
      });
    }, SYNC_LIMITS.maxQuarantinedRecords + 1);
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof TypeError) {
      throw bundleError('DATA_INVALID', 'nội dung không đọc được');
    }
    throw error;
  }
  const whole = envelope! as Record<string, unknown> | null;
  for (const [key, kind] of Object.entries(RECORD_LISTS)) {
    if (whole && Array.isArray(whole[key])) {
      whole[key] = new Array<null>(counts[kind] ?? 0).fill(null);
    }
  }
  return { data: parseBundleData('unit-report', opened.manifest.app.schemaVersion, whole), plan };
}

/** Steps 1–6: everything that can refuse a file, before any write. */
async function check(ctx: ServiceContext, file: BundleFile, options: ImportOptions): Promise<Checked> {
  const db = ctx.db;
  const self = getSelfUnit(db);
  const opened = await openBundle(file.bytes, {
    fileName: file.name,
    identities: ownKeys(ctx).identities,
    myCode: self.code,
    acceptedKinds: (code) => acceptedKinds(db, self, code, options.kinds),
    maxSchemaVersion: BUNDLE_DATA_VERSION,
    streamKinds: ['unit-report'],
    lookupSignerKey: (code, manifest) => {
      const record = signerRecord(db, code);
      // A unit whose key was revoked may enrol again with a new key (checked by phone like the first time).
      const reEnrolment = record?.revoked && manifest.kind === 'enrolment' && fingerprintOf(record.publicKey) !== manifest.from.keyFingerprint;
      return reEnrolment ? null : record;
    },
  });
  const { manifest } = opened;
  const verified = opened.signer.enrolled && (signerRecord(db, manifest.from.code)?.verified ?? false);
  if (manifest.kind === 'unit-report' && !verified) {
    throw bundleError('UNIT_NOT_VERIFIED', manifest.from.code);
  }
  switch (manifest.kind) {
    case 'unit-report': {
      const { data, plan } = planUnitReport(opened);
      checkUnitCode(data.unit.code, manifest.from.code);
      checkUnitName(db, self, data.unit.name);
      const forwarded = opened.forwarded ? await checkForwarded(db, manifest.from.code, opened.forwarded) : null;
      return { name: file.name, bytes: file.bytes, opened, verified, payload: { kind: 'unit-report', data, plan, forwarded } };
    }
    case 'enrolment': {
      const data = parseBundleData('enrolment', manifest.app.schemaVersion, opened.data);
      checkAnnouncedKeys(data.keys);
      checkUnitCode(data.unit.code, manifest.from.code);
      checkUnitName(db, self, data.unit.name);
      if (!opened.signer.enrolled && fingerprintOf(data.keys.signing) !== opened.signer.fingerprint) {
        throw bundleError('DATA_INVALID', 'khóa được đăng ký khác khóa đã ký gói');
      }
      return { name: file.name, bytes: file.bytes, opened, verified, payload: { kind: 'enrolment', data } };
    }
    case 'directive': {
      const data = parseBundleData('directive', manifest.app.schemaVersion, opened.data);
      if (data.keys) {
        checkAnnouncedKeys(data.keys);
      }
      const relayed = opened.relayed ? await checkRelayed(db, manifest.from, opened.relayed) : null;
      return { name: file.name, bytes: file.bytes, opened, verified, payload: { kind: 'directive', data, relayed } };
    }
  }
}

/** Step 7: where the bundle sits in its sender's sequence, from what was received before. */
function classify(db: DbOrTx, opened: OpenedBundle): SequenceDecision {
  const { from, seq } = opened.manifest;
  const received = receivedSumsForSeq(db, from.code, seq);
  const existing = received.includes(opened.sumsSha256) ? opened.sumsSha256 : (received[0] ?? null);
  return classifySequence(seq, seqState(db, from.code, 'in')?.lastSeq ?? null, existing, opened.sumsSha256);
}

function enrolmentInfo(db: DbOrTx, code: string): ImportOutcome['enrolment'] {
  const key = signerRecord(db, code);
  if (!key || key.revoked) {
    return null;
  }
  const fingerprint = fingerprintOf(key.publicKey);
  return { unitCode: code, fingerprint, readAloudCode: readAloudCode(fingerprint), verified: key.verified };
}

function applyEnrolment(ctx: ServiceContext, data: EnrolmentData, verified: boolean): ImportSummary {
  const { unit, keys } = data;
  const summary = emptySummary();
  const held = getUnit(ctx.db, unit.code);
  if (held) {
    summary.warnings.push(...holdIdentityChange(ctx.db, unit.code, unit));
    setUnitFacts(ctx.db, unit.code, { hasYouthUnion: unit.hasYouthUnion, ducsMembers: unit.ducsMembers });
    const self = getSelfUnit(ctx.db).code;
    if (held.parentCode !== self) {
      setParentCode(ctx.db, unit.code, self);
      dropForwardedSnapshot(ctx.db, unit.code);
      summary.warnings.push(`Đơn vị ${unit.code} đang thuộc ${held.parentCode ?? '—'} đăng ký trực thuộc trực tiếp: từ nay nhận báo cáo thẳng từ đơn vị, không qua ${held.parentCode ?? '—'}.`);
    }
  } else {
    insertEnrolledUnit(ctx.db, { code: unit.code, name: unit.name, level: unit.level, parentCode: getSelfUnit(ctx.db).code, hasYouthUnion: unit.hasYouthUnion, ducsMembers: unit.ducsMembers });
    summary.added = 1;
  }
  const before = signerRecord(ctx.db, unit.code);
  recordPeerKeys(ctx.db, ctx, unit.code, keys, verified);
  if (before && !before.revoked && before.publicKey !== keys.signing) {
    summary.warnings.push(verified ? 'Đơn vị đã đổi khóa; khóa mới được khóa cũ đã xác nhận bảo đảm.' : 'Đơn vị đã đổi khóa; cần đối chiếu mã vân tay mới.');
  }
  return summary;
}

type Applied = { summary: ImportSummary; quarantined: QuarantinedRecord[]; refusedInner?: InnerRefusal[] };

function applyPayload(ctx: ServiceContext, checked: Checked, sha256: string): Applied {
  const from = checked.opened.manifest.from.code;
  const { payload } = checked;
  switch (payload.kind) {
    case 'unit-report': {
      dropSupersededQuarantine(ctx.db, from, sha256);
      // The records are read from the file a second time, inside this transaction, and written as they come.
      const summary = applySnapshotStream(ctx.db, from, payload.data.unit, payload.plan, (visit) => readRecords(checked.opened, visit));
      const inner = payload.forwarded ? applyForwarded(ctx.db, from, sha256, payload.forwarded, ctx.clock.now()) : null;
      if (inner) {
        summary.added += inner.summary.added;
        summary.changed += inner.summary.changed;
        summary.removed += inner.summary.removed;
        summary.quarantined += inner.summary.quarantined;
        summary.warnings.push(...inner.summary.warnings);
      }
      // After the forwarded snapshots: the split names their units, which must be held here first.
      summary.warnings.push(...applyGivenTargets(ctx.db, { code: from, name: payload.data.unit.name }, payload.data.targetsGiven));
      const delivered = acknowledgeDirectives(ctx.db, from, payload.data.directivesApplied, ctx.clock.now());
      if (delivered > 0) {
        summary.warnings.push(`Đơn vị xác nhận đã nhận ${delivered.toLocaleString('vi-VN')} mục chỉ đạo (quyết định, ý kiến) đã gửi.`);
      }
      const answered = applyRequestAnswers(ctx.db, from, payload.data.requestAnswers);
      if (answered > 0) {
        summary.warnings.push(`Đơn vị đã xử lý ${answered.toLocaleString('vi-VN')} ý kiến, yêu cầu đã gửi.`);
      }
      summary.warnings.push(...noteMoves(ctx.db, from, payload.data.moves, ctx.clock.now()));
      for (const r of payload.data.decisionsRefused) {
        summary.warnings.push(`Đơn vị không áp dụng ${r.decision}: ${r.reason}`);
      }
      return { summary, quarantined: payload.plan.quarantined, refusedInner: inner?.refused };
    }
    case 'enrolment':
      return { summary: applyEnrolment(ctx, payload.data, checked.verified), quarantined: [] };
    case 'directive': {
      // A superior further up's own signed calendar and rulebooks apply first, so what arrived names it, not the
      // superior that passed the same days on in its own data.
      const inner = payload.relayed ? applyRelayed(ctx, getUnit(ctx.db, from) ?? checked.opened.manifest.from, sha256, payload.relayed) : null;
      const own = applyDirective(ctx, from, payload.data, sha256);
      if (!inner) {
        return own;
      }
      own.summary.added += inner.summary.added;
      own.summary.changed += inner.summary.changed;
      own.summary.quarantined += inner.summary.quarantined;
      own.summary.warnings.push(...inner.summary.warnings);
      return { summary: own.summary, quarantined: [...own.quarantined, ...inner.quarantined], refusedInner: inner.refused };
    }
  }
}

/** What happened to a file, in Vietnamese: the sequence outcome, missing numbers, the code to read aloud. */
function describe(decision: SequenceDecision, enrolment: ImportOutcome['enrolment']): string {
  const parts: string[] = [SEQUENCE_MESSAGES[decision.status]];
  if (decision.missing) {
    parts.push(`Chưa nhận được các gói số ${formatSeqRanges([decision.missing])}.`);
  }
  if (enrolment && !enrolment.verified) {
    parts.push(`Mã vân tay của ${enrolment.unitCode}: ${enrolment.readAloudCode} — đọc đối chiếu với đơn vị qua điện thoại rồi xác nhận.`);
  }
  return parts.join(' ');
}

/** The receipt of one received file, as the next directive returns it to the sender. */
function receiptOf(input: {
  bundleId: string;
  sha256: string;
  seq: number;
  label: string;
  status: ImportStatus;
  receivedAt: string;
  summary: ImportSummary | null;
  quarantined: readonly QuarantinedRecord[];
  errorCode?: string;
}): Receipt {
  // However many records were set aside, the receipt stays small enough for any directive (SYNC_LIMITS).
  const { sample, counts } = summariseQuarantined(input.quarantined);
  return {
    bundleId: input.bundleId,
    sha256: input.sha256,
    seq: input.seq,
    label: input.label,
    status: input.status,
    receivedAt: input.receivedAt,
    errorCode: input.errorCode ?? null,
    summary: input.summary,
    quarantined: sample,
    quarantinedCounts: counts,
  };
}

/** How many records a unit-report has, for the refusal message. */
const recordCount = (data: UnitReportData) => data.members.length + data.candidates.length + data.targets.length + data.frozenReports.length;

/**
 * A unit-report with more bad records than {@link SYNC_LIMITS.maxQuarantinedRecords} is refused whole: nothing of
 * it applies and it is not archived. Its sender is authenticated, so unlike other refusals this one queues a
 * receipt (once per file) that tells the unit which errors to fix.
 */
function refuseOverLimit(ctx: ServiceContext, checked: Checked, quarantined: readonly QuarantinedRecord[], total: number): ImportOutcome {
  const { opened } = checked;
  const { manifest } = opened;
  const error = bundleError('QUARANTINE_LIMIT', `${quarantined.length.toLocaleString('vi-VN')} trong ${total.toLocaleString('vi-VN')} bản ghi không đạt kiểm tra`);
  ctx.db.transaction((tx) => {
    const self = getSelfUnit(tx);
    if (!hasReceipt(tx, self.code, manifest.from.code, opened.sha256)) {
      const now = ctx.clock.now();
      queueReceipt(tx, newId(), self.code, manifest.from.code, receiptOf({ bundleId: manifest.bundleId, sha256: opened.sha256, seq: manifest.seq, label: manifest.label, status: 'rejected', errorCode: 'QUARANTINE_LIMIT', receivedAt: now, summary: null, quarantined }), now);
      audit(tx, ctx, 'refuse', 'bundle', manifest.bundleId, { code: 'QUARANTINE_LIMIT', from: manifest.from.code, seq: manifest.seq, quarantined: quarantined.length, sha256: opened.sha256 });
    }
  });
  return { ...rejectedOutcome(checked.name, opened.sha256, error), kind: manifest.kind, from: manifest.from.code, label: manifest.label, seq: manifest.seq };
}

/** A unit-report that would apply with more bad records than a report may have (a duplicate is never refused for them). */
function overLimit(ctx: ServiceContext, checked: Checked, reapply: boolean): boolean {
  if (checked.payload.kind !== 'unit-report' || checked.payload.plan.quarantined.length <= SYNC_LIMITS.maxQuarantinedRecords) {
    return false;
  }
  return reapply || (!isArchived(ctx.db, checked.opened.sha256) && classify(ctx.db, checked.opened).status === 'applied');
}

/**
 * Step 7 and the apply, in one transaction (re-reading the sequence state inside it). `newNumbering` re-applies an
 * archived file as the first of its sender's new numbering (see {@link acceptNewNumbering}).
 */
function commit(ctx: ServiceContext, checked: Checked, newNumbering?: number): ImportOutcome {
  const { opened } = checked;
  const { manifest } = opened;
  const reapply = newNumbering !== undefined;
  if (overLimit(ctx, checked, reapply) && checked.payload.kind === 'unit-report') {
    return refuseOverLimit(ctx, checked, checked.payload.plan.quarantined, recordCount(checked.payload.data));
  }
  const outcome = ctx.db.transaction((tx): ImportOutcome => {
    const now = ctx.clock.now();
    if (reapply) {
      setSeqState(tx, manifest.from.code, 'in', { lastSeq: manifest.seq - 1, lastSumsSha256: null }, now, newNumbering);
      resolveHeldFiles(tx, manifest.from.code, now);
    }
    const decision = classify(tx, opened);
    const base = { file: checked.name, sha256: opened.sha256, kind: manifest.kind, from: manifest.from.code, label: manifest.label, seq: manifest.seq, code: null, missing: decision.missing ? [decision.missing] : [] };
    if (!reapply && isArchived(tx, opened.sha256)) {
      const enrolment = manifest.kind === 'enrolment' ? enrolmentInfo(tx, manifest.from.code) : null;
      return { ...base, status: decision.status, message: describe(decision, enrolment), summary: null, enrolment };
    }
    const self = getSelfUnit(tx);
    let applied: Applied = { summary: emptySummary(), quarantined: [] };
    if (decision.status === 'applied') {
      const previous = seqState(tx, manifest.from.code, 'in');
      applied = applyPayload(ctx, checked, opened.sha256);
      if (previous && manifest.seq === previous.lastSeq + 1 && previous.lastSumsSha256 !== null && manifest.prevSha256 !== previous.lastSumsSha256) {
        applied.summary.warnings.push('Gói không nối tiếp gói trước đã nhận (prevSha256 khác): đơn vị có thể đã khôi phục dữ liệu cũ.');
      }
      setSeqState(tx, manifest.from.code, 'in', { lastSeq: manifest.seq, lastSumsSha256: opened.sumsSha256 }, now);
    }
    if (decision.status === 'conflict') {
      applied.quarantined = [{ recordKind: 'bundle', recordKey: baseName(checked.name).slice(0, 100), reason: SEQUENCE_MESSAGES.conflict, payload: manifest }];
    }
    addQuarantine(tx, opened.sha256, manifest.from.code, applied.quarantined, now);
    const enrolment = manifest.kind === 'enrolment' ? enrolmentInfo(tx, manifest.from.code) : null;
    const summary = decision.status === 'applied' ? applied.summary : null;
    const message = describe(decision, enrolment);
    archive(tx, {
      sha256: opened.sha256, fileName: baseName(checked.name), receivedAt: now, bundleId: manifest.bundleId, fromCode: manifest.from.code, kind: manifest.kind,
      label: manifest.label, seq: manifest.seq, status: decision.status, errorCode: null, message, summary, bytes: Buffer.from(checked.bytes.buffer, checked.bytes.byteOffset, checked.bytes.length), sumsSha256: opened.sumsSha256,
      numbering: currentNumbering(tx, manifest.from.code),
    });
    if (manifest.from.code !== self.parentCode) {
      queueReceipt(tx, newId(), self.code, manifest.from.code, receiptOf({ bundleId: manifest.bundleId, sha256: opened.sha256, seq: manifest.seq, label: manifest.label, status: decision.status, receivedAt: now, summary, quarantined: applied.quarantined }), now);
    }
    audit(tx, ctx, reapply ? 'accept-numbering' : 'import', 'bundle', manifest.bundleId, { status: decision.status, from: manifest.from.code, kind: manifest.kind, seq: manifest.seq, sha256: opened.sha256 });
    crashPoint('bundle-import:before-commit');
    return { ...base, status: decision.status, message, summary, enrolment, ...(applied.refusedInner?.length ? { refusedInner: applied.refusedInner } : {}) };
  });
  crashPoint('bundle-import:committed');
  return outcome;
}

/** The outcome of a refused file: its code and Vietnamese reason, nothing written. */
export function rejectedOutcome(file: string, sha256: string | null, error: AppError): ImportOutcome {
  return { file, status: 'rejected', code: error.code ?? null, message: error.message, sha256, kind: null, from: null, label: null, seq: null, missing: [], summary: null, enrolment: null };
}

/** A file not encrypted for this unit whose name says whom it was for: the refusal names them, so it goes to the right desk. */
function addresseeHint(db: DbOrTx, fileName: string, error: AppError): AppError {
  const parts = parseBundleFileName(baseName(fileName));
  const self = getSelfUnit(db).code;
  if (!parts || parts.to === self) {
    return error;
  }
  return bundleError('DECRYPT_NOT_FOR_ME', `tên tệp cho thấy đây là tệp ${parts.from} gửi ${parts.to}, không phải gửi ${self}: chuyển tệp cho ${parts.to}, hoặc đề nghị ${parts.from} gửi lại tệp cho đơn vị mình`);
}

/**
 * Imports one received file (or, with `verifyOnly`, says what importing it would do). A refusal is returned as a
 * `rejected` outcome, never thrown; anything else thrown is a bug, and its transaction has rolled back.
 */
export async function importBundle(ctx: ServiceContext, file: BundleFile, options: ImportOptions = {}): Promise<ImportOutcome> {
  let checked: Checked;
  try {
    checked = await check(ctx, file, options);
  } catch (error) {
    if (isBundleError(error)) {
      return rejectedOutcome(file.name, sha256Hex(file.bytes), error.code === 'DECRYPT_NOT_FOR_ME' ? addresseeHint(ctx.db, file.name, error) : error);
    }
    throw error;
  }
  if (!options.verifyOnly) {
    return commit(ctx, checked);
  }
  const { manifest } = checked.opened;
  const decision = classify(ctx.db, checked.opened);
  const enrolment = manifest.kind === 'enrolment' ? { unitCode: manifest.from.code, fingerprint: checked.opened.signer.fingerprint, readAloudCode: readAloudCode(checked.opened.signer.fingerprint), verified: checked.verified } : null;
  const quarantined = checked.payload.kind === 'unit-report' ? checked.payload.plan.quarantined.length : 0;
  if (checked.payload.kind === 'unit-report' && quarantined > SYNC_LIMITS.maxQuarantinedRecords) {
    const error = bundleError('QUARANTINE_LIMIT', `${quarantined.toLocaleString('vi-VN')} trong ${recordCount(checked.payload.data).toLocaleString('vi-VN')} bản ghi không đạt kiểm tra`);
    return { ...rejectedOutcome(file.name, checked.opened.sha256, error), kind: manifest.kind, from: manifest.from.code, label: manifest.label, seq: manifest.seq };
  }
  return {
    file: file.name, status: decision.status, code: null, sha256: checked.opened.sha256, kind: manifest.kind, from: manifest.from.code, label: manifest.label, seq: manifest.seq,
    missing: decision.missing ? [decision.missing] : [], summary: null, enrolment,
    ...(checked.payload.kind === 'unit-report' && checked.payload.forwarded?.refused.length ? { refusedInner: checked.payload.forwarded.refused } : {}),
    ...(checked.payload.kind === 'directive' && checked.payload.relayed?.refused.length ? { refusedInner: checked.payload.relayed.refused } : {}),
    message: `Gói hợp lệ (chữ ký, mã băm, người nhận, dữ liệu)${quarantined ? `; ${quarantined} bản ghi sẽ bị cách ly` : ''}. Khi nhập: ${describe(decision, null)}`,
  };
}

/**
 * The superior's way out after a unit restored an old backup or started a new database: its bundles come with
 * numbers already used, and are kept aside as stale or conflicting. Once the unit's code, read aloud by phone,
 * matches the key that signed its latest kept file (or the file named by `sha256`), that file is applied as the
 * first of the unit's new numbering; files of the old numbering no longer count for what comes next.
 */
export async function acceptNewNumbering(ctx: ServiceContext, unitCode: string, spoken: string, sha256?: string): Promise<ImportOutcome> {
  const held = heldAsideFiles(ctx.db, unitCode);
  const row = sha256 ? held.find((h) => h.sha256 === sha256) : held[0];
  if (!row) {
    throw new AppError('not-found', `Không có gói nào của ${unitCode} đang bị giữ lại (cũ hơn hoặc trùng số thứ tự): chưa cần chấp nhận cách đánh số mới.`);
  }
  const checked = await check(ctx, { name: row.fileName, bytes: new Uint8Array(row.bytes) }, {});
  if (!sameReadAloudCode(readAloudCode(checked.opened.signer.fingerprint), spoken)) {
    throw new AppError('conflict', `Mã vân tay không khớp với khóa đã ký gói của ${unitCode}: chưa chấp nhận. Hãy đọc lại mã với đơn vị.`, 'FINGERPRINT_MISMATCH');
  }
  // The code just read aloud vouches for the key that signed this file, as at enrolment.
  return commit(ctx, { ...checked, verified: true }, currentNumbering(ctx.db, unitCode) + 1);
}
