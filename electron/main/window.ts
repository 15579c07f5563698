import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { isAllowedExternalUrl, isTrustedUrl } from './trusted-url';

/**
 * Window settings from Electron's security checklist. The renderer gets no Node, runs sandboxed in its own world,
 * and reaches main only through the preload's `window.ptdv.invoke`.
 */
export function windowOptions(preloadPath: string, options: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'ptdv',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  };
}

type PreventableEvent = { url?: string; preventDefault(): void };

/** The part of WebContents the guards use; a structural type so tests drive the guards with a fake. */
export type GuardedContents = {
  on(event: string, listener: (event: PreventableEvent, ...rest: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
};

/** Links the user may follow leave the app for their browser; no page ever opens a window of ours. */
export function windowOpenHandler(openExternal: (url: string) => void) {
  return ({ url }: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url);
    }
    return { action: 'deny' };
  };
}

/** Cancels any navigation, redirect or frame navigation away from the app's own pages. */
export function denyUntrustedNavigation(event: PreventableEvent, legacyUrl?: unknown): void {
  const url = event.url ?? (typeof legacyUrl === 'string' ? legacyUrl : '');
  if (!isTrustedUrl(url)) {
    event.preventDefault();
  }
}

/** Attaches the navigation, new-window and webview guards to a window's contents (any window, present or future). */
export function hardenContents(contents: GuardedContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', denyUntrustedNavigation);
  contents.on('will-frame-navigate', denyUntrustedNavigation);
  contents.on('will-redirect', denyUntrustedNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(openExternal));
}

/** The part of Electron's Session the permission policy uses. */
export type PermissionSession = {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
};

/** ptdv needs no camera, microphone, location, notifications, clipboard-read or USB/serial/HID device: all refused. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
