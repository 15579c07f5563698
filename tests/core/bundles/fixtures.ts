import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../electron/core/errors';
import type { AgeKeyPair } from '../../../electron/core/domain/bundles/age';
import { generateAgeKeyPair } from '../../../electron/core/domain/bundles/age';
import type { OpenBundleOptions, SignerRecord } from '../../../electron/core/domain/bundles/bundle';
import type { SigningKeyPair } from '../../../electron/core/domain/bundles/keys';
import { generateSigningKey } from '../../../electron/core/domain/bundles/keys';
import type { BundleManifest } from '../../../electron/core/domain/bundles/manifest';

/** A unit with both of its key pairs. */
export type Party = { code: string; name: string; signing: SigningKeyPair; age: AgeKeyPair };

export async function makeParty(code: string, name = `Chi bộ ${code}`): Promise<Party> {
  return { code, name, signing: generateSigningKey(code), age: await generateAgeKeyPair() };
}

export function manifestFor(from: Party, to: Party, over: Partial<BundleManifest> = {}): BundleManifest {
  return {
    format: 'ptdv.bundle/1',
    kind: 'unit-report',
    bundleId: randomUUID(),
    from: { code: from.code, name: from.name, level: 'chi-bo', keyFingerprint: from.signing.fingerprint },
    to: { code: to.code, ageRecipient: to.age.recipient },
    seq: 17,
    prevSha256: null,
    label: '2026Q4',
    createdAt: '2026-12-28T09:12:00+07:00',
    app: { version: '1.0.0', schemaVersion: 3 },
    counts: { candidates: 2, members: 23 },
    ...over,
  };
}

/** Options for `me` opening bundles from units whose keys are enrolled (revoked ones listed in `revoked`). */
export function openOptions(
  me: Party,
  enrolled: readonly Party[],
  over: Partial<OpenBundleOptions> & { revoked?: readonly string[] } = {},
): OpenBundleOptions {
  const keys = new Map<string, SignerRecord>(
    enrolled.map((p) => [p.code, { publicKey: p.signing.publicKey, revoked: over.revoked?.includes(p.code) ?? false }]),
  );
  return {
    identities: [me.age.identity],
    lookupSignerKey: (code) => keys.get(code) ?? null,
    myCode: me.code,
    acceptedKinds: (code) => (keys.has(code) ? ['unit-report', 'enrolment'] : ['enrolment']),
    ...over,
  };
}

/** A unit-report-like payload of `n` candidates with Vietnamese names and event histories. */
export function reportData(n: number): unknown {
  const given = ['An', 'Bình', 'Dũng', 'Đức', 'Hà', 'Lan', 'Minh', 'Ngọc', 'Thu', 'Yến'];
  const candidates = Array.from({ length: n }, (_, i) => ({
    id: `c-${String(i).padStart(5, '0')}`,
    fullName: `Nguyễn Thị ${given[i % given.length]} ${i}`,
    birthDate: `199${i % 10}-0${(i % 9) + 1}-1${i % 10}`,
    stage: i % 3 === 0 ? 'cam-tinh' : 'hoc-lop',
    events: Array.from({ length: 6 }, (_, j) => ({
      id: `e-${i}-${j}`,
      type: ['CAM_TINH', 'HOC_LOP', 'DON_XIN', 'LY_LICH', 'THAM_TRA', 'CHI_BO_XET'][j],
      date: `2026-0${(j % 9) + 1}-15`,
      note: 'Đã hoàn thành theo quy định, có xác nhận của chi ủy.',
    })),
  }));
  return { unit: { code: 'CB014', name: 'Chi bộ Tổ dân phố 14' }, candidates, members: [] };
}

/** Fails the test (never skips it) when a Debian tool the interop tests need is missing. */
export function requireTool(name: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`${name} is not installed: apt-get install age openssh-client coreutils tar jq`);
  }
}

export type RunResult = { status: number | null; stdout: string; stderr: string };

/** Runs a tool with an optional stdin and returns its exit status and text output. */
export function run(cmd: string, args: readonly string[], opts: { cwd?: string; input?: Uint8Array | string } = {}): RunResult {
  const result = spawnSync(cmd, args, { cwd: opts.cwd, input: opts.input, encoding: 'utf8' });
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The code of the AppError a promise rejects with, or 'RESOLVED' / 'NOT_APP_ERROR:<message>'. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'RESOLVED';
  } catch (error) {
    if (error instanceof AppError && error.kind === 'validation' && error.code) {
      return error.code;
    }
    return `NOT_APP_ERROR:${String(error)}`;
  }
}
