import { z } from 'zod';
import { bundleError } from './errors';

/**
 * `manifest.json` of `ptdv.bundle/1` (docs/bundle-format.md): who sent the bundle, to whom, what kind, and its place in the
 * sender's sequence. It is covered by the signature, so these fields are what binds a bundle to its purpose.
 */

export const BUNDLE_FORMAT = 'ptdv.bundle/1';
export const BUNDLE_KINDS = ['unit-report', 'directive', 'enrolment'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

/** Unit levels, as in the units table; repeated here because the wire format must not follow internal renames. */
export const BUNDLE_UNIT_LEVELS = ['chi-bo', 'dang-bo-co-so', 'cap-tren'] as const;

/** Unit codes never contain "_", which separates the parts of a bundle file name. */
export const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
/** Period labels such as 2026Q4, 2026-12 or 2026. */
export const BUNDLE_LABEL = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
/** Six digits in the file name. */
export const MAX_SEQ = 999_999;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'mã băm SHA-256 gồm 64 chữ số hex thường');
const unitCode = z.string().regex(UNIT_CODE, 'mã đơn vị chỉ gồm chữ in hoa không dấu, số và dấu gạch');

export const bundleManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  kind: z.enum(BUNDLE_KINDS),
  bundleId: z.uuid(),
  from: z.strictObject({
    code: unitCode,
    name: z.string().min(1).max(200),
    level: z.enum(BUNDLE_UNIT_LEVELS),
    keyFingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'dấu vân tay khóa SHA256:…'),
  }),
  to: z.strictObject({
    code: unitCode,
    ageRecipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'người nhận age1…'),
  }),
  seq: z.number().int().min(1).max(MAX_SEQ),
  prevSha256: sha256Hex.nullable(),
  label: z.string().regex(BUNDLE_LABEL, 'nhãn kỳ như 2026Q4'),
  createdAt: z.iso.datetime({ offset: true }),
  app: z.strictObject({ version: z.string().min(1).max(40), schemaVersion: z.number().int().min(1) }),
  counts: z.record(z.string().max(40), z.number().int().min(0)),
});

export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** The bytes of `manifest.json`: indented, so an auditor's `jq .` and a text editor both read it easily. */
export function serializeManifest(manifest: BundleManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(bundleManifestSchema.parse(manifest), null, 2)}\n`);
}

/** The parts of a bundle file name. */
export type BundleFileNameParts = { from: string; to: string; label: string; seq: number };

/** `CB014_DUK01_2026Q4_s000017.ptdv`. Throws AppError BUNDLE_NAME_INVALID when a part cannot appear in a name. */
export function bundleFileName(from: string, to: string, label: string, seq: number): string {
  if (!UNIT_CODE.test(from) || !UNIT_CODE.test(to) || !BUNDLE_LABEL.test(label)) {
    throw bundleError('BUNDLE_NAME_INVALID', `${from}/${to}/${label}`);
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) {
    throw bundleError('BUNDLE_NAME_INVALID', `số thứ tự ${seq}`);
  }
  return `${from}_${to}_${label}_s${String(seq).padStart(6, '0')}.ptdv`;
}

const FILE_NAME = /^([A-Z0-9][A-Z0-9-]{1,31})_([A-Z0-9][A-Z0-9-]{1,31})_([A-Za-z0-9][A-Za-z0-9-]{0,31})_s(\d{6})\.ptdv$/;

/** Parses a canonical bundle file name (base name only), or returns null. */
export function parseBundleFileName(fileName: string): BundleFileNameParts | null {
  const match = FILE_NAME.exec(fileName);
  if (!match?.[1] || !match[2] || !match[3] || !match[4]) {
    return null;
  }
  const seq = Number(match[4]);
  return seq >= 1 ? { from: match[1], to: match[2], label: match[3], seq } : null;
}
