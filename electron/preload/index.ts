import { contextBridge, ipcRenderer } from 'electron';
import { isInvokeChannel, type Api, type Failure } from '../ipc-contract';

/**
 * The whole bridge between the page and main: `window.ptdv.invoke(channel, input)`. Only contract channels pass;
 * the page never sees ipcRenderer or its events. Main checks the sender and validates the input again, so this
 * list is a convenience for honest callers, not the security boundary.
 */

function refused(channel: string): Failure {
  return { ok: false, error: { kind: 'forbidden', message: `Kênh không hợp lệ: ${channel}` } };
}

const api = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !isInvokeChannel(channel)) {
      return Promise.resolve(refused(String(channel)));
    }
    return ipcRenderer.invoke(channel, input);
  },
} satisfies Api;

contextBridge.exposeInMainWorld('ptdv', api);
