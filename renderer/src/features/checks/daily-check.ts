import { useEffect, useState } from 'react';
import { call } from '../../api';
import { checksChanged } from './attention';

export type CheckProgress = { asOf: string; done: number; total: number };

let progress: CheckProgress | null = null;
let running: Promise<void> | null = null;
const listeners = new Set<(p: CheckProgress | null) => void>();

function publish(p: CheckProgress | null): void {
  progress = p;
  listeners.forEach((listener) => listener(p));
}

/**
 * The day's re-evaluation of every candidate's findings, a step per call so the database answers the screens between
 * steps (the candidate list does not wait for 50,000 dossiers). Started after unlock by the navigation badge; every
 * screen that needs today's findings waits on the same run. Resolves once every candidate has today's findings, or
 * the run failed (the screen's own call then reports the error).
 */
export function dailyCheck(): Promise<void> {
  running ??= (async () => {
    let worked = false;
    try {
      for (;;) {
        const step = await call('checks:refresh-step', {});
        publish(step);
        if (step.done >= step.total) {
          break;
        }
        worked = true;
      }
    } catch {
      publish(null);
    } finally {
      running = null;
    }
    if (worked) {
      checksChanged();
    }
  })();
  return running;
}

/** How far the day's re-evaluation is, null before the first step; re-renders as it moves. */
export function useCheckProgress(): CheckProgress | null {
  const [current, setCurrent] = useState(progress);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current;
}
