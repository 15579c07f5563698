import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAgeKeyPairSync, generateSigningKey, packBundle, readAloudCode } from '../../electron/core/domain/bundles/index';
import type { UnitReportData } from '../../electron/core/model/bundle-data';
import { importBundle, type BundleFile } from '../../electron/core/services/bundle-import';
import { confirmUnit, ownKeys } from '../../electron/core/services/key-service';
import { manifest, newDatabase, SUPERIOR, templateSnapshot, type Sender } from './sync-bench';

/** Units held when one more bundle is measured; `PTDV_BENCH_HELD=50,500` for a shorter run. */
const HELD = (process.env.PTDV_BENCH_HELD ?? '50,500,2000').split(',').map(Number);
/** Bundles measured at each size: units already held sending their next quarter's report. */
const SAMPLE = 10;
const TEMPLATES = 10;

/** Bytes this process has handed to write(2) so far: the database, its WAL and checkpoints, whatever the disk. */
export function bytesWritten(): number {
  const m = /^wchar:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'));
  return m ? Number(m[1]) : Number.NaN;
}

export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Issue 13: the cost of importing one unit-report must not grow with the number of units the superior already
 * holds. A superior is filled through the real import path (enrolment, confirmation, a first report of 100
 * candidates from each unit); at each size, ten of the units held send their next report, and the CPU time and the
 * bytes written per bundle are measured.
 */
export async function benchHeld(): Promise<Record<string, number | string>> {
  const dir = join(tmpdir(), `ptdv-bench-held-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const templates = Array.from({ length: TEMPLATES }, (_, i) => templateSnapshot(dir, i + 1));
    const { database, ctx } = newDatabase(join(dir, 'superior.db'), { code: SUPERIOR, name: 'Đảng ủy Khối', level: 'cap-tren' });
    const own = ownKeys(ctx);
    const senders: (Sender & { seq: number; prev: string | null; data: UnitReportData })[] = [];
    const next = async (s: (typeof senders)[number], kind: 'enrolment' | 'unit-report'): Promise<BundleFile> => {
      const data = kind === 'enrolment' ? { unit: s.profile, keys: { signing: s.signing.publicKey, age: s.age.recipient } } : s.data;
      const counts: Record<string, number> = kind === 'enrolment' ? {} : { candidates: s.data.candidates.length, members: s.data.members.length };
      s.seq += 1;
      const packed = await packBundle({ manifest: manifest(s, kind, s.seq, s.prev, kind === 'enrolment' ? 'DANGKY' : '2026Q4', own.ageRecipient, counts), data, signingKey: s.signing.privateKey, recipients: [own.ageRecipient, s.age.recipient] });
      s.prev = packed.sumsSha256;
      return { name: packed.fileName, bytes: packed.bytes };
    };
    const applied = async (file: BundleFile) => {
      const outcome = await importBundle(ctx, file);
      if (outcome.status !== 'applied') {
        throw new Error(`${file.name}: ${outcome.status} ${outcome.message}`);
      }
    };
    const figures: Record<string, number | string> = {};
    for (const size of HELD) {
      while (senders.length < size) {
        const i = senders.length;
        const code = `CB${String(i + 1).padStart(4, '0')}`;
        const template = templates[i % TEMPLATES]!;
        const profile = { ...template.unit, code, name: `Chi bộ số ${i + 1}` };
        const s = { code, profile, signing: generateSigningKey(code), age: generateAgeKeyPairSync(), seq: 0, prev: null, data: { ...template, unit: profile } };
        senders.push(s);
        await applied(await next(s, 'enrolment'));
        confirmUnit(ctx, code, readAloudCode(s.signing.fingerprint));
        await applied(await next(s, 'unit-report'));
      }
      const sample = Array.from({ length: SAMPLE }, (_, k) => senders[Math.floor((k * size) / SAMPLE)]!);
      const files = [];
      for (const s of sample) {
        files.push(await next(s, 'unit-report'));
      }
      const cpu = cpuMs();
      const written = bytesWritten();
      const started = performance.now();
      for (const file of files) {
        await applied(file);
      }
      figures[`${size} đơn vị: ms/gói (CPU)`] = +((cpuMs() - cpu) / SAMPLE).toFixed(0);
      figures[`${size} đơn vị: ms/gói (wall)`] = +((performance.now() - started) / SAMPLE).toFixed(0);
      figures[`${size} đơn vị: MB ghi/gói`] = +((bytesWritten() - written) / SAMPLE / 1024 / 1024).toFixed(2);
      figures[`${size} đơn vị: tệp KB/gói`] = Math.round(files.reduce((n, f) => n + f.bytes.length, 0) / SAMPLE / 1024);
    }
    database.close();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
