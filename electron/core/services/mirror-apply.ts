import { hash } from 'node:crypto';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../../db/types';
import { deriveStage } from '../domain/rules/stage';
import { describeRecordIssues } from '../errors';
import {
  candidateRecordSchema,
  frozenReportRecordSchema,
  memberRecordSchema,
  unitTargetRecordSchema,
  type CandidateRecord,
  type FrozenReportRecord,
  type MemberRecord,
  type UnitProfile,
  type UnitReportData,
  type UnitTargetRecord,
} from '../model/bundle-data';
import { candidateEventSchema, candidateProfileSchema, documentFormSchema, type CandidateEvent } from '../model/dossier';
import { readReport, ReportNeedsUpdate, UNIT_LEVEL_TEXT, type UnitLevel } from '../model/report';
import { targetSchema } from '../model/targets';
import type { ImportSummary } from '../model/sync';
import { VOID } from '../store/candidates';
import {
  deleteLedgerRow,
  deleteMirrorCandidate,
  deleteMirrorMember,
  deferForeignKeys,
  deleteMirrorTarget,
  eventLetters,
  insertMirrorCandidate,
  insertMirrorFrozenReport,
  insertMirrorTarget,
  mirrorChildId,
  mirrorId,
  mirrorLedger,
  mirrorState,
  setPendingIdentity,
  setUnitFacts,
  unitIdentity,
  unitMirrorIds,
  writeLedgerRow,
  writeMirrorMember,
  type MirrorIds,
  type MirrorKind,
} from '../store/mirror';
import type { QuarantinedRecord } from '../store/quarantine';

/**
 * Applying a unit's `unit-report` snapshot to the superior's read-only mirror of that unit (docs/bundle-format.md "Import").
 * Records are checked one by one first (pure, outside any transaction); those that fail are quarantined with the
 * reason, the rest bring the unit's mirrored records to the snapshot, in the caller's single transaction, writing
 * only the records that changed.
 */

type RecordKind = MirrorKind;

export { mirrorId };

const recordHash = (record: unknown) => hash('sha256', JSON.stringify(record));

type Checked<T> = { record: T; hash: string };
export type CheckedCandidate = Checked<CandidateRecord> & { stage: string };

export type PreparedSnapshot = {
  unit: UnitProfile;
  members: Checked<MemberRecord>[];
  candidates: CheckedCandidate[];
  targets: Checked<UnitTargetRecord>[];
  frozenReports: Checked<FrozenReportRecord>[];
  quarantined: QuarantinedRecord[];
};

type Verdict<T> = { ok: true; value: T } | { ok: false; reason: string };
const reject = (reason: string): { ok: false; reason: string } => ({ ok: false, reason: reason.slice(0, 1000) });

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): Verdict<z.output<S>> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : reject(describeRecordIssues(parsed.error.issues));
}

/** Ids already used in this snapshot, per kind of row: a second use would collide in the mirror. */
export type Seen = Record<'candidate' | 'member' | 'event' | 'document' | 'introducer' | 'mentor' | 'target' | 'frozen-report', Set<string>>;

export function freshSeen(): Seen {
  return { candidate: new Set(), member: new Set(), event: new Set(), document: new Set(), introducer: new Set(), mentor: new Set(), target: new Set(), 'frozen-report': new Set() };
}

function checkEvents(c: CandidateRecord): string | null {
  const ids = new Set(c.events.map((e) => e.id));
  for (const e of c.events) {
    if (e.type === VOID) {
      const target = c.events.find((t) => t.id === e.voidsId);
      if (!target || target.type === VOID) {
        return `dòng hủy ${e.id} không chỉ đến sự kiện nào của người này`;
      }
      continue;
    }
    const parsed = candidateEventSchema.safeParse({ ...e.payload, type: e.type, date: e.date });
    if (!parsed.success) {
      return `sự kiện ${e.type} ngày ${e.date}: ${describeRecordIssues(parsed.error.issues)}`;
    }
  }
  return ids.size === c.events.length ? null : 'mã sự kiện bị lặp';
}

/** The profile of docs/dossier-format.md inside a candidate record (the record's other fields are left aside). */
const profileFields = z.object(candidateProfileSchema.shape);

/** Every semantic check of one candidate record; on success the stage its events lead to. */
function checkCandidateRecord(raw: unknown, seen: Seen): Verdict<CheckedCandidate> {
  const parsed = parseWith(candidateRecordSchema, raw);
  if (!parsed.ok) {
    return parsed;
  }
  const c = parsed.value;
  const { id, events, documents, introducers: intros, mentors } = c;
  const who = `${c.fullName} (${id})`;
  const profileCheck = profileFields.safeParse(c);
  if (!profileCheck.success) {
    return reject(`${who}: ${describeRecordIssues(profileCheck.error.issues)}`);
  }
  const eventProblem = checkEvents(c);
  if (eventProblem) {
    return reject(`${who}: ${eventProblem}`);
  }
  const badForm = documents.find((d) => !documentFormSchema.safeParse(d.form).success);
  if (badForm) {
    return reject(`${who}: mẫu văn bản "${badForm.form}" không có trong danh mục`);
  }
  const claims: [keyof Seen, string[]][] = [
    ['candidate', [id]],
    ['event', events.map((e) => e.id)],
    ['document', documents.map((d) => d.id)],
    ['introducer', intros.map((i) => i.id)],
    ['mentor', mentors.map((m) => m.id)],
  ];
  const clash = claims.find(([kind, ids]) => new Set(ids).size !== ids.length || ids.some((x) => seen[kind].has(x)));
  if (clash) {
    return reject(`${who}: mã bản ghi bị trùng (${clash[0]})`);
  }
  claims.forEach(([kind, ids]) => ids.forEach((x) => seen[kind].add(x)));
  const voided = new Set(events.filter((e) => e.type === VOID).map((e) => e.voidsId));
  const effective = events
    .filter((e) => e.type !== VOID && !voided.has(e.id))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq))
    .map((e) => ({ type: e.type, date: e.date }) as CandidateEvent);
  return { ok: true, value: { record: c, hash: recordHash(raw), stage: deriveStage(effective) } };
}

function checkSimple<T extends { id: string }>(schema: z.ZodType<T>, kind: keyof Seen, raw: unknown, seen: Seen, extra?: (r: T) => string | null): Verdict<Checked<T>> {
  const parsed = parseWith(schema, raw);
  if (!parsed.ok) {
    return parsed;
  }
  if (seen[kind].has(parsed.value.id)) {
    return reject(`mã bản ghi ${parsed.value.id} bị trùng`);
  }
  const problem = extra?.(parsed.value) ?? null;
  if (problem) {
    return reject(problem);
  }
  seen[kind].add(parsed.value.id);
  return { ok: true, value: { record: parsed.value, hash: recordHash(raw) } };
}

const targetProblem = (unitCode: string) => (t: UnitTargetRecord) => {
  const parsed = targetSchema.safeParse({ unitCode, year: t.year, period: t.period, kind: t.kind, value: t.value, source: 'unit' });
  return parsed.success ? null : describeRecordIssues(parsed.error.issues);
};

/**
 * A frozen report's content must be a report this version can read, after migrating an older one forward. One made
 * by a newer ptdv is kept as sent: its page says it needs an update instead of the record being set aside.
 */
const reportProblem = (r: FrozenReportRecord) => {
  try {
    const parsed = readReport(r.content);
    return parsed.success ? null : `nội dung báo cáo ${r.number}: ${describeRecordIssues(parsed.error.issues).slice(0, 300)}`;
  } catch (err) {
    if (err instanceof ReportNeedsUpdate) {
      return null;
    }
    throw err;
  }
};

/** A record kind's checker, also used when a quarantined record is re-tried. */
export function checkerFor(unitCode: string, kind: RecordKind, seen: Seen): (raw: unknown) => Verdict<Checked<unknown>> {
  switch (kind) {
    case 'candidate':
      return (raw) => checkCandidateRecord(raw, seen);
    case 'member':
      return (raw) => checkSimple(memberRecordSchema, 'member', raw, seen);
    case 'target':
      return (raw) => checkSimple(unitTargetRecordSchema, 'target', raw, seen, targetProblem(unitCode));
    case 'frozen-report':
      return (raw) => checkSimple(frozenReportRecordSchema, 'frozen-report', raw, seen, reportProblem);
  }
}

const keyOf = (raw: unknown, index: number) => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 100) : `#${index + 1}`;
};

/**
 * Checks each record of a snapshot whose envelope passed import step 6: a bad record is set aside with its
 * reason, never failing the whole bundle. With `release`, each record as read is let go once checked (its slot in
 * `data` emptied, the lists keeping their length), so a large snapshot is not held twice, as read and as checked:
 * for a caller that prepares `data` once and needs only its counts afterwards.
 */
export function prepareSnapshot(data: UnitReportData, options: { release?: boolean } = {}): PreparedSnapshot {
  const unitCode = data.unit.code;
  const seen = freshSeen();
  const quarantined: QuarantinedRecord[] = [];
  const take = <T>(kind: RecordKind, list: unknown[]): T[] => {
    const check = checkerFor(unitCode, kind, seen);
    const kept: T[] = [];
    list.forEach((raw, i) => {
      const verdict = check(raw);
      if (verdict.ok) {
        kept.push(verdict.value as T);
      } else {
        quarantined.push({ recordKind: kind, recordKey: keyOf(raw, i), reason: verdict.reason, payload: raw });
      }
      if (options.release) {
        list[i] = null;
      }
    });
    return kept;
  };
  return {
    unit: data.unit,
    members: take('member', data.members),
    candidates: take('candidate', data.candidates),
    targets: take('target', data.targets),
    frozenReports: take('frozen-report', data.frozenReports),
    quarantined,
  };
}

/** Source ids already in the mirror that records may refer to. */
export type MirrorRefs = { candidates: ReadonlySet<string>; members: ReadonlySet<string> };

const memberRef = (refs: MirrorRefs, ids: MirrorIds) => (sourceId: string | null) => (sourceId !== null && refs.members.has(sourceId) ? ids('member', sourceId) : null);
const candidateRef = (m: MemberRecord, refs: MirrorRefs, ids: MirrorIds) => (m.candidateId !== null && refs.candidates.has(m.candidateId) ? ids('candidate', m.candidateId) : null);

/**
 * Inserts one checked record into the mirror of `unitCode` and records it in the ledger. Returns false for a
 * frozen report that was already mirrored (those are append-only).
 */
export function insertRecord(db: Db, unitCode: string, kind: RecordKind, checked: Checked<unknown>, refs: MirrorRefs): boolean {
  const ids = unitMirrorIds(db, unitCode);
  const sourceId = (checked.record as { id: string }).id;
  const id = ids(kind, sourceId);
  switch (kind) {
    case 'candidate': {
      const c = checked as CheckedCandidate;
      insertMirrorCandidate(db, id, unitCode, c.record, c.stage, memberRef(refs, ids));
      break;
    }
    case 'member': {
      const m = checked.record as MemberRecord;
      writeMirrorMember(db, id, unitCode, m, candidateRef(m, refs, ids));
      break;
    }
    case 'target':
      insertMirrorTarget(db, id, unitCode, checked.record as UnitTargetRecord);
      break;
    case 'frozen-report':
      if (!insertMirrorFrozenReport(db, id, unitCode, checked.record as FrozenReportRecord)) {
        return false;
      }
      break;
  }
  writeLedgerRow(db, unitCode, kind, sourceId, id, checked.hash);
  return true;
}

/** What a first pass over a snapshot's records learns before the transaction that applies them a record at a time. */
export type SnapshotPlan = {
  /** The unit's own ids of the records that passed their checks: what the mirror keeps, and what references may lead to. */
  refs: { candidates: Set<string>; members: Set<string>; targets: Set<string> };
  quarantined: QuarantinedRecord[];
};

/** The arrays of a unit-report's data.json that hold records, and the kind of each. */
export const RECORD_LISTS: Readonly<Record<string, RecordKind>> = { members: 'member', candidates: 'candidate', targets: 'target', frozenReports: 'frozen-report' };

/**
 * Checks a snapshot's records in document order, as each pass over them must: a fresh checker gives every pass the
 * same verdicts (a duplicate id is refused where it repeats, whichever pass reads it).
 */
export function recordChecker(unitCode: string): (kind: RecordKind, raw: unknown) => Verdict<Checked<{ id: string }>> {
  const seen = freshSeen();
  const checkers = new Map<RecordKind, ReturnType<typeof checkerFor>>();
  return (kind, raw) => {
    let check = checkers.get(kind);
    if (!check) {
      check = checkerFor(unitCode, kind, seen);
      checkers.set(kind, check);
    }
    return check(raw) as Verdict<Checked<{ id: string }>>;
  };
}

/**
 * The first pass: each record checked and let go, keeping the ids that passed and the records that did not (their
 * content only up to `keepPayloads` of them: past the bound the whole report is refused, and only the reasons count).
 */
export function planSnapshot(unitCode: string, records: (visit: (kind: RecordKind, raw: unknown) => void) => void, keepPayloads = Infinity): SnapshotPlan {
  const check = recordChecker(unitCode);
  const plan: SnapshotPlan = { refs: { candidates: new Set(), members: new Set(), targets: new Set() }, quarantined: [] };
  const index: Record<RecordKind, number> = { member: 0, candidate: 0, target: 0, 'frozen-report': 0 };
  records((kind, raw) => {
    const verdict = check(kind, raw);
    if (verdict.ok) {
      refsOf(plan, kind)?.add(verdict.value.record.id);
    } else {
      plan.quarantined.push({ recordKind: kind, recordKey: keyOf(raw, index[kind]), reason: verdict.reason, payload: plan.quarantined.length < keepPayloads ? raw : null });
    }
    index[kind]++;
  });
  return plan;
}

const refsOf = (plan: SnapshotPlan, kind: RecordKind): Set<string> | null =>
  kind === 'member' ? plan.refs.members : kind === 'candidate' ? plan.refs.candidates : kind === 'target' ? plan.refs.targets : null;

/**
 * Brings the mirror of `unitCode` to a checked snapshot, in the caller's transaction, writing only what differs:
 * the mirror ends exactly as if it had been replaced whole, but a record whose content hash is unchanged (and
 * whose references still lead where they did) is not touched, so its rows, and the findings stored for it, stay.
 * Changed candidates are deleted and inserted again with their history; members are updated in place (introducers
 * and mentors of unchanged candidates point at them). Says what changed compared with the previous snapshot:
 * records added, changed (other content) and removed, over members, candidates and targets; frozen reports are
 * only ever added.
 */
export function applySnapshot(db: Db, unitCode: string, s: PreparedSnapshot): ImportSummary {
  const plan: SnapshotPlan = {
    refs: { candidates: new Set(s.candidates.map((c) => c.record.id)), members: new Set(s.members.map((m) => m.record.id)), targets: new Set(s.targets.map((t) => t.record.id)) },
    quarantined: s.quarantined,
  };
  const applier = snapshotApplier(db, unitCode, s.unit, plan);
  s.members.forEach((m) => applier.record('member', m));
  s.candidates.forEach((c) => applier.record('candidate', c));
  s.targets.forEach((t) => applier.record('target', t));
  s.frozenReports.forEach((r) => applier.record('frozen-report', r));
  return applier.finish();
}

/**
 * {@link applySnapshot} a record at a time, as a snapshot is read: `records` hands over every record again in
 * document order (members before candidates, as data.json lists them), each is checked again and, if it passes,
 * written at once. Only the plan's ids and the mirror's ledger are held, never the snapshot's records.
 */
export function applySnapshotStream(db: Db, unitCode: string, unit: UnitProfile, plan: SnapshotPlan, records: (visit: (kind: RecordKind, raw: unknown) => void) => void): ImportSummary {
  const applier = snapshotApplier(db, unitCode, unit, plan);
  const check = recordChecker(unitCode);
  records((kind, raw) => {
    const verdict = check(kind, raw);
    if (verdict.ok) {
      applier.record(kind, verdict.value);
    }
  });
  return applier.finish();
}

/**
 * The writes of one snapshot. Foreign keys are checked at commit (store/mirror.ts deferForeignKeys), so rows are
 * written in the order records arrive: a member may go before the candidates pointing at it are rewritten.
 */
function snapshotApplier(db: Db, unitCode: string, unit: UnitProfile, plan: SnapshotPlan) {
  deferForeignKeys(db);
  const letters = eventLetters(db);
  const before = mirrorLedger(db, unitCode);
  const ids = unitMirrorIds(db, unitCode, before);
  const warnings = holdIdentityChange(db, unitCode, unit);
  setUnitFacts(db, unitCode, { hasYouthUnion: unit.hasYouthUnion, ducsMembers: unit.ducsMembers });
  const stored = mirrorState(db, unitCode);
  const refs: MirrorRefs = plan.refs;
  const same = (kind: RecordKind, checked: Checked<{ id: string }>) => before.get(`${kind}|${checked.record.id}`)?.sha256 === checked.hash;
  const kept = (kind: 'candidate' | 'member' | 'target', sourceIds: ReadonlySet<string>) => new Set([...sourceIds].map((id) => ids(kind, id)));

  // What the snapshot no longer holds goes first; a candidate pointing at a member gone is rewritten when it comes.
  const keptCandidates = kept('candidate', plan.refs.candidates);
  [...stored.candidateIds].filter((id) => !keptCandidates.has(id)).forEach((id) => deleteMirrorCandidate(db, id));
  const keptMembers = kept('member', plan.refs.members);
  [...stored.members.keys()].filter((id) => !keptMembers.has(id)).forEach((id) => deleteMirrorMember(db, id));
  const keptTargets = kept('target', plan.refs.targets);
  [...stored.targetIds].filter((id) => !keptTargets.has(id)).forEach((id) => deleteMirrorTarget(db, id));

  // Members written in place, except a voided row (which cannot be updated: migration 0018): deleted and inserted,
  // with every candidate whose introducers or mentors point at it.
  const recreated = new Set<string>();
  const toMember = memberRef(refs, ids);
  const linksChanged = (c: CandidateRecord, candidateId: string) =>
    [
      ...c.introducers.map((i): ['introducer' | 'mentor', string, string | null] => ['introducer', i.id, i.memberId]),
      ...c.mentors.map((m): ['introducer' | 'mentor', string, string | null] => ['mentor', m.id, m.memberId]),
    ].some(([kind, id, member]) => {
      // A link mirrored under the former ids is not found; one that names a member has its candidate written again, once.
      const now = stored.links.get(mirrorChildId(candidateId, unitCode, kind, id)) ?? null;
      return now !== toMember(member) || (now !== null && recreated.has(now));
    });
  const write: Record<RecordKind, (checked: Checked<{ id: string }>) => void> = {
    member: (checked) => {
      const m = checked.record as MemberRecord;
      const id = ids('member', m.id);
      const row = stored.members.get(id);
      if (row && same('member', checked) && row.candidateId === candidateRef(m, refs, ids)) {
        return;
      }
      if (row?.voided) {
        recreated.add(id);
        deleteMirrorMember(db, id);
      }
      writeMirrorMember(db, id, unitCode, m, candidateRef(m, refs, ids));
    },
    candidate: (checked) => {
      const c = checked as CheckedCandidate;
      const id = ids('candidate', c.record.id);
      const held = stored.candidateIds.has(id);
      if (held && same('candidate', c) && !linksChanged(c.record, id)) {
        return;
      }
      if (held) {
        deleteMirrorCandidate(db, id);
      }
      insertMirrorCandidate(db, id, unitCode, c.record, c.stage, toMember, letters);
    },
    target: (checked) => {
      const t = checked.record as UnitTargetRecord;
      const id = ids('target', t.id);
      const held = stored.targetIds.has(id);
      if (held && same('target', checked)) {
        return;
      }
      if (held) {
        deleteMirrorTarget(db, id);
      }
      insertMirrorTarget(db, id, unitCode, t);
    },
    'frozen-report': () => {},
  };

  let added = 0;
  let changed = 0;
  return {
    record(kind: RecordKind, checked: Checked<{ id: string }>): void {
      const key = `${kind}|${checked.record.id}`;
      if (kind === 'frozen-report') {
        const id = ids(kind, checked.record.id);
        if (insertMirrorFrozenReport(db, id, unitCode, checked.record as FrozenReportRecord)) {
          writeLedgerRow(db, unitCode, kind, checked.record.id, id, checked.hash);
          added += before.has(key) ? 0 : 1;
        }
        return;
      }
      write[kind](checked);
      const previous = before.get(key)?.sha256;
      added += previous === undefined ? 1 : 0;
      changed += previous !== undefined && previous !== checked.hash ? 1 : 0;
      if (previous !== checked.hash) {
        writeLedgerRow(db, unitCode, kind, checked.record.id, ids(kind, checked.record.id), checked.hash);
      }
    },
    finish(): ImportSummary {
      const held = { member: plan.refs.members, candidate: plan.refs.candidates, target: plan.refs.targets };
      let removed = 0;
      for (const key of before.keys()) {
        const bar = key.indexOf('|');
        const kind = key.slice(0, bar) as RecordKind;
        if (kind !== 'frozen-report' && !held[kind].has(key.slice(bar + 1))) {
          deleteLedgerRow(db, unitCode, kind, key.slice(bar + 1));
          removed++;
        }
      }
      return { added, changed, removed, quarantined: plan.quarantined.length, warnings };
    },
  };
}

/**
 * A unit's name and level, as a file from it states them, are held for the superior to confirm, never applied
 * silently: a rename is how a unit would pass itself off as another. What the file states is kept as the pending
 * change (cleared once the file states the name and level already recorded); returns the warning to show.
 */
export function holdIdentityChange(db: DbOrTx, unitCode: string, stated: { name: string; level: UnitLevel }): string[] {
  const row = unitIdentity(db, unitCode);
  if (!row) {
    return [];
  }
  const pendingName = stated.name === row.name ? null : stated.name;
  const pendingLevel = stated.level === row.level ? null : stated.level;
  if (pendingName !== row.pendingName || pendingLevel !== row.pendingLevel) {
    setPendingIdentity(db, unitCode, pendingName, pendingLevel);
  }
  const asked = [
    pendingName !== null ? `tên "${row.name}" thành "${pendingName}"` : null,
    pendingLevel !== null ? `cấp ${UNIT_LEVEL_TEXT[row.level]} thành ${UNIT_LEVEL_TEXT[pendingLevel]}` : null,
  ].filter((part) => part !== null);
  return asked.length > 0 ? [`Đơn vị ${unitCode} báo đổi ${asked.join(' và ')}: chưa áp dụng, cần xác nhận trên trang đơn vị (hoặc ptdv units confirm-change).`] : [];
}
