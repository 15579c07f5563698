import { z } from 'zod';
import type { FieldProblem } from './core/errors';
import { isoDate } from './core/model/dates';
import { candidateEventSchema, candidateProfileSchema, dossierDocumentSchema, MENTOR_ROLES } from './core/model/dossier';
import { calendarEntrySchema } from './core/domain/calendar/calendar';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from './core/domain/passphrase/index';
import { DUE_CODES, FINDING_CODES } from './core/domain/rules/findings';
import { LIST_KINDS } from './core/domain/lists';
import {
  candidateCheckSchema,
  rulebookOverviewSchema,
  severitySchema,
  todoPageSchema,
  voteCheckSchema,
} from './core/model/checks';
import {
  candidateDetailSchema,
  candidateRowSchema,
  memberInputSchema,
  memberEditSchema,
  memberSchema,
  unitSchema,
  voidInputSchema,
  voidReasonSchema,
  unitProfileInputSchema,
  unitProfileSchema,
  unitSetupSchema,
} from './core/model/entities';
import { dashboardPeopleQuerySchema, dashboardPeopleSchema, dashboardSchema, dashboardUnitDetailSchema } from './core/model/dashboard';
import { reportSchema } from './core/model/report';
import { REVIEW_VERDICTS, reviewStatusSchema } from './core/model/report-review';
import { frozenReportInfoSchema, REPORT_OUTPUT_FORMATS, targetRowSchema } from './core/model/report-records';
import { TARGET_KINDS, TARGET_PERIODS, TARGET_SOURCES } from './core/model/targets';
import { targetTableSaveSchema, targetTableSchema } from './core/model/target-table';
import { FORM_DRAFTS } from './core/domain/reports/forms/drafts';
import {
  decisionChoicesSchema,
  directiveItemSchema,
  importOutcomeSchema,
  keyIdentitySchema,
  keysInfoSchema,
  outboxEntrySchema,
  quarantinePageSchema,
  reopenedBundleSchema,
  retryResultSchema,
  savedBundleSchema,
  unitDetailSchema,
  unitOverviewSchema,
} from './core/model/sync';

/**
 * Every call the UI can make: channel → zod input and output. Electron's IPC and the web host both dispatch through
 * this table, so no channel exists without a schema. Channels are `domain:verb-noun`.
 */

const id = z.string().min(1).max(64);
/** A long operation's name for its progress, chosen by the screen that starts it and asked of progress:get. */
const progressId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional();
const progressSchema = z.object({ step: z.string(), done: z.number(), total: z.number(), unit: z.enum(['bytes', 'steps']) });
const empty = z.strictObject({});
const year = z.number().int().min(2000).max(2100);
const periodText = z.string().trim().min(4).max(10);
/** One unit (the own unit when absent) or, at a superior, every mirrored unit with the total. */
const reportScope = { unitCode: z.string().max(32).optional(), all: z.boolean().optional() };
const filePath = z.string().min(1).max(1000);
const writtenFile = z.object({ path: z.string(), bytes: z.number() });
/** A list's sort as the user clicked it (docs/lists.md); an unknown column keeps the list's own order. */
const listSort = z.strictObject({ column: z.string().max(40), dir: z.enum(['asc', 'desc']) }).optional();
const todoFilter = {
  severities: z.array(severitySchema).max(3).optional(),
  codes: z.array(z.enum([...FINDING_CODES, ...DUE_CODES])).max(40).optional(),
  overdueOnly: z.boolean().optional(),
  query: z.string().max(120).optional(),
  sort: listSort,
};
const unitCodeText = z.string().trim().toUpperCase().min(2).max(32);
const bundleLabel = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, 'nhãn kỳ như 2026Q4');
/** A superior's batch: up to a thousand files in one call (each ≤ 50 MB, read one at a time). */
const bundlePaths = z.array(filePath).min(1).max(1000);
const sessionStatus = z.object({
  state: z.enum(['no-database', 'locked', 'unlocked', 'needs-recovery']),
  unit: unitSchema.nullable(),
  dataDir: z.string(),
  /** Once unlocked: how many units below this one the database mirrors (a superior lands on its dashboard). */
  unitsBelow: z.number().int().optional(),
  /** Unlocked with the recovery code: the app asks for a new passphrase before anything else. */
  needsNewPassphrase: z.boolean().optional(),
  /** In 'needs-recovery': the copies earlier restores moved aside, and what is wrong with the data folder. */
  movedAside: z.array(z.string()).optional(),
  problem: z.string().optional(),
  /** The day the host fixed "today" to (PTDV_TODAY under the web host): the screens' forms use it too. */
  fixedToday: z.string().optional(),
});

/** The length is checked here; the services hold a new passphrase to the whole rule (common words too). */
const newPassphraseInput = z.string().min(MIN_PASSPHRASE_LENGTH, `mật khẩu cần ít nhất ${MIN_PASSPHRASE_LENGTH} ký tự`).max(MAX_PASSPHRASE_LENGTH);

export const invoke = {
  'session:get-status': { input: empty, output: sessionStatus },
  'session:setup': {
    input: z.strictObject({ unit: unitSetupSchema, passphrase: newPassphraseInput }),
    output: z.object({ recoveryCode: z.string(), unit: unitSchema }),
  },
  'session:unlock': { input: z.strictObject({ secret: z.string().min(1).max(256), progressId }), output: sessionStatus },
  'session:lock': { input: empty, output: sessionStatus },
  'session:change-passphrase': {
    input: z.strictObject({ current: z.string().min(1).max(256), next: newPassphraseInput }),
    output: z.null(),
  },
  // Right after unlocking with the recovery code only: a new passphrase without the forgotten one.
  'session:replace-passphrase': { input: z.strictObject({ next: newPassphraseInput }), output: sessionStatus },

  'members:list': {
    input: z.strictObject({ query: z.string().max(120).optional(), includeLeft: z.boolean().optional(), voidedOnly: z.boolean().optional() }),
    output: z.array(memberSchema),
  },
  'members:edits': { input: empty, output: z.array(memberEditSchema) },
  'members:void': { input: z.strictObject({ id, reason: voidReasonSchema }), output: memberSchema },
  'members:create': { input: memberInputSchema, output: memberSchema },
  'members:update': { input: z.strictObject({ id, member: memberInputSchema }), output: memberSchema },
  'members:mark-left': {
    input: z.strictObject({ id, date: isoDate, reason: z.string().trim().min(1).max(500) }),
    output: memberSchema,
  },

  'candidates:list': {
    input: z.strictObject({
      query: z.string().max(120).optional(),
      stage: z.string().max(40).optional(),
      unitCode: z.string().max(32).optional(),
      sort: listSort,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(candidateRowSchema) }),
  },
  'candidates:get': { input: z.strictObject({ id }), output: candidateDetailSchema },
  'candidates:create': {
    input: z.strictObject({ profile: candidateProfileSchema, firstEvent: candidateEventSchema.optional(), confirmDuplicate: z.boolean().optional() }),
    output: candidateDetailSchema,
  },
  'candidates:update-profile': {
    input: z.strictObject({ id, profile: candidateProfileSchema, confirmDuplicate: z.boolean().optional() }),
    output: candidateDetailSchema,
  },
  'candidates:add-event': { input: z.strictObject({ id, event: candidateEventSchema }), output: candidateDetailSchema },
  'candidates:void-event': {
    input: z.strictObject({ id, eventId: id, reason: z.string().trim().min(3, 'ghi rõ lý do hủy').max(500) }),
    output: candidateDetailSchema,
  },
  'candidates:void-record': { input: voidInputSchema, output: candidateDetailSchema },
  'candidates:correct-document': {
    input: z.strictObject({ candidateId: id, documentId: id, reason: voidReasonSchema, document: dossierDocumentSchema }),
    output: candidateDetailSchema,
  },
  'candidates:correct-introducer': {
    input: z.strictObject({
      id,
      introducerId: id,
      reason: voidReasonSchema,
      memberId: id,
      workedTogetherSince: isoDate.nullish(),
      letterDate: isoDate.nullish(),
      replacement: z.boolean(),
    }),
    output: candidateDetailSchema,
  },
  'candidates:void': { input: z.strictObject({ id, reason: voidReasonSchema }), output: candidateDetailSchema },
  'candidates:add-document': {
    input: z.strictObject({ id, document: dossierDocumentSchema }),
    output: candidateDetailSchema,
  },
  'candidates:add-introducer': {
    input: z.strictObject({
      id,
      memberId: id,
      workedTogetherSince: isoDate.nullish(),
      letterDate: isoDate.nullish(),
      replacement: z.boolean().default(false),
    }),
    output: candidateDetailSchema,
  },

  'mentors:assign': {
    input: z.strictObject({ candidateId: id, memberId: id, role: z.enum(MENTOR_ROLES), from: isoDate }),
    output: candidateDetailSchema,
  },
  'mentors:end': {
    input: z.strictObject({ candidateId: id, assignmentId: id, to: isoDate }),
    output: candidateDetailSchema,
  },

  'checks:candidate': { input: z.strictObject({ id }), output: candidateCheckSchema },
  'checks:todo-page': {
    input: z.strictObject({
      unitCode: z.string().max(32).optional(),
      ...todoFilter,
      /** Only these candidates' items: the pipeline board marks the people it shows. */
      candidateIds: z.array(id).max(500).optional(),
      /** The first screen of the day does not wait for a long re-evaluation: the candidates checked so far. */
      soFar: z.boolean().optional(),
      offset: z.number().int().min(0).default(0),
      /** 0 asks only for the counts (the navigation badge). */
      limit: z.number().int().min(0).max(500).default(100),
    }),
    output: todoPageSchema,
  },
  /** One step of the day's re-evaluation (the renderer repeats it after unlock until done = total). */
  'checks:refresh-step': { input: z.strictObject({}), output: z.object({ asOf: isoDate, done: z.number().int(), total: z.number().int() }) },
  'checks:stage-counts': {
    input: z.strictObject({ unitCode: z.string().max(32).optional() }),
    output: z.array(z.object({ stage: z.string(), count: z.number().int(), offFile: z.number().int(), undated: z.number().int(), errors: z.number().int(), peopleWithErrors: z.number().int(), peopleOverdue: z.number().int() })),
  },
  'checks:vote': {
    input: z.strictObject({ kind: z.enum(['chi-bo', 'ducs']), date: isoDate, yes: z.number().int().min(0).optional(), members: z.number().int().min(0).optional() }),
    output: voteCheckSchema,
  },
  'rules:list-rulebooks': {
    input: empty,
    output: rulebookOverviewSchema,
  },
  'rules:import-rulebook': {
    input: z.strictObject({ path: z.string().min(1).max(1000), progressId }),
    output: z.object({ version: z.string(), title: z.string() }),
  },
  'calendar:list': { input: empty, output: z.array(calendarEntrySchema) },
  // The calendar screen's save: refuses a date already on the calendar unless it is the day being edited.
  'calendar:save': { input: z.strictObject({ entry: calendarEntrySchema, previousDate: isoDate.nullable() }), output: z.array(calendarEntrySchema) },
  'calendar:remove': { input: z.strictObject({ date: isoDate }), output: z.array(calendarEntrySchema) },

  'reports:build': {
    input: z.strictObject({ period: periodText, ...reportScope, asOf: isoDate.optional() }),
    output: reportSchema,
  },
  'reports:export': {
    input: z.strictObject({
      period: periodText,
      format: z.enum(REPORT_OUTPUT_FORMATS),
      path: z.string().min(1).max(1000),
      ...reportScope,
      asOf: isoDate.optional(),
      frozenId: id.optional(),
      number: z.string().max(60).optional(),
      place: z.string().max(120).optional(),
      progressId,
    }),
    output: z.object({ path: z.string(), bytes: z.number() }),
  },
  'reports:preview': {
    input: z.strictObject({
      period: periodText,
      ...reportScope,
      asOf: isoDate.optional(),
      frozenId: id.optional(),
      number: z.string().max(60).optional(),
      place: z.string().max(120).optional(),
    }),
    output: z.object({ html: z.string(), report: reportSchema }),
  },
  'reports:freeze': {
    input: z.strictObject({
      period: periodText,
      ...reportScope,
      number: z.string().trim().min(1, 'nhập số và ký hiệu báo cáo').max(60),
      issuedOn: isoDate.optional(),
      place: z.string().max(120).optional(),
      reason: z.string().trim().max(500).optional(),
    }),
    output: frozenReportInfoSchema,
  },
  'reports:list-frozen': {
    input: z.strictObject({ period: periodText.optional(), unitCode: z.string().max(32).optional() }),
    output: z.array(frozenReportInfoSchema),
  },
  // Superior: approves or returns (comment required) a unit's latest frozen version; the next directive carries it.
  'reports:review': {
    input: z.strictObject({ unitCode: unitCodeText, period: periodText, verdict: z.enum(REVIEW_VERDICTS), comment: z.string().trim().max(2000).optional() }),
    output: reviewStatusSchema,
  },
  // Unit: the latest version of each period its superior returned, to correct as a new version.
  'reports:list-returned': { input: empty, output: z.array(frozenReportInfoSchema) },
  'reports:get-frozen': { input: z.strictObject({ id }), output: z.object({ info: frozenReportInfoSchema, report: reportSchema }) },
  // Form drafts (DOCX) to the path system:choose-path gave; the notes say what to check before signing.
  'forms:export': {
    input: z.strictObject({ form: z.enum(FORM_DRAFTS), candidateId: id.optional(), path: filePath, number: z.string().max(60).optional(), place: z.string().max(120).optional() }),
    output: writtenFile.extend({ notes: z.array(z.string()) }),
  },

  // The own unit's profile (Cài đặt); the same schema as `ptdv unit set`.
  'unit:profile': { input: z.strictObject({}), output: unitProfileSchema },
  'unit:update-profile': { input: unitProfileInputSchema, output: unitProfileSchema },

  'targets:list': {
    input: z.strictObject({ year: year.optional(), unitCode: z.string().max(32).optional() }),
    output: z.array(targetRowSchema),
  },
  'targets:set': {
    input: z.strictObject({
      unitCode: z.string().max(32).optional(),
      year,
      period: z.enum(TARGET_PERIODS),
      kind: z.enum(TARGET_KINDS),
      value: z.number().min(0).max(100000),
      source: z.enum(TARGET_SOURCES).optional(),
    }),
    output: targetRowSchema,
  },
  'targets:remove': { input: z.strictObject({ id }), output: z.null() },
  // The committee's table of the units directly below (docs/targets.md), saved all at once, to and from XLSX.
  'targets:table': { input: z.strictObject({ year, period: z.enum(TARGET_PERIODS) }), output: targetTableSchema },
  'targets:save-table': { input: targetTableSaveSchema, output: z.object({ changed: z.number().int() }) },
  'targets:export-table': { input: z.strictObject({ year, period: z.enum(TARGET_PERIODS), path: filePath }), output: writtenFile },
  'targets:import-table': {
    input: z.strictObject({ path: filePath }),
    output: z.object({ year: z.number().int(), period: z.enum(TARGET_PERIODS), entries: z.number().int(), changed: z.number().int() }),
  },

  'dashboard:get': { input: z.strictObject({ year, asOf: isoDate.optional() }), output: dashboardSchema },
  'dashboard:get-unit': {
    input: z.strictObject({ year, unitCode: z.string().trim().min(1).max(32), asOf: isoDate.optional() }),
    output: dashboardUnitDetailSchema,
  },
  /** The people behind a number of the dashboard or of a unit's page, a page at a time. */
  'dashboard:people': { input: dashboardPeopleQuerySchema.extend({ asOf: isoDate.optional() }), output: dashboardPeopleSchema },

  // Sync bundles (docs/bundle-format.md). Paths come from system:choose-path; an export path may be a folder (the bundle
  // keeps its canonical name there) or a file path; an existing file is never overwritten.
  'keys:get-info': { input: empty, output: keysInfoSchema },
  'keys:export-trust': { input: z.strictObject({ path: filePath }), output: writtenFile },
  'keys:export-allowed-signers': { input: z.strictObject({ path: filePath }), output: writtenFile },
  'keys:rotate': { input: z.strictObject({ path: filePath }), output: z.array(savedBundleSchema) },
  'keys:revoke': { input: z.strictObject({ unitCode: unitCodeText }), output: z.null() },
  'enrol:request': {
    /** `move`: the unit moves to the superior of this trust file (an explicit re-enrolment). */
    input: z.strictObject({ trustPath: filePath, path: filePath, move: z.boolean().optional() }),
    output: savedBundleSchema.extend({ superior: z.object({ code: z.string(), name: z.string(), readAloudCode: z.string() }) }),
  },
  /** The unit's last report to the superior it moved away from, stating the move (docs/corrections.md). */
  'enrol:move-notice': {
    input: z.strictObject({ path: filePath }),
    output: savedBundleSchema.extend({ move: z.object({ from: z.object({ code: z.string(), name: z.string() }), to: z.object({ code: z.string(), name: z.string() }), on: z.string() }) }),
  },
  'enrol:accept': { input: z.strictObject({ path: filePath }), output: importOutcomeSchema },
  'enrol:confirm': { input: z.strictObject({ unitCode: unitCodeText, code: z.string().trim().min(20).max(40) }), output: keyIdentitySchema },
  'bundles:next-file-name': { input: z.strictObject({ label: bundleLabel }), output: z.object({ fileName: z.string() }) },
  'bundles:export': { input: z.strictObject({ label: bundleLabel, path: filePath, progressId }), output: savedBundleSchema },
  'bundles:continue-numbering': { input: z.strictObject({ after: z.number().int().min(1).max(999_999) }), output: z.object({ nextSeq: z.number().int() }) },
  'bundles:list-outbox': { input: empty, output: z.array(outboxEntrySchema) },
  'bundles:reopen': { input: z.strictObject({ bundleId: id }), output: reopenedBundleSchema },
  'bundles:save-copy': { input: z.strictObject({ bundleId: id, path: filePath }), output: writtenFile },
  'bundles:verify': { input: z.strictObject({ paths: bundlePaths }), output: z.array(importOutcomeSchema) },
  'bundles:import': { input: z.strictObject({ paths: bundlePaths }), output: z.array(importOutcomeSchema) },
  'units:list': { input: empty, output: z.array(unitOverviewSchema) },
  /** The units a committee's to-do list, board and people search span: the own first, then the confirmed units below. */
  'units:overseen': { input: empty, output: z.array(z.object({ code: z.string(), name: z.string(), own: z.boolean() })) },
  'units:get': {
    input: z.strictObject({ code: unitCodeText, query: z.string().max(120).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: unitDetailSchema,
  },
  'quarantine:list': {
    input: z.strictObject({ unitCode: unitCodeText.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: quarantinePageSchema,
  },
  'units:confirm-change': { input: z.strictObject({ unitCode: unitCodeText }), output: unitOverviewSchema },
  /** Records by hand that a unit directly below moved to another superior from `date` (units page "Đơn vị chuyển đi"). */
  'units:move-out': {
    input: z.strictObject({ unitCode: unitCodeText, date: z.string().max(20), toCode: z.string().max(40), toName: z.string().max(200).optional() }),
    output: z.object({ unitCode: z.string(), to: z.object({ code: z.string(), name: z.string() }), on: z.string() }),
  },
  'units:accept-numbering': { input: z.strictObject({ unitCode: unitCodeText, code: z.string().max(60) }), output: importOutcomeSchema },
  'quarantine:retry': { input: z.strictObject({ id }), output: retryResultSchema },
  'directives:export': { input: z.strictObject({ unitCode: unitCodeText, path: filePath, label: bundleLabel.optional(), progressId }), output: savedBundleSchema },
  'directives:import': { input: z.strictObject({ paths: bundlePaths }), output: z.array(importOutcomeSchema) },
  'directives:list-received': { input: empty, output: z.array(directiveItemSchema) },
  'directives:list-pending': { input: z.strictObject({ unitCode: unitCodeText.optional() }), output: z.array(directiveItemSchema) },
  'directives:list-sent': { input: z.strictObject({ unitCode: unitCodeText }), output: z.array(directiveItemSchema) },
  'directives:decision-choices': {
    input: z.strictObject({ unitCode: unitCodeText, kind: z.enum(['admission', 'recognition']), query: z.string().max(120).optional() }),
    output: decisionChoicesSchema,
  },
  'directives:add-decision': {
    input: z.strictObject({ candidateId: id, kind: z.enum(['admission', 'recognition']), number: z.string().trim().min(1, 'nhập số quyết định').max(60), date: isoDate }),
    output: directiveItemSchema,
  },
  'directives:add-note': {
    input: z.strictObject({ unitCode: unitCodeText, kind: z.enum(['comment', 'request-dossier']), text: z.string().trim().min(1, 'nhập nội dung').max(4000), candidateId: id.nullish() }),
    output: directiveItemSchema,
  },
  // Superior: its calendar and rulebooks to a unit further below (a direct unit gets them with every directive).
  'directives:add-rules-update': { input: z.strictObject({ unitCode: unitCodeText }), output: directiveItemSchema },
  'directives:remove-pending': { input: z.strictObject({ id }), output: z.null() },
  // Unit: the superior's comments and requests about candidates (one, or all) not yet marked handled.
  'directives:list-open-requests': { input: z.strictObject({ candidateId: id.optional() }), output: z.array(directiveItemSchema) },
  'directives:resolve': { input: z.strictObject({ id, answer: z.string().trim().max(2000).optional() }), output: directiveItemSchema },

  'backup:create': { input: z.strictObject({ path: z.string().min(1).max(1000), progressId }), output: z.object({ path: z.string(), bytes: z.number() }) },
  // Restores a backup the user chose (system:choose-files) with the passphrase it was made under; the app closes and
  // reopens the database itself, so it works while unlocked, locked, or when the folder needs recovery.
  'backup:restore': {
    input: z.strictObject({ path: z.string().min(1).max(1000), secret: z.string().min(1).max(256), progressId }),
    /** archiveKeptAside: files of luu-tru that differed from the backup's under the same name, renamed aside. */
    /** backupMadeAt: when the backup was made (its header); movedAsideAt: when the data it replaced was put aside. */
    output: z.object({ movedAside: z.string().nullable(), movedAsideAt: z.string(), backupMadeAt: z.string(), archiveKeptAside: z.array(z.string()), status: sessionStatus }),
  },
  'backup:reinstate': { input: z.strictObject({ name: z.string().min(1).max(300) }), output: sessionStatus },
  // A list as on screen (same search, filter and sort) to an XLSX file at the path system:choose-path gave.
  'lists:export': {
    input: z.strictObject({
      list: z.enum(LIST_KINDS),
      path: filePath,
      /** Candidates and to-do at a committee: one unit, '*' (or absent for to-do) every unit it oversees. */
      unitCode: z.string().max(32).optional(),
      stage: z.string().max(40).optional(),
      includeLeft: z.boolean().optional(),
      year: year.optional(),
      ...todoFilter,
      progressId,
    }),
    output: writtenFile.extend({ rows: z.number().int() }),
  },
  'system:choose-path': {
    input: z.strictObject({ mode: z.enum(['save', 'open']), title: z.string().max(200), defaultName: z.string().max(200) }),
    output: z.string().nullable(),
  },
  // Opening several bundles at once, and saving bundles into a folder (a USB stick) under their canonical names.
  'system:choose-files': {
    input: z.strictObject({ title: z.string().max(200), extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).min(1).max(5), multiple: z.boolean() }),
    output: z.array(z.string()),
  },
  // How far the long operation started with this progressId is (null before its first step and after it ended).
  /** The latest state, with the states reported since the previous look (`passed`, oldest first). */
  'progress:get': { input: z.strictObject({ id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }), output: progressSchema.extend({ passed: z.array(progressSchema) }).nullable() },
  'system:choose-folder': { input: z.strictObject({ title: z.string().max(200) }), output: z.string().nullable() },
} as const;

export type InvokeChannel = keyof typeof invoke;
/** The sync channels, served by electron/ipc/sync-handlers.ts. */
export type SyncChannel = Extract<InvokeChannel, `${'keys' | 'enrol' | 'bundles' | 'units' | 'quarantine' | 'directives'}:${string}`>;
export type Input<C extends InvokeChannel> = z.input<(typeof invoke)[C]['input']>;
export type Output<C extends InvokeChannel> = z.output<(typeof invoke)[C]['output']>;

export type ErrorKind = 'validation' | 'not-found' | 'conflict' | 'forbidden' | 'locked' | 'internal';
export type Failure = { ok: false; error: { kind: ErrorKind; message: string; code?: string; fields?: FieldProblem[] } };
export type Result<T> = { ok: true; value: T } | Failure;

/** What the preload exposes as `window.ptdv` and the web transport implements over HTTP. */
export type Api = {
  invoke<C extends InvokeChannel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
};

export function isInvokeChannel(value: string): value is InvokeChannel {
  return Object.hasOwn(invoke, value);
}
