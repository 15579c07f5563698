import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import { createCandidate } from '../../electron/core/services/candidate-service';
import type { ServiceContext } from '../../electron/core/services/context';

/**
 * A second ptdv process on the same database file, driven by a test through argv, stdin and stdout lines:
 *   hold FILE        write a candidate inside an open write transaction, print `held`, commit on a stdin line
 *   write FILE NAME  save a first candidate (so the second save is quick), print `ready`; on a stdin line print
 *                    `writing`, save NAME, print `saved`
 *   stream FILE N    save candidates one after another until N others (from another process) exist; print the count
 */
const [mode, file, arg] = process.argv.slice(2) as [string, string, string];
// Not the test helpers: they register vitest hooks, which only work inside vitest.
const database = openDatabase(file, process.env.PTDV_PASSPHRASE ?? '', { migrationsDir: join(import.meta.dirname, '../../migrations'), busyTimeoutMs: 60_000 });
const ctx: ServiceContext = { db: database.db, clock: fixedClock('2026-11-23'), actor: 'test-child' };
const person = (fullName: string) => ({ fullName, birthDate: '2000-05-14', gender: 'nu' as const });
const line = (text: string) => process.stdout.write(`${text}\n`);

async function nextStdinLine(): Promise<void> {
  const stdin = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => stdin.once('line', () => resolve()));
  stdin.close();
  process.stdin.destroy();
}

if (mode === 'hold') {
  database.sqlite.exec('BEGIN IMMEDIATE');
  createCandidate(ctx, person('Người giữ khóa'));
  line('held');
  await nextStdinLine();
  database.sqlite.exec('COMMIT');
  line('released');
} else if (mode === 'write') {
  createCandidate(ctx, person('Người khởi động'));
  line('ready');
  await nextStdinLine();
  line('writing');
  createCandidate(ctx, person(arg));
  line('saved');
} else {
  const others = database.sqlite.prepare("SELECT count(*) AS n FROM candidates WHERE full_name NOT LIKE 'Song song %'");
  let written = 0;
  line('writing');
  while ((others.get() as { n: number }).n < Number(arg) && written < 2000) {
    createCandidate(ctx, person(`Song song ${written}`));
    written++;
    // The app saves when a person clicks, not in a tight loop; the pause leaves the other process its turns.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  line(`written ${written}`);
}
database.close();
