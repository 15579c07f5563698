import { ageEncrypt } from '../../../electron/core/domain/bundles/age';
import { makeSums } from '../../../electron/core/domain/bundles/sums';
import { signSshsig } from '../../../electron/core/domain/bundles/sshsig';
import type { RawEntry } from './raw-tar';
import { rawTar } from './raw-tar';

/**
 * Builds bundle files the way an attacker could: any manifest bytes, any signer, any tar records, still properly
 * age-encrypted to the victim, so each hostile variant reaches the check it targets instead of failing at
 * decryption.
 */
export type CraftInput = {
  manifest: unknown;
  data?: Uint8Array;
  /** The key that signs SHA256SUMS. */
  signingKey: string;
  recipients: readonly string[];
  /** Replaces the computed SHA256SUMS (before signing). */
  sums?: Uint8Array;
  /** Replaces the computed signature. */
  sig?: Uint8Array;
  /** Rewrites the sorted tar records before archiving. */
  records?: (records: RawEntry[]) => RawEntry[];
};

const enc = new TextEncoder();

export async function craftBundle(input: CraftInput): Promise<Uint8Array> {
  const manifest = input.manifest instanceof Uint8Array ? input.manifest : enc.encode(`${JSON.stringify(input.manifest)}\n`);
  const data = input.data ?? enc.encode('{"candidates":[]}\n');
  const sums = input.sums ?? makeSums(new Map([['data.json', data], ['manifest.json', manifest]]));
  const sig = input.sig ?? enc.encode(signSshsig(sums, input.signingKey));
  const records: RawEntry[] = [
    { name: 'SHA256SUMS', data: sums },
    { name: 'SHA256SUMS.sig', data: sig },
    { name: 'data.json', data },
    { name: 'manifest.json', data: manifest },
  ];
  return ageEncrypt(rawTar(input.records ? input.records(records) : records), input.recipients);
}
