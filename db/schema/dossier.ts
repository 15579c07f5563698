import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { candidates, members, voidColumns } from './people';

/**
 * A candidate's dated events, append-only (triggers refuse UPDATE and DELETE). A wrong event is voided by a later
 * row of type 'VOID' whose `voidsId` names it; `seq` keeps the order in which events were recorded.
 */
export const candidateEvents = sqliteTable(
  'candidate_events',
  {
    id: text('id').primaryKey(),
    candidateId: text('candidate_id')
      .notNull()
      .references(() => candidates.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    date: text('date').notNull(),
    /** Event-specific fields of the ptdv.dossier/1 event (yes, eligible, number, received…), as JSON. */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    voidsId: text('voids_id'),
    reason: text('reason'),
    author: text('author').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('events_candidate').on(t.candidateId, t.seq)],
);

/**
 * Documents of the candidate's file (forms 1…16-KNĐ, TTLL, HSĐV…) with dates and signers. A wrong one is voided
 * (`voidedAt`, never deleted) and a correction is a new row, so the history stays (docs/corrections.md).
 */
export const dossierItems = sqliteTable(
  'dossier_items',
  {
    id: text('id').primaryKey(),
    candidateId: text('candidate_id')
      .notNull()
      .references(() => candidates.id),
    form: text('form').notNull(),
    date: text('date').notNull(),
    signer: text('signer'),
    issuer: text('issuer'),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    ...voidColumns,
  },
  (t) => [index('dossier_items_candidate').on(t.candidateId)],
);

/** Introducers (người giới thiệu); `memberId` links to the roster when the introducer is a member of this unit. */
export const introducers = sqliteTable(
  'introducers',
  {
    id: text('id').primaryKey(),
    candidateId: text('candidate_id')
      .notNull()
      .references(() => candidates.id),
    memberId: text('member_id').references(() => members.id),
    name: text('name').notNull(),
    fullMemberSince: text('full_member_since'),
    workedTogetherSince: text('worked_together_since'),
    replacement: integer('replacement', { mode: 'boolean' }).notNull().default(false),
    letterDate: text('letter_date'),
    ...voidColumns,
  },
  // The member index lets a mirror's members be deleted without scanning every introducer for the foreign key.
  (t) => [index('introducers_candidate').on(t.candidateId), index('introducers_member').on(t.memberId)],
);

/** Mentor assignments; ending one sets `toDate`, so the history stays. A wrong one is voided, never deleted. */
export const mentorAssignments = sqliteTable(
  'mentor_assignments',
  {
    id: text('id').primaryKey(),
    candidateId: text('candidate_id')
      .notNull()
      .references(() => candidates.id),
    memberId: text('member_id').references(() => members.id),
    mentorName: text('mentor_name').notNull(),
    role: text('role', { enum: ['pre-admission', 'probation'] }).notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    createdAt: text('created_at').notNull(),
    ...voidColumns,
  },
  (t) => [index('mentors_candidate').on(t.candidateId), index('mentors_member').on(t.memberId)],
);
