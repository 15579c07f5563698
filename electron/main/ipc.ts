import type { Dispatch } from '../ipc/dispatcher';
import { invoke, type Failure, type InvokeChannel } from '../ipc-contract';
import { isTrustedUrl } from './trusted-url';

/** What main needs to know about who sent a call: the frame, gone (null) once it navigated or closed. */
export type SenderEvent = { senderFrame: { url: string; parent: unknown } | null };

/** The one method of Electron's ipcMain used here; tests pass a recorder. */
export type IpcMainLike = {
  handle(channel: string, listener: (event: SenderEvent, raw: unknown) => Promise<unknown>): void;
};

const UNTRUSTED: Failure = {
  ok: false,
  error: { kind: 'forbidden', message: 'Yêu cầu không đến từ cửa sổ của ptdv nên đã bị từ chối.' },
};

/** Calls come only from the top frame of the app's own page; a sub-frame or a navigated-away page is refused. */
export function isTrustedSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrustedUrl(frame.url);
}

/**
 * One `ipcMain.handle` per contract channel, so no channel exists without a schema. The dispatcher validates the
 * input and returns the result envelope; errors never cross IPC as thrown objects. Returns the channels registered.
 */
export function registerIpc(ipc: IpcMainLike, dispatch: Dispatch, isTrusted: (event: SenderEvent) => boolean): InvokeChannel[] {
  const channels = Object.keys(invoke) as InvokeChannel[];
  for (const channel of channels) {
    ipc.handle(channel, async (event, raw) => (isTrusted(event) ? dispatch(channel, raw) : UNTRUSTED));
  }
  return channels;
}
