import { noProgress, type Progress, type ProgressSink } from '../core/progress';

/** More operations than a person runs at once; an id never finished (a lost call) is dropped with the oldest. */
const MAX_RUNNING = 32;

/**
 * The latest progress of each long operation running in this host, by the id the screen chose. Services report to a
 * sink; the screen asks progress:get while its call runs. Entries go when their operation ends.
 */
export class ProgressBoard {
  private readonly latest = new Map<string, Progress>();

  /** Runs `operation` with a sink recording its progress under `id` (no id: progress is not kept). */
  async track<T>(id: string | undefined, operation: (progress: ProgressSink) => T | Promise<T>): Promise<T> {
    if (!id) {
      return operation(noProgress);
    }
    const sink: ProgressSink = (p) => {
      this.latest.delete(id);
      this.latest.set(id, p);
      if (this.latest.size > MAX_RUNNING) {
        this.latest.delete(this.latest.keys().next().value!);
      }
    };
    try {
      return await operation(sink);
    } finally {
      this.latest.delete(id);
    }
  }

  get(id: string): Progress | null {
    return this.latest.get(id) ?? null;
  }
}
