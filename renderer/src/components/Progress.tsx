type ProgressProps = {
  achieved: number;
  target: number;
  /** A period already over without reaching its target is shown in red: it can no longer be caught up. */
  ended?: boolean;
  label: string;
};

/** Admissions against a target as "3/4 người · 75%" over a bar; the bar stops at 100% but the figures do not. */
export function Progress({ achieved, target, ended = false, label }: ProgressProps) {
  const percent = target === 0 ? null : Math.round((achieved / target) * 1000) / 10;
  const tone = percent === null || percent >= 100 ? 'done' : ended ? 'late' : 'running';
  return (
    <div className={`progress progress-${tone}`}>
      <div className="progress-figures">
        <strong>
          {achieved.toLocaleString('vi-VN')}/{target.toLocaleString('vi-VN')}
        </strong>{' '}
        người
        {percent === null ? null : <span className="progress-percent"> · {percent.toLocaleString('vi-VN')}%</span>}
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={Math.min(achieved, target)}
        aria-valuetext={`${achieved}/${target} người`}
      >
        <div className="progress-fill" style={{ width: `${Math.min(100, percent ?? 100)}%` }} />
      </div>
    </div>
  );
}
