import { describe, expect, it } from 'vitest';
import { makeTrustFile, parseTrustFile, serializeTrustFile } from '../../../electron/core/domain/bundles/trust';
import { makeParty } from './fixtures';

const office = await makeParty('DUK01', 'Đảng ủy phường Bến Thành');
const other = await makeParty('DUK02');
const input = {
  code: 'DUK01',
  name: office.name,
  level: 'dang-bo-co-so' as const,
  ageRecipient: office.age.recipient,
  publicKey: office.signing.publicKey,
  createdAt: '2026-10-01T08:00:00+07:00',
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('trust file (ptdv.trust/1)', () => {
  it('round-trips and carries the fingerprint of the key it holds', () => {
    const text = serializeTrustFile(makeTrustFile(input));
    const trust = parseTrustFile(text);
    expect(trust.format).toBe('ptdv.trust/1');
    expect(trust.keyFingerprint).toBe(office.signing.fingerprint);
    expect(trust.name).toBe('Đảng ủy phường Bến Thành');
  });

  it('refuses a file whose fingerprint was edited to match another key', () => {
    const trust = { ...makeTrustFile(input), keyFingerprint: other.signing.fingerprint };
    expect(codeOf(() => parseTrustFile(JSON.stringify(trust)))).toBe('TRUST_INVALID');
  });

  it('refuses broken JSON, bad recipients, bad keys and unknown fields', () => {
    const good = makeTrustFile(input);
    for (const text of [
      '{',
      JSON.stringify({ ...good, ageRecipient: `${good.ageRecipient.slice(0, -1)}${good.ageRecipient.endsWith('q') ? 'p' : 'q'}` }),
      JSON.stringify({ ...good, publicKey: 'ssh-rsa AAAA' }),
      JSON.stringify({ ...good, privateKey: 'oops' }),
      JSON.stringify({ ...good, format: 'ptdv.trust/2' }),
    ]) {
      expect(codeOf(() => parseTrustFile(text))).toBe('TRUST_INVALID');
    }
  });
});
