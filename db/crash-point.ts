/**
 * Named places where a test build can make the process die as if the power went out, so kill tests reach every
 * step of a multi-file operation deterministically instead of guessing a delay (which misses or lands elsewhere on a
 * loaded machine). `PTDV_TEST_CRASH_AT=step` kills at the first time `step` is reached, `step#3` at the third.
 * The packaged build replaces the variable with `undefined` (build-main.mjs without --test-hooks), so shipped code
 * cannot be made to crash this way.
 */
const hits = new Map<string, number>();

export function crashPoint(step: string): void {
  const wanted = process.env.PTDV_TEST_CRASH_AT;
  if (!wanted) {
    return;
  }
  const [name, nth = '1'] = wanted.split('#');
  if (name !== step) {
    return;
  }
  const count = (hits.get(step) ?? 0) + 1;
  hits.set(step, count);
  if (count === Number(nth)) {
    process.kill(process.pid, 'SIGKILL');
  }
}
