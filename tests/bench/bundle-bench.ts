import { performance } from 'node:perf_hooks';
import { ageDecrypt } from '../../electron/core/domain/bundles/age';
import type { PackedBundle } from '../../electron/core/domain/bundles/bundle';
import { openBundle, packBundle } from '../../electron/core/domain/bundles/bundle';
import { decompressTar, readTar } from '../../electron/core/domain/bundles/tar';
import { makeParty, manifestFor, openOptions, reportData } from '../core/bundles/fixtures';

const BUNDLES = 500;
const CANDIDATES_PER_BUNDLE = 100;

/**
 * The crypto and container cost of the superior's import (issue 4): packs 500 unit-report bundles of 100
 * candidates each, then opens all 500 (decrypt, strict tar, SSHSIG verify, SHA256SUMS, manifest and JSON parse),
 * and times decryption and tar parsing apart so the figures show where the time goes. No database.
 */
export async function benchBundleCrypto(): Promise<Record<string, number | string>> {
  const unit = await makeParty('CB014');
  const office = await makeParty('DUK01', 'Đảng ủy phường');
  const data = reportData(CANDIDATES_PER_BUNDLE);
  const pack = (seq: number) =>
    packBundle({
      manifest: manifestFor(unit, office, { seq, counts: { candidates: CANDIDATES_PER_BUNDLE } }),
      data,
      signingKey: unit.signing.privateKey,
      recipients: [office.age.recipient, unit.age.recipient],
    });
  await pack(1);
  const packStart = performance.now();
  const packed: PackedBundle[] = [];
  for (let seq = 1; seq <= BUNDLES; seq++) {
    packed.push(await pack(seq));
  }
  const packMs = performance.now() - packStart;
  const options = openOptions(office, [unit]);
  const openStart = performance.now();
  for (const bundle of packed) {
    await openBundle(bundle.bytes, options);
  }
  const openMs = performance.now() - openStart;
  const decryptStart = performance.now();
  const tars = [];
  for (const bundle of packed) {
    tars.push(await ageDecrypt(bundle.bytes, [office.age.identity]));
  }
  const decryptMs = performance.now() - decryptStart;
  const gunzipStart = performance.now();
  const bare = [];
  for (const tar of tars) {
    bare.push(await decompressTar(tar));
  }
  const gunzipMs = performance.now() - gunzipStart;
  const tarStart = performance.now();
  for (const tar of bare) {
    await readTar(tar);
  }
  const tarMs = performance.now() - tarStart;
  const bytes = packed[0]?.bytes.length ?? 0;
  return {
    bundles: BUNDLES,
    'candidates/bundle': CANDIDATES_PER_BUNDLE,
    'bundle KiB': Math.round(bytes / 1024),
    'pack ms/bundle': +(packMs / BUNDLES).toFixed(2),
    'open ms/bundle': +(openMs / BUNDLES).toFixed(2),
    'open 500 bundles ms': Math.round(openMs),
    'bundles/s opened': Math.round(BUNDLES / (openMs / 1000)),
    'of which age decrypt ms/bundle': +(decryptMs / BUNDLES).toFixed(2),
    'of which gunzip ms/bundle': +(gunzipMs / BUNDLES).toFixed(2),
    'of which tar read ms/bundle': +(tarMs / BUNDLES).toFixed(2),
  };
}
