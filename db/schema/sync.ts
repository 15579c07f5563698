import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { units } from './units';

/**
 * Keys of units: the own unit's private keys (inside this encrypted file only) and the public keys of the
 * superior and of enrolled units below. Old age identities stay (status 'retired') so late bundles still open.
 */
export const unitKeys = sqliteTable(
  'unit_keys',
  {
    id: text('id').primaryKey(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    kind: text('kind', { enum: ['ed25519', 'age'] }).notNull(),
    /** `ssh-ed25519 AAAA…` or `age1…`. */
    publicKey: text('public_key').notNull(),
    /** OpenSSH private key or AGE-SECRET-KEY-…; only for the own unit. */
    privateKey: text('private_key'),
    fingerprint: text('fingerprint').notNull(),
    status: text('status', { enum: ['active', 'retired', 'revoked'] }).notNull(),
    verifiedAt: text('verified_at'),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('unit_keys_unit').on(t.unitCode, t.kind, t.status)],
);

/** Last sequence number sent to / applied from each peer (docs/bundle-format.md: seq counts per sender and recipient). */
export const syncState = sqliteTable(
  'sync_state',
  {
    peerCode: text('peer_code').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    lastSeq: integer('last_seq').notNull(),
    /** sha256 of the last bundle's SHA256SUMS: the next bundle's prevSha256. */
    lastSumsSha256: text('last_sums_sha256'),
    /**
     * Incoming only: which numbering of the peer counts. Raised when the superior accepts a unit's new numbering
     * (after it restored a backup or started anew), so bundles archived under the old numbering no longer collide.
     */
    numbering: integer('numbering').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.peerCode, t.direction] })],
);

/** Bundles this unit made (outbox), kept whole so a sent bundle can be re-opened or sent again. */
export const outbox = sqliteTable('outbox', {
  bundleId: text('bundle_id').primaryKey(),
  toCode: text('to_code').notNull(),
  kind: text('kind').notNull(),
  label: text('label').notNull(),
  seq: integer('seq').notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  sumsSha256: text('sums_sha256').notNull(),
  createdAt: text('created_at').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
});

/** Every received file, archived by its sha256 whatever happened to it, with the outcome the user saw. */
export const inbox = sqliteTable(
  'inbox',
  {
    sha256: text('sha256').primaryKey(),
    fileName: text('file_name').notNull(),
    receivedAt: text('received_at').notNull(),
    bundleId: text('bundle_id'),
    fromCode: text('from_code'),
    kind: text('kind'),
    label: text('label'),
    seq: integer('seq'),
    status: text('status', { enum: ['applied', 'duplicate', 'stale', 'conflict', 'rejected'] }).notNull(),
    errorCode: text('error_code'),
    message: text('message'),
    summary: text('summary', { mode: 'json' }),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    /** sha256 of the bundle's SHA256SUMS: tells a re-sent copy (duplicate) from other content under the same seq (conflict). */
    sumsSha256: text('sums_sha256'),
    /** The sender's numbering (sync_state.numbering) this file was received under. */
    numbering: integer('numbering').notNull().default(0),
    /**
     * Where the file went once superseded (docs/sync-limits.md "Retention"): its path under the data folder, the file
     * byte for byte as received. `bytes` is then empty and `size` keeps its length; both null while it is held here.
     */
    movedTo: text('moved_to'),
    size: integer('size'),
  },
  (t) => [index('inbox_from').on(t.fromCode, t.seq)],
);

/**
 * What a superior's mirror of a unit holds, record by record: the id the record has in the unit's own database,
 * the id it was given here, and the hash of the record as last applied. Import summaries (added / changed /
 * removed) come from comparing a new snapshot with it; decisions sent back name the unit's own ids through it.
 */
export const mirrorRecords = sqliteTable(
  'mirror_records',
  {
    unitCode: text('unit_code').notNull(),
    recordKind: text('record_kind', { enum: ['candidate', 'member', 'target', 'frozen-report'] }).notNull(),
    sourceId: text('source_id').notNull(),
    localId: text('local_id').notNull(),
    sha256: text('sha256').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.recordKind, t.sourceId] }), index('mirror_records_local').on(t.localId)],
);

/** Records of an imported bundle that failed a semantic check: visible with the reason, re-tryable. */
export const quarantine = sqliteTable(
  'quarantine',
  {
    id: text('id').primaryKey(),
    bundleSha256: text('bundle_sha256').notNull(),
    fromCode: text('from_code').notNull(),
    recordKind: text('record_kind').notNull(),
    recordKey: text('record_key').notNull(),
    reason: text('reason').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('quarantine_from').on(t.fromCode)],
);

/** Messages from a superior's directives: comments, requests to complete a dossier, decisions issued. */
export const directiveItems = sqliteTable(
  'directive_items',
  {
    id: text('id').primaryKey(),
    bundleSha256: text('bundle_sha256'),
    fromCode: text('from_code').notNull(),
    toCode: text('to_code').notNull(),
    kind: text('kind').notNull(),
    candidateRef: text('candidate_ref'),
    body: text('body', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
    /** At the superior: when a unit-report of the recipient acknowledged the directive that carried this item. */
    acknowledgedAt: text('acknowledged_at'),
    /** A comment or request about a candidate: when the unit marked it handled (at the superior, once its report said so). */
    resolvedAt: text('resolved_at'),
    /** The unit's answer when it marked the request handled. */
    answer: text('answer'),
    /** At the unit: the relayed directive of a superior further up that brought this item (its issuer and the relaying unit). */
    relayedId: text('relayed_id'),
  },
  // A superior's comments and decisions about one unit's people: what a unit's snapshot looks up to keep their ids.
  (t) => [index('directive_items_to').on(t.toCode, t.candidateRef)],
);

/** A report as sent upward, frozen with its number; a correction is a new version of the same period. */
export const frozenReports = sqliteTable(
  'frozen_reports',
  {
    id: text('id').primaryKey(),
    unitCode: text('unit_code').notNull(),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    number: text('number').notNull(),
    issuedOn: text('issued_on').notNull(),
    frozenAt: text('frozen_at').notNull(),
    reason: text('reason'),
    content: text('content', { mode: 'json' }).notNull(),
    /** The document's header and signature as they were printed when it was sent; null for reports frozen before 0037. */
    header: text('header', { mode: 'json' }),
  },
  (t) => [index('frozen_reports_period').on(t.unitCode, t.period, t.version)],
);

/**
 * Findings per candidate as this database last computed them, for own and mirrored units alike, with this
 * database's rulebooks and calendar. Derived data: the triggers of migration 0011 delete a candidate's row whenever
 * anything its findings depend on changes, and a row holds for every day from `as_of` through `valid_until` (the
 * evaluation's validUntil: the day before a deadline passes, an age month starts, a dated record becomes visible…).
 */
export const candidateFindings = sqliteTable(
  'candidate_findings',
  {
    candidateId: text('candidate_id').primaryKey(),
    asOf: text('as_of').notNull(),
    validUntil: text('valid_until').notNull().default(''),
    rulebookVersion: text('rulebook_version').notNull(),
    findings: text('findings', { mode: 'json' }).notNull(),
    /** The evaluation's calendarSpan: a calendar day changed outside it leaves the row (migration 0040); null: none. */
    calendarFrom: text('calendar_from'),
    calendarTo: text('calendar_to'),
  },
  // Finding which rows are stale must not read the findings themselves (megabytes of encrypted pages at 50,000):
  // the rows fresh today are a range of this index, and it covers the query.
  (t) => [index('candidate_findings_valid').on(t.validUntil, t.asOf, t.candidateId)],
);

/**
 * Findings of a candidate on a past day a report counts to (a quarter's or a year's last day) when `candidate_findings`
 * holds a later day for it: `CODE:severity` pairs joined by commas, as the report summary on the candidate row. It
 * depends on the candidate's `candidate_findings` row, and goes with it (migration trigger `findings_period_stale`),
 * so the one invalidation rule of migration 0011 covers it too; a row is only written while that row exists.
 */
export const periodFindings = sqliteTable(
  'period_findings',
  {
    candidateId: text('candidate_id').notNull(),
    asOf: text('as_of').notNull(),
    findings: text('findings').notNull(),
    calendarFrom: text('calendar_from'),
    calendarTo: text('calendar_to'),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.asOf] })],
);

/**
 * A unit's report counts (its accumulator: stock, flows, admissions, lead-time samples, findings per code) for one
 * report (`period|countedTo|findingsOn`), as JSON: what a report reads instead of the unit's candidates once they were
 * counted. Only ever a copy of what the candidates say: the triggers of migration 0028 drop a unit's rows whenever one
 * of its candidate rows (events, findings and profile are summarised there) or a period findings row changes. A
 * period's counts as of a later day replace its earlier ones.
 */
export const reportUnitCounts = sqliteTable(
  'report_unit_counts',
  {
    unitCode: text('unit_code').notNull(),
    window: text('window').notNull(),
    counts: text('counts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.window] })],
);

/**
 * A unit's candidates as the duplicates list needs them, `[identity key, id, full name, stage]` in row order, as JSON;
 * dropped with the unit's counts.
 */
export const reportUnitPeople = sqliteTable('report_unit_people', {
  unitCode: text('unit_code').primaryKey(),
  people: text('people').notNull(),
});

/**
 * What a unit below said of its own candidates in its bundle. Kept beside this database's own check of the same
 * candidates (candidate_findings) so a disagreement is shown, never trusted silently.
 */
export const reportedFindings = sqliteTable('reported_findings', {
  candidateId: text('candidate_id').primaryKey(),
  asOf: text('as_of').notNull(),
  rulebookVersion: text('rulebook_version').notNull(),
  findings: text('findings', { mode: 'json' }).notNull(),
});

/** The letter each event type has in candidates.report_events; the triggers that keep that column read it. */
export const reportEventLetters = sqliteTable('report_event_letters', {
  type: text('type').primaryKey(),
  letter: text('letter').notNull().unique(),
});

/**
 * The latest snapshot of each unit deeper than one level below, as that unit signed it, received inside the
 * `forwarded.tar` of the unit below it (docs/bundle-format.md "Forwarding up the tree"). Kept byte for byte so this
 * unit can forward it further up and an auditor can check its signature; the direct units' are in `inbox`.
 */
export const forwardedSnapshots = sqliteTable(
  'forwarded_snapshots',
  {
    unitCode: text('unit_code')
      .primaryKey()
      .references(() => units.code),
    /** The direct unit below whose bundle carried it. */
    viaCode: text('via_code').notNull(),
    seq: integer('seq').notNull(),
    sumsSha256: text('sums_sha256').notNull(),
    /** The key the forwarding unit vouched for (`ssh-ed25519 AAAA…`), passed on in this unit's own allowed_signers. */
    publicKey: text('public_key').notNull(),
    manifest: blob('manifest', { mode: 'buffer' }).notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    sums: blob('sums', { mode: 'buffer' }).notNull(),
    sig: blob('sig', { mode: 'buffer' }).notNull(),
    appliedAt: text('applied_at').notNull(),
  },
  // Which units reported since a day is read on every superior's report and dashboard: from this index, never from
  // the rows, whose snapshots (hundreds of megabytes at a Khối) come before applied_at.
  (t) => [index('forwarded_snapshots_applied').on(t.appliedAt, t.unitCode)],
);

/**
 * Directives a superior further up signed for a unit below its direct units (docs/bundle-format.md "Directives down
 * the tree"), kept byte for byte: at the issuer those it made, at a relaying unit those waiting for (or carried by)
 * its next directive towards their unit, at the unit those it applied. Never changed once written but for
 * `carried_in` and `applied_at`.
 */
export const relayedDirectives = sqliteTable(
  'relayed_directives',
  {
    id: text('id').primaryKey(),
    /** `DUK01_CB011_s000003`, the folder name in relayed.tar. */
    folder: text('folder').notNull(),
    issuerCode: text('issuer_code').notNull(),
    issuerName: text('issuer_name').notNull(),
    targetCode: text('target_code').notNull(),
    seq: integer('seq').notNull(),
    sumsSha256: text('sums_sha256').notNull().unique(),
    /** The issuer's key (`ssh-ed25519 AAAA…`) as vouched for to this unit; passed on in the next allowed_signers. */
    publicKey: text('public_key').notNull(),
    manifest: blob('manifest', { mode: 'buffer' }).notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    sums: blob('sums', { mode: 'buffer' }).notNull(),
    sig: blob('sig', { mode: 'buffer' }).notNull(),
    /** The superior whose directive brought it; null at the issuer. */
    viaCode: text('via_code'),
    viaName: text('via_name'),
    /** The directive file (sha256 of the whole file) that passed it on towards its unit; null while it waits. */
    carriedIn: text('carried_in'),
    /** At its unit: when it was applied. */
    appliedAt: text('applied_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('relayed_directives_target').on(t.targetCode, t.carriedIn)],
);
