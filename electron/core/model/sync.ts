import { z } from 'zod';
import './zod-locale';
import { BUNDLE_KINDS } from '../domain/bundles/manifest';
import { candidateRowSchema } from './entities';
import { receiptSchema } from './bundle-data';

/** Shapes the sync services return and the UI shows: keys, import outcomes, the units page, quarantine, directives. */

export const IMPORT_STATUSES = ['applied', 'duplicate', 'stale', 'conflict', 'rejected'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

const seqRangeSchema = z.object({ from: z.number().int(), to: z.number().int() });

/** A key as both sides show it: the OpenSSH fingerprint and the code read aloud by phone. */
export const keyIdentitySchema = z.object({
  code: z.string(),
  name: z.string(),
  fingerprint: z.string(),
  readAloudCode: z.string(),
  ageRecipient: z.string(),
});
export type KeyIdentity = z.infer<typeof keyIdentitySchema>;

export const keysInfoSchema = z.object({
  own: keyIdentitySchema,
  /** The superior's keys from its trust file; null before a trust file was imported. */
  parent: keyIdentitySchema.nullable(),
});
export type KeysInfo = z.infer<typeof keysInfoSchema>;

export const importSummarySchema = receiptSchema.shape.summary.unwrap();
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** The result of importing (or verifying) one file, as the import wizard and `ptdv bundle import` show it. */
export const importOutcomeSchema = z.object({
  file: z.string(),
  status: z.enum(IMPORT_STATUSES),
  /** Error code of a rejection (BUNDLE_ERRORS); null otherwise. */
  code: z.string().nullable(),
  /** Vietnamese: why rejected, or what happened. */
  message: z.string(),
  sha256: z.string().nullable(),
  kind: z.enum(BUNDLE_KINDS).nullable(),
  from: z.string().nullable(),
  label: z.string().nullable(),
  seq: z.number().int().nullable(),
  /** Sequence numbers from this sender never received before this one (applied after a gap). */
  missing: z.array(seqRangeSchema),
  summary: importSummarySchema.nullable(),
  /** For an enrolment: the unit's key as the superior now holds it, with the code to read aloud. */
  enrolment: z.object({ unitCode: z.string(), fingerprint: z.string(), readAloudCode: z.string(), verified: z.boolean() }).nullable(),
  /**
   * Snapshots of units deeper below, forwarded inside this unit-report, that were refused one by one (their code and
   * Vietnamese reason) while the rest applied; absent when none was.
   */
  refusedInner: z.array(z.object({ unitCode: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;
export type InnerRefusal = NonNullable<ImportOutcome['refusedInner']>[number];

/** A bundle made here and written to a file (export, enrolment, key announcement). */
export const exportedBundleSchema = z.object({
  bundleId: z.string(),
  fileName: z.string(),
  kind: z.enum(BUNDLE_KINDS),
  to: z.string(),
  seq: z.number().int(),
  label: z.string(),
  sha256: z.string(),
  /** The sender's code to read aloud if the recipient asks. */
  readAloudCode: z.string(),
  counts: z.record(z.string(), z.number()),
});
export type ExportedBundle = z.infer<typeof exportedBundleSchema>;

export const outboxEntrySchema = z.object({
  bundleId: z.string(),
  toCode: z.string(),
  kind: z.string(),
  label: z.string(),
  seq: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  bytes: z.number().int(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** A sent bundle decrypted again from the outbox: what it carried. */
export const reopenedBundleSchema = z.object({
  entry: outboxEntrySchema,
  createdAt: z.string(),
  counts: z.record(z.string(), z.number()),
  prevSha256: z.string().nullable(),
});
export type ReopenedBundle = z.infer<typeof reopenedBundleSchema>;

export const KEY_STATES = ['none', 'unverified', 'verified', 'revoked'] as const;

/** One unit below, as the superior's units page lists it. */
export const unitOverviewSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  /** The unit it reports to: the superior itself, or a đảng ủy cơ sở below it that forwards its files. */
  parentCode: z.string().nullable(),
  keyState: z.enum(KEY_STATES),
  fingerprint: z.string().nullable(),
  readAloudCode: z.string().nullable(),
  lastBundle: z.object({ seq: z.number().int(), label: z.string(), kind: z.string(), receivedAt: z.string() }).nullable(),
  /** A unit further below: its latest report as forwarded here, by which unit, with the unit's own number. */
  forwarded: z.object({ viaCode: z.string(), seq: z.number().int(), appliedAt: z.string() }).nullable(),
  missing: z.array(seqRangeSchema),
  quarantined: z.number().int(),
  conflicts: z.number().int(),
  /** Files kept without applying (older number, or same number with other content) in the unit's current numbering. */
  heldAside: z.number().int(),
  candidates: z.number().int(),
  /** A new name or level the unit's latest file states, not applied until the superior confirms it. */
  pendingChange: z.object({ name: z.string().nullable(), level: z.string().nullable() }).nullable(),
  /** The unit moved to a superior outside this one's tree from `on`: kept with its history, counted only before. */
  movedOut: z.object({ to: z.object({ code: z.string(), name: z.string() }), on: z.string(), source: z.enum(['unit', 'hand']) }).nullable(),
  /**
   * The units between this one and the unit below: empty for a direct unit. What is addressed to a deeper unit
   * travels inside the directive to the first of them (docs/bundle-format.md "Directives down the tree").
   */
  path: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type UnitOverview = z.infer<typeof unitOverviewSchema>;

export const unitFindingsSchema = z.object({
  candidateId: z.string(),
  fullName: z.string(),
  asOf: z.string(),
  findings: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() })),
  /** Errors the unit itself reported for this candidate in its bundle (null when it sent none). */
  reportedErrors: z.number().int().nullable(),
});

export const unitDetailSchema = z.object({
  unit: unitOverviewSchema,
  candidates: z.array(candidateRowSchema),
  /** Findings as this database re-checks them today; the unit's own count beside each. */
  findings: z.array(unitFindingsSchema),
  /** Errors over the whole unit: as this database re-checks them today, and as the unit reported (null: it sent none). */
  errors: z.object({ checked: z.number().int(), reported: z.number().int().nullable() }),
  received: z.array(z.object({ sha256: z.string(), fileName: z.string(), receivedAt: z.string(), kind: z.string().nullable(), seq: z.number().int().nullable(), label: z.string().nullable(), status: z.string() })),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

export const quarantineEntrySchema = z.object({
  id: z.string(),
  fromCode: z.string(),
  bundleSha256: z.string(),
  recordKind: z.string(),
  recordKey: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  /** False for a whole file kept apart (same seq, other content): it is looked at, not re-tried. */
  retryable: z.boolean(),
});
export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;

/** One page of the quarantine list and the number of entries in all. */
export const quarantinePageSchema = z.object({ total: z.number().int(), rows: z.array(quarantineEntrySchema) });

export const retryResultSchema = z.object({ id: z.string(), resolved: z.boolean(), reason: z.string().nullable() });
export type RetryResult = z.infer<typeof retryResultSchema>;

export const DIRECTIVE_ITEM_KINDS = ['receipt', 'decision', 'comment', 'request-dossier'] as const;

/**
 * Notes whose id starts with this come from a superior that reads the unit's answers; only those answers travel
 * back, so a unit never sends an older superior a field it would refuse.
 */
export const ANSWERABLE_NOTE_PREFIX = 'ask:';

const decisionChoiceSchema = z.object({ id: z.string(), fullName: z.string(), birthDate: z.string(), stage: z.string() });

/** Whom a decision may name: people it takes one step on, and people found by name it does not fit, with why. */
export const decisionChoicesSchema = z.object({
  offered: z.array(decisionChoiceSchema),
  /** The unit's other people, left out of the offer. */
  leftOut: z.number().int(),
  notFitting: z.array(decisionChoiceSchema.extend({ reason: z.string() })),
});
export type DecisionChoices = z.infer<typeof decisionChoicesSchema>;

/** A directive item: pending at the superior until exported, or received at the unit ("what arrived"). */
export const directiveItemSchema = z.object({
  id: z.string(),
  fromCode: z.string(),
  /** The issuer's name (for a relayed item, as it signed it); null when this database does not know the unit. */
  fromName: z.string().nullable(),
  /** A directive of a superior further up: the superior whose directive carried it here. */
  via: z.object({ code: z.string(), name: z.string() }).nullable(),
  toCode: z.string(),
  kind: z.string(),
  candidateId: z.string().nullable(),
  candidateName: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
  /** The directive file that carried it; null while pending at the superior. */
  bundleSha256: z.string().nullable(),
  /** At the superior: when the unit's next unit-report acknowledged that directive; null while not delivered. */
  acknowledgedAt: z.string().nullable(),
  /** A comment or request: when the unit marked it handled (at the superior: once the unit's report said so). */
  resolvedAt: z.string().nullable(),
  /** The unit's answer, if it gave one when marking the request handled. */
  answer: z.string().nullable(),
});
export type DirectiveItem = z.infer<typeof directiveItemSchema>;

/**
 * A directive item sending the issuer's calendar and rulebooks to a unit further below (a direct unit gets them with
 * every directive); the counts are those at the time, to show what went.
 */
export const RULES_UPDATE_KIND = 'rules-update';
export type RulesUpdate = { holidays: number; rulebooks: number };

/** A unit named with the units above it up to this one's own: "Chi bộ 1 (Đảng ủy cơ sở A)". */
export function unitWithPath(unit: { name: string; path: readonly { name: string }[] }): string {
  return unit.path.length > 0 ? `${unit.name} (${unit.path.map((p) => p.name).reverse().join(', ')})` : unit.name;
}

/** Who issued a received item, as the unit reads it: "Đảng ủy Khối … (chuyển qua Đảng ủy cơ sở …)". */
export function issuerText(item: Pick<DirectiveItem, 'fromCode' | 'fromName' | 'via'>): string {
  const name = item.fromName ?? item.fromCode;
  return item.via ? `${name} (chuyển qua ${item.via.name})` : name;
}

/** A bundle made here and saved: where it was written. */
export const savedBundleSchema = exportedBundleSchema.extend({ path: z.string() });
export type SavedBundle = z.infer<typeof savedBundleSchema>;
