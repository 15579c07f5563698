import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { units } from './units';

/**
 * A record entered by mistake is voided, never deleted: it keeps its content, gets when, why and by whom, and from
 * then on counts nowhere (docs/corrections.md). Voided rows are frozen by triggers (the corrections migration).
 */
export const voidColumns = {
  voidedAt: text('voided_at'),
  voidReason: text('void_reason'),
  voidedBy: text('voided_by'),
};

/**
 * Party members of a unit. `searchKey` (lower case, no diacritics, đ→d) and `sortKey` (given name first, in
 * Vietnamese alphabet order) are derived from `fullName` on every write so lists sort and search in SQL.
 */
export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    fullName: text('full_name').notNull(),
    searchKey: text('search_key').notNull(),
    sortKey: text('sort_key').notNull(),
    gender: text('gender', { enum: ['nam', 'nu'] }),
    birthDate: text('birth_date'),
    status: text('status', { enum: ['chinh-thuc', 'du-bi'] }).notNull(),
    /** Ngày vào Đảng: the ceremony date. */
    joinedOn: text('joined_on'),
    /** Date of recognition as a full member (for du-bi: null). */
    fullMemberSince: text('full_member_since'),
    /** Exempt from activities (miễn sinh hoạt): not counted among the eligible voters. */
    exempt: integer('exempt', { mode: 'boolean' }).notNull().default(false),
    leftOn: text('left_on'),
    leftReason: text('left_reason'),
    candidateId: text('candidate_id'),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    ...voidColumns,
  },
  (t) => [
    index('members_unit_sort').on(t.unitCode, t.sortKey),
    index('members_unit_search').on(t.unitCode, t.searchKey),
    index('members_candidate').on(t.candidateId),
    // Reports count full members of every unit on two days; this index answers without reading the roster rows (so
    // it holds every column the count tests, voided_at included).
    index('members_unit_status').on(t.unitCode, t.status, t.fullMemberSince, t.leftOn, t.voidedAt),
  ],
);

/**
 * One record per person for the whole journey from the source pool to full membership. `stage` is a cache of
 * deriveStage(events), rewritten in the same transaction as every event change, so lists can filter on it.
 * The report summary is what reports read instead of the candidate's events and stored findings, whose payloads
 * and messages are tens of megabytes at 50,000 candidates: `reportEvents` the events in force
 * (`b2025-10-01,g2026-03-31`, a letter of report_event_letters and the date per event), `reportFindings` the codes
 * and severities of the stored findings (`NO_MENTOR:error,…`; NULL when none are stored) as of
 * `reportFindingsAsOf` and valid through `reportFindingsUntil`. Triggers on candidate_events and candidate_findings
 * keep it, whoever writes those (migrations 0007 and findings_valid_until). `todoFindings` is what the to-do list
 * sorts and counts by, of the same stored findings: `[["NO_MENTOR","error","2026-03-01"],…]` (code, severity, due or
 * null, in the findings' order), so its first screen reads an index of a few megabytes instead of every message.
 */
export const candidates = sqliteTable(
  'candidates',
  {
    id: text('id').primaryKey(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    fullName: text('full_name').notNull(),
    searchKey: text('search_key').notNull(),
    sortKey: text('sort_key').notNull(),
    gender: text('gender', { enum: ['nam', 'nu'] }),
    birthDate: text('birth_date').notNull(),
    education: text('education'),
    educationException: text('education_exception'),
    youthUnionMember: integer('youth_union_member', { mode: 'boolean' }),
    tradeUnionMember: integer('trade_union_member', { mode: 'boolean' }),
    introductionPath: text('introduction_path'),
    ethnicity: text('ethnicity'),
    religion: text('religion'),
    occupation: text('occupation'),
    nonStateEnterprise: integer('non_state_enterprise', { mode: 'boolean' }),
    /** Quê quán, nơi cư trú and the occupation in words, as the 5/6/13/18-KNĐ drafts print them (migration 0009). */
    hometown: text('hometown'),
    residence: text('residence'),
    occupationDetail: text('occupation_detail'),
    stage: text('stage').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    reportEvents: text('report_events').notNull().default(''),
    reportFindings: text('report_findings'),
    reportFindingsAsOf: text('report_findings_as_of'),
    reportFindingsUntil: text('report_findings_until'),
    todoFindings: text('todo_findings'),
    /** A candidate created by mistake: out of every list, count and bundle, its history kept. */
    ...voidColumns,
  },
  (t) => [
    index('candidates_unit_sort').on(t.unitCode, t.sortKey),
    // A committee lists the people of all its units in name order, a page at a time.
    index('candidates_sort').on(t.sortKey),
    index('candidates_unit_stage').on(t.unitCode, t.stage),
    index('candidates_identity').on(t.unitCode, t.searchKey, t.birthDate),
    // Voided candidates are few; the to-do list kept in memory looks them up on every page to drop them.
    index('candidates_voided').on(t.unitCode).where(sql`${t.voidedAt} IS NOT NULL`),
    // Everything the to-do list needs of a live candidate but the messages, so building it never reads the table.
    index('candidates_todo')
      .on(t.unitCode, t.id, t.fullName, t.stage, t.reportFindingsAsOf, t.reportFindingsUntil, t.todoFindings)
      .where(sql`${t.voidedAt} IS NULL`),
  ],
);
