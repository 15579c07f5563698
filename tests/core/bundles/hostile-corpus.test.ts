import { describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt } from '../../../electron/core/domain/bundles/age';
import { openBundle, packBundle } from '../../../electron/core/domain/bundles/bundle';
import type { BundleErrorCode } from '../../../electron/core/domain/bundles/errors';
import { BUNDLE_ERRORS } from '../../../electron/core/domain/bundles/errors';
import { bitFlips, structuredVariants, truncations } from './corpus';
import { errorCode, makeParty, manifestFor, openOptions, reportData } from './fixtures';

/**
 * At least 1,000 malformed or hostile bundles (the shared corpus of ./corpus.ts), each of which must be refused by
 * openBundle with a known code and never crash it.
 */

const unit = await makeParty('CB014');
const office = await makeParty('DUK01', 'Đảng ủy phường');
const intruder = await makeParty('CB066');
const revokedUnit = await makeParty('CB015');
const options = openOptions(office, [unit, intruder, revokedUnit], { revoked: ['CB015'] });

const good = await packBundle({
  manifest: manifestFor(unit, office),
  data: reportData(2),
  signingKey: unit.signing.privateKey,
  recipients: [office.age.recipient, unit.age.recipient],
});

describe('hostile bundle corpus', () => {
  it('refuses every one of at least 1,000 malformed bundles with a known code', async () => {
    const variants = [...bitFlips(good.bytes), ...truncations(good.bytes), ...(await structuredVariants({ unit, office, intruder, revokedUnit }))];
    expect(variants.length).toBeGreaterThanOrEqual(1000);
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    for (const variant of variants) {
      const code = await errorCode(openBundle(variant.bytes, options));
      seen.set(code, (seen.get(code) ?? 0) + 1);
      const known = Object.hasOwn(BUNDLE_ERRORS, code);
      if (!known || (variant.expect && !variant.expect.includes(code as BundleErrorCode))) {
        wrong.push(`${variant.label}: ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await openBundle(good.bytes, options)).manifest.seq).toBe(17);
    expect(seen.size).toBeGreaterThan(15);
  });

  it('opens a bundle re-encrypted after a bit flip in its tar only if the signed content is untouched', async () => {
    // An attacker who can encrypt to the office can corrupt the tar itself; flips land in headers, padding, data.
    const tar = await ageDecrypt(good.bytes, [office.age.identity]);
    const wrong: string[] = [];
    let opened = 0;
    for (let k = 0; k < 240; k++) {
      const offset = Math.floor((tar.length * k) / 240) + (k % 7);
      const flipped = tar.slice();
      flipped[offset] = (flipped[offset] ?? 0) ^ (1 << k % 8);
      const bytes = await ageEncrypt(flipped, [office.age.recipient]);
      try {
        const result = await openBundle(bytes, options);
        opened += 1;
        if (result.sumsSha256 !== good.sumsSha256) {
          wrong.push(`flip at ${offset} opened with other content`);
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? String(error);
        if (!Object.hasOwn(BUNDLE_ERRORS, code)) {
          wrong.push(`flip at ${offset}: ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // Flips in zero padding after a file's data change nothing that is read; everything else must be refused.
    expect(opened).toBeLessThan(240 / 4);
  });
});
