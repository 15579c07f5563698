import { z } from 'zod';
import { isAgeRecipient } from './age';
import { bundleError } from './errors';
import { fingerprintOf, parsePublicKey } from './keys';
import { BUNDLE_UNIT_LEVELS, UNIT_CODE } from './manifest';
import { describeRecordIssues } from '../../errors';

/**
 * The trust file a superior hands to a unit before any bundle can flow (`ptdv.trust/1`): the superior's code and
 * name, the age recipient bundles to it are encrypted to, and the Ed25519 key its directives are signed with.
 * It carries public keys only; the unit checks the fingerprint read aloud before relying on it.
 */

export const TRUST_FORMAT = 'ptdv.trust/1';

export const trustFileSchema = z.strictObject({
  format: z.literal(TRUST_FORMAT),
  code: z.string().regex(UNIT_CODE, 'mã đơn vị chỉ gồm chữ in hoa không dấu, số và dấu gạch'),
  name: z.string().min(1).max(200),
  level: z.enum(BUNDLE_UNIT_LEVELS),
  ageRecipient: z.string().refine(isAgeRecipient, 'người nhận age1… không hợp lệ'),
  publicKey: z.string().refine(isSshEd25519, 'khóa công khai ssh-ed25519 không hợp lệ'),
  keyFingerprint: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});

export type TrustFile = z.infer<typeof trustFileSchema>;

function isSshEd25519(line: string): boolean {
  try {
    parsePublicKey(line);
    return true;
  } catch {
    return false;
  }
}

/** Builds a trust file; the fingerprint is computed here, never taken from the caller. */
export function makeTrustFile(input: Omit<TrustFile, 'format' | 'keyFingerprint'>): TrustFile {
  return trustFileSchema.parse({ ...input, format: TRUST_FORMAT, keyFingerprint: fingerprintOf(input.publicKey) });
}

/** The file's text: indented JSON with a final newline. */
export function serializeTrustFile(trust: TrustFile): string {
  return `${JSON.stringify(trustFileSchema.parse(trust), null, 2)}\n`;
}

/**
 * Parses and checks a trust file, including that its stated fingerprint belongs to its key (a hand-edited
 * fingerprint would otherwise be read aloud and confirmed). Throws AppError TRUST_INVALID.
 */
export function parseTrustFile(text: string): TrustFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bundleError('TRUST_INVALID', 'nội dung không đọc được');
  }
  const parsed = trustFileSchema.safeParse(json);
  if (!parsed.success) {
    throw bundleError('TRUST_INVALID', describeRecordIssues(parsed.error.issues));
  }
  if (parsed.data.keyFingerprint !== fingerprintOf(parsed.data.publicKey)) {
    throw bundleError('TRUST_INVALID', 'dấu vân tay không khớp với khóa công khai');
  }
  return parsed.data;
}
