import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { mentorAssignments } from '../../../db/schema/index';

/** Mentor assignments as stored: who helps a candidate, in which role, from when to when. */

export type MentorRow = typeof mentorAssignments.$inferSelect;
export type MentorRole = MentorRow['role'];

export function mentorRow(db: DbOrTx, id: string): MentorRow | undefined {
  return db.select().from(mentorAssignments).where(eq(mentorAssignments.id, id)).get();
}

/** Ends the candidate's open assignment of `role` (if any) on `day`. */
export function endOpenAssignment(tx: DbOrTx, candidateId: string, role: MentorRole, day: string): void {
  tx.update(mentorAssignments)
    .set({ toDate: day })
    .where(and(eq(mentorAssignments.candidateId, candidateId), eq(mentorAssignments.role, role), isNull(mentorAssignments.toDate), isNull(mentorAssignments.voidedAt)))
    .run();
}

export function insertAssignment(tx: DbOrTx, row: Omit<typeof mentorAssignments.$inferInsert, 'toDate'>): void {
  tx.insert(mentorAssignments).values({ ...row, toDate: null }).run();
}

export function endAssignment(tx: DbOrTx, id: string, day: string): void {
  tx.update(mentorAssignments).set({ toDate: day }).where(eq(mentorAssignments.id, id)).run();
}
