import { formatSeqRanges } from '../core/domain/bundles/index';
import { BUNDLE_KIND_LABELS, countsText, labelOf } from '../core/model/bundle-labels';
import type { ImportOutcome } from '../core/model/sync';
import type { MadeBundle } from '../core/services/bundle-export';
import type { CliIo } from './io';

/** How bundle commands report: one line per file for people, or one JSON document for scripts. */

function summaryText(o: ImportOutcome): string {
  const s = o.summary;
  const counts = s ? ` (thêm ${s.added}, sửa ${s.changed}, bỏ ${s.removed}, cách ly ${s.quarantined})` : '';
  const warnings = s?.warnings.length ? `\n    ${s.warnings.join('\n    ')}` : '';
  return `${counts}${warnings}`;
}

const STATUS_TEXT: Record<ImportOutcome['status'], string> = {
  applied: 'áp dụng',
  duplicate: 'đã nhận trước đó',
  stale: 'cũ hơn, chỉ lưu trữ',
  conflict: 'trùng số khác nội dung, để riêng',
  rejected: 'bị từ chối',
};

/** The closing line: how many files ended each way, and the forwarded snapshots refused inside applied files. */
function totalsText(outcomes: readonly ImportOutcome[], verifyOnly: boolean): string {
  const parts = (Object.keys(STATUS_TEXT) as ImportOutcome['status'][]).flatMap((status) => {
    const n = outcomes.filter((o) => o.status === status).length;
    // A check applies nothing: what would apply has passed every check.
    const text = verifyOnly && status === 'applied' ? 'đạt mọi bước kiểm tra' : STATUS_TEXT[status];
    return n > 0 ? [`${n} ${text}`] : [];
  });
  const inner = outcomes.reduce((n, o) => n + (o.refusedInner?.length ?? 0), 0);
  return `${outcomes.length} tệp: ${parts.join(', ')}${inner > 0 ? `; ${inner} hồ sơ chuyển tiếp bị từ chối` : ''}.`;
}

/**
 * Prints per-file outcomes: `STATUS  FILE  message`, a rejection with its code. Returns the exit code: 0 only
 * when no file and no forwarded snapshot was rejected.
 */
export function printOutcomes(io: CliIo, outcomes: readonly ImportOutcome[], json: boolean, verifyOnly = false): number {
  if (json) {
    io.out(JSON.stringify({ files: outcomes }, null, 2));
  } else {
    for (const o of outcomes) {
      const code = o.code ? `[${o.code}] ` : '';
      io.out(`${o.status.padEnd(9)} ${o.file}  ${code}${o.message}${summaryText(o)}`);
      if (o.missing.length > 0 && o.from) {
        io.out(`    Thiếu gói số ${formatSeqRanges(o.missing)} từ ${o.from}.`);
      }
    }
    io.err(totalsText(outcomes, verifyOnly));
  }
  // A refused forwarded snapshot is a refusal too, even though the file that carried it applied.
  return outcomes.some((o) => o.status === 'rejected' || (o.refusedInner?.length ?? 0) > 0) ? 1 : 0;
}

/** After writing a bundle: its path on stdout (for scripts), the details on stderr. */
export function printMade(io: CliIo, path: string, made: MadeBundle): void {
  io.out(path);
  const kind = labelOf(BUNDLE_KIND_LABELS, made.bundle.kind).toLowerCase();
  io.err(`Gói số ${made.bundle.seq} (${kind}) gửi ${made.bundle.to}: ${countsText(made.bundle.counts)}; mã băm SHA-256 ${made.bundle.sha256}.`);
  io.err(`Mã vân tay của đơn vị gửi: ${made.bundle.readAloudCode}`);
}
