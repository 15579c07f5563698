// Public API of the bundle layer (docs/bundle-format.md), for services and the CLI. Pure: no database, no clock, no files.
export { BUNDLE_ERRORS, bundleError, isBundleError, type BundleErrorCode } from './errors';
export {
  fingerprintOf,
  formatPublicKey,
  generateSigningKey,
  parsePrivateKey,
  parsePublicKey,
  publicKeyOf,
  readAloudCode,
  sameReadAloudCode,
  type Ed25519PrivateKey,
  type Ed25519PublicKey,
  type SigningKeyPair,
} from './keys';
export { allowedSignersLine, BUNDLE_NAMESPACE, signSshsig, verifySshsig } from './sshsig';
export {
  ageDecrypt,
  ageEncrypt,
  ageRecipientOf,
  formatAgeIdentityFile,
  generateAgeKeyPair,
  generateAgeKeyPairSync,
  isAgeRecipient,
  type AgeKeyPair,
} from './age';
export { BUNDLE_ENTRY_NAMES, BUNDLE_TAR_LIMITS, decompressTar, FORWARDED_ENTRY, MAX_DATA_BYTES, MAX_TAR_BYTES, readTar, RELAYED_ENTRY, writeTar, type TarEntry, type TarLimits } from './tar';
export { makeSums, parseSums, sha256Hex } from './sums';
export { JsonObjectReader, type JsonField } from './json-chunks';
export { checkRelayedDirective, MAX_RELAYED_DIRECTIVES, packRelayed, readRelayed, relayedFolder, type CheckedDirective, type SignedDirective } from './relayed';
export { ALLOWED_SIGNERS, checkInner, MAX_FORWARDED_UNITS, orderBelow, packForwarded, readForwarded, type CheckedInner, type SignedSnapshot } from './forwarded';
export {
  BUNDLE_FORMAT,
  BUNDLE_KINDS,
  BUNDLE_LABEL,
  bundleFileName,
  bundleManifestSchema,
  MAX_SEQ,
  parseBundleFileName,
  type BundleFileNameParts,
  type BundleKind,
  type BundleManifest,
} from './manifest';
export {
  MAX_BUNDLE_BYTES,
  openBundle,
  packBundle,
  signFiles,
  type DataWriter,
  type OpenBundleOptions,
  type OpenedBundle,
  type PackBundleInput,
  type PackedBundle,
  type SignerRecord,
} from './bundle';
export {
  classifySequence,
  formatSeqRanges,
  missingSequenceNumbers,
  SEQUENCE_MESSAGES,
  type SeqRange,
  type SequenceDecision,
  type SequenceStatus,
} from './sequence';
export { inSeqRanges, OTHER_REASONS, summariseQuarantined, SYNC_LIMITS, toSeqRanges, type ReasonCount } from './limits';
export { makeTrustFile, parseTrustFile, serializeTrustFile, TRUST_FORMAT, trustFileSchema, type TrustFile } from './trust';
