import { describe, expect, it } from 'vitest';
import { bundleFileName, bundleManifestSchema, parseBundleFileName } from '../../../electron/core/domain/bundles/manifest';
import { makeParty, manifestFor } from './fixtures';

const unit = await makeParty('CB014');
const office = await makeParty('DUK01');

describe('bundle file names', () => {
  it('names a bundle <from>_<to>_<label>_s<6-digit seq>.ptdv and parses it back', () => {
    expect(bundleFileName('CB014', 'DUK01', '2026Q4', 17)).toBe('CB014_DUK01_2026Q4_s000017.ptdv');
    expect(parseBundleFileName('CB014_DUK01_2026Q4_s000017.ptdv')).toEqual({ from: 'CB014', to: 'DUK01', label: '2026Q4', seq: 17 });
    expect(parseBundleFileName(bundleFileName('DU-K01', 'TU1', '2026-12', 999_999))).toEqual({ from: 'DU-K01', to: 'TU1', label: '2026-12', seq: 999_999 });
  });

  it('rejects names that could not have been written', () => {
    for (const name of ['CB014_DUK01_2026Q4_s000000.ptdv', 'CB014_DUK01_2026Q4_s17.ptdv', 'cb014_DUK01_2026Q4_s000017.ptdv', 'CB014_DUK01_2026Q4_s000017 (1).ptdv', '../CB014_DUK01_2026Q4_s000017.ptdv']) {
      expect(parseBundleFileName(name)).toBeNull();
    }
    expect(() => bundleFileName('CB_014', 'DUK01', '2026Q4', 1)).toThrow(expect.objectContaining({ code: 'BUNDLE_NAME_INVALID' }));
    expect(() => bundleFileName('CB014', 'DUK01', '2026Q4', 1_000_000)).toThrow(expect.objectContaining({ code: 'BUNDLE_NAME_INVALID' }));
  });
});

describe('manifest schema', () => {
  it('accepts the docs/bundle-format.md example shape', () => {
    expect(bundleManifestSchema.safeParse(manifestFor(unit, office, { prevSha256: 'a'.repeat(64) })).success).toBe(true);
  });

  it('rejects unknown fields, other formats and kinds, and malformed keys', () => {
    const good = manifestFor(unit, office);
    const bad = [
      { ...good, extra: true },
      { ...good, format: 'ptdv.bundle/2' },
      { ...good, kind: 'backup' },
      { ...good, to: { ...good.to, ageRecipient: 'age1pq1xyz' } },
      { ...good, from: { ...good.from, keyFingerprint: 'MD5:00' } },
      { ...good, from: { ...good.from, code: 'cb014' } },
      { ...good, createdAt: '2026-12-28 09:12' },
      { ...good, prevSha256: 'A'.repeat(64) },
      { ...good, counts: { candidates: -1 } },
    ];
    for (const value of bad) {
      expect(bundleManifestSchema.safeParse(value).success).toBe(false);
    }
  });
});
