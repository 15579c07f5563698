import { describeInputIssues, fieldProblems, type FieldProblem } from '../core/errors';
import { asAppError } from '../core/services/failures';
import { invoke, isInvokeChannel, type Failure, type InvokeChannel, type Output, type Result } from '../ipc-contract';
import type { z } from 'zod';

export type Handlers = {
  [C in InvokeChannel]: (input: z.output<(typeof invoke)[C]['input']>) => Output<C> | Promise<Output<C>>;
};

export type Dispatch = (channel: string, raw: unknown) => Promise<Result<unknown>>;

function fail(kind: Failure['error']['kind'], message: string, code?: string, fields: readonly FieldProblem[] = []): Failure {
  return { ok: false, error: { kind, message, ...(code ? { code } : {}), ...(fields.length > 0 ? { fields: [...fields] } : {}) } };
}

/** Turns anything thrown into the envelope; unexpected errors are logged for us and shown to the user in Vietnamese. */
export function toFailure(err: unknown, log: (e: unknown) => void = console.error): Failure {
  const known = asAppError(err);
  if (known) {
    return fail(known.kind, known.message, known.code, known.fields);
  }
  log(err);
  return fail('internal', 'Đã xảy ra lỗi không mong đợi; dữ liệu không bị thay đổi. Hãy thử lại hoặc báo cho người hỗ trợ.');
}

/**
 * The one dispatcher both transports use: unknown channel → forbidden, input checked against the contract,
 * handler run, output checked against the contract (a drift between service and contract is a bug to catch).
 */
export function createDispatcher(handlers: Handlers, log?: (e: unknown) => void): Dispatch {
  return async (channel, raw) => {
    if (!isInvokeChannel(channel)) {
      return fail('forbidden', `Kênh không hợp lệ: ${channel}`);
    }
    const spec = invoke[channel];
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) {
      return fail('validation', `Dữ liệu nhập không hợp lệ — ${describeInputIssues(parsed.error.issues)}`, undefined, fieldProblems(parsed.error.issues));
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        return toFailure(new Error(`output of ${channel} breaks the contract: ${describeInputIssues(checked.error.issues)}`), log);
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      return toFailure(err, log);
    }
  };
}
