/**
 * How far a long operation is, as the screen shows it: the step it is doing, in Vietnamese, and how much of that
 * step is done in real units (bytes of a file, files of a batch, parts of a report). A service reports each step to a
 * sink; the hosts keep the latest for the screen to read (electron/ipc/progress-board.ts).
 */
export type Progress = { step: string; done: number; total: number; unit: 'bytes' | 'steps' };
export type ProgressSink = (progress: Progress) => void;

export const noProgress: ProgressSink = () => undefined;

/**
 * Lets the event loop answer other calls between two parts of a long operation: the screen's question "how far is
 * it?" is answered by the same process (the web host, or the app's database worker).
 */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A step of an operation made of named parts: reports part `index` of `parts.length` and yields so it is seen. */
export async function stepOf(progress: ProgressSink, parts: readonly string[], index: number): Promise<void> {
  progress({ step: parts[index] ?? '', done: index, total: parts.length, unit: 'steps' });
  await breathe();
}
