import { z } from 'zod';
import './zod-locale';
import { bundleError } from '../domain/bundles/errors';
import type { BundleKind } from '../domain/bundles/manifest';
import { describeRecordIssues } from '../errors';
import { isoDate } from './dates';
import { unitCodeSchema, unitMoveSchema } from './entities';
import { calendarEntrySchema } from '../domain/calendar/calendar';
import { TARGET_KINDS, TARGET_PERIODS } from './targets';
import type { PartyDocumentMeta } from '../domain/reports/party-document';

/**
 * `data.json` of each bundle kind (docs/bundle-format.md "Kinds"), by `manifest.app.schemaVersion`. The envelope is checked
 * strictly at import step 6 (a malformed envelope refuses the whole bundle); each record inside is checked on its
 * own when applied, so one bad record is quarantined instead of refusing a whole unit's report.
 */

/** The app version written into every manifest (`app.version`); informative, never used for decisions. */
export const APP_VERSION = '0.1.0';

/**
 * The data version this app writes. Version 1 is the first wire version. Version 2 (docs/sync-limits.md) adds to
 * receipts the counts of quarantined records per reason, to directives the last sequence number the superior
 * applied from the unit, and to unit-reports the directives the unit applied.
 */
export const BUNDLE_DATA_VERSION = 2;

/**
 * Forward migrations: `MIGRATIONS[v]` turns version v data into version v + 1 (none exist before version 1).
 * Version 2 only adds fields, whose schema defaults say "not known" for version 1 data.
 */
const MIGRATIONS: Readonly<Record<number, (kind: BundleKind, data: unknown) => unknown>> = { 1: (_kind, data) => data };

const seqRangeSchema = z.strictObject({ from: z.number().int().min(1), to: z.number().int().min(1) });

const recordId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'mã bản ghi chỉ gồm chữ, số và . _ : - (tối đa 64)');
const text = (max: number) => z.string().max(max);
const nullableDate = isoDate.nullable();
const instant = z.string().min(1).max(40);

/**
 * A record the unit voided as entered by mistake (docs/corrections.md): carried, not left out, so the superior's
 * mirror keeps the same history and counts it nowhere. Absent on records in force, so their data stays as before.
 */
const voidedSchema = z.strictObject({ at: instant, reason: text(500), by: text(200) }).optional();

export const unitProfileSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/),
  name: z.string().min(1).max(200),
  level: z.enum(['chi-bo', 'dang-bo-co-so', 'cap-tren']),
  hasYouthUnion: z.boolean(),
  ducsMembers: z.number().int().min(0).max(100000).nullable(),
});
export type UnitProfile = z.infer<typeof unitProfileSchema>;

export const memberRecordSchema = z.strictObject({
  id: recordId,
  fullName: z.string().min(1).max(200),
  gender: z.enum(['nam', 'nu']).nullable(),
  birthDate: nullableDate,
  status: z.enum(['chinh-thuc', 'du-bi']),
  joinedOn: nullableDate,
  fullMemberSince: nullableDate,
  exempt: z.boolean(),
  leftOn: nullableDate,
  leftReason: text(500).nullable(),
  candidateId: recordId.nullable(),
  createdAt: instant,
  updatedAt: instant,
  voided: voidedSchema,
});
export type MemberRecord = z.infer<typeof memberRecordSchema>;

export const eventRecordSchema = z.strictObject({
  id: recordId,
  seq: z.number().int().min(0).max(1_000_000),
  type: z.string().regex(/^[A-Z_]{2,40}$/),
  date: isoDate,
  payload: z.record(z.string().max(40), z.unknown()),
  voidsId: recordId.nullable(),
  reason: text(2000).nullable(),
  author: text(200),
  recordedAt: instant,
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

export const documentRecordSchema = z.strictObject({
  id: recordId,
  form: z.string().min(1).max(40),
  date: isoDate,
  signer: text(200).nullable(),
  issuer: text(200).nullable(),
  note: text(2000).nullable(),
  createdAt: instant,
  voided: voidedSchema,
});

export const introducerRecordSchema = z.strictObject({
  id: recordId,
  memberId: recordId.nullable(),
  name: z.string().min(1).max(200),
  fullMemberSince: nullableDate,
  workedTogetherSince: nullableDate,
  replacement: z.boolean(),
  letterDate: nullableDate,
  voided: voidedSchema,
});

export const mentorRecordSchema = z.strictObject({
  id: recordId,
  memberId: recordId.nullable(),
  mentorName: z.string().min(1).max(200),
  role: z.enum(['pre-admission', 'probation']),
  fromDate: isoDate,
  toDate: nullableDate,
  createdAt: instant,
  voided: voidedSchema,
});

const findingSchema = z.looseObject({ code: z.string().max(60), severity: z.enum(['error', 'warning', 'info']), message: z.string().max(2000) });

export const candidateRecordSchema = z.strictObject({
  id: recordId,
  fullName: z.string().min(1).max(200),
  gender: z.enum(['nam', 'nu']).nullable(),
  birthDate: isoDate,
  education: text(40).nullable(),
  educationException: text(40).nullable(),
  youthUnionMember: z.boolean().nullable(),
  tradeUnionMember: z.boolean().nullable(),
  introductionPath: text(40).nullable(),
  ethnicity: text(60).nullable(),
  religion: text(60).nullable(),
  occupation: text(40).nullable(),
  nonStateEnterprise: z.boolean().nullable(),
  createdAt: instant,
  updatedAt: instant,
  events: z.array(eventRecordSchema).max(1000),
  documents: z.array(documentRecordSchema).max(500),
  introducers: z.array(introducerRecordSchema).max(10),
  mentors: z.array(mentorRecordSchema).max(50),
  findings: z.strictObject({ asOf: isoDate, rulebookVersion: text(60), findings: z.array(findingSchema).max(200) }).nullable(),
  voided: voidedSchema,
});
export type CandidateRecord = z.infer<typeof candidateRecordSchema>;

export const unitTargetRecordSchema = z.strictObject({
  id: recordId,
  year: z.number().int().min(2000).max(2100),
  period: z.enum(TARGET_PERIODS),
  kind: z.enum(TARGET_KINDS),
  value: z.number().int().min(0).max(100000),
  createdAt: instant,
});
export type UnitTargetRecord = z.infer<typeof unitTargetRecordSchema>;

/**
 * A target this unit assigned a unit directly below it (a đảng ủy cơ sở's split of its own among its chi bộ), as its
 * table holds it (docs/bundle-format.md "Targets given below"): the levels above see the split.
 */
export const givenTargetSchema = z.strictObject({
  unitCode: unitCodeSchema,
  year: z.number().int().min(2000).max(2100),
  period: z.enum(TARGET_PERIODS),
  kind: z.enum(TARGET_KINDS),
  value: z.number().min(0).max(100000),
  createdAt: instant,
});
export type GivenTarget = z.infer<typeof givenTargetSchema>;

/**
 * A frozen report's header and signature as printed when it was sent (docs/reports.md "Gửi cấp trên"), so every later
 * copy, here or at the superior, carries the same signer and place even after Cài đặt changes.
 */
export const reportHeaderSchema = z.strictObject({
  superiorBody: text(200),
  issuingBody: text(200),
  number: text(60),
  place: text(120),
  date: nullableDate,
  recipients: z.array(text(300)).max(20),
  signer: z.strictObject({ onBehalfOf: text(100), position: text(100), name: text(200) }),
}) satisfies z.ZodType<PartyDocumentMeta>;

export const frozenReportRecordSchema = z.strictObject({
  id: recordId,
  period: text(20),
  version: z.number().int().min(1).max(1000),
  number: text(60),
  issuedOn: isoDate,
  frozenAt: instant,
  reason: text(2000).nullable(),
  content: z.record(z.string(), z.unknown()),
  /** Absent on reports frozen before the header was kept: their copies take it from the receiver's own data. */
  header: reportHeaderSchema.optional(),
});
export type FrozenReportRecord = z.infer<typeof frozenReportRecordSchema>;

/** Frozen reports one unit-report carries at most: two years of quarters, years and their corrections fit many times over. */
export const MAX_FROZEN_REPORTS = 100;

/** Records stay `unknown` in the envelope: each is validated when applied, and quarantined alone if it fails. */
const records = (max: number) => z.array(z.unknown()).max(max);

export const unitReportDataSchema = z.strictObject({
  unit: unitProfileSchema,
  members: records(100_000),
  candidates: records(100_000),
  targets: records(1_000),
  frozenReports: records(MAX_FROZEN_REPORTS),
  /** Sequence numbers of the directives from the superior this unit applied: they acknowledge what those carried. */
  directivesApplied: z.array(seqRangeSchema).max(1_000).default([]),
  /** Decisions from the superior this unit refused to apply (they did not fit the person), with its reason. */
  decisionsRefused: z.array(z.strictObject({ decision: z.string().max(200), reason: z.string().max(2000) })).max(1_000).default([]),
  /**
   * The superior's comments and requests this unit marked handled, with its answer (docs/bundle-format.md "Trả lời
   * yêu cầu"). Written only when not empty: a superior whose app predates it never receives the field.
   */
  requestAnswers: z.array(z.strictObject({ id: recordId, resolvedAt: instant, answer: text(2000).nullable() })).max(10_000).default([]),
  /**
   * The unit's moves between superiors, oldest first (docs/bundle-format.md "Moves"): they tell the old superior the
   * unit left, and every level which superior a period of the unit belongs to. Written only when not empty.
   */
  moves: z.array(unitMoveSchema).max(100).default([]),
  /**
   * The directives of superiors further up this unit applied, by the hash of their signed SHA256SUMS
   * (docs/bundle-format.md "Directives down the tree"): the issuer reads them in this snapshot as forwarded up to it.
   * Written only when not empty, like `requestAnswers`.
   */
  relayedApplied: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(10_000).default([]),
  /** The targets this unit assigned the units directly below it. Written only when not empty, like `requestAnswers`. */
  targetsGiven: z.array(givenTargetSchema).max(10_000).default([]),
});
export type UnitReportData = z.infer<typeof unitReportDataSchema>;
export type RequestAnswer = UnitReportData['requestAnswers'][number];

const announcedKeysSchema = z.strictObject({ signing: z.string().max(200), age: z.string().max(100) });

/** Enrolment: the unit's profile and public keys; signed by the old key, it announces a rotation. */
export const enrolmentDataSchema = z.strictObject({ unit: unitProfileSchema, keys: announcedKeysSchema });
export type EnrolmentData = z.infer<typeof enrolmentDataSchema>;

export const receiptSchema = z.strictObject({
  bundleId: z.string().max(64).nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  seq: z.number().int().nullable(),
  label: text(40).nullable(),
  status: z.enum(['applied', 'duplicate', 'stale', 'conflict', 'rejected']),
  receivedAt: instant,
  errorCode: text(60).nullable(),
  summary: z.strictObject({
    added: z.number().int().min(0),
    changed: z.number().int().min(0),
    removed: z.number().int().min(0),
    quarantined: z.number().int().min(0),
    warnings: z.array(text(500)).max(1000),
  }).nullable(),
  /** The first quarantined records, one by one (SYNC_LIMITS.receiptSampleRecords). */
  quarantined: z.array(z.strictObject({ recordKind: text(40), recordKey: text(100), reason: text(1000) })).max(10_000),
  /** All quarantined records counted per kind and reason (SYNC_LIMITS.receiptReasonGroups groups at most). */
  quarantinedCounts: z.array(z.strictObject({ recordKind: text(40), reason: text(1000), count: z.number().int().min(1) })).max(100).default([]),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const decisionSchema = z.strictObject({
  candidateId: recordId,
  kind: z.enum(['admission', 'recognition']),
  number: z.string().min(1).max(60),
  date: isoDate,
});
export type Decision = z.infer<typeof decisionSchema>;

export const directiveTargetSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  period: z.enum(TARGET_PERIODS),
  kind: z.enum(TARGET_KINDS),
  value: z.number().min(0).max(100000),
});
export type DirectiveTarget = z.infer<typeof directiveTargetSchema>;

export const directiveNoteSchema = z.strictObject({
  id: recordId,
  kind: z.enum(['comment', 'request-dossier']),
  candidateId: recordId.nullable(),
  text: z.string().min(1).max(4000),
});
export type DirectiveNote = z.infer<typeof directiveNoteSchema>;

export const directiveDataSchema = z.strictObject({
  receipts: z.array(receiptSchema).max(10_000),
  decisions: z.array(decisionSchema).max(100_000),
  targets: z.array(directiveTargetSchema).max(1_000),
  holidays: z.array(calendarEntrySchema).max(5_000),
  rulebooks: z.array(z.unknown()).max(50),
  notes: z.array(directiveNoteSchema).max(10_000),
  keys: announcedKeysSchema.nullable(),
  /** The last sequence number the superior applied from this unit: a unit that restored a backup continues after it. */
  lastAppliedSeq: z.number().int().min(0).nullable().default(null),
});
export type DirectiveData = z.infer<typeof directiveDataSchema>;

export type BundleData = { 'unit-report': UnitReportData; enrolment: EnrolmentData; directive: DirectiveData };

const SCHEMAS = { 'unit-report': unitReportDataSchema, enrolment: enrolmentDataSchema, directive: directiveDataSchema } as const;

/**
 * Import step 6: migrates `data` from `schemaVersion` up to {@link BUNDLE_DATA_VERSION} and validates it against
 * the schema of `kind`. Throws AppError SCHEMA_TOO_NEW for a newer version, DATA_INVALID for anything malformed.
 */
export function parseBundleData<K extends BundleKind>(kind: K, schemaVersion: number, data: unknown): BundleData[K] {
  if (schemaVersion > BUNDLE_DATA_VERSION) {
    throw bundleError('SCHEMA_TOO_NEW', `phiên bản dữ liệu ${schemaVersion}, ứng dụng này đọc đến ${BUNDLE_DATA_VERSION}`);
  }
  let migrated = data;
  for (let v = schemaVersion; v < BUNDLE_DATA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) {
      throw bundleError('DATA_INVALID', `phiên bản dữ liệu ${schemaVersion} không còn được hỗ trợ`);
    }
    migrated = step(kind, migrated);
  }
  const parsed = SCHEMAS[kind].safeParse(migrated);
  if (!parsed.success) {
    throw bundleError('DATA_INVALID', describeRecordIssues(parsed.error.issues).slice(0, 300));
  }
  return parsed.data as BundleData[K];
}
