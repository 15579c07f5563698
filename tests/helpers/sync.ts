import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDossier, demoMembers, seededRandom } from '../../electron/core/demo/generate';
import type { UnitSetup } from '../../electron/core/model/entities';
import { requestEnrolment, type MadeBundle } from '../../electron/core/services/bundle-export';
import { importBundle, type BundleFile } from '../../electron/core/services/bundle-import';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { exportTrustFile, confirmUnit } from '../../electron/core/services/key-service';
import { addEvent, createCandidate } from '../../electron/core/services/candidate-service';
import { createMember } from '../../electron/core/services/member-service';
import { getSelfUnit } from '../../electron/core/store/units';
import { keyFilePath, openDatabase } from '../../db/client';
import { testContext, TEST_PASSPHRASE } from './db';
import { MIGRATIONS_DIR, tempDir } from './temp';

/** A test database: its service context, the open handle and its file. */
export type TestDb = ReturnType<typeof testContext>;

/**
 * Databases that live for a whole test file (tempDir's folders go after each test): `open` makes one,
 * `closeAll` (for afterAll) closes them and removes their folder.
 */
export function fileScopedDatabases(prefix: string, today = TODAY) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  const opened: TestDb[] = [];
  return {
    open(setup: Parameters<typeof testContext>[1]): TestDb {
      const db = testContext(today, setup, mkdtempSync(join(folder, 'db-')));
      opened.push(db);
      return db;
    },
    closeAll(): void {
      opened.forEach((db) => db.database.close());
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const TODAY = '2026-12-28';
export const SUPERIOR: UnitSetup = { code: 'DUK01', name: 'Đảng ủy Khối Doanh nghiệp', level: 'cap-tren' };
export const unitSetup = (code: string): UnitSetup => ({ code, name: `Chi bộ ${code}`, level: 'chi-bo', parentCode: SUPERIOR.code });

/** A made bundle as the received file the importer reads. */
export const asFile = (made: MadeBundle): BundleFile => ({ name: made.bundle.fileName, bytes: made.bytes });

/** Fills a unit with a roster and `n` realistic candidates at various stages (seeded, so repeatable). */
export function fillUnit(unit: TestDb, n: number, seed = 7): void {
  const r = seededRandom(seed);
  const today = unit.ctx.clock.today();
  const roster = demoMembers(r, 15, today);
  unit.ctx.db.transaction((tx) => roster.forEach((m) => createMember(unit.ctx, m, tx)));
  const mentors = roster.filter((m) => m.status === 'chinh-thuc');
  importDossiers(unit.ctx, Array.from({ length: n }, (_, i) => ({ label: `c${i}`, dossier: demoDossier(r, getSelfUnit(unit.ctx.db).code, today, mentors, mentors.length) })));
}

/** A candidate of the unit whom the chi bộ and the ĐUCS proposed for admission: an admission decision fits. Returns the unit's id. */
export function readyForAdmission(unit: TestDb, fullName = 'Vi Văn Khánh'): string {
  const id = createCandidate(unit.ctx, { fullName, birthDate: '2000-03-09', gender: 'nam' }, { type: 'SOURCE_PROPOSED', date: '2026-09-01', by: 'doan' });
  addEvent(unit.ctx, id, { type: 'CHI_BO_VOTED', date: '2026-11-20', yes: 10, eligible: 12 });
  addEvent(unit.ctx, id, { type: 'DUCS_VOTED', date: '2026-12-01', yes: 9, members: 11 });
  return id;
}

/**
 * Enrols a unit with a superior the way people do it: trust file → enrolment bundle → accepted at the superior →
 * the code read aloud confirmed. Returns the unit's enrolment outcome at the superior.
 */
export async function enrol(superior: TestDb, unit: TestDb, options: { confirm?: boolean } = {}) {
  const made = await requestEnrolment(unit.ctx, exportTrustFile(superior.ctx));
  const outcome = await importBundle(superior.ctx, asFile(made));
  if (outcome.status !== 'applied' || !outcome.enrolment) {
    throw new Error(`enrolment not applied: ${outcome.status} ${outcome.message}`);
  }
  if (options.confirm ?? true) {
    confirmUnit(superior.ctx, outcome.enrolment.unitCode, outcome.enrolment.readAloudCode);
  }
  return outcome;
}

/** A superior and one enrolled, verified unit below it, both on the same fixed day. */
export async function enrolledPair(unitCode = 'CB014', today = TODAY): Promise<{ superior: TestDb; unit: TestDb }> {
  const superior = testContext(today, SUPERIOR);
  const unit = testContext(today, unitSetup(unitCode));
  await enrol(superior, unit);
  return { superior, unit };
}

/**
 * An independent copy of a test database (same key, same clock), e.g. a superior just after enrolment, to import
 * the same files in different orders and compare the results.
 */
export function cloneDb(source: TestDb): TestDb {
  const file = join(tempDir(), 'copy.db');
  source.database.sqlite.prepare('VACUUM INTO ?').run(file);
  writeFileSync(keyFilePath(file), JSON.stringify(source.database.keyFile));
  const database = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  return { ctx: { ...source.ctx, db: database.db }, database, file };
}
