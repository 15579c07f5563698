import type { FieldProblem } from '../../electron/core/errors';
import type { Api, ErrorKind, Failure, Input, InvokeChannel, Output, Result } from '../../electron/ipc-contract';

/** An error the user can read: always a Vietnamese sentence, never a stack trace; `fields`, the inputs it is about. */
export class UiError extends Error {
  readonly kind: ErrorKind;
  readonly code: string | undefined;
  readonly fields: readonly FieldProblem[];

  constructor(kind: ErrorKind, message: string, code?: string, fields: readonly FieldProblem[] = []) {
    super(message);
    this.name = 'UiError';
    this.kind = kind;
    this.code = code;
    this.fields = fields;
  }
}

const TOKEN_KEY = 'ptdv.token';
const OFFLINE = 'Không kết nối được với ptdv. Hãy kiểm tra chương trình còn đang chạy rồi tải lại trang.';
const UNEXPECTED = 'Đã xảy ra lỗi không mong đợi; dữ liệu không bị thay đổi. Hãy thử lại.';

function failure(kind: ErrorKind, message: string): Failure {
  return { ok: false, error: { kind, message } };
}

/**
 * Moves the web host's per-run token from the address bar into sessionStorage, so it does not stay visible, in
 * history or in screenshots, and so the hash is free for routing. Call once before the app renders.
 */
export function captureToken(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) {
    return;
  }
  window.sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
}

const httpTransport: Api = {
  async invoke<C extends InvokeChannel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    let response: Response;
    try {
      response = await fetch(`./api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ptdv-token': window.sessionStorage.getItem(TOKEN_KEY) ?? '' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return failure('internal', OFFLINE);
    }
    try {
      return (await response.json()) as Result<Output<C>>;
    } catch {
      return failure('internal', UNEXPECTED);
    }
  },
};

function transport(): Api {
  return globalThis.ptdv ?? httpTransport;
}

type LockListener = () => void;
const lockListeners = new Set<LockListener>();

/** Called when a call finds the database locked (another window locked it, or the host restarted). */
export function onLocked(listener: LockListener): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/** Calls a contract channel and returns its value; failures throw a UiError with the service's Vietnamese message. */
export async function call<C extends InvokeChannel>(channel: C, input: Input<C>): Promise<Output<C>> {
  let result: Result<Output<C>>;
  try {
    result = await transport().invoke(channel, input);
  } catch {
    throw new UiError('internal', OFFLINE);
  }
  if (result.ok) {
    return result.value;
  }
  const { kind, message, code, fields } = result.error;
  if (kind === 'locked' && code !== 'WRONG_PASSPHRASE') {
    lockListeners.forEach((listener) => listener());
  }
  throw new UiError(kind, message || UNEXPECTED, code, fields);
}

/** The message to show for anything caught in the UI. */
export function errorMessage(err: unknown): string {
  return err instanceof UiError ? err.message : UNEXPECTED;
}
