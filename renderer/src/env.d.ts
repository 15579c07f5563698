/// <reference types="vite/client" />
import type { Api } from '../../electron/ipc-contract';

declare global {
  // Set by the Electron preload; absent in a browser, where the HTTP transport is used instead.
  var ptdv: Api | undefined;
}
