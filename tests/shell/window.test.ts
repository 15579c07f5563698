import { describe, expect, it, vi } from 'vitest';
import {
  denyAllPermissions,
  hardenContents,
  windowOptions,
  type GuardedContents,
  type PermissionSession,
} from '../../electron/main/window';

type Listener = (event: { url?: string; preventDefault(): void }, ...rest: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: Parameters<GuardedContents['setWindowOpenHandler']>[0] | null = null;
  const contents: GuardedContents = {
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  /** Emits an event the way Electron does and reports whether some listener cancelled it. */
  const emit = (name: string, url?: string, ...legacy: unknown[]): boolean => {
    let prevented = false;
    const event = { url, preventDefault: () => (prevented = true) };
    for (const listener of listeners.get(name) ?? []) {
      listener(event, ...legacy);
    }
    return prevented;
  };
  const open = (url: string) => openHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } } as never);
  return { contents, emit, open, listeners };
}

describe('window options', () => {
  it('isolate the page from Node and Electron and load our preload', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs', { devTools: false }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('keep developer tools for development builds only', () => {
    expect(windowOptions('p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('navigation and window guards', () => {
  it('cancel navigation, frame navigation and redirects away from the app', () => {
    const { contents, emit } = fakeContents();
    hardenContents(contents, vi.fn<(url: string) => void>());
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(emit(event, 'https://evil.example/')).toBe(true);
      expect(emit(event, 'file:///etc/passwd')).toBe(true);
      expect(emit(event, 'app://ptdv/ung-vien')).toBe(false);
    }
  });

  it('also read the URL from the older positional argument', () => {
    const { contents, emit } = fakeContents();
    hardenContents(contents, vi.fn<(url: string) => void>());
    expect(emit('will-navigate', undefined, 'https://evil.example/')).toBe(true);
    expect(emit('will-navigate', undefined, 'app://ptdv/')).toBe(false);
  });

  it('refuse every webview', () => {
    const { contents, emit } = fakeContents();
    hardenContents(contents, vi.fn<(url: string) => void>());
    expect(emit('will-attach-webview', 'app://ptdv/')).toBe(true);
  });

  it('deny every new window and open no outside page while the allow-list is empty', () => {
    const { contents, open } = fakeContents();
    const openExternal = vi.fn<(url: string) => void>();
    hardenContents(contents, openExternal);
    for (const url of ['app://ptdv/', 'https://thuvienphapluat.vn/', 'https://evil.example/', 'javascript:alert(1)']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('permissions', () => {
  it('refuse every request, every check and every device', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
    let device: Parameters<PermissionSession['setDevicePermissionHandler']>[0] | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    expect(device?.({ deviceType: 'usb', origin: 'app://ptdv' })).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn<(granted: boolean) => void>();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check?.({}, permission)).toBe(false);
    }
  });
});
