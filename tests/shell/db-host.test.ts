import { describe, expect, it } from 'vitest';
import { startDbHost, type FromWorker, type ToWorker, type WorkerLike } from '../../electron/main/db-host';
import { createLog } from '../../electron/main/log';
import { tempDir } from '../helpers/temp';

/** A worker stand-in: the test plays the worker's side of the messages. */
function fakeWorker() {
  const listeners: Record<string, ((arg: never) => void)[]> = {};
  const received: ToWorker[] = [];
  const worker: WorkerLike = {
    postMessage: (message) => void received.push(message),
    on: ((event: string, listener: (arg: never) => void) => void (listeners[event] ??= []).push(listener)) as WorkerLike['on'],
    terminate: async () => 0,
  };
  const send = (message: FromWorker) => listeners.message?.forEach((l) => l(message as never));
  const exit = (code: number) => listeners.exit?.forEach((l) => l(code as never));
  return { worker, received, send, exit };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the database worker host', () => {
  it('forwards calls and answers the dialogs the worker asks main for', async () => {
    const fake = fakeWorker();
    const host = startDbHost(() => fake.worker, { choosePath: async (input) => `/tai-lieu/${input.defaultName}` }, createLog(tempDir()));
    const result = host.dispatch('session:get-status', {});
    expect(fake.received).toEqual([{ type: 'call', id: 1, channel: 'session:get-status', raw: {} }]);

    fake.send({ type: 'port', id: 7, name: 'choosePath', input: { mode: 'save', title: 'Lưu', defaultName: 'a.xlsx' } });
    await settle();
    expect(fake.received[1]).toEqual({ type: 'port-result', id: 7, ok: true, value: '/tai-lieu/a.xlsx' });

    fake.send({ type: 'result', id: 1, result: { ok: true, value: { state: 'locked' } } });
    await expect(result).resolves.toEqual({ ok: true, value: { state: 'locked' } });
  });

  it('fails the calls in flight in Vietnamese when the worker dies, and starts a new one for the next call', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    let spawned = 0;
    const log = createLog(tempDir());
    const host = startDbHost(() => workers[spawned++]!.worker, { choosePath: async () => null }, log);
    const lost = host.dispatch('bundles:import', { paths: ['/a.ptdv'] });
    workers[0]!.exit(1);
    await expect(lost).resolves.toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringContaining('mở khóa lại') } });

    const next = host.dispatch('session:get-status', {});
    expect(spawned).toBe(2);
    workers[1]!.send({ type: 'result', id: 2, result: { ok: true, value: null } });
    await expect(next).resolves.toEqual({ ok: true, value: null });
  });
});
