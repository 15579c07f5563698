import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLog, type Log } from '../../electron/main/log';
import { bringToFront, installCrashHandlers, superviseWindow, type MessageBox } from '../../electron/main/recovery';
import { tempDir } from '../helpers/temp';

type Listener = (...args: never[]) => void;

/** A BrowserWindow stand-in that records what main did to it; `emit` plays Electron's events. */
function fakeWindow() {
  const listeners = new Map<string, Listener[]>();
  const state = { visible: false, minimized: false, destroyed: false, loads: 0, reloads: 0, crashedOnPurpose: 0, focused: 0, restored: 0 };
  let readyToShow: (() => void) | null = null;
  const win = {
    webContents: {
      on: (event: string, listener: Listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      reload: () => void state.reloads++,
      forcefullyCrashRenderer: () => void state.crashedOnPurpose++,
    },
    once: (_event: 'ready-to-show', listener: () => void) => void (readyToShow = listener),
    loadURL: async () => void state.loads++,
    show: () => void (state.visible = true),
    focus: () => void state.focused++,
    restore: () => void ((state.minimized = false), state.restored++),
    isVisible: () => state.visible,
    isMinimized: () => state.minimized,
    isDestroyed: () => state.destroyed,
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) {
      (listener as (...a: unknown[]) => void)({}, ...args);
    }
  };
  return { win, state, emit, paint: () => readyToShow?.() };
}

/** Timers run by hand, so no test depends on how fast the machine is. */
function manualTimers() {
  const queue: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const setTimer = (run: () => void, ms: number) => {
    const timer = { run, ms, cancelled: false };
    queue.push(timer);
    return () => void (timer.cancelled = true);
  };
  const fire = () => {
    for (const timer of queue.splice(0)) {
      if (!timer.cancelled) {
        timer.run();
      }
    }
  };
  return { setTimer, fire, queue };
}

function setup(answers: number[] = []) {
  const dir = tempDir();
  const log = createLog(dir);
  const boxes: MessageBox[] = [];
  const quits: number[] = [];
  const timers = manualTimers();
  const { win, state, emit, paint } = fakeWindow();
  superviseWindow(win, {
    log,
    url: 'app://ptdv/',
    setTimer: timers.setTimer,
    quit: () => void quits.push(1),
    ask: async (box) => (boxes.push(box), answers.shift() ?? box.cancelId ?? 0),
  });
  const logText = () => readFileSync(log.file, 'utf8');
  return { win, state, emit, paint, boxes, quits, timers, logText, log };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the main window', () => {
  it('is loaded, and shown at its first paint without waiting for the fallback', () => {
    const { state, paint, timers } = setup();
    expect(state.loads).toBe(1);
    expect(state.visible).toBe(false);
    paint();
    expect(state.visible).toBe(true);
    expect(timers.queue.every((t) => t.cancelled)).toBe(true);
  });

  it('is shown by the fallback timer when the first paint never comes, and the log says so', () => {
    const { state, timers, logText } = setup();
    expect(timers.queue.map((t) => t.ms)).toEqual([10_000]);
    timers.fire();
    expect(state.visible).toBe(true);
    expect(logText()).toMatch(/WARN no first paint/);
  });

  it('reloads a crashed renderer, shows the window and tells the user in Vietnamese', async () => {
    const { state, emit, boxes, logText } = setup();
    emit('render-process-gone', { reason: 'crashed', exitCode: 139 });
    expect(state.reloads).toBe(1);
    expect(state.visible).toBe(true);
    expect(boxes[0]?.message).toBe('Cửa sổ ptdv vừa gặp sự cố và đã được mở lại.');
    expect(logText()).toMatch(/ERROR renderer gone: crashed \(exit code 139\)/);
    emit('render-process-gone', { reason: 'clean-exit', exitCode: 0 });
    expect(state.reloads).toBe(1);
  });

  it('asks after repeated crashes: reopen or quit', async () => {
    const { state, emit, boxes, quits } = setup([0, 0, 0, 1]);
    for (let i = 0; i < 4; i++) {
      emit('render-process-gone', { reason: 'oom' });
    }
    await settle();
    expect(state.reloads).toBe(3);
    expect(boxes.at(-1)).toMatchObject({ message: 'Cửa sổ ptdv gặp sự cố nhiều lần.', buttons: ['Mở lại', 'Thoát ptdv'] });
    expect(quits).toEqual([1]);
  });

  it('offers to reload a hung renderer; reloading kills and restarts it without a crash notice', async () => {
    const { state, emit, boxes } = setup([1]);
    emit('unresponsive');
    emit('unresponsive');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ message: 'Cửa sổ ptdv đang không phản hồi.', buttons: ['Chờ thêm', 'Tải lại cửa sổ'] });
    await settle();
    expect(state.crashedOnPurpose).toBe(1);
    emit('render-process-gone', { reason: 'killed' });
    expect(state.reloads).toBe(1);
    expect(boxes).toHaveLength(1);
  });

  it('closes the hang question by itself when the renderer answers again', async () => {
    let signal: AbortSignal | undefined;
    const { win, emit } = fakeWindow();
    const log = createLog(tempDir());
    let answered: (n: number) => void = () => {};
    superviseWindow(win, {
      log,
      url: 'app://ptdv/',
      setTimer: () => () => {},
      quit: () => {},
      ask: (box) => {
        signal = box.signal;
        return new Promise((resolve) => (answered = resolve));
      },
    });
    emit('unresponsive');
    emit('responsive');
    expect(signal?.aborted).toBe(true);
    answered(0);
  });

  it('retries a failed load twice, then shows the window and asks: retry or quit', async () => {
    const { state, emit, timers, boxes, quits, logText } = setup([0, 1]);
    emit('did-fail-load', -3, 'ERR_ABORTED', 'app://ptdv/', true);
    emit('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', 'app://ptdv/x.js', false);
    expect(timers.queue.filter((t) => !t.cancelled && t.ms !== 10_000)).toHaveLength(0);

    emit('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', 'app://ptdv/', true);
    emit('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', 'app://ptdv/', true);
    expect(timers.queue.map((t) => t.ms)).toEqual([10_000, 1000, 2000]);
    timers.fire();
    expect(state.loads).toBe(3);
    expect(boxes).toHaveLength(0);

    emit('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', 'app://ptdv/', true);
    expect(state.visible).toBe(true);
    expect(boxes[0]).toMatchObject({ message: 'Không mở được giao diện của ptdv.', buttons: ['Thử lại', 'Thoát ptdv'] });
    await settle();
    expect(state.loads).toBe(4);
    emit('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', 'app://ptdv/', true);
    emit('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', 'app://ptdv/', true);
    emit('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', 'app://ptdv/', true);
    await settle();
    expect(quits).toEqual([1]);
    expect(logText()).toMatch(/ERROR load failed: ERR_FILE_NOT_FOUND \(-6\)/);
  });
});

describe('a second launch', () => {
  it('shows and focuses a window that never painted, restoring it if minimized', () => {
    const { win, state } = fakeWindow();
    state.minimized = true;
    let opened = 0;
    bringToFront(win, () => opened++);
    expect(state).toMatchObject({ visible: true, minimized: false, restored: 1, focused: 1 });
    expect(opened).toBe(0);
  });

  it('opens a new window when the old one is gone', () => {
    let opened = 0;
    bringToFront(null, () => opened++);
    const { win, state } = fakeWindow();
    state.destroyed = true;
    bringToFront(win, () => opened++);
    expect(opened).toBe(2);
  });
});

describe('uncaught errors in main', () => {
  function proc() {
    const handlers = new Map<string, (err: unknown) => void>();
    return { on: (event: string, listener: (err: unknown) => void) => handlers.set(event, listener), handlers };
  }

  it('log the error, show a Vietnamese dialog naming the log, and restart ptdv', () => {
    const p = proc();
    const log: Log = createLog(tempDir(), { home: '/home/lan' });
    const boxes: [string, string][] = [];
    let restarts = 0;
    installCrashHandlers(p, { log, errorBox: (t, c) => void boxes.push([t, c]), ask: async () => 0, restart: () => void restarts++ });
    p.handlers.get('uncaughtException')?.(new Error('hỏng ở /home/lan/Tài liệu/x'));
    expect(boxes[0]?.[1]).toContain('ptdv gặp lỗi không mong đợi và sẽ khởi động lại');
    expect(boxes[0]?.[1]).toContain(log.file);
    expect(restarts).toBe(1);
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/ERROR uncaught exception: Error: hỏng ở ~\/Tài liệu\/x/);
    expect(text).not.toContain('/home/lan');
  });

  it('log a rejected promise and tell the user once, without restarting', () => {
    const p = proc();
    const log = createLog(tempDir());
    const boxes: MessageBox[] = [];
    let restarts = 0;
    installCrashHandlers(p, { log, errorBox: () => {}, ask: async (b) => (boxes.push(b), 0), restart: () => void restarts++ });
    p.handlers.get('unhandledRejection')?.(new Error('a'));
    p.handlers.get('unhandledRejection')?.(new Error('b'));
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.message).toContain('lỗi không mong đợi');
    expect(restarts).toBe(0);
    expect(readFileSync(log.file, 'utf8').match(/unhandled rejection/g)).toHaveLength(2);
  });
});

describe('the log', () => {
  it('rotates by size and keeps a fixed number of old files', () => {
    const dir = tempDir();
    const log = createLog(dir, { maxBytes: 200, keep: 2, now: () => new Date('2026-12-04T08:00:00Z') });
    for (let i = 0; i < 20; i++) {
      log.info(`dòng số ${i} ${'x'.repeat(40)}`);
    }
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(200);
    }
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('2026-12-04T08:00:00.000Z INFO dòng số 19');
  });

  it('never throws, even where it cannot write', () => {
    const notAFolder = join(tempDir(), 'tep');
    writeFileSync(notAFolder, '');
    const log = createLog(join(notAFolder, 'logs'));
    expect(() => log.error('x', new Error('y'))).not.toThrow();
  });
});
