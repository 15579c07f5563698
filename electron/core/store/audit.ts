import type { DbOrTx } from '../../../db/types';
import { auditLog } from '../../../db/schema/index';

/** The audit log: who did what, when; rows are only ever appended. */

export type AuditEntry = { at: string; actor: string; action: string; entity: string; entityId: string | null; detail: unknown };

export function insertAudit(tx: DbOrTx, entry: AuditEntry): void {
  tx.insert(auditLog).values({ ...entry, detail: entry.detail ?? null }).run();
}
