import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/ipc-contract';
import { tempDir } from '../helpers/temp';

const ROOT = resolve(import.meta.dirname, '../..');

function node(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
}

/** Every module a bundle requires at run time. */
function requires(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))].sort();
}

describe('npm start without an Electron binary', () => {
  it('explains in Vietnamese and English, points to npm run web, and exits 1 without building', () => {
    // Electron's own override variable, aimed at an empty folder: "the binary is missing" on any machine.
    const result = node(['build/scripts/start.mjs'], { ELECTRON_OVERRIDE_DIST_PATH: tempDir() });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('không chạy được Electron trên máy này');
    expect(result.stderr).toContain('Electron cannot run on this machine');
    expect(result.stderr).toContain('npm run web');
    expect(result.stdout).not.toMatch(/vite|built in/i);
  });
});

describe('build-main.mjs', () => {
  let app: string;
  let out: string;
  beforeAll(() => {
    // An app folder inside the project, so the bundles resolve node_modules exactly as out/ does, and main finds its
    // worker, preload and migrations under its own app path as in a development run, whether or not the checkout
    // has been built.
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    app = mkdtempSync(join(ROOT, '.cache', 'shell-test-'));
    out = join(app, 'out');
    symlinkSync(join(ROOT, 'migrations'), join(app, 'migrations'));
    const built = node(['build/scripts/build-main.mjs', '--outdir', out]);
    // esbuild warnings count as failures: one is how an import.meta left empty in CommonJS would show.
    if (built.status !== 0 || built.stderr !== '') {
      throw new Error(`build-main.mjs failed (exit ${built.status}):\n${built.stderr}`);
    }
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('bundles a CLI that runs on plain Node and prints Vietnamese help', () => {
    const result = node([join(out, 'main/cli.cjs'), '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('ptdv — phát triển đảng viên');
    expect(result.stdout).toContain('Cách dùng: ptdv <lệnh>');
  });

  it('bundles a CLI that finds the shipped migrations and creates an encrypted database', () => {
    const db = join(tempDir(), 'ptdv.db');
    const result = node([join(out, 'main/cli.cjs'), 'init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo'], {
      PTDV_PASSPHRASE: 'mat-khau-dai-1',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Chi bộ Kỹ thuật');
    expect(readFileSync(db).includes(Buffer.from('SQLite format 3'))).toBe(false);
  });

  it('wires the main process: scheme before ready, then IPC for every channel, protocol, permissions, menu, window', () => {
    const root = tempDir();
    const run = node([join(ROOT, 'tests/shell/fake-electron.cjs'), join(out, 'main/index.cjs'), root, '--app', app]);
    expect(run.stderr).toBe('');
    const seen = JSON.parse(run.stdout);
    expect(seen.beforeReady).toEqual({
      privileged: [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }],
      sandbox: true,
      protocols: 0,
      windows: 0,
    });
    expect(seen.channels.sort()).toEqual(Object.keys(invoke).sort());
    expect(seen.protocols).toEqual(['app']);
    expect(seen.permissions.sort()).toEqual(['check', 'device', 'request']);
    expect(seen.menu).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    expect(seen.events).toContain('web-contents-created');
    expect(seen.window.url).toBe('app://ptdv/');
    expect(seen.window.webPreferences).toMatchObject({ preload: join(app, 'out/preload/index.cjs'), sandbox: true, contextIsolation: true });
    // A development run keeps its data apart from the installed app's, in a folder of its own.
    expect(seen.status).toEqual({ ok: true, value: { state: 'no-database', unit: null, dataDir: join(root, 'appData', 'ptdv-dev', 'data') } });
    expect(seen.windowEvents).toEqual(['did-fail-load', 'did-finish-load', 'render-process-gone', 'responsive', 'unresponsive']);
    expect(seen.pageCsp).toContain("script-src 'self'");
  });

  it('leaves only electron and better-sqlite3 outside the main bundles (main and its database worker)', () => {
    const external = ['main/index.cjs', 'main/db-worker.cjs']
      .flatMap((file) => requires(readFileSync(join(out, file), 'utf8')))
      .filter((m, i, all) => !m.startsWith('node:') && !builtinModules.includes(m) && all.indexOf(m) === i)
      .sort();
    expect(external).toEqual(['better-sqlite3', 'electron']);
    // The window's thread never loads SQLite: only the worker does.
    expect(requires(readFileSync(join(out, 'main/index.cjs'), 'utf8'))).not.toContain('better-sqlite3');
  });

  it('makes a preload that needs nothing but electron, exposes only invoke, and passes only contract channels', async () => {
    const code = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    expect(requires(code)).toEqual(['electron']);

    const exposed: Record<string, unknown> = {};
    const sent: [string, unknown][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: async (channel: string, input: unknown) => (sent.push([channel, input]), { ok: true, value: null }) },
    };
    const sandboxRequire = (id: string) => {
      if (id !== 'electron') {
        throw new Error(`a sandboxed preload cannot require ${id}`);
      }
      return electron;
    };
    runInNewContext(code, { require: sandboxRequire, module: { exports: {} }, exports: {} });

    expect(Object.keys(exposed)).toEqual(['ptdv']);
    const api = exposed.ptdv as { invoke(channel: string, input: unknown): Promise<unknown> };
    expect(Object.keys(api)).toEqual(['invoke']);
    for (const channel of Object.keys(invoke)) {
      await expect(api.invoke(channel, {})).resolves.toEqual({ ok: true, value: null });
    }
    expect(sent.map(([channel]) => channel)).toEqual(Object.keys(invoke));

    sent.length = 0;
    for (const channel of ['shell:open-external', 'constructor', '__proto__', 'session:get-status ']) {
      await expect(api.invoke(channel, {})).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(sent).toEqual([]);
  });
});
