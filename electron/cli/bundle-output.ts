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

/**
 * Prints per-file outcomes: `STATUS  FILE  message`, a rejection with its code. Returns the exit code: 0 only
 * when no file and no forwarded snapshot was rejected.
 */
export function printOutcomes(io: CliIo, outcomes: readonly ImportOutcome[], json: boolean): number {
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
    const rejected = outcomes.filter((o) => o.status === 'rejected').length;
    io.err(`${outcomes.length} tệp: ${outcomes.length - rejected} được nhận, ${rejected} bị từ chối.`);
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
