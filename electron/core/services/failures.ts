import { z } from 'zod';
import { DbError, storageError } from '../../../db/errors';
import { AppError, describeInputIssues, fieldProblems } from '../errors';

/**
 * What the shells show for anything a use case throws: its AppError; for a schema that refused an input deep in a
 * use case, the same Vietnamese validation message a checked input gets; a refusal of db/ (DbError) as db/ wrote it;
 * a storage failure the user can act on in Vietnamese (storageError); null for a real bug. It lives beside the use
 * cases, not in core/errors, because it knows db/'s errors and core/errors is shared with the pure code and the
 * renderer, which never reach db/.
 */
export function asAppError(err: unknown): AppError | null {
  if (err instanceof AppError) {
    return err;
  }
  if (err instanceof z.ZodError) {
    return new AppError('validation', describeInputIssues(err.issues), undefined, fieldProblems(err.issues));
  }
  const refused = err instanceof DbError ? err : storageError(err);
  return refused && new AppError(refused.kind, refused.message, refused.code);
}
