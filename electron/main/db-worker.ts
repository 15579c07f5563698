import type { MessagePort } from 'node:worker_threads';
import { fixedClock, systemClock } from '../core/ports';
import { Session } from '../core/services/session';
import { describeError } from './log';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers, type HostPorts } from '../ipc/handlers';
import type { FromWorker, PortName, ToWorker, WorkerConfig } from './db-host';

type Port = Pick<MessagePort, 'on' | 'postMessage'>;

/** The worker's side of electron/main/db-host.ts: one Session and the shared dispatcher; ports are asked of main. */
export function runDbWorker(port: Port, config: WorkerConfig): void {
  const post = (message: FromWorker) => port.postMessage(message);
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  const askMain = <T>(name: PortName, input: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      post({ type: 'port', id, name, input });
    });

  const ports: HostPorts = {
    choosePath: (input) => askMain('choosePath', input),
    chooseFiles: (input) => askMain('chooseFiles', input),
    chooseFolder: (input) => askMain('chooseFolder', input),
    ...(config.hasPdf
      ? { pdf: { htmlToPdf: async (html: string) => Buffer.from(await askMain<Uint8Array>('htmlToPdf', html)) } }
      : {}),
  };
  const session = new Session({
    dataDir: config.dataDir,
    migrationsDir: config.migrationsDir,
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
    clock: config.today ? fixedClock(config.today) : systemClock,
    ...(config.today ? { fixedToday: config.today } : {}),
    actor: config.actor ?? 'desktop',
  });
  const dispatch = createDispatcher(createHandlers(session, ports), (err) => post({ type: 'log', message: describeError(err) }));

  port.on('message', (message: ToWorker) => {
    if (message.type === 'call') {
      void dispatch(message.channel, message.raw).then((result) => post({ type: 'result', id: message.id, result }));
    } else if (message.type === 'port-result') {
      const waiter = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.ok) {
        waiter?.resolve(message.value);
      } else {
        waiter?.reject(new Error(message.message));
      }
    } else {
      session.close();
      post({ type: 'closed' });
    }
  });
}
