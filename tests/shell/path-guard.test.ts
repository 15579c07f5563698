import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { createDispatcher, type Dispatch } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { DialogGrants, filesFolderPolicy, guardPaths, PATH_FIELDS } from '../../electron/ipc/path-guard';
import { invoke } from '../../electron/ipc-contract';
import { dialogPorts } from '../../electron/main/dialogs';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const PASSPHRASE = 'mat-khau-dai-1';
const UNIT = { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' };

/** A stand-in for Electron's dialog module: each call returns what `picks` holds at that moment. */
function fakeDialog(picks: { save?: string; open?: string[] }) {
  return {
    showSaveDialog: async () => ({ canceled: !picks.save, filePath: picks.save ?? '' }),
    showOpenDialog: async () => ({ canceled: !picks.open, filePaths: picks.open ?? [] }),
  } as never;
}

describe('paths the main process accepts from the window', () => {
  let dataDir: string;
  let documents: string;
  let picks: { save?: string; open?: string[] };
  let call: Dispatch;

  beforeEach(async () => {
    dataDir = tempDir();
    documents = tempDir();
    picks = {};
    const grants = new DialogGrants(dataDir);
    const session = new Session({ dataDir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    const dispatch = createDispatcher(createHandlers(session, dialogPorts(fakeDialog(picks), documents, () => null, grants)), () => {});
    call = guardPaths(dispatch, grants.policy);
    const setup = await call('session:setup', { unit: UNIT, passphrase: PASSPHRASE });
    if (!setup.ok) {
      throw new Error(setup.error.message);
    }
  });

  it('refuses a forged write over the key file, even when a dialog returned that path, and leaves the key intact', async () => {
    const keyFile = join(dataDir, 'ptdv.db.key');
    const before = readFileSync(keyFile);
    const forged = await call('backup:create', { path: keyFile });
    expect(forged).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('thư mục dữ liệu') } });

    picks.save = keyFile;
    expect(await call('system:choose-path', { mode: 'save', title: 'Lưu', defaultName: 'x' })).toMatchObject({ ok: true, value: keyFile });
    for (const [channel, input] of [
      ['backup:create', { path: keyFile }],
      ['keys:export-trust', { path: keyFile }],
      ['reports:export', { period: '2026', format: 'xlsx', path: keyFile }],
      ['bundles:export', { label: '2026Q4', path: dataDir }],
    ] as const) {
      expect(await call(channel, input)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(readFileSync(keyFile)).toEqual(before);
  });

  it('refuses to read a file no dialog returned, and reads one the user picked', async () => {
    const secret = join(tempDir(), 'bi-mat.json');
    writeFileSync(secret, JSON.stringify({ khong: 'duoc doc' }));
    for (const [channel, input] of [
      ['rules:import-rulebook', { path: secret }],
      ['bundles:verify', { paths: [secret] }],
      ['bundles:import', { paths: [secret] }],
      ['directives:import', { paths: [secret] }],
      ['enrol:accept', { path: secret }],
      ['enrol:request', { trustPath: secret, path: documents }],
    ] as const) {
      const result = await call(channel, input);
      expect({ channel, result }).toMatchObject({ channel, result: { ok: false, error: { kind: 'forbidden', message: expect.stringContaining('chọn lại') } } });
    }

    picks.open = [secret];
    expect(await call('system:choose-path', { mode: 'open', title: 'Mở', defaultName: 'x' })).toMatchObject({ ok: true, value: secret });
    // Now it reaches the handler, which reads it and says it is no rulebook: the path itself was accepted.
    const read = await call('rules:import-rulebook', { path: secret });
    expect(read).toMatchObject({ ok: false });
    expect(read).not.toMatchObject({ error: { kind: 'forbidden' } });
    // A file picked for reading is not thereby writable.
    expect(await call('backup:create', { path: secret })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('writes where the user chose to save, also when the same path is used again', async () => {
    const target = join(documents, 'sao-luu.ptdvbak');
    picks.save = target;
    expect(await call('system:choose-path', { mode: 'save', title: 'Lưu', defaultName: 'sao-luu.ptdvbak' })).toMatchObject({ ok: true });
    expect(await call('backup:create', { path: target })).toMatchObject({ ok: true, value: { path: target } });
    expect(readFileSync(target).length).toBeGreaterThan(0);
    // A sibling of the chosen file was not chosen.
    expect(await call('backup:create', { path: join(documents, 'khac.ptdvbak') })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('sees through a link into the data folder', async () => {
    const link = join(documents, 'trong-suot');
    symlinkSync(dataDir, link);
    picks.save = join(link, 'ptdv.db.key');
    await call('system:choose-path', { mode: 'save', title: 'Lưu', defaultName: 'x' });
    expect(await call('backup:create', { path: picks.save })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('guards every path field the contract has', () => {
    const inContract = Object.entries(invoke)
      .flatMap(([channel, spec]) => Object.keys((spec.input as unknown as { shape?: object }).shape ?? {}).filter((k) => /path/i.test(k)).map((k) => `${channel}.${k}`))
      .sort();
    const guarded = Object.entries(PATH_FIELDS)
      .flatMap(([channel, fields]) => [...(fields?.read ?? []), ...(fields?.write ?? [])].map((k) => `${channel}.${k}`))
      .sort();
    expect(inContract.length).toBeGreaterThan(15);
    expect(guarded).toEqual(inContract);
  });
});

describe("the web host's files-folder rule", () => {
  it('lets calls use files in the files folder only', async () => {
    const data = tempDir();
    const files = join(data, 'files');
    mkdirSync(files);
    const seen: string[] = [];
    const dispatch = guardPaths(async (channel) => (seen.push(channel), { ok: true, value: null }), filesFolderPolicy(files));
    expect(await dispatch('backup:create', { path: join(files, 'sao-luu.ptdvbak') })).toEqual({ ok: true, value: null });
    expect(await dispatch('bundles:export', { label: '2026Q4', path: files })).toEqual({ ok: true, value: null });
    for (const path of [join(data, 'ptdv.db.key'), join(files, '..', 'ptdv.db.key'), '/etc/passwd', 'ptdv.db.key']) {
      expect(await dispatch('backup:create', { path })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(await dispatch('bundles:import', { paths: [join(files, 'a.ptdv'), path] })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(seen).toEqual(['backup:create', 'bundles:export']);
  });
});
