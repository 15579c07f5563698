import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt } from '../../electron/core/domain/bundles/age';
import { packBundle } from '../../electron/core/domain/bundles/bundle';
import type { BundleErrorCode } from '../../electron/core/domain/bundles/errors';
import { BUNDLE_ERRORS } from '../../electron/core/domain/bundles/errors';
import type { BundleManifest } from '../../electron/core/domain/bundles/manifest';
import { SEQUENCE_MESSAGES } from '../../electron/core/domain/bundles/sequence';
import { decompressTar, readTar } from '../../electron/core/domain/bundles/tar';
import type { CandidateRecord, UnitReportData } from '../../electron/core/model/bundle-data';
import { importOutcomeSchema } from '../../electron/core/model/sync';
import { exportUnitReport, requestEnrolment } from '../../electron/core/services/bundle-export';
import { importBundle, type BundleFile, type ImportOptions } from '../../electron/core/services/bundle-import';
import { createCandidate, listCandidates } from '../../electron/core/services/candidate-service';
import { confirmUnit, exportTrustFile, ownKeys, revokeUnitKeys } from '../../electron/core/services/key-service';
import { listQuarantine } from '../../electron/core/services/quarantine-service';
import { getSelfUnit } from '../../electron/core/store/units';
import { listUnits } from '../../electron/core/services/units-overview';
import type { Variant } from '../core/bundles/corpus';
import { bitFlips, structuredVariants, truncations } from '../core/bundles/corpus';
import { craftBundle } from '../core/bundles/craft';
import type { Party } from '../core/bundles/fixtures';
import { makeParty } from '../core/bundles/fixtures';
import { dumpDigest, logicalDump, MIRROR_TABLES } from '../helpers/dump';
import { asFile, fileScopedDatabases, fillUnit, SUPERIOR, unitSetup, type TestDb } from '../helpers/sync';

/**
 * The hostile-bundle corpus of the core test, plus attacks only the import service can judge (unverified, revoked
 * and unknown senders, data.json envelopes, newer data versions, re-addressed reports, file names, replays), fed
 * through importBundle of one enrolled, verified superior. The tests share that superior on purpose and run in
 * order: first the files the rules say to keep without applying (a stale one, a re-encrypted duplicate, a
 * conflicting one), then the corpus, which must leave the whole database byte-identical, then the good bundle
 * every variant was made from, which must still apply. A record failing its own schema inside a sound envelope is
 * not a refusal but a quarantine (docs/bundle-format.md), so it comes last, as the legitimate change it is.
 */

/** A corpus entry; `replay` marks a file already received, which must come back as a duplicate, writing nothing. */
type Case = Variant & { name?: string; options?: ImportOptions; replay?: true };

const enc = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const mirrorAndSequence = { only: [...MIRROR_TABLES, 'sync_state'] };

function partyOf(db: TestDb): Party {
  const keys = ownKeys(db.ctx);
  return { code: keys.code, name: getSelfUnit(db.ctx.db).name, signing: keys.signing, age: { identity: keys.identities[0] ?? '', recipient: keys.ageRecipient } };
}

const databases = fileScopedDatabases('ptdv-hostile-');
const database = databases.open;

let superior: TestDb;
let office: Party;
let cb014: Party;
let parties: { unit: Party; office: Party; intruder: Party; revokedUnit: Party };
/** The unit's s5 report, not yet imported: the good file every variant is made from. */
let base: BundleFile;
let baseManifest: BundleManifest;
let baseData: Uint8Array;
/** Files from other units: revoked, not verified, never enrolled. */
const foreign: Record<'revoked' | 'revokedEnrolment' | 'unverified' | 'unknown', BundleFile> = {} as never;
/** Everything the superior received before the corpus, for replays. */
const received: BundleFile[] = [];
let s3: BundleFile;
let s4: BundleFile;
/** What became of the unit's reports s2 and s4 when the superior imported them during set-up. */
const setupStatuses: string[] = [];

/**
 * A unit below the superior: trust file, enrolment bundle, accepted (its file then kept for replays) and, unless
 * `confirm` is false, confirmed.
 */
async function makeUnit(code: string, options: { accepted?: boolean; confirm?: boolean } = {}): Promise<{ db: TestDb; enrolment: BundleFile }> {
  const db = database(unitSetup(code));
  const enrolment = asFile(await requestEnrolment(db.ctx, exportTrustFile(superior.ctx)));
  if (options.accepted ?? true) {
    const outcome = await importBundle(superior.ctx, enrolment);
    if (options.confirm ?? true) {
      confirmUnit(superior.ctx, code, outcome.enrolment?.readAloudCode ?? '');
    }
  }
  return { db, enrolment };
}

beforeAll(async () => {
  superior = database(SUPERIOR);
  const { db: unit, enrolment } = await makeUnit('CB014');
  received.push(enrolment);
  fillUnit(unit, 20);
  const reports: BundleFile[] = [];
  for (let k = 0; k < 4; k++) {
    createCandidate(unit.ctx, { fullName: `Lò Thị Mai ${k}`, birthDate: '2001-04-02', gender: 'nu' }, { type: 'SOURCE_PROPOSED', date: '2026-12-01', by: 'doan' });
    reports.push(asFile(await exportUnitReport(unit.ctx, '2026Q4')));
  }
  const [s2, third, fourth, s5] = reports as [BundleFile, BundleFile, BundleFile, BundleFile];
  [s3, s4, base] = [third, fourth, s5];
  for (const file of [s2, s4]) {
    setupStatuses.push((await importBundle(superior.ctx, file)).status);
    received.push(file);
  }
  const intruder = await makeUnit('CB066');
  const revoked = await makeUnit('CB015');
  foreign.revoked = asFile(await exportUnitReport(revoked.db.ctx, '2026Q4'));
  foreign.revokedEnrolment = revoked.enrolment;
  revokeUnitKeys(superior.ctx, 'CB015');
  const unverified = await makeUnit('CB020', { confirm: false });
  foreign.unverified = asFile(await exportUnitReport(unverified.db.ctx, '2026Q4'));
  foreign.unknown = asFile(await exportUnitReport((await makeUnit('CB030', { accepted: false })).db.ctx, '2026Q4'));
  received.push(intruder.enrolment, unverified.enrolment);

  office = partyOf(superior);
  cb014 = partyOf(unit);
  parties = { unit: cb014, office, intruder: partyOf(intruder.db), revokedUnit: partyOf(revoked.db) };
  const files = await readTar(await decompressTar(await ageDecrypt(base.bytes, [cb014.age.identity])));
  baseManifest = JSON.parse(decode(files.get('manifest.json'))) as BundleManifest;
  baseData = files.get('data.json') ?? new Uint8Array();
}, 60_000);

afterAll(() => {
  databases.closeAll();
});

/** A manifest like the good one's (a fresh bundleId), with `over` applied. */
const manifestLike = (over: Partial<BundleManifest> = {}): BundleManifest => ({ ...baseManifest, bundleId: randomUUID(), ...over });

/** A well-formed bundle with any data, signed by CB014's real key and encrypted to the superior. */
async function signedByUnit(manifest: BundleManifest, data: unknown, recipients = [office.age.recipient]): Promise<Uint8Array> {
  return (await packBundle({ manifest, data, signingKey: cb014.signing.privateKey, recipients })).bytes;
}

/** Attacks that need the service's knowledge: who is verified or revoked, the data schema, names, kinds asked for. */
async function serviceVariants(): Promise<Case[]> {
  const snapshot = JSON.parse(decode(baseData)) as UnitReportData;
  const duk02 = await makeParty('DUK02', 'Đảng ủy khác');
  const rogue = await makeParty('CB014', 'Chi bộ CB014');
  const toDuk02 = manifestLike({ to: { code: 'DUK02', ageRecipient: duk02.age.recipient } });
  const rogueFrom = { ...baseManifest.from, keyFingerprint: rogue.signing.fingerprint };
  const cases: Case[] = [
    { label: 'revoked unit, its real report', ...foreign.revoked, expect: ['SIGNER_REVOKED'] },
    { label: 'revoked unit, its enrolment again', ...foreign.revokedEnrolment, expect: ['SIGNER_REVOKED'] },
    { label: 'unverified unit, its real report', ...foreign.unverified, expect: ['UNIT_NOT_VERIFIED'] },
    { label: 'unit never accepted here, its real report', ...foreign.unknown, expect: ['SIGNER_UNKNOWN'] },
    { label: 'sent to another superior', bytes: await signedByUnit(toDuk02, snapshot, [duk02.age.recipient, cb014.age.recipient]), expect: ['DECRYPT_NOT_FOR_ME'] },
    { label: 're-addressed to another superior, signed by the right key', bytes: await craftBundle({ manifest: toDuk02, data: baseData, signingKey: cb014.signing.privateKey, recipients: [office.age.recipient] }), expect: ['WRONG_RECIPIENT'] },
    {
      label: 'intercepted on its way to another superior, re-addressed here and re-signed by a rogue key',
      bytes: (await packBundle({ manifest: manifestLike({ from: rogueFrom }), data: snapshot, signingKey: rogue.signing.privateKey, recipients: [office.age.recipient] })).bytes,
      expect: ['SIGNER_KEY_MISMATCH'],
    },
    { label: 'rogue key, fingerprint of the real one', bytes: await craftBundle({ manifest: manifestLike(), data: baseData, signingKey: rogue.signing.privateKey, recipients: [office.age.recipient] }), expect: ['SIGNER_KEY_MISMATCH'] },
    {
      label: 'rogue enrolment under an enrolled code',
      bytes: (await packBundle({ manifest: manifestLike({ kind: 'enrolment', label: 'DANGKY', from: rogueFrom }), data: { unit: snapshot.unit, keys: { signing: rogue.signing.publicKey, age: rogue.age.recipient } }, signingKey: rogue.signing.privateKey, recipients: [office.age.recipient] })).bytes,
      expect: ['SIGNER_KEY_MISMATCH'],
    },
    { label: 'newer data version', bytes: await signedByUnit(manifestLike({ app: { version: '9.0.0', schemaVersion: 3 } }), snapshot), expect: ['SCHEMA_TOO_NEW'] },
    { label: 'much newer data version', bytes: await signedByUnit(manifestLike({ app: { version: '40.0.0', schemaVersion: 40 } }), snapshot), expect: ['SCHEMA_TOO_NEW'] },
    { label: 'directive import asked', bytes: base.bytes, options: { kinds: ['directive'] }, expect: ['KIND_NOT_ACCEPTED'] },
    { label: 'enrolment accept asked', bytes: base.bytes, options: { kinds: ['enrolment'] }, expect: ['KIND_NOT_ACCEPTED'] },
  ];
  for (const name of ['bao-cao.zip', `${base.name}.exe`, `\u0007${base.name}`, `${base.name.slice(0, -5)}\n.ptdv`, `${'x'.repeat(300)}.ptdv`, '']) {
    cases.push({ label: `file name ${JSON.stringify(name.slice(0, 40))}`, name, bytes: base.bytes, expect: ['BUNDLE_NAME_INVALID'] });
  }
  const envelopes: Record<string, unknown> = {
    'empty object': {},
    null: null,
    array: [],
    string: 'báo cáo',
    number: 42,
    'records under another unit code': { ...snapshot, unit: { ...snapshot.unit, code: 'CB066' } },
    'candidates not a list': { ...snapshot, candidates: 'tất cả' },
    'unknown top-level field': { ...snapshot, admin: true },
    'unknown unit level': { ...snapshot, unit: { ...snapshot.unit, level: 'trung-uong' } },
    'no members': Object.fromEntries(Object.entries(snapshot).filter(([key]) => key !== 'members')),
    'unit without a name': { ...snapshot, unit: { ...snapshot.unit, name: '' } },
    'too many targets': { ...snapshot, targets: Array.from({ length: 1001 }, () => null) },
  };
  for (const [label, data] of Object.entries(envelopes)) {
    cases.push({ label: `data.json: ${label}`, bytes: await signedByUnit(manifestLike(), data), expect: ['DATA_INVALID'] });
  }
  const invalidUtf8 = baseData.slice();
  invalidUtf8[Math.floor(invalidUtf8.length / 2)] = 0xff;
  const rawData: Record<string, Uint8Array> = {
    'cut in half': baseData.subarray(0, Math.floor(baseData.length / 2)),
    'invalid UTF-8': invalidUtf8,
    empty: new Uint8Array(),
    NaN: enc('NaN\n'),
  };
  for (const [label, data] of Object.entries(rawData)) {
    cases.push({ label: `data.json ${label}`, bytes: await craftBundle({ manifest: manifestLike(), data, signingKey: cb014.signing.privateKey, recipients: [office.age.recipient] }), expect: ['DATA_INVALID'] });
  }
  const huge = enc(`${JSON.stringify({ ...manifestLike(), padding: 'a'.repeat(20 * 1024 * 1024) })}\n`);
  cases.push({ label: 'manifest.json over 20 MB', bytes: await craftBundle({ manifest: huge, signingKey: cb014.signing.privateKey, recipients: [office.age.recipient] }), expect: ['TAR_ENTRY_TOO_LARGE'] });
  return cases;
}

/** Every file received so far, again: byte for byte, and under another name. */
function replays(): Case[] {
  return [
    ...received.map((file): Case => ({ label: `replay of ${file.name}`, ...file, replay: true })),
    ...received.map((file): Case => ({ label: `replay of ${file.name} renamed`, name: `ban-sao-${file.name}`, bytes: file.bytes, replay: true })),
  ];
}

/** What is wrong with one outcome, or null: a refusal must carry its expected code and the Vietnamese message. */
function problem(c: Case, outcome: unknown): string | null {
  const parsed = importOutcomeSchema.safeParse(outcome);
  if (!parsed.success) {
    return 'outcome does not match its schema';
  }
  const o = parsed.data;
  if (c.replay) {
    return o.status === 'duplicate' && o.code === null && o.message.startsWith(SEQUENCE_MESSAGES.duplicate) ? null : `${o.status} ${o.code}`;
  }
  const code = o.code ?? 'none';
  if (o.status !== 'rejected' || !Object.hasOwn(BUNDLE_ERRORS, code)) {
    return `${o.status} ${code}`;
  }
  const known = code as BundleErrorCode;
  if (c.expect && !c.expect.includes(known)) {
    return `${known}, expected ${c.expect.join('|')}`;
  }
  // A kind refused is named in words ("gói báo cáo từ CB014"), not by its code ("unit-report").
  const kindInWords = known !== 'KIND_NOT_ACCEPTED' || !/unit-report|directive|enrolment/.test(o.message);
  return o.message.startsWith(BUNDLE_ERRORS[known]) && kindInWords ? null : `message "${o.message}"`;
}

describe('hostile bundles at an enrolled, verified superior', () => {
  it('keeps a stale file and a re-encrypted duplicate without applying them, and quarantines a conflicting one', async () => {
    expect(setupStatuses).toEqual(['applied', 'applied']);
    const before = logicalDump(superior.database.sqlite, mirrorAndSequence);
    const cb014Row = () => listUnits(superior.ctx.db).find((u) => u.code === 'CB014');
    expect(cb014Row()).toMatchObject({ missing: [{ from: 3, to: 3 }], lastBundle: { seq: 4 }, candidates: 23, conflicts: 0 });

    const stale = await importBundle(superior.ctx, s3);
    expect(stale).toMatchObject({ status: 'stale', code: null, seq: 3, summary: null, message: SEQUENCE_MESSAGES.stale });

    const tar = await decompressTar(await ageDecrypt(s4.bytes, [cb014.age.identity]));
    const reEncrypted = { name: s4.name, bytes: await ageEncrypt(tar, [office.age.recipient]) };
    expect(await importBundle(superior.ctx, reEncrypted)).toMatchObject({ status: 'duplicate', code: null, seq: 4, summary: null });

    const snapshot = JSON.parse(decode(baseData)) as UnitReportData;
    const other = { name: s4.name, bytes: await signedByUnit(manifestLike({ seq: 4 }), { ...snapshot, candidates: snapshot.candidates.slice(1) }) };
    expect(await importBundle(superior.ctx, other)).toMatchObject({ status: 'conflict', code: null, seq: 4, summary: null, message: SEQUENCE_MESSAGES.conflict });
    expect(listQuarantine(superior.ctx.db, 'CB014')).toEqual([expect.objectContaining({ recordKind: 'bundle', recordKey: s4.name, retryable: false, reason: SEQUENCE_MESSAGES.conflict })]);

    expect(logicalDump(superior.database.sqlite, mirrorAndSequence)).toEqual(before);
    expect(cb014Row()).toMatchObject({ missing: [], lastBundle: { seq: 4 }, candidates: 23, conflicts: 1 });
    const archived = superior.database.sqlite.prepare("SELECT seq, status FROM inbox WHERE from_code = 'CB014' AND kind = 'unit-report' ORDER BY rowid").all();
    expect(archived).toEqual([{ seq: 2, status: 'applied' }, { seq: 4, status: 'applied' }, { seq: 3, status: 'stale' }, { seq: 4, status: 'duplicate' }, { seq: 4, status: 'conflict' }]);
    received.push(s3, reEncrypted, other);
  });

  it('refuses each of at least 1,000 hostile bundles with a code and a Vietnamese reason, answers replays as duplicates, and writes nothing at all', async () => {
    const cases: Case[] = [...bitFlips(base.bytes), ...truncations(base.bytes), ...(await structuredVariants(parties, baseManifest, baseData)), ...(await serviceVariants()), ...replays()];
    expect(cases.filter((c) => !c.replay).length).toBeGreaterThanOrEqual(1000);
    // The attacks alter a bundle that would apply: the same content, unattacked, passes every check.
    const unattacked = await craftBundle({ manifest: baseManifest, data: baseData, signingKey: cb014.signing.privateKey, recipients: [office.age.recipient] });
    expect((await importBundle(superior.ctx, { name: base.name, bytes: unattacked }, { verifyOnly: true })).status).toBe('applied');

    const sqlite = superior.database.sqlite;
    const before = dumpDigest(sqlite);
    const wrong: string[] = [];
    const codes = new Map<string, number>();
    const drifted: number[] = [];
    for (const [i, c] of cases.entries()) {
      try {
        const outcome = await importBundle(superior.ctx, { name: c.name ?? base.name, bytes: c.bytes }, c.options);
        codes.set(outcome.code ?? outcome.status, (codes.get(outcome.code ?? outcome.status) ?? 0) + 1);
        const found = problem(c, outcome);
        if (found) {
          wrong.push(`${c.label}: ${found}`);
        }
      } catch (error) {
        wrong.push(`${c.label}: threw ${String(error)}`);
      }
      // Spot checks, so a write would be pinned to the hundred files around it.
      if (i % 100 === 99 && dumpDigest(sqlite) !== before) {
        drifted.push(i);
      }
    }
    expect(wrong).toEqual([]);
    expect(drifted).toEqual([]);
    expect(dumpDigest(sqlite)).toBe(before);
    expect(codes.size).toBeGreaterThanOrEqual(20);
    expect(codes.get('duplicate')).toBe(replays().length);
  }, 120_000);

  it('still applies the good bundle the corpus was made from; after it, a record failing its schema is quarantined alone', async () => {
    const outcome = await importBundle(superior.ctx, base);
    expect(outcome).toMatchObject({ status: 'applied', code: null, seq: 5, missing: [], summary: { added: 1, removed: 0, quarantined: 0 } });
    const mirrored = () => listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 1 }).total;
    expect(mirrored()).toBe(24);

    // The envelope is sound, so the bundle applies (docs/bundle-format.md): only the bad record is held back, with its reason.
    const snapshot = JSON.parse(decode(baseData)) as UnitReportData;
    const [first, ...rest] = snapshot.candidates as CandidateRecord[];
    const bad = { ...first!, birthDate: 'hôm qua' };
    const next = { name: 'CB014_DUK01_2026Q4_s000006.ptdv', bytes: await signedByUnit(manifestLike({ seq: 6 }), { ...snapshot, candidates: [bad, ...rest] }) };
    expect(await importBundle(superior.ctx, next)).toMatchObject({ status: 'applied', seq: 6, summary: { quarantined: 1 } });
    expect(listQuarantine(superior.ctx.db, 'CB014')).toEqual([expect.objectContaining({ recordKind: 'candidate', recordKey: first!.id, retryable: true, reason: expect.stringContaining('birthDate') })]);
    expect(mirrored()).toBe(23);
  });
});
