import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase, openDatabaseWithKey, type Database } from '../../db/client';
import { bulkWriter, type BulkWriter } from '../../electron/core/store/bulk-writer';
import { importFiles } from '../../electron/bundle-files';
import { demoDossier, demoMembers, seededRandom } from '../../electron/core/demo/generate';
import {
  BUNDLE_FORMAT,
  generateAgeKeyPairSync,
  generateSigningKey,
  openBundle,
  packBundle,
  readAloudCode,
  type BundleKind,
  type BundleManifest,
  type SignerRecord,
} from '../../electron/core/domain/bundles/index';
import { searchKey, sortKey } from '../../electron/core/domain/names';
import { APP_VERSION, BUNDLE_DATA_VERSION, type CandidateRecord, type MemberRecord, type UnitProfile, type UnitReportData } from '../../electron/core/model/bundle-data';
import { fixedClock } from '../../electron/core/ports';
import { importBundle } from '../../electron/core/services/bundle-import';
import type { ServiceContext } from '../../electron/core/services/context';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { confirmUnit, ownKeys } from '../../electron/core/services/key-service';
import { createMember } from '../../electron/core/services/member-service';
import { mirrorId } from '../../electron/core/services/mirror-apply';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { setupUnit } from '../../electron/core/services/unit-service';

export const MIGRATIONS = join(import.meta.dirname, '../../migrations');
export const PASS = 'bench-passphrase';
export const TODAY = '2026-12-28';
export const SUPERIOR = 'DUK01';
const UNITS = 500;
const CANDIDATES_PER_UNIT = 100;
/** Distinct demo units whose snapshots the 500 units send (each under its own code, keys and signature). */
export const TEMPLATES = 10;
/** Issue 4's targets: the import within 3× of the floor, and re-importing the same files within 10% of the import. */
const TARGET = { floorRatio: 3, reimportShare: 0.1 };

export type Sender = { code: string; profile: UnitProfile; signing: ReturnType<typeof generateSigningKey>; age: ReturnType<typeof generateAgeKeyPairSync> };

export function newDatabase(file: string, setup: Parameters<typeof setupUnit>[1]): { database: Database; ctx: ServiceContext } {
  const { database } = createDatabase(file, PASS, { migrationsDir: MIGRATIONS });
  const ctx: ServiceContext = { db: database.db, clock: fixedClock(TODAY), actor: 'bench' };
  setupUnit(ctx, setup);
  return { database, ctx };
}

/** A unit made the way `ptdv demo` fills one (roster, then 100 dossiers at various stages), as its report carries it. */
export function templateSnapshot(dir: string, seed: number, parentCode = SUPERIOR): UnitReportData {
  const code = `MAU${seed}`;
  const { database, ctx } = newDatabase(join(dir, `template-${seed}.db`), { code, name: `Chi bộ mẫu ${seed}`, level: 'chi-bo', parentCode });
  const r = seededRandom(seed);
  const roster = demoMembers(r, 25, TODAY);
  ctx.db.transaction((tx) => roster.forEach((m) => createMember(ctx, m, tx)));
  const mentors = roster.filter((m) => m.status === 'chinh-thuc');
  importDossiers(ctx, Array.from({ length: CANDIDATES_PER_UNIT }, (_, i) => ({ label: `c${i}`, dossier: demoDossier(r, code, TODAY, mentors, mentors.length) })));
  const { data } = buildUnitSnapshot(ctx, '2026Q4');
  database.close();
  return data;
}

export function manifest(sender: Sender, kind: BundleKind, seq: number, prevSha256: string | null, label: string, to: string, counts: Record<string, number>, toCode = SUPERIOR): BundleManifest {
  return {
    format: BUNDLE_FORMAT, kind, bundleId: randomUUID(),
    from: { code: sender.code, name: sender.profile.name, level: sender.profile.level, keyFingerprint: sender.signing.fingerprint },
    to: { code: toCode, ageRecipient: to }, seq, prevSha256, label, createdAt: `${TODAY}T09:00:00+07:00`,
    app: { version: APP_VERSION, schemaVersion: BUNDLE_DATA_VERSION }, counts,
  };
}

/**
 * The floor: what any importer of these files must do at least. Decrypt, verify and parse each file (openBundle,
 * against keys held in memory), then insert the same rows, with the same ids, through raw prepared statements into
 * the same tables (indexes and triggers included), one transaction per file. No record checks, no diff with the
 * previous snapshot, no ledger, archive, receipt or audit entry.
 */
async function floorImport(paths: readonly string[], database: Database, senders: readonly Sender[], identity: string): Promise<{ ms: number; openMs: number }> {
  const signers = new Map<string, SignerRecord>(senders.map((s) => [s.code, { publicKey: s.signing.publicKey, revoked: false }]));
  const w = bulkWriter(database.db);
  let openMs = 0;
  const started = performance.now();
  for (const path of paths) {
    const t = performance.now();
    const opened = await openBundle(readFileSync(path), { fileName: basename(path), identities: [identity], myCode: SUPERIOR, acceptedKinds: () => ['unit-report'], lookupSignerKey: (code) => signers.get(code) ?? null });
    openMs += performance.now() - t;
    const data = opened.data as UnitReportData;
    database.sqlite.transaction(() => insertRows(w, opened.manifest.from.code, data))();
  }
  return { ms: performance.now() - started, openMs };
}

export function insertRows(w: BulkWriter, unit: string, data: UnitReportData): void {
  const bit = (b: boolean | null) => (b === null ? null : b ? 1 : 0);
  const ref = (kind: string, id: string | null) => (id === null ? null : mirrorId(unit, kind, id));
  for (const m of data.members as MemberRecord[]) {
    w.member.run({
      id: mirrorId(unit, 'member', m.id), unitCode: unit, fullName: m.fullName, searchKey: searchKey(m.fullName), sortKey: sortKey(m.fullName), gender: m.gender, birthDate: m.birthDate,
      status: m.status, joinedOn: m.joinedOn, fullMemberSince: m.fullMemberSince, exempt: m.exempt ? 1 : 0, leftOn: m.leftOn, leftReason: m.leftReason, candidateId: ref('candidate', m.candidateId),
      note: null, createdAt: m.createdAt, updatedAt: m.updatedAt,
    });
  }
  for (const c of data.candidates as CandidateRecord[]) {
    const id = mirrorId(unit, 'candidate', c.id);
    w.candidate.run({
      id, unitCode: unit, fullName: c.fullName, searchKey: searchKey(c.fullName), sortKey: sortKey(c.fullName), gender: c.gender, birthDate: c.birthDate, education: c.education,
      educationException: c.educationException, youthUnionMember: bit(c.youthUnionMember), tradeUnionMember: bit(c.tradeUnionMember), introductionPath: c.introductionPath,
      ethnicity: c.ethnicity, religion: c.religion, occupation: c.occupation, nonStateEnterprise: bit(c.nonStateEnterprise), stage: 'floor', createdAt: c.createdAt, updatedAt: c.updatedAt,
    });
    for (const e of c.events) {
      w.event.run({ id: mirrorId(unit, 'event', e.id), candidateId: id, seq: e.seq, type: e.type, date: e.date, payload: JSON.stringify(e.payload), voidsId: ref('event', e.voidsId), reason: e.reason, author: e.author, recordedAt: e.recordedAt });
    }
    for (const d of c.documents) {
      w.document.run({ id: mirrorId(unit, 'document', d.id), candidateId: id, form: d.form, date: d.date, signer: d.signer, issuer: d.issuer, note: d.note, createdAt: d.createdAt });
    }
    for (const i of c.introducers) {
      w.introducer.run({ id: mirrorId(unit, 'introducer', i.id), candidateId: id, memberId: ref('member', i.memberId), name: i.name, fullMemberSince: i.fullMemberSince, workedTogetherSince: i.workedTogetherSince, replacement: i.replacement ? 1 : 0, letterDate: i.letterDate });
    }
    for (const m of c.mentors) {
      w.mentor.run({ id: mirrorId(unit, 'mentor', m.id), candidateId: id, memberId: ref('member', m.memberId), mentorName: m.mentorName, role: m.role, fromDate: m.fromDate, toDate: m.toDate, createdAt: m.createdAt });
    }
    if (c.findings) {
      w.reportedFindings.run({ candidateId: id, asOf: c.findings.asOf, rulebookVersion: c.findings.rulebookVersion, findings: JSON.stringify(c.findings.findings) });
    }
  }
}

export const count = (database: Database, table: string) => database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/**
 * A superior importing one unit-report from each of 500 enrolled, verified units (100 candidates each, 50,000 in
 * all) from files on disk, as `ptdv bundle import` does; the floor for the same files measured in the same run;
 * then the same 500 files imported again, which must change nothing and cost a small part of the first import.
 */
export async function benchSync(): Promise<Record<string, number | string>> {
  const dir = join(tmpdir(), `ptdv-bench-sync-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'in'), { recursive: true });
  try {
    const templates = Array.from({ length: TEMPLATES }, (_, i) => templateSnapshot(dir, i + 1));
    const { database, ctx } = newDatabase(join(dir, 'superior.db'), { code: SUPERIOR, name: 'Đảng ủy Khối', level: 'cap-tren' });
    const own = ownKeys(ctx);
    const senders: Sender[] = Array.from({ length: UNITS }, (_, i) => {
      const code = `CB${String(i + 1).padStart(3, '0')}`;
      const template = templates[i % TEMPLATES]!;
      return { code, profile: { ...template.unit, code, name: `Chi bộ số ${i + 1}` }, signing: generateSigningKey(code), age: generateAgeKeyPairSync() };
    });
    const paths: string[] = [];
    for (const [i, s] of senders.entries()) {
      const recipients = [own.ageRecipient, s.age.recipient];
      const enrolment = await packBundle({ manifest: manifest(s, 'enrolment', 1, null, 'DANGKY', own.ageRecipient, {}), data: { unit: s.profile, keys: { signing: s.signing.publicKey, age: s.age.recipient } }, signingKey: s.signing.privateKey, recipients });
      const accepted = await importBundle(ctx, { name: enrolment.fileName, bytes: enrolment.bytes });
      if (accepted.status !== 'applied') {
        throw new Error(`enrolment of ${s.code}: ${accepted.message}`);
      }
      confirmUnit(ctx, s.code, readAloudCode(s.signing.fingerprint));
      const template = templates[i % TEMPLATES]!;
      const data: UnitReportData = { ...template, unit: s.profile };
      const report = await packBundle({ manifest: manifest(s, 'unit-report', 2, enrolment.sumsSha256, '2026Q4', own.ageRecipient, { candidates: data.candidates.length, members: data.members.length }), data, signingKey: s.signing.privateKey, recipients });
      const path = join(dir, 'in', report.fileName);
      writeFileSync(path, report.bytes);
      paths.push(path);
    }
    const floorFile = join(dir, 'floor.db');
    database.sqlite.prepare('VACUUM INTO ?').run(floorFile);
    writeFileSync(`${floorFile}.key`, JSON.stringify(database.keyFile));
    const floorDb = openDatabaseWithKey(floorFile, database.dataKey, database.keyFile, { migrationsDir: MIGRATIONS });
    const floor = await floorImport(paths, floorDb, senders, own.identities[0]!);
    const floorCandidates = count(floorDb, 'candidates');
    floorDb.close();

    let started = performance.now();
    const first = await importFiles(ctx, paths, {});
    const importMs = performance.now() - started;
    started = performance.now();
    const again = await importFiles(ctx, paths, {});
    const reimportMs = performance.now() - started;
    const candidates = count(database, 'candidates');
    const applied = first.filter((o) => o.status === 'applied').length;
    const duplicates = again.filter((o) => o.status === 'duplicate').length;
    const quarantined = first.reduce((n, o) => n + (o.summary?.quarantined ?? 0), 0);
    database.close();
    if (applied !== UNITS || duplicates !== UNITS || candidates !== UNITS * CANDIDATES_PER_UNIT || floorCandidates !== candidates) {
      throw new Error(`unexpected: ${applied} applied, ${duplicates} duplicates, ${candidates} candidates (floor ${floorCandidates})`);
    }
    const bytes = paths.reduce((n, p) => n + statSync(p).size, 0);
    const ratio = importMs / floor.ms;
    const share = reimportMs / importMs;
    return {
      units: UNITS,
      candidates,
      'records quarantined': quarantined,
      'bundle KiB (mean)': Math.round(bytes / UNITS / 1024),
      'import 500 bundles s': +(importMs / 1000).toFixed(2),
      'import bundles/s': Math.round(UNITS / (importMs / 1000)),
      'import ms/bundle': +(importMs / UNITS).toFixed(1),
      'floor s': +(floor.ms / 1000).toFixed(2),
      'floor: decrypt+verify+parse s': +(floor.openMs / 1000).toFixed(2),
      'floor: prepared inserts s': +((floor.ms - floor.openMs) / 1000).toFixed(2),
      'import / floor': `${ratio.toFixed(2)}× (target ≤ ${TARGET.floorRatio}×: ${ratio <= TARGET.floorRatio ? 'met' : 'MISSED'})`,
      're-import 500 bundles s': +(reimportMs / 1000).toFixed(2),
      're-import / import': `${(share * 100).toFixed(1)}% (target ≤ ${TARGET.reimportShare * 100}%: ${share <= TARGET.reimportShare ? 'met' : 'MISSED'})`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
