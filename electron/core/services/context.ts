import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '../../../db/types';
import { auditLog } from '../../../db/schema/index';
import type { Clock } from '../ports';

/** What every use-case receives: the open database, the clock and who is acting (for the audit log). */
export type ServiceContext = { db: Db; clock: Clock; actor: string };

export const newId = (): string => randomUUID();

/** Appends one audit entry in the caller's transaction. */
export function audit(
  tx: DbOrTx,
  ctx: ServiceContext,
  action: string,
  entity: string,
  entityId: string | null,
  detail?: unknown,
): void {
  tx.insert(auditLog).values({ at: ctx.clock.now(), actor: ctx.actor, action, entity, entityId, detail: detail ?? null }).run();
}
