import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt } from '../../electron/core/domain/bundles/age';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle, type BundleFile } from '../../electron/core/services/bundle-import';
import { createCandidate, listCandidates, updateProfile } from '../../electron/core/services/candidate-service';
import { candidateDetail } from '../../electron/core/store/candidates';
import { ownKeys } from '../../electron/core/services/key-service';
import { freezeReport } from '../../electron/core/services/report-service';
import { removeTarget, setTarget } from '../../electron/core/services/target-service';
import { logicalDump, MIRROR_TABLES, type LogicalDump } from '../helpers/dump';
import { asFile, fileScopedDatabases, cloneDb, enrol, fillUnit, SUPERIOR, unitSetup, type TestDb } from '../helpers/sync';

/**
 * docs/bundle-format.md: bundles are "harmless to import twice or out of order". Three units each send three snapshots that
 * differ (candidates added and edited, a target set then removed, a report frozen); whatever order the superior
 * receives them in, and whether some arrive twice (the same file, or the same bundle re-encrypted), it must end
 * in the state of importing them in sequence order.
 */

const UNITS = ['CB011', 'CB012', 'CB013'];
const RUNS = 40;

type Sent = { file: BundleFile; copy: BundleFile; unit: string; seq: number };

const databases = fileScopedDatabases('ptdv-properties-');
const database = databases.open;

let superior: TestDb;
const sent: Sent[] = [];
let expected: LogicalDump;
let inOrderStatuses: string[];

/** The same bundle (same signed content) encrypted again: another file, the same sums. */
async function reEncrypted(unit: TestDb, file: BundleFile): Promise<BundleFile> {
  const tar = await ageDecrypt(file.bytes, ownKeys(unit.ctx).identities);
  return { name: file.name, bytes: await ageEncrypt(tar, [ownKeys(superior.ctx).ageRecipient]) };
}

/** Three snapshots of one unit, each after a change a secretary would make. */
async function reports(unit: TestDb, seed: number): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  fillUnit(unit, 3, seed);
  const target = setTarget(unit.ctx, { year: 2026, period: 'year', kind: 'count', value: 2 });
  files.push(asFile(await exportUnitReport(unit.ctx, '2026Q4')));
  createCandidate(unit.ctx, { fullName: `Hà Văn Sơn ${seed}`, birthDate: '2000-05-06', gender: 'nam' }, { type: 'SOURCE_PROPOSED', date: '2026-12-10', by: 'doan' });
  const someone = listCandidates(unit.ctx.db, { offset: 0, limit: 1 }).rows[0]?.id ?? '';
  updateProfile(unit.ctx, someone, { ...candidateDetail(unit.ctx.db, someone).profile, ethnicity: 'Mường' });
  files.push(asFile(await exportUnitReport(unit.ctx, '2026Q4')));
  removeTarget(unit.ctx, target.id);
  freezeReport(unit.ctx, { period: '2026-Q4', number: `0${seed}-BC/CB` });
  files.push(asFile(await exportUnitReport(unit.ctx, '2026Q4')));
  return files;
}

/**
 * Mirror tables and sequence state as sets of rows. Row order follows whichever unit's bundle was applied last,
 * which is storage detail, not state: two superiors holding the same rows hold the same mirror.
 */
function mirrorState(db: TestDb): LogicalDump {
  const dump = logicalDump(db.database.sqlite, { only: [...MIRROR_TABLES, 'sync_state'], unordered: true });
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.map((r) => JSON.stringify(r)).sort()]));
}

async function importAll(files: readonly BundleFile[]): Promise<{ state: LogicalDump; statuses: string[] }> {
  const copy = cloneDb(superior);
  try {
    const statuses: string[] = [];
    for (const file of files) {
      statuses.push((await importBundle(copy.ctx, file)).status);
    }
    return { state: mirrorState(copy), statuses };
  } finally {
    copy.database.close();
  }
}

beforeAll(async () => {
  superior = database(SUPERIOR);
  for (const [i, code] of UNITS.entries()) {
    const unit = database(unitSetup(code));
    await enrol(superior, unit);
    for (const [k, file] of (await reports(unit, 20 + i)).entries()) {
      sent.push({ file, copy: await reEncrypted(unit, file), unit: code, seq: k + 2 });
    }
  }
  const inOrder = await importAll(sent.map((s) => s.file));
  inOrderStatuses = inOrder.statuses;
  expected = inOrder.state;
}, 60_000);

afterAll(() => {
  databases.closeAll();
});

/** Each bundle once or twice (the second time as the same file or re-encrypted), all shuffled. */
function deliveries(): fc.Arbitrary<BundleFile[]> {
  return fc.array(fc.constantFrom('once', 'same file twice', 're-encrypted twice'), { minLength: sent.length, maxLength: sent.length }).chain((how) => {
    const files = sent.flatMap((s, i) => (how[i] === 'once' ? [s.file] : [s.file, how[i] === 'same file twice' ? s.file : s.copy]));
    return fc.shuffledSubarray(files, { minLength: files.length, maxLength: files.length });
  });
}

describe('importing unit reports in any order, or twice', () => {
  it('ends in the state of importing them once in sequence order', async () => {
    expect(inOrderStatuses).toEqual(sent.map(() => 'applied'));
    expect(expected.candidates).toHaveLength(UNITS.length * 4);
    expect(expected.frozen_reports).toHaveLength(UNITS.length);
    expect(expected.targets).toHaveLength(0);
    await fc.assert(
      fc.asyncProperty(deliveries(), async (files) => {
        const { state, statuses } = await importAll(files);
        expect(statuses.every((s) => s === 'applied' || s === 'duplicate' || s === 'stale')).toBe(true);
        expect(state).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('gives a different state when a unit\'s newest bundle is missing, so the comparison can tell states apart', async () => {
    const withoutNewest = sent.filter((s) => !(s.unit === 'CB012' && s.seq === 4)).map((s) => s.file);
    const { state } = await importAll(withoutNewest);
    expect(state).not.toEqual(expected);
    expect(state.frozen_reports).toHaveLength(UNITS.length - 1);
  });
});
