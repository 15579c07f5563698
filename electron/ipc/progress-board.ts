import { noProgress, type Progress, type ProgressSink } from '../core/progress';

/** More operations than a person runs at once; an id never finished (a lost call) is dropped with the oldest. */
const MAX_RUNNING = 32;

/** States kept between two looks: far more than an operation reports in the screen's 100 ms between them. */
const MAX_PASSED = 200;

/** What a look at an operation's progress answers: its latest state, and the states it passed since the last look. */
export type ProgressLook = Progress & { passed: Progress[] };

/**
 * The progress of each long operation running in this host, by the id the screen chose. Services report to a sink;
 * the screen asks progress:get while its call runs and is told the latest state and the ones reported since its
 * previous look, so what it received is the whole sequence however fast the operation went between two looks.
 * Entries go when their operation ends: what it reported after the screen's last look is not seen, as the bar is
 * gone by then.
 */
export class ProgressBoard {
  private readonly running = new Map<string, ProgressLook>();

  /** Runs `operation` with a sink recording its progress under `id` (no id: progress is not kept). */
  async track<T>(id: string | undefined, operation: (progress: ProgressSink) => T | Promise<T>): Promise<T> {
    if (!id) {
      return operation(noProgress);
    }
    const sink: ProgressSink = (p) => {
      const entry = this.running.get(id);
      const passed = entry ? [...entry.passed, { step: entry.step, done: entry.done, total: entry.total, unit: entry.unit }].slice(-MAX_PASSED) : [];
      this.running.delete(id);
      this.running.set(id, { ...p, passed });
      if (this.running.size > MAX_RUNNING) {
        this.running.delete(this.running.keys().next().value!);
      }
    };
    try {
      return await operation(sink);
    } finally {
      this.running.delete(id);
    }
  }

  get(id: string): ProgressLook | null {
    const entry = this.running.get(id);
    if (!entry) {
      return null;
    }
    this.running.set(id, { ...entry, passed: [] });
    return entry;
  }
}
