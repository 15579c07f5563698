import { useCallback, useState } from 'react';
import type { Input, InvokeChannel, Output } from '../../../electron/ipc-contract';
import { call } from '../api';

export type OperationProgress = NonNullable<Output<'progress:get'>>;

/** Channels that report their progress under the id the screen gives them. */
type Tracked = { [C in InvokeChannel]: Input<C> extends { progressId?: string } ? C : never }[InvokeChannel];

/** How often the screen asks how far an operation is: often enough for a moving bar, rare enough to cost nothing. */
const POLL_MS = 100;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a long call and follows its progress: the service records each step under an id chosen here, and the
 * screen asks progress:get for it while the call runs (the same over HTTP and Electron IPC). `progress` is the latest
 * step, null before the first and after the end.
 */
export function useProgressCall() {
  const [progress, setProgress] = useState<OperationProgress | null>(null);
  const run = useCallback(async <C extends Tracked>(channel: C, input: Omit<Input<C>, 'progressId'>): Promise<Output<C>> => {
    const id = crypto.randomUUID();
    let running = true;
    const follow = async () => {
      while (running) {
        await wait(POLL_MS);
        try {
          const latest = await call('progress:get', { id });
          if (running && latest) {
            setProgress(latest);
          }
        } catch {
          // A failed look at the progress is no failure of the operation; the next look may work.
        }
      }
    };
    void follow();
    try {
      return await call(channel, { ...input, progressId: id } as Input<C>);
    } finally {
      running = false;
      setProgress(null);
    }
  }, []);
  return { progress, run };
}
