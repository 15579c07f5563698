import { describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { createDispatcher, type Dispatch } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { invoke } from '../../electron/ipc-contract';
import { isTrustedSender, registerIpc, type IpcMainLike, type SenderEvent } from '../../electron/main/ipc';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

type Listener = (event: SenderEvent, raw: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) {
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      }
      handlers.set(channel, listener);
    },
  };
  const call = (channel: string, raw: unknown, event: SenderEvent = fromApp()) => {
    const listener = handlers.get(channel);
    if (!listener) {
      throw new Error(`No handler registered for '${channel}'`);
    }
    return listener(event, raw);
  };
  return { ipc, handlers, call };
}

function fromApp(url = 'app://ptdv/'): SenderEvent {
  return { senderFrame: { url, parent: null } };
}

function realDispatch(): Dispatch {
  const session = new Session({ dataDir: tempDir(), migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
  return createDispatcher(createHandlers(session, { choosePath: async () => null }), () => {});
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel', () => {
    const { ipc, handlers } = fakeIpcMain();
    const registered = registerIpc(ipc, vi.fn<Dispatch>(), isTrustedSender);
    expect([...handlers.keys()].sort()).toEqual(Object.keys(invoke).sort());
    expect(registered.sort()).toEqual(Object.keys(invoke).sort());
  });

  it.each<[string, SenderEvent]>([
    ['another origin', fromApp('https://evil.example/')],
    ['a file page', fromApp('file:///tmp/x.html')],
    ['a sub-frame of the app', { senderFrame: { url: 'app://ptdv/', parent: {} } }],
    ['a frame that is gone', { senderFrame: null }],
  ])('refuses calls from %s without running the handler', async (_name, event) => {
    const dispatch = vi.fn<Dispatch>();
    const { ipc, call } = fakeIpcMain();
    registerIpc(ipc, dispatch, isTrustedSender);
    const result = await call('session:get-status', {}, event);
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns bad input into a validation envelope in Vietnamese', async () => {
    const { ipc, call } = fakeIpcMain();
    registerIpc(ipc, realDispatch(), isTrustedSender);
    const result = await call('session:setup', { unit: { code: 'CB 014', name: 'X', level: 'to-dan-pho' }, passphrase: 'ngan' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect((result as { error: { message: string } }).error.message).toContain('mật khẩu cần ít nhất 10 ký tự');
    expect(await call('members:list', { query: 'x', extra: 1 })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('carries a real round trip: setup, add a member, lock, refuse while locked, unlock, read back', async () => {
    const { ipc, call } = fakeIpcMain();
    registerIpc(ipc, realDispatch(), isTrustedSender);
    expect(await call('session:get-status', {})).toMatchObject({ ok: true, value: { state: 'no-database' } });

    const unit = { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' };
    const setup = await call('session:setup', { unit, passphrase: 'mat-khau-dai-1' });
    expect(setup).toMatchObject({ ok: true, value: { unit: { code: 'CB014', name: 'Chi bộ Kỹ thuật' } } });

    const member = { fullName: 'Nguyễn Thị Lan', status: 'chinh-thuc', joinedOn: '2015-05-19', fullMemberSince: '2016-05-19' };
    expect(await call('members:create', member)).toMatchObject({ ok: true, value: { fullName: 'Nguyễn Thị Lan' } });
    expect(await call('session:lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await call('members:list', {})).toMatchObject({ ok: false, error: { kind: 'locked' } });
    expect(await call('session:unlock', { secret: 'sai-mat-khau' })).toMatchObject({ ok: false });
    expect(await call('session:unlock', { secret: 'mat-khau-dai-1' })).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    const list = await call('members:list', { query: 'nguyen thi lan' });
    expect(list).toMatchObject({ ok: true, value: [{ fullName: 'Nguyễn Thị Lan', status: 'chinh-thuc' }] });
  });
});
