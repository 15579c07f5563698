import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDatabase } from '../../db/client';
import { demoDossier, demoMembers, seededRandom } from '../../electron/core/demo/generate';
import { fixedClock } from '../../electron/core/ports';
import { addDocument, listCandidates } from '../../electron/core/services/candidate-service';
import { todoPage } from '../../electron/core/services/check-views';
import { runCli } from '../helpers/cli';

const ROOT = join(import.meta.dirname, '../..');
const MIGRATIONS = join(ROOT, 'migrations');
const PASS = 'bench-passphrase';
const env = { PTDV_PASSPHRASE: PASS, PTDV_TODAY: '2026-11-23' };

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/** A 50,000-candidate database made by `ptdv demo`, created once per bench run. */
export async function demoDatabase(dir: string, candidates = 50_000): Promise<{ file: string; seconds: number }> {
  const file = join(dir, `demo-${candidates}.db`);
  const started = performance.now();
  const r = await runCli(['demo', '--db', file, '--candidates', String(candidates), '--unchecked'], env);
  if (r.code !== 0) {
    throw new Error(r.stderr);
  }
  return { file, seconds: (performance.now() - started) / 1000 };
}

function searchLatency(file: string): Record<string, number> {
  const database = openDatabase(file, PASS, { migrationsDir: MIGRATIONS });
  const queries = ['nguyen', 'thi lan', 'tran van', 'duc', 'hoang minh anh', 'le thi', 'phuong', 'vu', 'ngoc', 'xyz khong co'];
  const times: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const q of queries) {
      const t = performance.now();
      listCandidates(database.db, { query: q, offset: 0, limit: 100 });
      times.push(performance.now() - t);
    }
  }
  database.close();
  return { searchP50Ms: percentile(times, 0.5), searchP95Ms: percentile(times, 0.95) };
}

function openAndFirstPage(file: string): number {
  const t = performance.now();
  const database = openDatabase(file, PASS, { migrationsDir: MIGRATIONS });
  listCandidates(database.db, { offset: 0, limit: 100 });
  const ms = performance.now() - t;
  database.close();
  return ms;
}

async function importThroughput(dir: string): Promise<number> {
  const db = join(dir, 'import.db');
  await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ đo', '--level', 'chi-bo'], env);
  const r = seededRandom(3);
  const mentors = demoMembers(r, 30, '2026-11-23').filter((m) => m.status === 'chinh-thuc');
  const files = Array.from({ length: 5000 }, (_, i) => {
    const f = join(dir, 'in', `${i}.json`);
    mkdirSync(join(dir, 'in'), { recursive: true });
    writeFileSync(f, JSON.stringify(demoDossier(r, 'CB014', '2026-11-23', mentors, mentors.length)));
    return f;
  });
  const t = performance.now();
  const res = await runCli(['dossier', 'import', '--db', db, ...files], env);
  if (res.code !== 0) {
    throw new Error(res.stderr);
  }
  return files.length / ((performance.now() - t) / 1000);
}

/** Gzipped size of the JS the renderer loads at start (index.html's module scripts and their static imports). */
function rendererInitialJsGz(): number {
  const out = join(ROOT, 'out/renderer');
  if (!existsSync(join(out, 'index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  let total = 0;
  const visit = (rel: string) => {
    if (seen.has(rel)) {
      return;
    }
    seen.add(rel);
    const code = readFileSync(join(out, rel));
    total += gzipSync(code).length;
    for (const m of code.toString().matchAll(/(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      visit(join(rel, '..', m[1]!));
    }
  };
  entries.forEach(visit);
  return total;
}

/**
 * The to-do page (Việc cần làm) at the service layer over every candidate: the first build of the day evaluates all
 * of them; after an edit only that candidate is re-evaluated before the list is rebuilt.
 */
function todoTimings(file: string): Record<string, number> {
  const database = openDatabase(file, PASS, { migrationsDir: MIGRATIONS });
  try {
    const ctx = { db: database.db, clock: fixedClock('2026-11-23'), actor: 'bench' };
    const time = (fn: () => unknown) => {
      const t = performance.now();
      fn();
      return performance.now() - t;
    };
    const firstOfDayMs = time(() => todoPage(ctx, { offset: 0, limit: 50 }));
    const [someone] = listCandidates(database.db, { limit: 1, offset: 0 }).rows;
    addDocument(ctx, someone!.id, { form: '2-KNĐ', date: '2026-11-20', signer: 'Bench' });
    const afterEditMs = time(() => todoPage(ctx, { offset: 0, limit: 50 }));
    const scrollMs = time(() => todoPage(ctx, { offset: 5000, limit: 50 }));
    return { todoFirstOfDayMs: firstOfDayMs, todoAfterOneEditMs: afterEditMs, todoScrollMs: scrollMs };
  } finally {
    database.close();
  }
}

export async function benchFoundation(): Promise<Record<string, number | string>> {
  const dir = join(tmpdir(), `ptdv-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const demo = await demoDatabase(dir);
    return {
      demo50kSeconds: Number(demo.seconds.toFixed(1)),
      ...searchLatency(demo.file),
      openAndFirstPageMs: openAndFirstPage(demo.file),
      ...todoTimings(demo.file),
      dossierImportPerSecond: Math.round(await importThroughput(dir)),
      rendererInitialJsGzKB: Math.round(rendererInitialJsGz() / 1024),
      rendererAssets: readdirSync(join(ROOT, 'out/renderer/assets')).length,
    };
  } finally {
    // The 50,000-candidate database and 5,000 dossier files, left in the temp folder by every run otherwise.
    rmSync(dir, { recursive: true, force: true });
  }
}
