import { parseBundleFileName } from '../../../../electron/core/domain/bundles/manifest';
import { formatSeqRanges } from '../../../../electron/core/domain/bundles/sequence';
import { BUNDLE_KIND_LABELS, labelOf } from '../../../../electron/core/model/bundle-labels';
import type { ImportStatus } from '../../../../electron/core/model/sync';

/** How the sync screens name codes and shorten hashes; the data keeps the codes. */

export const IMPORT_STATUS: Readonly<Record<ImportStatus, { label: string; tone: string }>> = {
  applied: { label: 'Đã cập nhật', tone: 'success' },
  duplicate: { label: 'Đã nhập trước đó', tone: 'muted' },
  stale: { label: 'Gói cũ, chỉ lưu', tone: 'warm' },
  conflict: { label: 'Xung đột, đã cách ly', tone: 'danger' },
  rejected: { label: 'Bị từ chối', tone: 'danger' },
};

export const KEY_STATE: Readonly<Record<string, { label: string; tone: string }>> = {
  none: { label: 'Chưa đăng ký', tone: 'neutral' },
  unverified: { label: 'Chưa xác nhận mã', tone: 'warm' },
  verified: { label: 'Đã xác nhận', tone: 'success' },
  revoked: { label: 'Đã thu hồi khóa', tone: 'danger' },
};

export const RECORD_KIND_LABELS: Readonly<Record<string, string>> = {
  candidate: 'Hồ sơ người vào Đảng',
  member: 'Đảng viên',
  target: 'Chỉ tiêu',
  'frozen-report': 'Báo cáo đã chốt',
  bundle: 'Cả tệp',
  decision: 'Quyết định',
  rulebook: 'Bộ quy tắc',
};


export { BUNDLE_KIND_LABELS, countsText, DIRECTIVE_ITEM_LABELS, labelOf } from '../../../../electron/core/model/bundle-labels';

/** A bundle as "Báo cáo 2026Q4"; an enrolment's label is a fixed word, not a period, so it is left out. */
export function bundleTitle(kind: string | null, label: string | null): string {
  // The last report to the superior a unit moved away from (its label names no period).
  if (kind === 'unit-report' && label === 'CHUYENDI') {
    return 'Báo cáo cuối, báo chuyển đi';
  }
  const name = labelOf(BUNDLE_KIND_LABELS, kind ?? '');
  return kind === 'enrolment' || !label ? name : `${name} ${label}`;
}

/** The first 16 hex digits of a SHA-256: enough to tell files apart when two people compare them by phone. */
export const shortSha = (sha256: string): string => `${sha256.slice(0, 16)}…`;

/** The file name of a path from either Windows or Linux. */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Missing sequence numbers as "4, 6–8". */
export const missingText = (ranges: readonly { from: number; to: number }[]): string => formatSeqRanges(ranges);

/** The quarter of a day as a bundle label: 2026-11-23 → 2026Q4 (what a cell usually reports on). */
export function quarterLabel(today: string): string {
  return `${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
}

/**
 * Orders chosen files as they were made: per sender, by sequence number, so a batch picked in any order imports
 * without needless "stale" results; names that are not canonical keep their place after the others.
 */
export function orderBundlePaths(paths: readonly string[]): string[] {
  const key = (path: string) => {
    const parts = parseBundleFileName(baseName(path));
    return parts ? `0|${parts.from}|${parts.to}|${String(parts.seq).padStart(6, '0')}|${baseName(path)}` : `1|${baseName(path)}`;
  };
  return paths.toSorted((a, b) => key(a).localeCompare(key(b)));
}

/** True when a file's canonical name says this unit made it (a USB stick holds what was sent as well). */
export function madeBy(path: string, unitCode: string): boolean {
  return parseBundleFileName(baseName(path))?.from === unitCode;
}
