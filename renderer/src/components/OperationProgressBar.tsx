import type { OperationProgress } from '../lib/progress';
import { formatBytes } from '../../../electron/core/model/format';

/**
 * A long operation's step and how far it is: "Ghi tệp sao lưu · 12,5/80 MB" over a bar. A step that cannot tell how
 * far it is (total 0) shows a bar moving back and forth instead of a made-up figure.
 */
export function OperationProgressBar({ progress, label }: { progress: OperationProgress | null; label: string }) {
  if (!progress) {
    return null;
  }
  const { step, done, total, unit } = progress;
  const known = total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : null;
  const figures = !known ? '' : unit === 'bytes' ? `${formatBytes(done)}/${formatBytes(total)}` : `bước ${Math.min(done + 1, total)}/${total}`;
  return (
    <div className="operation-progress" data-testid="operation-progress" aria-live="polite">
      <p className="progress-figures">
        <strong>{step}</strong>
        {figures ? <span className="muted"> · {figures}</span> : null}
        {percent !== null && unit === 'bytes' ? <span className="muted"> · {percent}%</span> : null}
      </p>
      <div
        className={`progress-track${known ? '' : ' progress-indeterminate'}`}
        role="progressbar"
        aria-label={`${label}: ${step}`}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
      >
        <div className="progress-fill" style={{ width: `${known ? percent : 30}%` }} />
      </div>
    </div>
  );
}
